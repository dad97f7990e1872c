"""Read side of the programme: the month-by-month summary (one grouped query) and the item list with the
computed status of each item's task."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from vanthu.common.deadlines import DeadlineStatus, deadline_status_expression

from ..models import Task, WorkProgramme
from ..queries import status_conditions, status_dates
from ..states import OPEN_STATES, TaskState


@dataclass
class MonthSummary:
    """One month of the programme (``month`` None for the whole year).

    ``planned``: items planned for the month; ``moved_out``: of those, moved to a later month; ``moved_in``:
    items moved into the month from an earlier one. The statuses count the items due in the month after the
    moves (their current month): ``on_time`` + ``late`` (submitted), ``within`` (not yet due, including due
    soon), ``overdue``; ``cancelled`` items (thu hồi) are in no status.
    So planned − moved_out + moved_in = on_time + late + within + overdue + cancelled.
    """

    month: int | None = None
    planned: int = 0
    on_time: int = 0
    late: int = 0
    within: int = 0
    overdue: int = 0
    moved_out: int = 0
    moved_in: int = 0
    cancelled: int = 0

    @property
    def submitted(self) -> int:
        return self.on_time + self.late

    def add(self, other: MonthSummary) -> None:
        for f in fields(self):
            if f.name != "month":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


@dataclass
class ProgrammeSummary:
    months: list[MonthSummary]
    total: MonthSummary


def monthly_summary(
    programme: WorkProgramme, today: date | None = None, tasks: QuerySet[Task] | None = None
) -> ProgrammeSummary:
    """Per month 1–12 and for the year: planned, submitted on time / late, moved out (and in), still within
    the deadline, overdue. One query grouped by (planned month, current month) in the database; ``tasks``
    restricts it (pass ``visible_tasks(user)``)."""
    today, soon = status_dates(programme.agency_id, today or timezone.localdate())
    conditions = status_conditions(today, soon)
    live = ~Q(state=TaskState.CANCELLED)
    base = Task.objects.all() if tasks is None else tasks
    groups = (
        base.filter(programme_item__programme=programme)
        .order_by()
        .values(planned=F("programme_item__planned_month"), current=F("programme_item__current_month"))
        .annotate(
            n=Count("pk"),
            on_time=Count("pk", filter=live & conditions[DeadlineStatus.ON_TIME]),
            late=Count("pk", filter=live & conditions[DeadlineStatus.LATE]),
            within=Count("pk", filter=live & conditions[DeadlineStatus.WITHIN]),
            overdue=Count("pk", filter=live & conditions[DeadlineStatus.OVERDUE]),
            cancelled=Count("pk", filter=~live),
        )
    )
    months = {m: MonthSummary(month=m) for m in range(1, 13)}
    for group in groups:
        planned, current, n = group["planned"], group["current"], group["n"]
        months[planned].planned += n
        if current != planned:
            months[planned].moved_out += n
            months[current].moved_in += n
        target = months[current]
        for key in ("on_time", "late", "within", "overdue", "cancelled"):
            setattr(target, key, getattr(target, key) + group[key])
    total = MonthSummary()
    for summary in months.values():
        total.add(summary)
    return ProgrammeSummary(months=list(months.values()), total=total)


#: ?status= values of the item list besides the deadline statuses
EXTRA_FILTERS = ("moved", "open", "done", "cancelled")


def programme_tasks(
    programme: WorkProgramme,
    tasks: QuerySet[Task],
    *,
    month: int | None = None,
    status: str = "",
    today: date | None = None,
) -> QuerySet[Task]:
    """The programme's tasks among ``tasks`` (the user's visible ones), with ``deadline_status`` and their
    item, ordered by planned month and number. ``month`` keeps items planned for or moved into that month."""
    today, soon = status_dates(programme.agency_id, today or timezone.localdate())
    qs = tasks.filter(programme_item__programme=programme)
    if month:
        qs = qs.filter(Q(programme_item__planned_month=month) | Q(programme_item__current_month=month))
    if status in DeadlineStatus.values:
        qs = qs.filter(status_conditions(today, soon)[DeadlineStatus(status)]).exclude(
            state=TaskState.CANCELLED
        )
    elif status == "moved":
        qs = qs.exclude(programme_item__current_month=F("programme_item__planned_month"))
    elif status == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    elif status == "done":
        qs = qs.filter(state=TaskState.COMPLETED)
    elif status == "cancelled":
        qs = qs.filter(state=TaskState.CANCELLED)
    return (
        qs.annotate(deadline_status=deadline_status_expression("due_on", "completed_on", today, soon))
        .select_related("programme_item", "programme_item__leader", "lead_unit", "lead_external", "lead_user")
        .order_by("programme_item__planned_month", "programme_item__id")
    )


def group_by_month(tasks) -> list[tuple[int, list[Task]]]:
    """[(planned month, its tasks)] in month order, months without items left out."""
    grouped: dict[int, list[Task]] = {}
    for task in tasks:
        grouped.setdefault(task.programme_item.planned_month, []).append(task)
    return sorted(grouped.items())


__all__ = ["MonthSummary", "ProgrammeSummary", "group_by_month", "monthly_summary", "programme_tasks"]
