"""The incoming register books of Decree 30 Appendix IV, as rows: the business rules of each column live here.

- Sổ đăng ký văn bản đến (incoming register, 10 columns): ``incoming_register_rows``.
- Sổ theo dõi giải quyết văn bản đến (follow-up register, 7 columns): ``followup_rows``.

Both take a queryset that the caller has already restricted with ``visible_incoming(user)`` (see
``book_queryset``) and read it with two queries: the documents (with their type and the leader they were presented
to) and the handling assignments of all of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from vanthu.common.deadlines import DeadlineStatus, deadline_status
from vanthu.documents import registerbook as shared
from vanthu.documents.exports import Column, Cover
from vanthu.documents.registerbook import default_register, month_range  # noqa: F401 (also imported from here)
from vanthu.organization.models import Agency
from vanthu.registers.models import Register

from .models import Assignment, IncomingDocument
from .queries import status_dates
from .states import AssignmentRole, AssignmentState, DocState

#: Order of the roles in the "Đơn vị hoặc người nhận" column.
ROLE_ORDER = {AssignmentRole.LEAD: 0, AssignmentRole.COOP: 1, AssignmentRole.INFO: 2}


# --- which documents -------------------------------------------------------------------------------------------


def selectable_registers(user, visible: QuerySet[IncomingDocument]) -> QuerySet[Register]:
    """The incoming registers of the user's agency that the user may open as a book.

    A secret register is offered only to clerks and to people who see at least one of its documents.
    """
    return shared.selectable_registers(user, visible, Register.Direction.INCOMING)


def book_queryset(
    visible: QuerySet[IncomingDocument], register: Register, date_from: date, date_to: date
) -> QuerySet[IncomingDocument]:
    """Documents of ``register`` received from ``date_from`` to ``date_to`` (local days, both included), in the
    order of the register: year, then incoming number. ``visible`` is ``visible_incoming(user)``."""
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(date_from, time.min), zone)
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min), zone)
    # F("number") + 0: sort the few rows of the range instead of walking the number index (PostgreSQL)
    return visible.filter(register=register, received_at__gte=start, received_at__lt=end).order_by(
        "year", F("number") + 0, "id"
    )


def _with_related(qs: QuerySet[IncomingDocument]) -> QuerySet[IncomingDocument]:
    assignments = (
        # the top-level parts are picked in Python (_receivers): a parent IS NULL condition makes SQLite walk
        # the parent index of every assignment
        Assignment.objects.exclude(state=AssignmentState.RETURNED)
        .select_related("unit", "user")
        .order_by("assigned_at", "id")
    )
    return qs.select_related("doc_type", "presented_to").prefetch_related(
        Prefetch("assignments", queryset=assignments, to_attr="book_assignments")
    )


# --- the columns' rules ----------------------------------------------------------------------------------------


def _local_date(value: datetime | None) -> date | None:
    return timezone.localdate(value) if value else None


def _vn(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def recipients_text(doc: IncomingDocument) -> str:
    """Đơn vị hoặc người nhận: the units/people the document was handed to, with their part, e.g.
    "Phòng Kinh tế (chủ trì); Phòng Văn hóa - Xã hội (phối hợp)". Parts given back (trả lại) are left out.
    A document only presented so far shows the leader it was presented to."""
    top = [a for a in getattr(doc, "book_assignments", ()) if a.parent_id is None]
    parts = sorted(top, key=lambda a: ROLE_ORDER.get(a.role, 9))
    if parts:
        return "; ".join(f"{a.holder_name} ({str(AssignmentRole(a.role).label).lower()})" for a in parts)
    if doc.presented_to_id:
        return str(doc.presented_to)
    return ""


def note_text(doc: IncomingDocument) -> str:
    """Ghi chú: the urgency and secrecy marks (in capitals, as stamped) then the clerk's note."""
    marks = shared.stamp_marks(doc)
    if doc.note.strip():
        marks.append(doc.note.strip())
    return "; ".join(marks)


def type_and_abstract(doc: IncomingDocument) -> str:
    """Tên loại và trích yếu nội dung văn bản."""
    return f"{doc.doc_type.name}: {doc.abstract}"


def document_description(doc: IncomingDocument) -> str:
    """Tên loại, số, ký hiệu, ngày tháng và cơ quan ban hành, then the abstract on its own line."""
    values = {
        "type": doc.doc_type.name,
        "code": doc.code,
        "date": _vn(doc.document_date),
        "sender": doc.sender_name,
    }
    if doc.code:
        head = _("%(type)s số %(code)s ngày %(date)s của %(sender)s") % values
    else:
        head = _("%(type)s ngày %(date)s của %(sender)s") % values
    return f"{head}\n{doc.abstract}" if doc.abstract else head


def progress_text(doc: IncomingDocument, status: DeadlineStatus) -> str:
    """Tiến độ giải quyết: "Hoàn thành ngày 05/02/2026" once completed (noting a late completion), otherwise the
    state and the deadline status, e.g. "Đang xử lý — Quá hạn"."""
    if doc.state == DocState.COMPLETED:
        done = doc.completed_on or _local_date(doc.completed_at)
        if done is None:
            return str(DocState.COMPLETED.label)
        if status == DeadlineStatus.LATE:
            return _("Hoàn thành ngày %(date)s (quá hạn)") % {"date": _vn(done)}
        return _("Hoàn thành ngày %(date)s") % {"date": _vn(done)}
    return f"{DocState(doc.state).label} — {status.label}"


