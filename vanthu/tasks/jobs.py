"""Background jobs of the tasks context (Django Tasks API), run by the worker, never by page views."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django_tasks import task

from .models import DeadlineKind, Task
from .services.assign import ensure_occurrences
from .services.reminders import send_due_reminders
from .states import OPEN_STATES


def run_daily(day: date | None = None) -> dict:
    """Open this period's occurrence of every recurring task, then send the day's reminders. Idempotent."""
    day = day or timezone.localdate()
    opened = 0
    series = Task.objects.filter(
        deadline_kind=DeadlineKind.RECURRING, series__isnull=True, state__in=OPEN_STATES
    )
    for one in series.iterator():
        before = one.occurrences.count()
        ensure_occurrences(one, day)
        opened += one.occurrences.count() - before
    run = send_due_reminders(day)
    return {
        "day": day.isoformat(),
        "occurrences": opened,
        "due_soon": run.due_soon,
        "overdue": run.overdue,
        "people": run.people,
        "agencies": run.agencies,
        "skipped_day_off": run.skipped_day_off,
    }


@task()
def daily_task_jobs(day: str | None = None) -> dict:
    """The daily job: recurring occurrences and reminders (đôn đốc). Its input (the day) is kept for a retry."""
    return run_daily(date.fromisoformat(day) if day else None)
