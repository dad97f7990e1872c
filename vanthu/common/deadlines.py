"""Computed status of a handling deadline (tình trạng hạn xử lý).

One rule, implemented twice: ``deadline_status`` in Python (one object) and ``deadline_status_expression`` as a
database expression (annotating a queryset). Both are written from the same ordered list of cases below and
the tests check they agree on every combination of dates; change them together.

1. completed, no deadline                   → ON_TIME   (Hoàn thành đúng hạn)
2. completed on or before the deadline      → ON_TIME
3. completed after the deadline             → LATE      (Hoàn thành quá hạn)
4. open, no deadline                        → NO_DEADLINE (Không có hạn)
5. open, deadline before today              → OVERDUE   (Quá hạn)
6. open, deadline on or before soon_limit   → DUE_SOON  (Sắp đến hạn; a deadline today is due soon)
7. otherwise                                → WITHIN    (Trong hạn)

``soon_limit`` is the last day counted as "due soon", normally ``due_soon_limit(today, calendar)``.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import models
from django.db.models import Case, CharField, F, Q, Value, When
from django.utils.translation import gettext_lazy as _

from .workdays import WorkingCalendar


class DeadlineStatus(models.TextChoices):
    """Status of a deadline (tình trạng hạn xử lý)."""

    ON_TIME = "on_time", _("Hoàn thành đúng hạn")
    LATE = "late", _("Hoàn thành quá hạn")
    WITHIN = "within", _("Trong hạn")
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    OVERDUE = "overdue", _("Quá hạn")
    NO_DEADLINE = "none", _("Không có hạn")


#: Bootstrap contextual class per status value (badge/text colour: ``text-bg-{class}``).
STATUS_CSS: dict[str, str] = {
    DeadlineStatus.OVERDUE.value: "danger",
    DeadlineStatus.DUE_SOON.value: "warning",
    DeadlineStatus.WITHIN.value: "primary",
    DeadlineStatus.ON_TIME.value: "success",
    DeadlineStatus.LATE.value: "secondary",
    DeadlineStatus.NO_DEADLINE.value: "light",
}


def _as_date(value: date | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def due_soon_limit(today: date, calendar: WorkingCalendar, days: int = 2) -> date:
    """Last day that counts as "sắp đến hạn": ``days`` working days after ``today``."""
    return calendar.add_working_days(today, days)


def deadline_status(
    deadline: date | None, completed_on: date | None, today: date, soon_limit: date
) -> DeadlineStatus:
    """Status of one deadline (tình trạng hạn xử lý), by the rule in the module docstring.

    Same rule as ``deadline_status_expression``. Dates are compared as calendar days (a ``datetime`` is cut
    to its date: pass local times).
    """
    deadline, completed_on = _as_date(deadline), _as_date(completed_on)
    if completed_on is not None:
        if deadline is None or completed_on <= deadline:
            return DeadlineStatus.ON_TIME
        return DeadlineStatus.LATE
    if deadline is None:
        return DeadlineStatus.NO_DEADLINE
    if deadline < today:
        return DeadlineStatus.OVERDUE
    if deadline <= soon_limit:
        return DeadlineStatus.DUE_SOON
    return DeadlineStatus.WITHIN


def deadline_status_expression(
    deadline_field: str, completed_field: str, today: date, soon_limit: date
) -> Case:
    """Database expression of the same rule as ``deadline_status`` (tình trạng hạn xử lý), for ``annotate()``.

    ``qs.annotate(status=deadline_status_expression("deadline", "completed_on", today, soon))`` gives one of
    the ``DeadlineStatus`` values per row. Both fields must be dates: for a ``DateTimeField`` annotate its
    local date first (``TruncDate``) and pass that alias.
    """
    done = Q(**{f"{completed_field}__isnull": False})
    no_deadline = Q(**{f"{deadline_field}__isnull": True})

    def status(value: DeadlineStatus) -> Value:
        return Value(value.value, output_field=CharField())

    return Case(
        When(done & no_deadline, then=status(DeadlineStatus.ON_TIME)),
        When(done & Q(**{f"{completed_field}__lte": F(deadline_field)}), then=status(DeadlineStatus.ON_TIME)),
        When(done, then=status(DeadlineStatus.LATE)),
        When(no_deadline, then=status(DeadlineStatus.NO_DEADLINE)),
        When(Q(**{f"{deadline_field}__lt": today}), then=status(DeadlineStatus.OVERDUE)),
        When(Q(**{f"{deadline_field}__lte": soon_limit}), then=status(DeadlineStatus.DUE_SOON)),
        default=status(DeadlineStatus.WITHIN),
        output_field=CharField(),
    )
