"""Who sees which outgoing document: one reusable queryset for every list, count, detail view and export
(a document outside it is a 404).

- Participants see the document, secret or not: the drafter, the proposed signer, everyone who held it in the
  approval chain (a holder is added when the document reaches them), the signer and the clerk who issued it.
- Leaders, clerks and administrators (agency-wide roles) see every non-secret document of their agency.
- Everyone else sees the non-secret documents drafted by their unit, and the issued ones sent to their unit.
- A secret document is seen by its participants only, and by the registry clerks while it waits for them
  (signed, not yet issued): numbering and issuing it is their job.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from vanthu.documents.models import Confidentiality
from vanthu.organization.models import Role

from .models import OutgoingDocument, Participant, Recipient
from .states import OutgoingState


def visible_outgoing(user, pk: int | None = None) -> QuerySet[OutgoingDocument]:
    """The outgoing documents ``user`` may see, as one query (with ``pk``: the same rule for that document)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "agency_id", None):
        return OutgoingDocument.objects.none()
    docs = OutgoingDocument.objects.filter(agency_id=user.agency_id)
    one = {"document_id": pk} if pk is not None else {}
    if pk is not None:
        docs = docs.filter(pk=pk)
    participant = Q(pk__in=Participant.objects.filter(user_id=user.pk, **one).values("document_id"))
    not_secret = Q(confidentiality=Confidentiality.NORMAL)
    if user.role == Role.CLERK:
        participant |= Q(state=OutgoingState.SIGNED)
    if user.sees_whole_agency:
        return docs.filter(not_secret | participant)
    if not user.unit_id:
        return docs.filter(participant)
    sent_to_unit = Q(
        state=OutgoingState.ISSUED,
        pk__in=Recipient.objects.filter(unit_id=user.unit_id, **one).values("document_id"),
    )
    return docs.filter((not_secret & (Q(drafting_unit_id=user.unit_id) | sent_to_unit)) | participant)
