"""Turn what the leader said about time ("đến ngày 15/3", "trong 10 ngày làm việc", "hằng tháng, trước ngày
20") into dates: the deadline, and the date the status is computed from."""

from __future__ import annotations

import calendar as _cal
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from vanthu.common.workdays import WorkingCalendar

from ..models import DeadlineKind, Recurrence


def due_date(deadline: date | None, calendar: WorkingCalendar) -> date | None:
    """The date the status is computed from: a time limit that ends on a day off ends on the next working day."""
    if deadline is None:
        return None
    return deadline if calendar.is_working_day(deadline) else calendar.next_working_day(deadline)


def resolve_deadline(
    kind: str,
    *,
    assigned_on: date,
    calendar: WorkingCalendar,
    deadline: date | None = None,
    working_days: int | None = None,
    recurrence: str = "",
    recurrence_day: int | None = None,
) -> date | None:
    """The deadline as a date (None for "no deadline" and for a recurring series), or a ValidationError."""
    if kind == DeadlineKind.DATE:
        if deadline is None:
            raise ValidationError(_("Hãy nhập thời hạn (ngày/tháng/năm)."), code="deadline")
        if deadline < assigned_on:
            raise ValidationError(_("Thời hạn không được trước ngày giao."), code="deadline")
        return deadline
    if kind == DeadlineKind.WORKING_DAYS:
        if not working_days or working_days < 1:
            raise ValidationError(_("Hãy nhập số ngày làm việc (từ 1 trở lên)."), code="working_days")
        return calendar.add_working_days(assigned_on, working_days)
    if kind == DeadlineKind.RECURRING:
        if recurrence not in Recurrence.values:
            raise ValidationError(_("Hãy chọn chu kỳ: hằng tháng hoặc hằng quý."), code="recurrence")
        if not recurrence_day or not 1 <= recurrence_day <= 31:
            raise ValidationError(_("Ngày hạn trong kỳ phải từ 1 đến 31."), code="recurrence_day")
        return None
    if kind == DeadlineKind.NONE:
        return None
    raise ValidationError(_("Loại thời hạn không hợp lệ."), code="deadline_kind")


def period_start(recurrence: str, day: date) -> date:
    """First day of the month (or quarter) containing ``day``."""
    if recurrence == Recurrence.QUARTERLY:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, day.month, 1)


def next_period(recurrence: str, start: date) -> date:
    months = 3 if recurrence == Recurrence.QUARTERLY else 1
    month = start.month - 1 + months
    return date(start.year + month // 12, month % 12 + 1, 1)


def period_deadline(recurrence: str, start: date, day_of_month: int) -> date:
    """The deadline of the period starting at ``start``: that day of the month (of the quarter's last month),
    or the month's last day when the month is shorter."""
    month_date = start if recurrence != Recurrence.QUARTERLY else date(start.year, start.month + 2, 1)
    last = _cal.monthrange(month_date.year, month_date.month)[1]
    return date(month_date.year, month_date.month, min(day_of_month, last))


def month_end_deadline(year: int, month: int) -> date:
    """Deadline of a programme item planned for a month: the last day of that month."""
    return date(year, month, _cal.monthrange(year, month)[1])
