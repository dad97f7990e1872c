"""Times of the demo: office hours on the agency's working days, never later than (a little before) now."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from vanthu.common.workdays import WorkingCalendar

#: Office hours (giờ hành chính): morning and afternoon.
MORNING = (time(7, 30), time(11, 30))
AFTERNOON = (time(13, 30), time(17, 0))


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


class Clock:
    """Random times in office hours, moved forward over lunch, evenings and days off, capped at ``limit``.

    ``limit`` is a few minutes before the seed started, so that every planned time is in the past and earlier
    than any time the services stamp while the seed runs.
    """

    def __init__(self, calendar: WorkingCalendar, now: datetime, rng: random.Random) -> None:
        self.calendar = calendar
        self.rng = rng
        self.tz = timezone.get_current_timezone()
        self.limit = timezone.localtime(now, self.tz) - timedelta(minutes=30)
        #: the day the deadline statuses are computed for (today, local time)
        self.today: date = timezone.localtime(now, self.tz).date()
        today = self.limit.date()
        opened = calendar.is_working_day(today) and self.limit.time() >= MORNING[0]
        #: the last working day that has begun (up to which documents can have been received or handled)
        self.last_day: date = today if opened else calendar.previous_working_day(today)

    def combine(self, day: date, minutes: int) -> datetime:
        return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=self.tz)

    def random_time(self, day: date) -> datetime:
        """A random moment of office hours on ``day`` (not capped)."""
        start, end = MORNING if self.rng.random() < 0.55 else AFTERNOON
        return self.combine(day, self.rng.randint(_minutes(start), _minutes(end) - 1))

    def normalize(self, t: datetime) -> datetime:
        """The same moment if it is in office hours on a working day, else the next office-hours moment."""
        t = timezone.localtime(t, self.tz)
        day, m = t.date(), _minutes(t.time())
        if not self.calendar.is_working_day(day):
            return self.combine(
                self.calendar.next_working_day(day), _minutes(MORNING[0]) + self.rng.randint(0, 40)
            )
        if m < _minutes(MORNING[0]):
            return self.combine(day, _minutes(MORNING[0]) + self.rng.randint(0, 30))
        if _minutes(MORNING[1]) <= m < _minutes(AFTERNOON[0]):
            return self.combine(day, _minutes(AFTERNOON[0]) + (m - _minutes(MORNING[1])) % 60)
        if m >= _minutes(AFTERNOON[1]):
            overflow = min(m - _minutes(AFTERNOON[1]), 90)
            return self.combine(self.calendar.next_working_day(day), _minutes(MORNING[0]) + overflow)
        return t

    def cap(self, t: datetime, floor: datetime) -> datetime:
        """``t`` kept between ``floor`` + 1 minute and ``limit`` (``floor`` wins if they cross)."""
        return max(min(t, self.limit), floor + timedelta(minutes=1))

    def after(
        self, t: datetime, days: tuple[int, int] = (0, 0), minutes: tuple[int, int] = (5, 120)
    ) -> datetime:
        """A moment after ``t``: the same day a few minutes later, or a random time some working days later."""
        n = self.rng.randint(*days)
        if n == 0:
            moment = self.normalize(t + timedelta(minutes=self.rng.randint(*minutes)))
        else:
            moment = self.random_time(self.calendar.add_working_days(t.date(), n))
            if moment <= t:
                moment = t + timedelta(minutes=self.rng.randint(*minutes))
        return self.cap(moment, t)

    def between(self, a: datetime, b: datetime) -> datetime:
        """A moment strictly between ``a`` and ``b`` (in office hours when there is room)."""
        if b - a <= timedelta(minutes=2):
            return a + timedelta(minutes=1)
        moment = self.normalize(a + (b - a) * self.rng.uniform(0.1, 0.9))
        return min(max(moment, a + timedelta(minutes=1)), b - timedelta(minutes=1))

    def on_day(self, day: date, floor: datetime) -> datetime:
        """A random office-hours moment on ``day``, after ``floor`` and capped at ``limit``."""
        moment = self.random_time(day)
        if moment <= floor:
            moment = self.normalize(floor + timedelta(minutes=self.rng.randint(10, 90)))
        return self.cap(moment, floor)

    def arrivals(self, count: int, days_back: int) -> list[datetime]:
        """``count`` receipt times on the working days of the last ``days_back`` days, oldest first."""
        start = self.last_day - timedelta(days=days_back)
        days = [
            start + timedelta(days=i)
            for i in range((self.last_day - start).days + 1)
            if self.calendar.is_working_day(start + timedelta(days=i))
        ]
        times: list[datetime] = []
        while len(times) < count:
            moment = self.random_time(self.rng.choice(days))
            if moment < self.limit:
                times.append(moment)
        return sorted(times)

    def age(self, day: date) -> int:
        """Working days from ``day`` to the last working day."""
        return self.calendar.working_days_between(day, self.last_day)
