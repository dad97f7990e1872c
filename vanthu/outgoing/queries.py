"""Read-side queries of outgoing documents: the computed deadline status of a draft and what waits for a person.

A draft's deadline is met when the document is issued (``issued_on``), like any task; its status is computed
from ``due_on`` with the shared rule of ``common.deadlines`` (database expression and Python function).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from vanthu.common.deadlines import (
    DeadlineStatus,
    deadline_status,
    deadline_status_expression,
    due_soon_limit,
)
from vanthu.organization.services import calendar_for

from .models import OutgoingDocument
from .services.rules import CLERK_ROLES
from .states import OutgoingState
from .visibility import visible_outgoing


def _dates(agency_id: int | None, today: date | None) -> tuple[date, date]:
    today = today or timezone.localdate()
    return today, due_soon_limit(today, calendar_for(agency_id), settings.VANTHU_DUE_SOON_WORKING_DAYS)


def with_status(qs: QuerySet, agency_id: int | None, today: date | None = None) -> QuerySet:
    """Annotate ``deadline_status`` computed by the database (issued on or before ``due_on``: on time…)."""
    today, soon = _dates(agency_id, today)
    return qs.annotate(deadline_status=deadline_status_expression("due_on", "issued_on", today, soon))


def status_of(doc: OutgoingDocument, today: date | None = None) -> DeadlineStatus:
    """The same rule for one document, in Python."""
    today, soon = _dates(doc.agency_id, today)
    return deadline_status(doc.due_on, doc.issued_on, today, soon)


def waiting_for(user) -> QuerySet[OutgoingDocument]:
    """Văn bản đi chờ xử lý: the drafts the person holds (in review, or returned to them) and, for the registry,
    the signed documents to issue and the paper documents waiting for their scan."""
    mine = Q(holder_id=user.pk, state__in=[OutgoingState.IN_REVIEW, OutgoingState.RETURNED])
    if getattr(user, "role", None) in CLERK_ROLES:
        mine |= Q(state__in=[OutgoingState.SIGNED, OutgoingState.RESERVED])
    return visible_outgoing(user).filter(mine).order_by("-urgency", "held_since", "id")
