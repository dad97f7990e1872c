"""Phát hành: the registry clerk numbers and issues a signed document, or reserves a number for a paper document
signed by hand and attaches its scan later; recall (thu hồi) freezes an issued document.

The number is taken from the register the agency's NumberingRule maps the document to, with
``registers.take_number`` inside the issuing transaction: if anything after it fails, the number goes back and
is never skipped; a unique constraint on (register, year, number) is the last defence.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vanthu.documents.models import StoredFile
from vanthu.history.services import record
from vanthu.organization.models import User
from vanthu.registers.services import take_number

from ..files import PDF
from ..models import AmendKind, OutgoingDocument, VersionKind
from ..numbering import notation_for, register_for
from . import dispatch
from .base import cap, change_state, label, lock, participate, require, same_agency, tell
from .drafting import _add_version


def _issue_date(issued_on: date | None) -> date:
    today = timezone.localdate()
    issued_on = issued_on or today
    if issued_on > today:
        raise ValidationError(_("Ngày ban hành không được sau hôm nay."), code="issued_on")
    return issued_on


def _number(doc: OutgoingDocument, issued_on: date) -> dict:
    """Register, year, number and notation for ``doc`` issued on ``issued_on`` (numbers restart each year)."""
    register = register_for(doc)
    year = issued_on.year
    notation = notation_for(doc, year)  # checked before the number is taken
    return {"register": register, "year": year, "number": take_number(register, year), "notation": notation}


def _after_issue(doc: OutgoingDocument, actor: User, previous: str, verb: str, note: str) -> None:
    """What follows every issue: the history, the recipients, the replies, the amended document, the people."""
    participate(doc, actor)
    record(
        doc,
        verb,
        actor,
        from_state=previous,
        to_state=doc.state,
        note=note,
        code=doc.code,
        register=doc.register.name,
        year=doc.year,
        number=doc.number,
    )
    dispatch.send(doc, actor)
    dispatch.mark_replies(doc, actor)
    if doc.amends_id:
        verb = "corrected" if doc.amend_kind == AmendKind.CORRECTION else "replaced"
        record(doc.amends, verb, actor, note=doc.abstract, by_code=doc.code, by=doc.pk)
    tell(
        [doc.drafter, doc.signed_by],
        _("Đã phát hành %(what)s: %(a)s") % {"what": label(doc), "a": doc.abstract[:200]},
        doc,
        besides=actor,
    )


@transaction.atomic
def issue(
    doc: OutgoingDocument,
    actor: User,
    *,
    issued_on: date | None = None,
    page_count: int | None = None,
    copies: int | None = None,
    note: str = "",
) -> OutgoingDocument:
    """Cấp số và phát hành: the next number of the document's register for the year, the notation, then the
    recipients receive it. ``copies`` defaults to one per recipient plus the two kept (Lưu: VT, the unit)."""
    doc = lock(doc)
    target = require("issue", doc, actor)
    if not doc.versions.exists():
        raise ValidationError(_("Văn bản chưa có tệp để phát hành."), code="file")
    issued_on = _issue_date(issued_on)
    numbered = _number(doc, issued_on)
    previous = change_state(
        doc,
        target,
        **numbered,
        issued_on=issued_on,
        issued_at=timezone.now(),
        issued_by=actor,
        page_count=page_count if page_count is not None else doc.page_count,
        copies=copies if copies is not None else (doc.copies or doc.recipients.count() + 2),
    )
    _after_issue(doc, actor, previous, "issued", note)
    return doc


@transaction.atomic
def reserve_number(
    doc: OutgoingDocument,
    actor: User,
    *,
    signed_by: User | None = None,
    signed_on: date | None = None,
    issued_on: date | None = None,
    note: str = "",
) -> OutgoingDocument:
    """Lấy số cho văn bản giấy: the document was signed by hand on paper; the clerk takes its number now (the
    number goes on the paper) and attaches the scan later (``attach_scan``), which issues it."""
    doc = lock(doc)
    target = require("reserve_number", doc, actor)
    signed_by = signed_by or doc.signed_by or doc.proposed_signer
    if signed_by is None:
        raise ValidationError(_("Hãy chọn người đã ký văn bản."), code="signed_by")
    same_agency(doc, signed_by)
    issued_on = _issue_date(issued_on)
    previous = change_state(
        doc,
        target,
        **_number(doc, issued_on),
        issued_on=issued_on,
        issued_by=actor,
        reserved=True,
        signed_by=signed_by,
        signed_on=signed_on or doc.signed_on or issued_on,
        signer_title=doc.signer_title or signed_by.position,
        holder=None,
        held_since=None,
        current_step=None,
    )
    participate(doc, actor, signed_by)
    record(
        doc,
        "number_reserved",
        actor,
        from_state=previous,
        to_state=target,
        note=note,
        code=doc.code,
        register=doc.register.name,
        year=doc.year,
        number=doc.number,
        signed_by=signed_by.display_name,
    )
    tell(
        [doc.drafter],
        _("Đã lấy số %(code)s cho văn bản giấy; chờ bản quét để phát hành") % {"code": doc.code},
        doc,
        besides=actor,
    )
    return doc


@transaction.atomic
def attach_scan(
    doc: OutgoingDocument, actor: User, file: StoredFile, *, page_count: int | None = None, note: str = ""
) -> OutgoingDocument:
    """Đính kèm bản quét: the scan (PDF) of the hand-signed paper document; the document is issued with the
    number reserved for it and sent to its recipients."""
    doc = lock(doc)
    target = require("attach_scan", doc, actor)
    if file.content_type != PDF:
        raise ValidationError(_("Bản quét phải là tệp PDF."), code="file")
    _add_version(doc, actor, file, VersionKind.SCAN, note)
    previous = change_state(
        doc,
        target,
        issued_at=timezone.now(),
        page_count=page_count if page_count is not None else doc.page_count,
        copies=doc.copies or doc.recipients.count() + 2,
    )
    _after_issue(doc, actor, previous, "scan_attached", note)
    return doc


@transaction.atomic
def recall(doc: OutgoingDocument, actor: User, reason: str) -> OutgoingDocument:
    """Thu hồi: the document is frozen (no action is possible on it any more) and its recipients are told; a
    document still waiting for an agency's clerk is withdrawn from it."""
    if not reason.strip():
        raise ValidationError(_("Phải ghi lý do thu hồi."), code="reason")
    doc = lock(doc)
    target = require("recall", doc, actor)
    previous = change_state(doc, target, recalled_at=timezone.now(), recall_reason=reason)
    participate(doc, actor)
    record(doc, "recalled", actor, from_state=previous, to_state=target, note=reason)
    dispatch.withdraw_all(doc, actor, reason)
    tell(
        [doc.drafter, doc.signed_by, doc.issued_by],
        _("%(what)s đã bị thu hồi: %(r)s") % {"what": cap(label(doc)), "r": reason[:200]},
        doc,
        besides=actor,
    )
    return doc
