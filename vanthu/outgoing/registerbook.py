"""The outgoing register books of Decree 30 Appendix IV, as rows: the rules of each column live here (the pages
and the XLSX/DOCX/PDF exports are ``views_registers``, on the shared ``documents.registerbook_views``).

- Sổ đăng ký văn bản đi (outgoing register, 10 columns): ``outgoing_register_rows``.
- Sổ gửi văn bản đi bưu điện (postal register, 6 columns): ``postal_rows``.

Both take querysets the caller has already restricted with ``visible_outgoing(user)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from vanthu.documents import registerbook as shared
from vanthu.documents.exports import Column, Cover
from vanthu.registers.models import Register

from .models import OutgoingDocument, PostalDispatch, Recipient, SigningAuthority
from .states import NUMBERED_STATES, OutgoingState


def book_queryset(
    visible: QuerySet[OutgoingDocument], register: Register, date_from: date, date_to: date
) -> QuerySet[OutgoingDocument]:
    """Numbered documents of ``register`` issued from ``date_from`` to ``date_to``, in register order."""
    return visible.filter(
        register=register, state__in=NUMBERED_STATES, issued_on__gte=date_from, issued_on__lte=date_to
    ).order_by("year", F("number") + 0, "id")


def type_and_abstract(doc: OutgoingDocument) -> str:
    """(3) Tên loại và trích yếu nội dung."""
    return f"{doc.doc_type.name}: {doc.abstract}"


def signer_text(doc: OutgoingDocument) -> str:
    """(4) Người ký: the name, with the authority and title as printed (``KT. CHỦ TỊCH — PHÓ CHỦ TỊCH``)."""
    if not doc.signed_by_id:
        return ""
    title = doc.signer_title
    if doc.signing_authority:
        prefix = f"{SigningAuthority(doc.signing_authority).value}. {doc.authority_of}".strip()
        title = f"{prefix} — {title}" if title else prefix
    return f"{doc.signed_by.display_name} ({title})" if title else doc.signed_by.display_name


def recipients_text(doc: OutgoingDocument) -> str:
    """(5) Nơi nhận văn bản: the recipients in order, separated by "; "."""
    return "; ".join(r.name for r in getattr(doc, "book_recipients", doc.recipients.all()))


def kept_by_text(doc: OutgoingDocument) -> str:
    """(6) Đơn vị, người nhận bản lưu: the registry and the drafting unit ("Lưu: VT, TH")."""
    return f"VT, {doc.drafting_unit.abbreviation}"


def note_text(doc: OutgoingDocument) -> str:
    """(10) Ghi chú: urgency and secrecy marks, paper numbering, recall, amendment, then the clerk's note."""
    notes = shared.stamp_marks(doc)
    if doc.state == OutgoingState.RESERVED:
        notes.append(_("Văn bản giấy, chờ bản quét"))
    if doc.state == OutgoingState.RECALLED:
        notes.append(_("Đã thu hồi: %(r)s") % {"r": doc.recall_reason})
    if doc.amends_id:
        notes.append(f"{doc.get_amend_kind_display()} {doc.amends.code}")
    if doc.note.strip():
        notes.append(doc.note.strip())
    return "; ".join(notes)


@dataclass(frozen=True)
class OutgoingRow:
    """One line of the Sổ đăng ký văn bản đi."""

    pk: int
    number: int | None  # the register number (for the cover's "Từ số … đến số …")
    code: str  # (1) Số, ký hiệu văn bản
    issued_on: date | None  # (2) Ngày tháng văn bản
    type_and_abstract: str  # (3) Tên loại và trích yếu nội dung
    signer: str  # (4) Người ký
    recipients: str  # (5) Nơi nhận văn bản
    kept_by: str  # (6) Đơn vị, người nhận bản lưu
    copies: int | None  # (7) Số lượng bản
    handed_over_on: date | None  # (8) Ngày chuyển — (9) Ký nhận is left empty for signatures on paper
    note: str  # (10) Ghi chú
    urgent: bool
    secret: bool

    def cells(self) -> list:
        return [
            self.code,
            self.issued_on,
            self.type_and_abstract,
            self.signer,
            self.recipients,
            self.kept_by,
            self.copies,
            self.handed_over_on,
            "",
            self.note,
        ]


def outgoing_register_rows(qs: QuerySet[OutgoingDocument]) -> list[OutgoingRow]:
    """The lines of the outgoing register for ``qs`` (in its order), read in two queries."""
    qs = qs.select_related("doc_type", "signed_by", "drafting_unit", "amends").prefetch_related(
        Prefetch("recipients", queryset=Recipient.objects.order_by("order", "id"), to_attr="book_recipients")
    )
    return [
        OutgoingRow(
            pk=doc.pk,
            number=doc.number,
            code=doc.code,
            issued_on=doc.issued_on,
            type_and_abstract=type_and_abstract(doc),
            signer=signer_text(doc),
            recipients=recipients_text(doc),
            kept_by=kept_by_text(doc),
            copies=doc.copies,
            handed_over_on=timezone.localdate(doc.issued_at) if doc.issued_at else None,
            note=note_text(doc),
            urgent=doc.is_urgent,
            secret=doc.is_secret,
        )
        for doc in qs
    ]


