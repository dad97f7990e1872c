"""Drafting (soạn thảo): create a draft, change it, add file versions, name the recipients, cancel it, and
start a correction (đính chính) or a replacement (thay thế) of an issued document."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from vanthu.documents.models import Confidentiality, DocumentType, StoredFile, Urgency
from vanthu.history.services import record
from vanthu.incoming.models import IncomingDocument
from vanthu.incoming.visibility import visible_incoming
from vanthu.organization.models import ExternalAgency, Unit, User

from ..models import AmendKind, Channel, DraftVersion, OutgoingDocument, Placement, Recipient, VersionKind
from ..numbering import can_be_normative
from ..states import OutgoingState
from .base import change_state, due_date, lock, participate, require, same_agency
from .rules import may_draft


@dataclass
class RecipientSpec:
    """One recipient: a unit of the agency, an agency of the directory, or a free-text name (with e-mail or
    post). ``channel`` empty: chosen from the recipient (in the system when it can be, else by post)."""

    unit: Unit | None = None
    external: ExternalAgency | None = None
    name: str = ""
    placement: str = Placement.LISTED
    channel: str = ""
    email: str = ""


#: Fields of a draft its keeper may change (``update_draft``).
EDITABLE = frozenset(
    {
        "abstract",
        "proposed_signer",
        "signing_authority",
        "authority_of",
        "signer_title",
        "urgency",
        "deadline",
        "page_count",
        "copies",
        "note",
        "close_replied",
    }
)


def _check_normative(doc_type: DocumentType, is_normative: bool) -> bool:
    if doc_type.is_legal:
        return True
    if is_normative and not can_be_normative(doc_type):
        raise ValidationError(
            _("Loại “%(type)s” không phải văn bản quy phạm pháp luật.") % {"type": doc_type.name},
            code="is_normative",
        )
    return is_normative


def _abstract(abstract: str | None) -> str:
    abstract = (abstract or "").strip()
    if not abstract:
        raise ValidationError(_("Hãy nhập trích yếu."), code="abstract")
    return abstract


def _check_replies(actor: User, replies_to: Sequence[IncomingDocument]) -> list[IncomingDocument]:
    replies = list(dict.fromkeys(replies_to))
    ids = [d.pk for d in replies]
    if ids and visible_incoming(actor).filter(pk__in=ids).count() != len(ids):
        raise PermissionDenied(_("Chỉ trả lời văn bản đến mà bạn được xem."))
    return replies


@transaction.atomic
def create_draft(
    actor: User,
    *,
    doc_type: DocumentType,
    abstract: str,
    drafting_unit: Unit | None = None,
    proposed_signer: User | None = None,
    signing_authority: str = "",
    authority_of: str = "",
    signer_title: str = "",
    urgency: int = Urgency.NORMAL,
    confidentiality: int = Confidentiality.NORMAL,
    is_normative: bool = False,
    deadline: date | None = None,
    replies_to: Sequence[IncomingDocument] = (),
    close_replied: bool = False,
    recipients: Sequence[RecipientSpec] = (),
    file: StoredFile | None = None,
    page_count: int | None = None,
    copies: int | None = None,
    note: str = "",
    amends: OutgoingDocument | None = None,
    amend_kind: str = "",
) -> OutgoingDocument:
    """Tạo dự thảo: a new draft of ``actor``, drafted in ``drafting_unit`` (default: the actor's unit)."""
    if not may_draft(actor):
        raise PermissionDenied(_("Bạn không thuộc đơn vị nào của cơ quan để soạn thảo văn bản."))
    drafting_unit = drafting_unit or actor.unit
    if drafting_unit is None:
        raise ValidationError(_("Hãy chọn đơn vị soạn thảo."), code="drafting_unit")
    if drafting_unit.agency_id != actor.agency_id or (
        proposed_signer is not None and proposed_signer.agency_id != actor.agency_id
    ):
        raise PermissionDenied(_("Đơn vị, cá nhân được chọn không thuộc cơ quan của bạn."))
    abstract = _abstract(abstract)
    replies = _check_replies(actor, replies_to)
    doc = OutgoingDocument.objects.create(
        agency_id=actor.agency_id,
        doc_type=doc_type,
        is_normative=_check_normative(doc_type, is_normative),
        abstract=abstract,
        drafting_unit=drafting_unit,
        drafter=actor,
        proposed_signer=proposed_signer,
        signing_authority=signing_authority,
        authority_of=authority_of,
        signer_title=signer_title or (proposed_signer.position if proposed_signer else ""),
        urgency=urgency,
        confidentiality=confidentiality,
        deadline=deadline,
        due_on=due_date(deadline, actor.agency_id),
        close_replied=close_replied,
        page_count=page_count,
        copies=copies,
        note=note,
        amends=amends,
        amend_kind=amend_kind,
        state=OutgoingState.DRAFT,
    )
    if replies:
        doc.replies_to.set(replies)
    participate(doc, actor, proposed_signer)
    _replace_recipients(doc, recipients)
    if file is not None:
        _add_version(doc, actor, file, VersionKind.DRAFT, "")
    record(
        doc,
        "drafted",
        actor,
        to_state=OutgoingState.DRAFT,
        note=doc.abstract,
        doc_type=doc_type.name,
        unit=drafting_unit.name,
        replies_to=[d.code for d in replies],
        amends=amends.code if amends else None,
    )
    return doc


@transaction.atomic
def update_draft(doc: OutgoingDocument, actor: User, **changes) -> OutgoingDocument:
    """Sửa thông tin dự thảo (trích yếu, người ký, độ khẩn, hạn…): the drafter, or the holder in review."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "abstract" in changes:
        changes["abstract"] = _abstract(changes["abstract"])
    doc = lock(doc)
    require("edit", doc, actor)
    same_agency(doc, changes.get("proposed_signer"))
    for name, value in changes.items():
        setattr(doc, name, value)
    if "deadline" in changes:
        doc.due_on = due_date(doc.deadline, doc.agency_id)
    doc.save()
    participate(doc, changes.get("proposed_signer"))
    record(doc, "edited", actor, fields=sorted(changes))
    return doc


def _add_version(doc: OutgoingDocument, actor: User, file: StoredFile, kind: str, note: str) -> DraftVersion:
    last = doc.versions.aggregate(n=Max("number"))["n"] or 0
    doc.versions.filter(is_latest=True).update(is_latest=False)
    return DraftVersion.objects.create(
        document=doc, number=last + 1, kind=kind, file=file, is_latest=True, uploaded_by=actor, note=note
    )


@transaction.atomic
def add_version(
    doc: OutgoingDocument, actor: User, file: StoredFile, note: str = "", kind: str = VersionKind.DRAFT
) -> DraftVersion:
    """Thêm phiên bản dự thảo: a new file; the earlier versions are kept, the new one becomes the latest."""
    doc = lock(doc)
    require("add_version", doc, actor)
    version = _add_version(doc, actor, file, kind, note)
    record(doc, "version_added", actor, note=note, version=version.number, file=file.original_name)
    return version


def _recipient(doc: OutgoingDocument, spec: RecipientSpec, order: int) -> Recipient:
    if spec.unit is not None and spec.external is not None:
        raise ValidationError(_("Một nơi nhận là một đơn vị hoặc một cơ quan."), code="recipients")
    if spec.unit is not None:
        if spec.unit.agency_id != doc.agency_id:
            raise PermissionDenied(_("Đơn vị nhận không thuộc cơ quan của văn bản."))
        name, channel = spec.name or spec.unit.name, Channel.INTERNAL
    elif spec.external is not None:
        in_system = (
            bool(spec.external.internal_agency_id) and spec.external.internal_agency_id != doc.agency_id
        )
        name = spec.name or spec.external.name
        channel = spec.channel or (Channel.INTERNAL if in_system else Channel.POST)
        if channel == Channel.INTERNAL and not in_system:
            raise ValidationError(
                _("“%(name)s” không dùng hệ thống này: gửi qua thư điện tử hoặc bưu điện.") % {"name": name},
                code="recipients",
            )
    else:
        name, channel = spec.name.strip(), spec.channel or Channel.POST
        if not name:
            raise ValidationError(_("Hãy nhập tên nơi nhận."), code="recipients")
        if channel == Channel.INTERNAL:
            raise ValidationError(
                _("Nơi nhận ngoài danh bạ gửi qua thư điện tử hoặc bưu điện."), code="recipients"
            )
    email = spec.email or (spec.external.email if spec.external is not None else "")
    if channel == Channel.EMAIL and not email:
        raise ValidationError(
            _("“%(name)s” chưa có địa chỉ thư điện tử.") % {"name": name}, code="recipients"
        )
    if doc.is_secret and channel != Channel.POST and spec.unit is None:
        raise ValidationError(
            _("Văn bản mật không gửi qua mạng: gửi “%(name)s” bằng bưu điện.") % {"name": name},
            code="recipients",
        )
    return Recipient(
        document=doc,
        order=order,
        placement=spec.placement,
        unit=spec.unit,
        external=spec.external,
        name=name[:300],
        channel=channel,
        email=email,
    )


def _replace_recipients(doc: OutgoingDocument, specs: Sequence[RecipientSpec]) -> list[Recipient]:
    rows = [_recipient(doc, spec, i) for i, spec in enumerate(specs, start=1)]
    doc.recipients.all().delete()
    return Recipient.objects.bulk_create(rows)


@transaction.atomic
def set_recipients(doc: OutgoingDocument, actor: User, specs: Sequence[RecipientSpec]) -> list[Recipient]:
    """Kính gửi / Nơi nhận: replace the recipients (before the document is issued)."""
    doc = lock(doc)
    require("edit_recipients", doc, actor)
    rows = _replace_recipients(doc, specs)
    record(doc, "recipients_set", actor, recipients=[r.name for r in rows])
    return rows


@transaction.atomic
def cancel(doc: OutgoingDocument, actor: User, reason: str) -> OutgoingDocument:
    """Hủy dự thảo: the drafter drops a draft that was not signed."""
    if not reason.strip():
        raise ValueError(_("Phải ghi lý do hủy dự thảo."))
    doc = lock(doc)
    target = require("cancel", doc, actor)
    previous = change_state(doc, target, holder=None, held_since=None)
    record(doc, "cancelled", actor, from_state=previous, to_state=target, note=reason)
    return doc


@transaction.atomic
def amend(
    old: OutgoingDocument,
    actor: User,
    kind: str,
    *,
    abstract: str = "",
    file: StoredFile | None = None,
    deadline: date | None = None,
) -> OutgoingDocument:
    """Đính chính / thay thế: a new draft linked to the issued document ``old``.

    Errors of format or procedure are corrected by a công văn (đính chính); errors of substance are put right
    by a document of the same type that replaces it (thay thế). The recipients are those of ``old``. Both
    documents get an event; ``old`` gets another when the new one is issued.
    """
    old = lock(old)
    action = "correct" if kind == AmendKind.CORRECTION else "replace"
    require(action, old, actor)
    if kind == AmendKind.CORRECTION:
        doc_type = DocumentType.objects.get(code="cong-van")
        default_abstract = _("Về việc đính chính %(type)s số %(code)s") % {
            "type": old.doc_type.name,
            "code": old.code,
        }
    else:
        doc_type = old.doc_type
        default_abstract = old.abstract
    recipients = [
        RecipientSpec(
            unit=r.unit,
            external=r.external,
            name=r.name,
            placement=r.placement,
            channel=r.channel,
            email=r.email,
        )
        for r in old.recipients.select_related("unit", "external")
    ]
    drafting_unit = actor.unit if actor.unit_id else old.drafting_unit
    new = create_draft(
        actor,
        doc_type=doc_type,
        abstract=abstract or default_abstract,
        drafting_unit=drafting_unit,
        proposed_signer=old.signed_by or old.proposed_signer,
        signing_authority=old.signing_authority,
        authority_of=old.authority_of,
        signer_title=old.signer_title,
        urgency=old.urgency,
        confidentiality=old.confidentiality,
        is_normative=old.is_normative and kind == AmendKind.REPLACEMENT,
        deadline=deadline,
        recipients=recipients,
        file=file,
        amends=old,
        amend_kind=kind,
    )
    verb = "correction_drafted" if kind == AmendKind.CORRECTION else "replacement_drafted"
    record(old, verb, actor, note=new.abstract, draft=new.pk)
    return new
