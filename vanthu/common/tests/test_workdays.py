import pickle
import random
from datetime import date, datetime, timedelta

import pytest

from vanthu.common.workdays import WorkingCalendar

CAL = WorkingCalendar()


def brute_between(cal, a, b):
    sign, (lo, hi) = (1, (a, b)) if a <= b else (-1, (b, a))
    days = (lo + timedelta(days=i) for i in range(1, (hi - lo).days + 1))
    return sign * sum(cal.is_working_day(d) for d in days)


def test_weekends_are_off():
    assert CAL.is_working_day(date(2026, 3, 6))  # Friday
    assert not CAL.is_working_day(date(2026, 3, 7))  # Saturday
    assert not CAL.is_working_day(date(2026, 3, 8))  # Sunday
    assert CAL.is_working_day(date(2026, 3, 9))  # Monday


def test_five_working_days_from_friday_30_01_2026():
    assert CAL.add_working_days(date(2026, 1, 30), 5) == date(2026, 2, 6)


def test_across_tet_2026():
    for d in range(16, 21):
        assert not CAL.is_working_day(date(2026, 2, d))
        assert CAL.holiday_name(date(2026, 2, d))
    assert CAL.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert CAL.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)
    assert CAL.working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1


def test_add_zero():
    assert CAL.add_working_days(date(2026, 2, 13), 0) == date(2026, 2, 13)
    assert CAL.add_working_days(date(2026, 2, 14), 0) == date(2026, 2, 23)  # Saturday before Tết
    assert CAL.add_working_days(date(2026, 2, 17), 0) == date(2026, 2, 23)


def test_add_negative_counts_backwards():
    assert CAL.add_working_days(date(2026, 2, 23), -1) == date(2026, 2, 13)
    assert CAL.add_working_days(date(2026, 2, 6), -5) == date(2026, 1, 30)


def test_hung_kings_2026_observed_on_monday():
    assert CAL.holiday_name(date(2026, 4, 26)) == "Ngày Giỗ Tổ Hùng Vương"
    assert not CAL.is_working_day(date(2026, 4, 27))
    assert "Hùng Vương" in CAL.holiday_name(date(2026, 4, 27))
    assert CAL.next_working_day(date(2026, 4, 24)) == date(2026, 4, 28)


def test_30_april_1_may_2026():
    assert not CAL.is_working_day(date(2026, 4, 30))
    assert not CAL.is_working_day(date(2026, 5, 1))
    assert CAL.add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 4)
    assert CAL.working_days_between(date(2026, 4, 24), date(2026, 5, 4)) == 3  # 28, 29/4 and 4/5


def test_national_day_2026():
    for d in (date(2026, 8, 31), date(2026, 9, 1), date(2026, 9, 2)):
        assert not CAL.is_working_day(d)
        assert CAL.holiday_name(d)
    assert CAL.next_working_day(date(2026, 8, 28)) == date(2026, 9, 3)
    # 31/08/2026 was swapped with Saturday 22/08/2026, a public-sector make-up working day.
    assert CAL.is_working_day(date(2026, 8, 22))
    assert not CAL.is_working_day(date(2026, 8, 23))


def test_holiday_name_none_on_ordinary_day():
    assert CAL.holiday_name(date(2026, 3, 10)) is None
    assert CAL.holiday_name(date(2026, 3, 7)) is None  # a plain Saturday
    assert CAL.holiday_name(date(2026, 9, 2)) == "Quốc khánh"


def test_make_up_saturday_counted():
    saturday = date(2026, 3, 7)
    cal = WorkingCalendar(extra_work=[saturday])
    assert cal.is_working_day(saturday)
    assert cal.next_working_day(date(2026, 3, 6)) == saturday
    assert cal.add_working_days(date(2026, 3, 6), 2) == date(2026, 3, 9)
    assert cal.working_days_between(date(2026, 3, 6), date(2026, 3, 9)) == 2
    assert CAL.working_days_between(date(2026, 3, 6), date(2026, 3, 9)) == 1


def test_extra_work_overrides_a_holiday():
    cal = WorkingCalendar(extra_work=[date(2026, 2, 20)])
    assert cal.is_working_day(date(2026, 2, 20))
    assert cal.holiday_name(date(2026, 2, 20))  # still named
    assert cal.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 20)


def test_agency_day_off_skipped():
    off = date(2026, 3, 10)
    cal = WorkingCalendar(extra_off=[off])
    assert not cal.is_working_day(off)
    assert cal.holiday_name(off) is None
    assert cal.add_working_days(date(2026, 3, 9), 1) == date(2026, 3, 11)
    assert cal.working_days_between(date(2026, 3, 9), date(2026, 3, 11)) == 1


def test_conflicting_overrides_refused():
    with pytest.raises(ValueError, match="10/03/2026"):
        WorkingCalendar(extra_off=[date(2026, 3, 10)], extra_work=[date(2026, 3, 10)])


def test_working_days_between_signs():
    a, b = date(2026, 1, 30), date(2026, 2, 6)
    assert CAL.working_days_between(a, b) == 5
    assert CAL.working_days_between(b, a) == -5
    assert CAL.working_days_between(a, a) == 0
    assert CAL.working_days_between(date(2026, 3, 7), date(2026, 3, 8)) == 0


def test_between_matches_day_by_day_count():
    rng = random.Random(20260130)
    cal = WorkingCalendar(
        extra_off=[date(2025, 12, 31), date(2026, 6, 15)], extra_work=[date(2026, 2, 7), date(2026, 11, 24)]
    )
    for _ in range(300):
        a = date(2024, 6, 1) + timedelta(days=rng.randrange(1000))
        b = a + timedelta(days=rng.randrange(-400, 400))
        assert cal.working_days_between(a, b) == brute_between(cal, a, b), (a, b)


def test_add_and_between_are_inverse():
    start = date(2025, 12, 20)  # a Saturday: n = 0 moves to Monday, one working day later
    assert CAL.working_days_between(start, CAL.add_working_days(start, 0)) == 1
    for n in range(1, 400, 7):
        end = CAL.add_working_days(start, n)
        assert CAL.is_working_day(end)
        assert CAL.working_days_between(start, end) == n


def test_a_few_hundred_days():
    end = CAL.add_working_days(date(2026, 1, 1), 300)
    assert end.year == 2027
    assert CAL.working_days_between(date(2026, 1, 1), end) == 300


def test_datetime_counts_by_its_date():
    assert not CAL.is_working_day(datetime(2026, 2, 16, 9, 30))
    assert CAL.add_working_days(datetime(2026, 1, 30, 16, 0), 5) == date(2026, 2, 6)


def test_picklable_for_the_cache():
    cal = WorkingCalendar(extra_off=[date(2026, 3, 10)], extra_work=[date(2026, 3, 7)])
    copy = pickle.loads(pickle.dumps(cal))
    assert copy == cal
    assert copy.is_working_day(date(2026, 3, 7))
    assert not copy.is_working_day(date(2026, 3, 10))
