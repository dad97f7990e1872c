"""Search services: keep the index in step with the database, and search as a user.

Every change of an indexed row (a document, its assignments or grants, a task, its reports) schedules, after its
transaction commits, a background job that rewrites the items of the changed keys (``jobs.reindex_keys``);
``reindex`` rebuilds everything; ``check`` reports drift (keys missing from the index, stale, or extra).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings

from .backend import SearchBackend, open_backend
from .engine import Filters, Found
from .items import KINDS, all_items, current_stamps, item_for

PAGE_SIZE = 20


@lru_cache(maxsize=4)
def _index_at(path: str, backend: str = "tantivy") -> SearchBackend:
    return open_backend(backend, path)


def index() -> SearchBackend:
    """The configured backend (``VANTHU_SEARCH_BACKEND``): Tantivy in ``VANTHU_SEARCH_DIR`` or PostgreSQL."""
    backend = getattr(settings, "VANTHU_SEARCH_BACKEND", "tantivy")
    return _index_at(str(settings.VANTHU_SEARCH_DIR), backend)


def reindex_keys(keys: Iterable[str]) -> int:
    """Rewrite the items of ``keys`` ("incoming:12"); a key whose row is gone is deleted. Returns items written."""
    items, gone = [], []
    for key in dict.fromkeys(keys):
        kind, _, pk = key.partition(":")
        if kind not in KINDS or not pk.isdigit():
            continue
        item = item_for(kind, int(pk))
        if item is None:
            gone.append(key)
        else:
            items.append(item)
    return index().write(items, delete=gone)


def reindex_viewer(user_id: int) -> int:
    """After a person's role, unit, agency or account changed: rewrite the items whose viewers must gain or lose
    them (what their visibility queries give now against what the index lets them find)."""
    from vanthu.organization.models import User

    user = User.objects.filter(pk=user_id).select_related("unit").first()
    visible: set[str] = set()
    if user is not None and user.is_active:
        for kind, (_model, rule) in KINDS.items():
            visible |= {
                f"{kind}:{pk}" for pk in rule(user).order_by().values_list("pk", flat=True).iterator(5000)
            }
    changed = visible ^ index().keys_for_viewer(user_id)
    return reindex_keys(sorted(changed)) if changed else 0


def reindex_all(batch: int = 2000) -> int:
    """Rebuild the whole index; returns the number of items. Attached files whose text could not be read before
    (missing for a while, a storage failure) are read again."""
    from vanthu.documents.models import StoredFile
    from vanthu.documents.textlayer import ERROR, NOT_READ

    StoredFile.objects.filter(text_state=ERROR).update(text_state=NOT_READ)
    idx = index()
    idx.clear()
    total, chunk = 0, []
    for item in all_items():
        chunk.append(item)
        if len(chunk) >= batch:
            total += idx.write(chunk)
            chunk = []
    if chunk:
        total += idx.write(chunk)
    return total


@dataclass
class Drift:
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    #: indexed from the current version of the row, but found by other people than may see it now (a permission
    #: change whose job was lost: an assignment, a grant, a person moved to another unit)
    viewers: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.extra or self.viewers)


def _viewer_drift(keys: Iterable[str]) -> list[str]:
    """The keys whose indexed viewers differ from what the visibility rules give now (one visibility query and one
    index query per person)."""
    from collections import defaultdict

    from vanthu.organization.models import User

    expected: dict[str, set[int]] = defaultdict(set)
    indexed: dict[str, set[int]] = defaultdict(set)
    idx = index()
    for user in User.objects.select_related("unit").order_by("pk"):
        if user.is_active:
            for kind, (_model, rule) in KINDS.items():
                for pk in rule(user).order_by().values_list("pk", flat=True).iterator(5000):
                    expected[f"{kind}:{pk}"].add(user.pk)
        for key in idx.keys_for_viewer(user.pk):
            indexed[key].add(user.pk)
    return sorted(k for k in keys if expected.get(k, set()) != indexed.get(k, set()))


def check(viewers: bool = True) -> Drift:
    """Compare the index with the database: rows not indexed, indexed from an older version, no longer there, or
    (``viewers``) found by other people than those who may see them now."""
    indexed, current = index().stamps(), current_stamps()
    drift = Drift(
        missing=sorted(k for k in current if k not in indexed),
        stale=sorted(k for k, s in current.items() if k in indexed and indexed[k] != s),
        extra=sorted(k for k in indexed if k not in current),
    )
    if viewers:
        skip = set(drift.stale)
        drift.viewers = _viewer_drift(k for k in current if k in indexed and k not in skip)
    return drift


def search(
    user,
    text: str,
    *,
    kinds: Sequence[str] = (),
    page: int = 1,
    by_date: bool = False,
    filters: Filters | None = None,
) -> Found:
    """Search as ``user``: only what the user may see is found or counted."""
    if not getattr(user, "is_authenticated", False):
        return Found(0)
    page = max(1, page)
    return index().search(
        text,
        user.pk,
        kinds=kinds,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        by_date=by_date,
        filters=filters,
    )