def register_columns() -> list[Column]:
    """The 10 columns of the Sổ đăng ký văn bản đi (Appendix IV)."""
    return [
        Column(_("Số, ký hiệu văn bản"), 17),
        Column(_("Ngày tháng văn bản"), 14, "center"),
        Column(_("Tên loại và trích yếu nội dung văn bản"), 35),
        Column(_("Người ký"), 20),
        Column(_("Nơi nhận văn bản"), 26),
        Column(_("Đơn vị, người nhận bản lưu"), 14),
        Column(_("Số lượng bản"), 8, "center"),
        Column(_("Ngày chuyển"), 14, "center"),
        Column(_("Ký nhận"), 9),
        Column(_("Ghi chú"), 16),
    ]


@dataclass(frozen=True)
class PostalRow:
    """One line of the Sổ gửi văn bản đi bưu điện."""

    pk: int
    sent_on: date | None  # (1) Ngày chuyển
    code: str  # (2) Số, ký hiệu văn bản
    destination: str  # (3) Nơi nhận văn bản
    envelopes: int  # (4) Số lượng bì
    receipt: str  # (5) Ký nhận và dấu bưu điện
    note: str  # (6) Ghi chú

    def cells(self) -> list:
        return [self.sent_on, self.code, self.destination, self.envelopes, self.receipt, self.note]


#: the order of the postal register: by the day handed to the post (lines not handed over yet last)
POSTAL_ORDER = (F("sent_on").asc(nulls_last=True), "id")


def postal_rows(qs: QuerySet[PostalDispatch]) -> list[PostalRow]:
    """The lines of the postal register for ``qs``, in order of the day handed to the post."""
    return [
        PostalRow(
            pk=line.pk,
            sent_on=line.sent_on,
            code=line.document.code,
            destination=line.destination,
            envelopes=line.envelopes,
            receipt=line.receipt,
            note=line.note,
        )
        for line in (qs if qs.query.is_sliced else qs.order_by(*POSTAL_ORDER)).select_related("document")
    ]


def postal_columns() -> list[Column]:
    """The 6 columns of the Sổ gửi văn bản đi bưu điện (Appendix IV)."""
    return [
        Column(_("Ngày chuyển"), 14, "center"),
        Column(_("Số, ký hiệu văn bản"), 17),
        Column(_("Nơi nhận văn bản"), 30),
        Column(_("Số lượng bì"), 8, "center"),
        Column(_("Ký nhận và dấu bưu điện"), 22),
        Column(_("Ghi chú"), 16),
    ]


def outgoing_book_cover(
    kind: str,
    agency,
    register: Register | None,
    date_from: date,
    date_to: date,
    numbers: list[int] | None = None,
    volume: int | str = 1,
) -> Cover:
    """Bìa sổ of the outgoing register (``kind="register"``: with the number range) or of the postal register
    (``"postal"``: no register, no number range)."""
    register_book = kind == "register"
    title = _("SỔ ĐĂNG KÝ VĂN BẢN ĐI") if register_book else _("SỔ GỬI VĂN BẢN ĐI BƯU ĐIỆN")
    return shared.book_cover(
        title,
        agency,
        register,
        date_from,
        date_to,
        numbers=(numbers or []) if register_book else [],
        volume=volume,
        show_numbers=register_book,
    )


def selectable_registers(user, visible: QuerySet[OutgoingDocument]) -> QuerySet[Register]:
    """The outgoing registers of the user's agency that the user may open as a book; a secret register only for
    clerks and for people who see at least one of its documents."""
    return shared.selectable_registers(user, visible, Register.Direction.OUTGOING)


def register_years(visible: QuerySet[OutgoingDocument], register: Register) -> list[int]:
    """The years in which ``register`` numbered documents the user may see."""
    dates = book_queryset(visible, register, date.min, date.max).order_by().dates("issued_on", "year")
    return sorted({d.year for d in dates})


def postal_years(visible: QuerySet[OutgoingDocument], agency_id: int) -> list[int]:
    """The years in which the agency handed documents the user may see to the post."""
    dates = postal_queryset(visible, agency_id, date.min, date.max).order_by().dates("sent_on", "year")
    return sorted({d.year for d in dates})


def postal_queryset(visible: QuerySet[OutgoingDocument], agency_id: int, date_from: date, date_to: date):
    """Lines of the postal register of the agency handed to the post from ``date_from`` to ``date_to``, for
    documents in ``visible``."""
    return PostalDispatch.objects.filter(
        agency_id=agency_id, sent_on__gte=date_from, sent_on__lte=date_to, document__in=visible
    ).order_by(*POSTAL_ORDER)
