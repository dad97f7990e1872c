"""Read-side queries of tasks: the computed status (one rule, in the database and in Python) and filters.

The status follows ``vanthu.common.deadlines`` on (``due_on``, ``completed_on``): hoàn thành đúng hạn, hoàn
thành quá hạn, trong hạn (with "sắp đến hạn" inside it), quá hạn, không có thời hạn — the categories of the
official reports on tasks assigned by the Government and the Prime Minister (e.g. 1270/BC-TCTTTg).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from vanthu.common.deadlines import (
    DeadlineStatus,
    deadline_status,
    deadline_status_expression,
    due_soon_limit,
)
from vanthu.organization.services import calendar_for

from .models import Task

#: the official reporting categories, in report order (sắp đến hạn is counted inside trong hạn)
REPORT_STATUSES = (
    DeadlineStatus.ON_TIME,
    DeadlineStatus.LATE,
    DeadlineStatus.WITHIN,
    DeadlineStatus.OVERDUE,
    DeadlineStatus.NO_DEADLINE,
)


def status_dates(agency_id: int | None, today: date | None = None) -> tuple[date, date]:
    today = today or timezone.localdate()
    return today, due_soon_limit(today, calendar_for(agency_id), settings.VANTHU_DUE_SOON_WORKING_DAYS)


def with_status(qs: QuerySet, agency_id: int | None, today: date | None = None) -> QuerySet:
    """Annotate ``deadline_status`` computed by the database."""
    today, soon = status_dates(agency_id, today)
    return qs.annotate(deadline_status=deadline_status_expression("due_on", "completed_on", today, soon))


def status_of(task: Task, today: date | None = None) -> DeadlineStatus:
    """The same rule for one task, in Python."""
    today, soon = status_dates(task.agency_id, today)
    return deadline_status(task.due_on, task.completed_on, today, soon)


def status_conditions(today: date, soon: date) -> dict[DeadlineStatus, Q]:
    """One plain date condition per status (index friendly; the same rule as ``with_status``)."""
    done = Q(completed_on__isnull=False)
    open_ = Q(completed_on__isnull=True)
    return {
        DeadlineStatus.ON_TIME: done & (Q(due_on__isnull=True) | Q(completed_on__lte=F("due_on"))),
        DeadlineStatus.LATE: done & Q(completed_on__gt=F("due_on")),
        DeadlineStatus.NO_DEADLINE: open_ & Q(due_on__isnull=True),
        DeadlineStatus.OVERDUE: open_ & Q(due_on__lt=today),
        DeadlineStatus.DUE_SOON: open_ & Q(due_on__gte=today, due_on__lte=soon),
        DeadlineStatus.WITHIN: open_ & Q(due_on__gte=today),  # trong hạn includes sắp đến hạn
    }


def filter_status(qs: QuerySet, status: str, agency_id: int | None, today: date | None = None) -> QuerySet:
    """Restrict to one computed status. ``within`` includes the tasks due soon, as the reports count them."""
    today, soon = status_dates(agency_id, today)
    return qs.filter(status_conditions(today, soon)[DeadlineStatus(status)])


def report_bucket(status: str) -> str:
    """The report category of a computed status (sắp đến hạn is reported as trong hạn)."""
    return DeadlineStatus.WITHIN.value if status == DeadlineStatus.DUE_SOON else status


def mine(user) -> QuerySet[Task]:
    """Nhiệm vụ của tôi: the open tasks this person answers for (as the person doing it, as head of the lead
    unit, or as the registry or a leader of the lead outside agency). A subset of ``visible_tasks``."""
    from vanthu.organization.models import Role

    from .services.people import OUTSIDE_RECEIVERS
    from .services.rules import external_agency_of
    from .states import OPEN_STATES

    if not getattr(user, "is_authenticated", False) or not getattr(user, "agency_id", None):
        return Task.objects.none()
    held = Q(lead_user_id=user.pk)
    if user.role == Role.UNIT_HEAD and user.unit_id:
        held |= Q(lead_unit_id=user.unit_id, agency_id=user.agency_id)
    if user.role in OUTSIDE_RECEIVERS:
        # usually none: looked up first, so that the common case keeps an index-friendly OR of two terms
        external_id = external_agency_of(user)
        if external_id:
            held |= Q(lead_external_id=external_id)
    return Task.objects.filter(held, state__in=OPEN_STATES)


def mine_count(user) -> int:
    return mine(user).count()
