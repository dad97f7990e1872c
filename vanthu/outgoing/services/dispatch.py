"""Gửi văn bản: delivering an issued document to each recipient, recording e-mail and post, hearing back from
agencies of the installation, withdrawing on recall, and marking the incoming documents it answers.

- A unit of the issuing agency sees the document at once (its heads are told).
- An agency of the directory served by this installation gets it in the system: a document waiting for its
  clerk (``incoming.services.deliver``); the clerk's acceptance or refusal comes back through the incoming
  context's signals (``outgoing.signals``) and the drafter and the issuing clerk are told.
- Other recipients wait for the clerk to send them by e-mail or post (a line of the postal register each).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vanthu.history.services import record
from vanthu.incoming import services as incoming
from vanthu.incoming.models import Arrival, IncomingDocument
from vanthu.organization.models import ExternalAgency, User

from ..models import Channel, OutgoingDocument, PostalDispatch, Recipient
from ..numbering import format_number
from ..states import DeliveryState, check_delivery_transition
from .base import label, lock, require, tell, unit_heads


def _sender_entry(doc: OutgoingDocument) -> ExternalAgency | None:
    """The issuing agency as the receiving agency's directory knows it (one shared directory)."""
    return ExternalAgency.objects.filter(internal_agency_id=doc.agency_id).first()


def _move(recipient: Recipient, action: str, **fields) -> str:
    previous = recipient.state
    recipient.state = check_delivery_transition(action, recipient.state)
    for name, value in fields.items():
        setattr(recipient, name, value)
    recipient.save()
    return previous


def send(doc: OutgoingDocument, actor: User) -> None:
    """Deliver ``doc`` (just issued) to each recipient; called inside the issuing transaction."""
    now = timezone.now()
    version = doc.latest_version
    files = [version.file] if version else []
    sender = _sender_entry(doc)
    summary: dict[str, list[str]] = {"units": [], "system": [], "email": [], "post": []}
    for r in doc.recipients.select_related("external__internal_agency"):
        if r.unit_id:
            _move(r, "hand_over", sent_at=now)
            tell(
                unit_heads(r.unit_id),
                _("Đơn vị nhận %(what)s: %(a)s") % {"what": label(doc), "a": doc.abstract[:200]},
                doc,
                besides=actor,
            )
            summary["units"].append(r.name)
        elif r.channel == Channel.INTERNAL:
            arrival = incoming.deliver(
                agency=r.external.internal_agency,
                sent_by=actor,
                sender=sender,
                sender_name=sender.name if sender else doc.agency.name,
                code_number=format_number(doc.number),
                code_notation=doc.notation,
                document_date=doc.issued_on,
                doc_type=doc.doc_type,
                abstract=doc.abstract,
                signer_name=doc.signed_by.display_name if doc.signed_by_id else "",
                signer_position=doc.signer_title,
                urgency=doc.urgency,
                page_count=doc.page_count,
                files=files,
            )
            _move(r, "deliver", arrival=arrival, sent_at=now)
            summary["system"].append(r.name)
        elif r.channel == Channel.POST:
            PostalDispatch.objects.create(
                agency_id=doc.agency_id, document=doc, recipient=r, destination=r.name
            )
            summary["post"].append(r.name)
        else:
            summary["email"].append(r.name)
    record(doc, "dispatched", actor, **summary)


