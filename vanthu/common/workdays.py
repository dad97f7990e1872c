"""Working days (ngày làm việc) of a Vietnamese state agency.

A day is a working day unless it is a Saturday or Sunday or a public holiday (ngày lễ, Tết, including the
substituted days off) from ``holidays.Vietnam``. The public-sector make-up Saturdays published with the
holiday schedule (``weekend_workdays`` of the ``holidays`` package, e.g. 22/08/2026) are working days. On top
of this an agency may declare its own days off (``extra_off``) and make-up working days (``extra_work``);
``extra_work`` overrides weekends and holidays.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays

_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=256)
def _national_calendar(year: int) -> tuple[dict[date, str], frozenset[date]]:
    """Public holidays (with their Vietnamese names when available) and make-up Saturdays of ``year``."""
    languages = getattr(holidays.Vietnam, "supported_languages", ())
    kwargs = {"language": "vi"} if "vi" in languages else {}
    calendar = holidays.Vietnam(years=year, **kwargs)
    names = {d: name for d, name in calendar.items() if d.year == year}
    workdays = frozenset(d for d in getattr(calendar, "weekend_workdays", ()) if d.year == year)
    return names, workdays


def _as_date(value: date) -> date:
    """A ``datetime`` counts by its own calendar day (pass local times)."""
    return value.date() if isinstance(value, datetime) else value


def _weekdays_up_to(ordinal: int) -> int:
    """Number of Mondays–Fridays among the day ordinals 1..ordinal (ordinal 1, 0001-01-01, is a Monday)."""
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


class WorkingCalendar:
    """The working-day calendar (lịch ngày làm việc) of one agency.

    ``extra_off``: the agency's own days off (ngày nghỉ riêng); ``extra_work``: its make-up working days
    (ngày làm việc bù), e.g. a Saturday. A date may not be in both (``ValueError``). Holiday data is loaded
    once per year and shared by all calendars; instances hold only two frozensets and can be pickled/cached.
    """

    def __init__(self, extra_off: Iterable[date] = (), extra_work: Iterable[date] = ()) -> None:
        self.extra_off: frozenset[date] = frozenset(_as_date(d) for d in extra_off)
        self.extra_work: frozenset[date] = frozenset(_as_date(d) for d in extra_work)
        both = self.extra_off & self.extra_work
        if both:
            shown = ", ".join(f"{d:%d/%m/%Y}" for d in sorted(both))
            raise ValueError(f"Ngày vừa là ngày nghỉ vừa là ngày làm việc bù: {shown}.")

    def __repr__(self) -> str:
        return (
            f"WorkingCalendar(extra_off={len(self.extra_off)} days, extra_work={len(self.extra_work)} days)"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkingCalendar):
            return NotImplemented
        return self.extra_off == other.extra_off and self.extra_work == other.extra_work

    def __hash__(self) -> int:
        return hash((self.extra_off, self.extra_work))

    def is_working_day(self, d: date) -> bool:
        """Whether ``d`` is a working day (ngày làm việc) of the agency."""
        d = _as_date(d)
        if d in self.extra_work:
            return True
        if d in self.extra_off:
            return False
        names, make_up = _national_calendar(d.year)
        if d in names:
            return False
        return d.weekday() < 5 or d in make_up

    def holiday_name(self, d: date) -> str | None:
        """Name of the public holiday (ngày lễ, Tết) on ``d``, in Vietnamese when available; else ``None``.

        Only national holidays have a name; the agency's own days off do not.
        """
        d = _as_date(d)
        return _national_calendar(d.year)[0].get(d)

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d`` (ngày làm việc tiếp theo)."""
        d = _as_date(d) + _ONE_DAY
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        d = _as_date(d) - _ONE_DAY
        while not self.is_working_day(d):
            d -= _ONE_DAY
        return d

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` itself not counted): "n ngày làm việc".

        ``n == 0`` gives ``start`` when it is a working day, else the next working day. A negative ``n`` counts
        backwards (the ``|n|``-th working day before ``start``). 5 working days from Friday 30/01/2026 is
        06/02/2026; 1 working day from 13/02/2026 is 23/02/2026 (Tết 16–20/02/2026).
        """
        d = _as_date(start)
        if n == 0:
            return d if self.is_working_day(d) else self.next_working_day(d)
        step = self.next_working_day if n > 0 else self.previous_working_day
        for _ in range(abs(n)):
            d = step(d)
        return d

    def working_days_between(self, a: date, b: date) -> int:
        """Number of working days ``d`` with ``a < d <= b`` (số ngày làm việc); negative when ``b < a``.

        Computed from the count of Mondays–Fridays corrected by the few special days of each year in the
        range, so long ranges cost nothing more than the holiday lookups.
        """
        a, b = _as_date(a), _as_date(b)
        if b < a:
            return -self.working_days_between(b, a)
        if a == b:
            return 0
        count = _weekdays_up_to(b.toordinal()) - _weekdays_up_to(a.toordinal())
        special: set[date] = {d for d in self.extra_off | self.extra_work if a < d <= b}
        for year in range(a.year, b.year + 1):
            names, make_up = _national_calendar(year)
            special.update(d for d in names if a < d <= b)
            special.update(d for d in make_up if a < d <= b)
        for d in special:
            count += int(self.is_working_day(d)) - int(d.weekday() < 5)
        return count
