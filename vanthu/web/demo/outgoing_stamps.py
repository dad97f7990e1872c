"""Setting the demo's outgoing documents back to the moments of the plan.

The services stamp "now" on what they write; once the year is replayed, every moment is set back, as ``tasks``
and ``flows`` do: the document (created, held since, issued, signed), its reviews spread between its creation and
its issue, its versions and participants, its deliveries (handed over, arrived at Sở Tài chính, accepted there
two hours later, registered in Sở Tài chính's incoming register at that moment) and the incoming documents its
reply closed (completed when the reply was issued). History events keep the time of the seed, as for the
incoming documents.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.utils import timezone

from vanthu.incoming.models import Arrival, Assignment, IncomingDocument
from vanthu.outgoing.models import DraftVersion, OutgoingDocument, Participant, Recipient, Review

#: How long Sở Tài chính's clerk took to accept an arrival.
ACCEPTED_AFTER = timedelta(hours=2)


def apply_stamps(stamps: dict[int, dict], started: datetime) -> None:
    """Write ``stamps`` (document pk -> field -> moment) and set back what hangs on those documents; only the
    moments stamped by this seed (at or after ``started``) are touched."""
    _documents(stamps)
    _reviews(stamps)
    for model, name in ((DraftVersion, "uploaded_at"), (Participant, "since")):
        rows = list(model.objects.filter(document_id__in=list(stamps), **{f"{name}__gte": started}))
        for row in rows:
            setattr(row, name, stamps[row.document_id]["created_at"])
        model.objects.bulk_update(rows, [name], batch_size=500)
    _deliveries(stamps, started)
    _closed_replies(stamps, started)


def _documents(stamps: dict[int, dict]) -> None:
    docs = [OutgoingDocument(pk=pk, **values) for pk, values in stamps.items()]
    for keys in (
        {"created_at", "updated_at", "held_since"},
        {"created_at", "updated_at", "held_since", "issued_at", "signed_on"},
    ):
        part = [d for d in docs if set(stamps[d.pk]) == keys]
        OutgoingDocument.objects.bulk_update(part, sorted(keys), batch_size=500)


def _reviews(stamps: dict[int, dict]) -> None:
    """Each review at an even step between the creation and the issue (or the last change) of its draft."""
    groups: dict[int, list[Review]] = defaultdict(list)
    for review in Review.objects.filter(document_id__in=list(stamps)).order_by("document_id", "id"):
        groups[review.document_id].append(review)
    rows = []
    for pk, reviews in groups.items():
        start = stamps[pk]["created_at"]
        end = stamps[pk].get("issued_at") or stamps[pk]["updated_at"]
        if end <= start:
            end = start + timedelta(hours=len(reviews))
        step = (end - start) / (len(reviews) + 1)
        for i, review in enumerate(reviews, start=1):
            review.at = start + step * i
            rows.append(review)
    Review.objects.bulk_update(rows, ["at"], batch_size=500)


def _deliveries(stamps: dict[int, dict], started: datetime) -> None:
    recipients = list(
        Recipient.objects.filter(document_id__in=list(stamps), sent_at__gte=started).select_related(
            "arrival__document"
        )
    )
    arrivals, registered = [], []
    for r in recipients:
        sent = stamps[r.document_id].get("issued_at") or stamps[r.document_id]["updated_at"]
        r.sent_at = sent
        if r.accepted_at is not None:
            r.accepted_at = sent + ACCEPTED_AFTER
        arrival: Arrival | None = r.arrival
        if arrival is None:
            continue
        arrival.arrived_at = sent
        if arrival.decided_at is not None:
            arrival.decided_at = sent + ACCEPTED_AFTER
        arrivals.append(arrival)
        if arrival.document is not None:
            arrival.document.received_at = arrival.document.created_at = sent + ACCEPTED_AFTER
            registered.append(arrival.document)
    Recipient.objects.bulk_update(recipients, ["sent_at", "accepted_at"], batch_size=500)
    Arrival.objects.bulk_update(arrivals, ["arrived_at", "decided_at"], batch_size=500)
    IncomingDocument.objects.bulk_update(registered, ["received_at", "created_at"], batch_size=500)


def _closed_replies(stamps: dict[int, dict], started: datetime) -> None:
    """Incoming documents a reply closed: completed (with their open parts) when the reply was issued."""
    links = OutgoingDocument.replies_to.through.objects.filter(outgoingdocument_id__in=list(stamps))
    when: dict[int, datetime] = {}
    for outgoing_id, incoming_id in links.values_list("outgoingdocument_id", "incomingdocument_id"):
        issued = stamps[outgoing_id].get("issued_at")
        if issued is not None:
            when[incoming_id] = issued
    docs = list(IncomingDocument.objects.filter(pk__in=list(when), completed_at__gte=started))
    for doc in docs:
        doc.completed_at = when[doc.pk]
        doc.completed_on = timezone.localdate(when[doc.pk])
    IncomingDocument.objects.bulk_update(docs, ["completed_at", "completed_on"], batch_size=500)
    parts = list(Assignment.objects.filter(document_id__in=list(when), completed_at__gte=started))
    for part in parts:
        part.completed_at = when[part.document_id]
        part.completed_on = timezone.localdate(when[part.document_id])
    Assignment.objects.bulk_update(parts, ["completed_at", "completed_on"], batch_size=500)
