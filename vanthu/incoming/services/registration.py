"""Registering incoming documents (vào sổ văn bản đến) and warning about duplicates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from vanthu.common.notation import duplicate_key as notation_key
from vanthu.common.text import fold
from vanthu.documents.models import Confidentiality, DocumentType, StoredFile, Urgency
from vanthu.history.services import record
from vanthu.organization.models import ExternalAgency, Role
from vanthu.registers.models import Register
from vanthu.registers.services import take_number

from ..models import Channel, DocumentGrant, IncomingDocument
from ..states import DocState

REGISTER_ROLES = frozenset({Role.CLERK, Role.ADMIN})


def make_duplicate_key(code_number: str, code_notation: str, sender_name: str, year: int) -> str:
    """(số, ký hiệu, cơ quan ban hành, năm) folded into one comparable key; empty when there is no number."""
    if not code_number or not code_notation:
        return ""
    return f"{year}|{fold(sender_name)[:30]}|{notation_key(code_number, code_notation)}"[:80]


def find_duplicates(
    agency_id: int, code_number: str, code_notation: str, sender_name: str, document_date: date | None
) -> QuerySet[IncomingDocument]:
    """Documents of the agency already registered with the same number, notation, issuer and year."""
    if not document_date:
        return IncomingDocument.objects.none()
    key = make_duplicate_key(code_number, code_notation, sender_name, document_date.year)
    if not key:
        return IncomingDocument.objects.none()
    return IncomingDocument.objects.filter(agency_id=agency_id, duplicate_key=key).order_by("received_at")


@transaction.atomic
def register_document(
    actor,
    *,
    register: Register,
    received_at: datetime,
    sender: ExternalAgency | None,
    sender_name: str,
    code_number: str,
    code_notation: str,
    document_date: date,
    doc_type: DocumentType,
    abstract: str,
    signer_name: str = "",
    signer_position: str = "",
    urgency: int = Urgency.NORMAL,
    confidentiality: int = Confidentiality.NORMAL,
    page_count: int | None = None,
    reply_due: date | None = None,
    channel: str = Channel.PAPER,
    note: str = "",
    files: Sequence[StoredFile] = (),
) -> IncomingDocument:
    """Vào sổ: give the document the next incoming number of its register for the year of receipt."""
    if actor.role not in REGISTER_ROLES:
        raise PermissionDenied(_("Chỉ văn thư được vào sổ văn bản đến."))
    if register.agency_id != actor.agency_id or register.direction != Register.Direction.INCOMING:
        raise PermissionDenied(_("Sổ văn bản không thuộc cơ quan của bạn."))
    if bool(register.is_secret) != (confidentiality > Confidentiality.NORMAL):
        raise ValueError(_("Văn bản mật phải vào sổ văn bản mật, văn bản thường vào sổ thường."))
    if sender is not None:
        sender_name = sender.name
    year = timezone.localtime(received_at).year
    doc = IncomingDocument(
        agency_id=actor.agency_id,
        register=register,
        year=year,
        number=take_number(register, year),
        received_at=received_at,
        channel=channel,
        sender=sender,
        sender_name=sender_name,
        code_number=code_number,
        code_notation=code_notation,
        duplicate_key=make_duplicate_key(code_number, code_notation, sender_name, document_date.year),
        document_date=document_date,
        doc_type=doc_type,
        abstract=abstract,
        signer_name=signer_name,
        signer_position=signer_position,
        urgency=urgency,
        confidentiality=confidentiality,
        page_count=page_count,
        reply_due=reply_due,
        note=note,
        state=DocState.REGISTERED,
        priority=urgency,
        created_by=actor,
    )
    doc.save()
    if files:
        doc.files.set(files)
    if doc.is_secret:
        DocumentGrant.objects.get_or_create(document=doc, user=actor, defaults={"granted_by": actor})
    record(
        doc,
        "registered",
        actor,
        to_state=DocState.REGISTERED,
        note=_("Số đến %(number)d/%(year)d — %(register)s")
        % {"number": doc.number, "year": year, "register": register.name},
        number=doc.number,
        files=[f.original_name for f in files],
    )
    return doc
