"""What is indexed for each kind of thing, and who may see it (the viewers), from the same rules as the pages.

``viewers_of`` asks each candidate user's visibility query (``visible_incoming``, ``visible_outgoing``,
``visible_tasks``) for the one row: the viewers are by construction exactly the people the pages would show it
to. Candidates are the active users of the item's agency, and for a task also those of the outside agency that
leads it. A full rebuild inverts that: one visibility query per user and kind.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from django.db.models import Model, Prefetch, QuerySet
from django.utils import timezone

from vanthu.documents.textlayer import text_of
from vanthu.incoming.models import IncomingDocument
from vanthu.incoming.states import DocState
from vanthu.incoming.visibility import visible_incoming
from vanthu.organization.models import User
from vanthu.outgoing.models import DraftVersion, OutgoingDocument
from vanthu.outgoing.states import OutgoingState
from vanthu.outgoing.visibility import visible_outgoing
from vanthu.tasks.models import Task
from vanthu.tasks.states import TaskState
from vanthu.tasks.visibility import visible_tasks

from .engine import Item

KINDS = {
    "incoming": (IncomingDocument, visible_incoming),
    "outgoing": (OutgoingDocument, visible_outgoing),
    "task": (Task, visible_tasks),
}


#: states after which nothing is left to do (the status filter's "done")
_TASK_CLOSED = (TaskState.COMPLETED, TaskState.CANCELLED)
_OUTGOING_CLOSED = (OutgoingState.ISSUED, OutgoingState.RECALLED, OutgoingState.CANCELLED)


def key_of(obj: Model) -> str:
    kind = {IncomingDocument: "incoming", OutgoingDocument: "outgoing", Task: "task"}[type(obj)]
    return f"{kind}:{obj.pk}"


def _day(d: date | None) -> int:
    return int(d.strftime("%Y%m%d")) if d else 0


def _stamp(obj: Model) -> str:
    updated = getattr(obj, "updated_at", None)
    return updated.isoformat() if updated else ""


def _lines(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


#: words of attached files indexed per item, at most (a 300-page report's first ~15 pages)
FILE_CHARS = 50_000


def files_text(files) -> str:
    """The text layer of attached files (PDF, DOCX, text; read once per file and kept on it), up to FILE_CHARS."""
    out, left = [], FILE_CHARS
    for stored in files:
        if left <= 0:
            break
        text = text_of(stored)[:left]
        if text:
            out.append(text)
            left -= len(text)
    return "\n".join(out)


def incoming_text(doc: IncomingDocument) -> tuple[str, str]:
    title = f"{doc.doc_type.name} {doc.code} — {doc.sender_name}"
    text = _lines(
        doc.abstract,
        doc.code,
        doc.sender_name,
        doc.signer_name,
        doc.note,
        doc.direction,
        doc.reply_code,
        files_text(doc.files.all()),
    )
    return title, text


def outgoing_text(doc: OutgoingDocument) -> tuple[str, str]:
    code = doc.code or "Dự thảo"
    title = f"{doc.doc_type.name} {code}"
    signer = doc.signed_by.display_name if doc.signed_by_id else ""
    latest = [v.file for v in doc.versions.all() if v.is_latest]
    return title, _lines(doc.abstract, doc.code, doc.notation, signer, doc.note, files_text(latest))


def task_text(task: Task) -> tuple[str, str]:
    reports = list(task.reports.all())
    files = [f for r in reports for f in r.files.all()]
    return f"Nhiệm vụ: {task.content[:120]}", _lines(
        task.content,
        task.lead_name,
        task.source_code,
        task.source_abstract,
        *[r.text for r in reports],
        files_text(files),
    )


def _filter_fields(kind: str, obj: Model) -> dict:
    """What the register, unit and issuing-agency filters compare: the register's id, the units handling the item
    (units assigned an incoming document, the drafting unit, the lead and cooperating units of a task), the name of
    the agency that issued it (the sender of an incoming document, the agency itself for its own documents, the
    sender of the document a task came from)."""
    if kind == "incoming":
        units = {a.unit_id for a in obj.assignments.all() if a.unit_id}
        return {"register": obj.register_id, "units": sorted(units), "sender": obj.sender_name}
    if kind == "outgoing":
        return {"register": obj.register_id or 0, "units": [obj.drafting_unit_id], "sender": obj.agency.name}
    units = {obj.lead_unit_id} if obj.lead_unit_id else set()
    units |= {u.pk for u in obj.coop_units.all()}
    if obj.source_incoming_id:
        sender = obj.source_incoming.sender_name
    else:
        sender = obj.agency.name if obj.source_code else ""
    return {"register": 0, "units": sorted(units), "sender": sender}


def _item(kind: str, obj: Model, viewers: list[int]) -> Item:
    if kind == "incoming":
        title, text = incoming_text(obj)
        day = timezone.localdate(obj.received_at)
    elif kind == "outgoing":
        title, text = outgoing_text(obj)
        day = obj.issued_on or timezone.localdate(obj.created_at)
    else:
        title, text = task_text(obj)
        day = obj.assigned_on
    if kind == "task":
        doc_type, urgent = "", obj.priority > 0
        done, due = obj.completed_on is not None or obj.state in _TASK_CLOSED, obj.due_on
    else:
        doc_type, urgent = obj.doc_type.code, obj.urgency > 0
        if kind == "incoming":
            done, due = obj.completed_on is not None or obj.state == DocState.COMPLETED, obj.deadline
        else:
            done, due = obj.state in _OUTGOING_CLOSED, None
    return Item(
        key=f"{kind}:{obj.pk}",
        kind=kind,
        title=title,
        text=text,
        viewers=viewers,
        day=_day(day),
        stamp=_stamp(obj),
        doc_type=doc_type,
        urgent=urgent,
        done=done,
        due=_day(due),
        **_filter_fields(kind, obj),
    )


def _related(kind: str, qs: QuerySet) -> QuerySet:
    if kind == "incoming":
        return qs.select_related("doc_type").prefetch_related("assignments", "files")
    if kind == "outgoing":
        latest = Prefetch("versions", DraftVersion.objects.filter(is_latest=True).select_related("file"))
        return qs.select_related("doc_type", "signed_by", "agency").prefetch_related(latest)
    return qs.select_related(
        "lead_unit", "lead_external", "lead_user", "agency", "source_incoming"
    ).prefetch_related("reports__files", "coop_units")


def candidates(kind: str, obj: Model) -> QuerySet[User]:
    agencies = {obj.agency_id}
    if kind == "task" and obj.lead_external_id and obj.lead_external.internal_agency_id:
        agencies.add(obj.lead_external.internal_agency_id)
    return User.objects.filter(agency_id__in=agencies, is_active=True).select_related("unit")


def viewers_of(kind: str, obj: Model) -> list[int]:
    visible = KINDS[kind][1]
    return sorted(u.pk for u in candidates(kind, obj) if visible(u, pk=obj.pk).exists())


def item_for(kind: str, pk: int) -> Item | None:
    """The item of one row, or None when the row is gone (then it is deleted from the index)."""
    model = KINDS[kind][0]
    obj = _related(kind, model.objects.filter(pk=pk)).first()
    if obj is None:
        return None
    return _item(kind, obj, viewers_of(kind, obj))


def all_items(batch: int = 500) -> Iterator[Item]:
    """Every item of the installation, viewers by one visibility query per user and kind."""
    users = list(User.objects.filter(is_active=True).select_related("unit"))
    for kind, (model, visible) in KINDS.items():
        viewers: dict[int, list[int]] = defaultdict(list)
        for user in users:
            for pk in visible(user).order_by().values_list("pk", flat=True).iterator(5000):
                viewers[pk].append(user.pk)
        for obj in _related(kind, model.objects.order_by("pk")).iterator(batch):
            yield _item(kind, obj, sorted(viewers.get(obj.pk, [])))


def current_stamps() -> dict[str, str]:
    """Every key of the database with the stamp its item would carry (for the drift check)."""
    out: dict[str, str] = {}
    for kind, (model, _visible) in KINDS.items():
        for pk, updated in model.objects.values_list("pk", "updated_at").iterator(5000):
            out[f"{kind}:{pk}"] = updated.isoformat() if updated else ""
    return out
