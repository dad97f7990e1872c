"""Figures of the dashboard on the handling of incoming documents (tình hình giải quyết văn bản đến), per unit.

One grouped query: the documents the user may see (``visible_incoming``) received in the period, joined to
their lead part (top-level chủ trì assignment not given back, the part ``vanthu.incoming.queries.led_by_unit``
looks for in the list; a part held by a person counts for the person's unit), grouped by unit and by the
document's computed deadline status (``vanthu.incoming.queries.with_status``: the rule the incoming list
filters with). Each figure links to the incoming list with ``lead_unit``, ``from``,
``to`` and ``status``, which gives the same documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, FilteredRelation, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vanthu.common.deadlines import DeadlineStatus
from vanthu.incoming.queries import LEAD_PART_STATES, received_between, status_dates, with_status
from vanthu.incoming.states import AssignmentRole
from vanthu.incoming.visibility import visible_incoming
from vanthu.organization.models import Unit

S = DeadlineStatus
#: columns after "received", as the incoming list's ``status`` values (its trong hạn excludes sắp đến hạn)
STATUSES = (S.ON_TIME, S.LATE, S.WITHIN, S.DUE_SOON, S.OVERDUE, S.NO_DEADLINE)


@dataclass
class IncomingRow:
    unit_id: int | None
    name: str
    counts: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in STATUSES})
    links: dict[str, str] = field(default_factory=dict)

    @property
    def received(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[tuple[int, str]]:
        """(count, link) per status column, in the order of ``STATUSES``."""
        return [(self.counts[s.value], self.links.get(s.value, "")) for s in STATUSES]


@dataclass
class IncomingStats:
    date_from: date
    date_to: date
    rows: list[IncomingRow]
    totals: IncomingRow
    headers: list[str]
    computed_at: datetime | None = None


def _links(date_from: date, date_to: date, unit_id: int | None) -> dict[str, str]:
    base = reverse("incoming:list")
    params = {"from": date_from.isoformat(), "to": date_to.isoformat()}
    if unit_id:
        params["lead_unit"] = str(unit_id)
    links = {"received": f"{base}?{urlencode(params)}"}
    links.update({s.value: f"{base}?{urlencode({**params, 'status': s.value})}" for s in STATUSES})
    return links


def _grouped(user, date_from: date, date_to: date, today: date) -> list[dict]:
    """One query: every document received (as the list counts them) joined to its lead part when it has one
    (LEFT JOIN); those without one make the row "not yet handed to a lead unit", and the total is every row."""
    lead_part = FilteredRelation(
        "assignments",
        condition=Q(
            assignments__role=AssignmentRole.LEAD,
            assignments__parent__isnull=True,
            assignments__state__in=LEAD_PART_STATES,
        ),
    )
    docs = visible_incoming(user).filter(received_between(date_from, date_to)).alias(lead_part=lead_part)
    grouped = (
        with_status(docs, user.agency_id, today)
        .order_by()
        .values(
            lead=Coalesce("lead_part__unit_id", "lead_part__user__unit_id"),
            no_lead=Exact(Coalesce("lead_part__id", Value(0)), 0),
            st=F("deadline_status"),
        )
        # no DISTINCT: a document has at most one open or done top-level lead part (a new one is only made
        # after the previous one was given back, and given-back parts are left out)
        .annotate(n=Count("id"))
    )
    return list(grouped)


def incoming_stats(
    user, date_from: date, date_to: date, today: date | None = None, *, fresh: bool = False
) -> IncomingStats:
    """Documents received from ``date_from`` to ``date_to`` per lead unit and deadline status.

    A year's aggregate costs 0.2–0.6 s at a million documents (docs/benchmarks.md §9): the grouped figures are
    kept for ``VANTHU_REPORT_CACHE_SECONDS`` per user, period and day, and the page says when they were computed.
    """
    today, _soon = status_dates(user.agency_id, today)
    key = f"reports:incoming:{user.pk}:{date_from}:{date_to}:{today}"
    seconds = settings.VANTHU_REPORT_CACHE_SECONDS
    cached = None if fresh or not seconds else cache.get(key)
    if cached is None:
        cached = (timezone.now(), _grouped(user, date_from, date_to, today))
        if seconds:
            cache.set(key, cached, seconds)
    computed_at, grouped = cached
    rows: dict[tuple, IncomingRow] = {}
    totals = IncomingRow(None, _("Tổng cộng"), links=_links(date_from, date_to, None))
    for r in grouped:
        key = ("none", None) if r["no_lead"] else ("unit", r["lead"])
        row = rows.setdefault(key, IncomingRow(key[1], ""))
        row.counts[r["st"]] += r["n"]
        totals.counts[r["st"]] += r["n"]
    names = dict(Unit.objects.filter(pk__in=[k[1] for k in rows if k[1]]).values_list("pk", "name"))
    for (kind, unit_id), row in rows.items():
        if kind == "none":
            row.name = _("Chưa giao đơn vị chủ trì")
        elif unit_id:
            row.name, row.links = names.get(unit_id, ""), _links(date_from, date_to, unit_id)
        else:
            row.name = _("Cá nhân chủ trì (không thuộc đơn vị)")
    ordered = sorted(
        rows.values(),
        key=lambda r: (not r.links, -r.counts[S.OVERDUE.value], -r.received, r.name),
    )
    headers = [str(s.label) for s in STATUSES]
    return IncomingStats(date_from, date_to, ordered, totals, headers, computed_at)