# --- rows ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterRow:
    """One line of the Sổ đăng ký văn bản đến."""

    pk: int
    received_on: date  # (1) Ngày đến
    number: int  # (2) Số đến
    sender: str  # (3) Tác giả
    code: str  # (4) Số, ký hiệu văn bản
    document_date: date  # (5) Ngày tháng văn bản
    type_and_abstract: str  # (6) Tên loại và trích yếu nội dung
    recipients: str  # (7) Đơn vị hoặc người nhận
    handed_over_on: date | None  # (8) Ngày chuyển
    note: str  # (10) Ghi chú — (9) Ký nhận is left empty for signatures on paper
    urgent: bool
    secret: bool

    def cells(self) -> list:
        return [
            self.received_on,
            self.number,
            self.sender,
            self.code,
            self.document_date,
            self.type_and_abstract,
            self.recipients,
            self.handed_over_on,
            "",
            self.note,
        ]


@dataclass(frozen=True)
class FollowupRow:
    """One line of the Sổ theo dõi giải quyết văn bản đến."""

    pk: int
    number: int  # (1) Số đến
    document: str  # (2) Tên loại, số, ký hiệu, ngày tháng, cơ quan ban hành
    recipients: str  # (3) Đơn vị hoặc người nhận
    deadline: date | None  # (4) Thời hạn giải quyết
    progress: str  # (5) Tiến độ giải quyết
    reply: str  # (6) Số, ký hiệu văn bản trả lời
    note: str  # (7) Ghi chú
    status: DeadlineStatus
    urgent: bool
    secret: bool

    def cells(self) -> list:
        return [
            self.number,
            self.document,
            self.recipients,
            self.deadline,
            self.progress,
            self.reply,
            self.note,
        ]


def incoming_register_rows(qs: QuerySet[IncomingDocument]) -> list[RegisterRow]:
    """The lines of the incoming register for ``qs`` (in its order), read in two queries."""
    return [
        RegisterRow(
            pk=doc.pk,
            received_on=_local_date(doc.received_at),
            number=doc.number,
            sender=doc.sender_name,
            code=doc.code,
            document_date=doc.document_date,
            type_and_abstract=type_and_abstract(doc),
            recipients=recipients_text(doc),
            handed_over_on=_local_date(doc.handed_over_at),
            note=note_text(doc),
            urgent=doc.is_urgent,
            secret=doc.is_secret,
        )
        for doc in _with_related(qs)
    ]


def followup_rows(
    qs: QuerySet[IncomingDocument], agency_id: int | None, today: date | None = None
) -> list[FollowupRow]:
    """The lines of the follow-up register for ``qs`` (in its order); deadline status as of ``today`` with the
    agency's working-day calendar."""
    today, soon = status_dates(agency_id, today)
    rows = []
    for doc in _with_related(qs):
        status = deadline_status(doc.deadline, doc.completed_on, today, soon)
        rows.append(
            FollowupRow(
                pk=doc.pk,
                number=doc.number,
                document=document_description(doc),
                recipients=recipients_text(doc),
                deadline=doc.deadline,
                progress=progress_text(doc, status),
                reply=doc.reply_code or doc.result.strip(),
                note=note_text(doc),
                status=status,
                urgent=doc.is_urgent,
                secret=doc.is_secret,
            )
        )
    return rows


# --- the books as printed --------------------------------------------------------------------------------------


def register_columns() -> list[Column]:
    """The 10 columns of the Sổ đăng ký văn bản đến (Appendix IV, VI.2)."""
    return [
        Column(_("Ngày đến"), 14, "center"),
        Column(_("Số đến"), 8, "center"),
        Column(_("Tác giả"), 22),
        Column(_("Số, ký hiệu văn bản"), 17),
        Column(_("Ngày tháng văn bản"), 14, "center"),
        Column(_("Tên loại và trích yếu nội dung văn bản"), 35),
        Column(_("Đơn vị hoặc người nhận"), 24),
        Column(_("Ngày chuyển"), 14, "center"),
        Column(_("Ký nhận"), 9),
        Column(_("Ghi chú"), 16),
    ]


def followup_columns() -> list[Column]:
    """The 7 columns of the Sổ theo dõi giải quyết văn bản đến (Appendix IV, VIII.2)."""
    return [
        Column(_("Số đến"), 8, "center"),
        Column(_("Tên loại, số, ký hiệu, ngày, tháng và tên cơ quan, tổ chức ban hành văn bản"), 46),
        Column(_("Đơn vị hoặc người nhận"), 26),
        Column(_("Thời hạn giải quyết"), 14, "center"),
        Column(_("Tiến độ giải quyết"), 22),
        Column(_("Số, ký hiệu văn bản trả lời"), 26),
        Column(_("Ghi chú"), 16),
    ]


def book_cover(
    kind: str,
    agency: Agency,
    register: Register,
    date_from: date,
    date_to: date,
    numbers: Iterable[int] = (),
    volume: int | str = 1,
) -> Cover:
    """Bìa sổ of the incoming register (``kind="register"``) or of the follow-up register (``"followup"``,
    whose cover has no number range). ``numbers`` are the incoming numbers of the printed rows, in order."""
    register_book = kind == "register"
    title = _("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN") if register_book else _("SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN")
    return shared.book_cover(
        title,
        agency,
        register,
        date_from,
        date_to,
        numbers=numbers,
        volume=volume,
        show_numbers=register_book,
    )