@transaction.atomic
def mark_sent(
    recipient: Recipient,
    actor: User,
    *,
    sent_on: date | None = None,
    envelopes: int = 1,
    receipt: str = "",
    note: str = "",
) -> Recipient:
    """Đã gửi: the clerk sent the document to a recipient by e-mail, or handed it to the post (the postal
    register line gets the date, the number of envelopes and the post's receipt)."""
    doc = lock(recipient.document)
    require("mark_sent", doc, actor)
    recipient = Recipient.objects.select_for_update().get(pk=recipient.pk)
    if recipient.channel not in (Channel.EMAIL, Channel.POST):
        raise ValidationError(_("Nơi nhận này nhận văn bản trong hệ thống."), code="channel")
    sent_on = sent_on or timezone.localdate()
    previous = _move(recipient, "mark_sent", sent_at=timezone.now())
    if recipient.channel == Channel.POST:
        line, _created = PostalDispatch.objects.get_or_create(
            recipient=recipient,
            defaults={"agency_id": doc.agency_id, "document": doc, "destination": recipient.name},
        )
        line.sent_on, line.envelopes, line.receipt, line.note, line.recorded_by = (
            sent_on,
            envelopes,
            receipt,
            note,
            actor,
        )
        line.save()
    record(
        doc,
        "recipient_sent",
        actor,
        from_state=previous,
        to_state=recipient.state,
        note=note,
        recipient=recipient.name,
        channel=recipient.channel,
        sent_on=sent_on.isoformat(),
    )
    return recipient


def withdraw_all(doc: OutgoingDocument, actor: User, reason: str) -> None:
    """On recall: every recipient's delivery is withdrawn; agencies of the installation are told through the
    incoming context (a waiting document disappears from their clerk's list), units through their heads."""
    settled = (DeliveryState.REFUSED, DeliveryState.WITHDRAWN)
    for r in doc.recipients.select_related("arrival").exclude(state__in=settled):
        if r.arrival_id:
            incoming.withdraw(r.arrival, actor, reason)
            # read it again: its clerk may have accepted or refused it meanwhile (withdraw waited for the lock)
            r.refresh_from_db()
            if r.state in settled:
                continue
        elif r.unit_id:
            tell(
                unit_heads(r.unit_id),
                _("Văn bản số %(code)s đã bị thu hồi: %(r)s") % {"code": doc.code, "r": reason[:200]},
                doc,
                besides=actor,
            )
        _move(r, "withdraw")


def mark_replies(doc: OutgoingDocument, actor: User) -> None:
    """The incoming documents ``doc`` answers are marked answered with its number (and closed if asked)."""
    for answered in doc.replies_to.all():
        incoming.record_reply(
            answered, actor, reply_code=doc.code, replied_on=doc.issued_on, close=doc.close_replied
        )


def _recipient_of(arrival: Arrival) -> Recipient | None:
    return Recipient.objects.select_related("document").filter(arrival=arrival).first()


def on_accepted(arrival: Arrival, document: IncomingDocument, actor: User) -> None:
    """The receiving clerk accepted the document: record it and tell the sender (drafter, issuing clerk)."""
    recipient = _recipient_of(arrival)
    if recipient is None:
        return
    previous = _move(recipient, "accept", incoming=document, accepted_at=timezone.now())
    doc = recipient.document
    record(
        doc,
        "recipient_accepted",
        actor,
        from_state=previous,
        to_state=recipient.state,
        recipient=recipient.name,
        incoming_number=document.number,
    )
    tell(
        [doc.drafter, doc.issued_by],
        _("%(recipient)s đã tiếp nhận văn bản số %(code)s (số đến %(n)d)")
        % {"recipient": recipient.name, "code": doc.code, "n": document.number},
        doc,
    )


def on_refused(arrival: Arrival, actor: User, reason: str) -> None:
    """The receiving clerk refused the document: record the reason and tell the sender."""
    recipient = _recipient_of(arrival)
    if recipient is None:
        return
    previous = _move(recipient, "refuse", reason=reason)
    doc = recipient.document
    record(
        doc,
        "recipient_refused",
        actor,
        from_state=previous,
        to_state=recipient.state,
        note=reason,
        recipient=recipient.name,
    )
    tell(
        [doc.drafter, doc.issued_by],
        _("%(recipient)s từ chối tiếp nhận văn bản số %(code)s: %(r)s")
        % {"recipient": recipient.name, "code": doc.code, "r": reason[:200]},
        doc,
    )
