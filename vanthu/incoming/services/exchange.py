"""Documents sent through the system by another agency of the installation (văn bản điện tử đến).

The sending context calls ``deliver``: the document waits as an ``Arrival`` until the receiving agency's clerk
accepts it (``accept``: registered with the next incoming number, channel "Liên thông") or refuses it with a
reason (``refuse``). The sender may withdraw it (``withdraw``), also once accepted: then the clerks and the
holders are told. The sender hears of acceptance and refusal through ``vanthu.incoming.signals``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vanthu.documents.models import DocumentType, StoredFile, Urgency
from vanthu.history.services import record
from vanthu.notifications.services import notify
from vanthu.organization.models import Agency, ExternalAgency, Role, User
from vanthu.registers.models import Register

from ..models import Arrival, Channel, IncomingDocument
from ..signals import arrival_accepted, arrival_refused
from ..states import ArrivalState, check_arrival_transition
from .registration import REGISTER_ROLES, register_document


def _clerks(agency_id: int) -> list[User]:
    return list(User.objects.filter(agency_id=agency_id, role=Role.CLERK, is_active=True))


def _inbox_url() -> str:
    """The clerk's list of electronic documents waiting to be accepted."""
    return reverse("incoming:arrivals")


def arrivals_for(user) -> QuerySet[Arrival]:
    """The arrivals a clerk (or an administrator) of the receiving agency deals with; none for anyone else."""
    if not getattr(user, "is_authenticated", False) or user.role not in REGISTER_ROLES or not user.agency_id:
        return Arrival.objects.none()
    return Arrival.objects.filter(agency_id=user.agency_id)


@transaction.atomic
def deliver(
    *,
    agency: Agency,
    sent_by: User | None,
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
    page_count: int | None = None,
    reply_due: date | None = None,
    files: Sequence[StoredFile] = (),
    arrived_at: datetime | None = None,
) -> Arrival:
    """Văn bản đến qua hệ thống: put a document before ``agency``'s clerks, waiting to be accepted."""
    if sender is not None:
        sender_name = sender_name or sender.name
    arrival = Arrival.objects.create(
        agency=agency,
        arrived_at=arrived_at or timezone.now(),
        sent_by=sent_by,
        sender=sender,
        sender_name=sender_name[:200],
        code_number=code_number,
        code_notation=code_notation,
        document_date=document_date,
        doc_type=doc_type,
        abstract=abstract,
        signer_name=signer_name[:50],
        signer_position=signer_position[:100],
        urgency=urgency,
        page_count=page_count,
        reply_due=reply_due,
    )
    if files:
        arrival.files.set(files)
    record(arrival, "arrived", sent_by, to_state=ArrivalState.AWAITING, note=arrival.code, sender=sender_name)
    notify(
        _clerks(agency.pk),
        _("Văn bản %(code)s của %(sender)s chờ tiếp nhận: %(a)s")
        % {"code": arrival.code, "sender": arrival.sender_name, "a": abstract[:200]},
        _inbox_url(),
    )
    return arrival


def _lock(arrival: Arrival, actor: User) -> Arrival:
    arrival = Arrival.objects.select_for_update().get(pk=arrival.pk)
    if actor.role not in REGISTER_ROLES or actor.agency_id != arrival.agency_id:
        raise PermissionDenied(_("Chỉ văn thư của cơ quan nhận được tiếp nhận văn bản."))
    return arrival


def _set_state(arrival: Arrival, state: str, **fields) -> str:
    """Set the state (and other fields) and save; returns the previous state."""
    previous = arrival.state
    arrival.state = state
    for name, value in fields.items():
        setattr(arrival, name, value)
    arrival.save()
    return previous


@transaction.atomic
def accept(
    arrival: Arrival, actor: User, *, register: Register, received_at: datetime | None = None
) -> IncomingDocument:
    """Tiếp nhận: register the arrival in an incoming register (next incoming number, channel "Liên thông")."""
    arrival = _lock(arrival, actor)
    target = check_arrival_transition("accept", arrival.state)
    doc = register_document(
        actor,
        register=register,
        received_at=received_at or timezone.now(),
        sender=arrival.sender,
        sender_name=arrival.sender_name,
        code_number=arrival.code_number,
        code_notation=arrival.code_notation,
        document_date=arrival.document_date,
        doc_type=arrival.doc_type,
        abstract=arrival.abstract,
        signer_name=arrival.signer_name,
        signer_position=arrival.signer_position,
        urgency=arrival.urgency,
        page_count=arrival.page_count,
        reply_due=arrival.reply_due,
        channel=Channel.EXCHANGE,
        files=list(arrival.files.all()),
    )
    previous = _set_state(arrival, target, document=doc, decided_by=actor, decided_at=timezone.now())
    record(arrival, "accepted", actor, from_state=previous, to_state=target, number=doc.number)
    arrival_accepted.send(sender=Arrival, arrival=arrival, document=doc, actor=actor)
    return doc


@transaction.atomic
def refuse(arrival: Arrival, actor: User, reason: str) -> Arrival:
    """Từ chối tiếp nhận: the document is wrong or not for this agency; it goes back to the sender."""
    if not reason.strip():
        raise ValueError(_("Phải ghi lý do từ chối tiếp nhận."))
    arrival = _lock(arrival, actor)
    target = check_arrival_transition("refuse", arrival.state)
    previous = _set_state(arrival, target, reason=reason, decided_by=actor, decided_at=timezone.now())
    record(arrival, "refused", actor, from_state=previous, to_state=target, note=reason)
    arrival_refused.send(sender=Arrival, arrival=arrival, actor=actor, reason=reason)
    return arrival


@transaction.atomic
def withdraw(arrival: Arrival, actor: User | None, reason: str) -> Arrival:
    """The sender recalls the document (thu hồi).

    Still waiting: it is withdrawn and no clerk can take it in any more. Already accepted: the incoming document
    stays (the receiving agency decides what to do with it) and gets a "recalled by the sender" event; its clerks
    and the leader it was presented to are told. Refused: nothing to do.
    """
    arrival = Arrival.objects.select_for_update().get(pk=arrival.pk)
    text = _("Văn bản %(code)s của %(sender)s đã bị bên gửi thu hồi: %(r)s") % {
        "code": arrival.code,
        "sender": arrival.sender_name,
        "r": reason[:200],
    }
    if arrival.state == ArrivalState.AWAITING:
        target = check_arrival_transition("withdraw", arrival.state)
        previous = _set_state(arrival, target, reason=reason)
        record(arrival, "withdrawn", actor, from_state=previous, to_state=target, note=reason)
        notify(_clerks(arrival.agency_id), text, _inbox_url())
    elif arrival.state == ArrivalState.ACCEPTED and arrival.document_id:
        doc = arrival.document
        record(doc, "recalled_by_sender", actor, note=reason, sender=arrival.sender_name)
        notify(
            [*_clerks(arrival.agency_id), doc.presented_to, doc.directed_by],
            text,
            doc.get_absolute_url(),
        )
    return arrival
