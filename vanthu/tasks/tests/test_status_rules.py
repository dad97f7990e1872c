"""The computed status of a task (tình trạng thực hiện) on its boundaries, and what the official reports count.

DOMAIN §4.2: the reports count tasks *completed* on time / late and tasks *not yet completed* within their
deadline / overdue, with "no deadline" as its own bucket. A time limit that ends on a day off ends on the next
working day (``due_on``). Every status is checked three ways: ``status_of`` (Python), ``with_status`` and
``filter_status`` (the database), and, where it matters, the figures of the dashboard (``task_stats``).
"""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from vanthu.common.deadlines import DeadlineStatus as S
from vanthu.history.models import Event
from vanthu.organization.models import CalendarDay
from vanthu.organization.services import calendar_for
from vanthu.reports.filters import TaskFilter
from vanthu.reports.tasks_stats import task_stats
from vanthu.tasks import services
from vanthu.tasks.models import ExtensionRequest, Task
from vanthu.tasks.queries import filter_status, status_of, with_status
from vanthu.testing.factories import assign_task

pytestmark = pytest.mark.django_db

D = dt.date
YEAR_2026 = TaskFilter(D(2026, 1, 1), D(2026, 12, 31))
ASSIGNED_ON = D(2026, 8, 3)


@pytest.fixture(autouse=True)
def _due_soon_two_days(settings):
    settings.VANTHU_DUE_SOON_WORKING_DAYS = 2


@pytest.fixture
def make(people, units):
    """A task of Phòng Kinh tế assigned by the chairman on ``assigned_on`` (3 August 2026 by default)."""

    def make(deadline, *, assigned_on=ASSIGNED_ON, done_on=None, lead=None, **spec):
        task = assign_task(
            people["chief"],
            assigned_by=people["chairman"],
            lead_unit=lead or units["KT"],
            assigned_on=assigned_on,
            deadline=deadline,
            **spec,
        )
        if done_on:
            task = services.complete_task(task, people["head_kt"], "Đã hoàn thành", completed_on=done_on)
        return task

    return make


def db_status(task: Task, today: dt.date) -> str:
    """The status the database computes for ``task`` (``with_status``)."""
    return with_status(Task.objects.filter(pk=task.pk), task.agency_id, today).get().deadline_status


def in_filter(task: Task, status: str, today: dt.date) -> bool:
    return filter_status(Task.objects.filter(pk=task.pk), status, task.agency_id, today).exists()


def assert_status(task: Task, today: dt.date, expected: S) -> None:
    """Python and database agree, and the list filter of the report bucket finds the task."""
    assert status_of(task, today) == expected, today
    assert db_status(task, today) == expected.value, today
    bucket = S.WITHIN if expected == S.DUE_SOON else expected  # sắp đến hạn is reported inside trong hạn
    assert in_filter(task, bucket, today), today
    others = {S.ON_TIME, S.LATE, S.WITHIN, S.OVERDUE, S.NO_DEADLINE} - {bucket}
    assert not any(in_filter(task, other, today) for other in others), today


# --- a deadline on a day off -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "due_on"),
    [
        # Quốc khánh: 31/08 (day off in exchange for Saturday 22/08), 01/09 and 02/09/2026 are days off
        pytest.param(D(2026, 9, 2), D(2026, 9, 3), id="national-day"),
        pytest.param(D(2026, 8, 31), D(2026, 9, 3), id="substituted-day-off"),
        # 30/04 and 01/05/2026 (Thursday, Friday) then the weekend: Monday 04/05
        pytest.param(D(2026, 4, 30), D(2026, 5, 4), id="reunification-day-then-weekend"),
        pytest.param(D(2026, 10, 10), D(2026, 10, 12), id="saturday"),
        pytest.param(D(2026, 10, 11), D(2026, 10, 12), id="sunday"),
        # Tết Bính Ngọ: 16–20/02/2026 and the weekends around it
        pytest.param(D(2026, 2, 14), D(2026, 2, 23), id="tet"),
        pytest.param(D(2026, 10, 14), D(2026, 10, 14), id="working-day-unchanged"),
    ],
)
def test_a_deadline_on_a_day_off_is_due_on_the_next_working_day(make, deadline, due_on):
    task = make(deadline, assigned_on=D(2026, 1, 5))
    assert task.deadline == deadline  # the deadline is kept as the leader wrote it
    assert task.due_on == due_on == task.original_due_on
    assert_status(task, deadline, S.DUE_SOON)  # on the day off itself: not overdue
    assert_status(task, due_on, S.DUE_SOON)  # on the next working day: still not overdue (due today)
    assert_status(task, due_on + dt.timedelta(days=1), S.OVERDUE)  # the calendar day after: overdue


def test_overdue_counts_calendar_days_after_the_due_day(make):
    # due Friday 09/10/2026: overdue on the Saturday already, and in the reports of that day
    task = make(D(2026, 10, 9))
    assert_status(task, D(2026, 10, 9), S.DUE_SOON)
    assert_status(task, D(2026, 10, 10), S.OVERDUE)


@pytest.mark.parametrize(
    ("deadline", "done_on", "expected"),
    [
        pytest.param(D(2026, 10, 14), D(2026, 10, 14), S.ON_TIME, id="on-the-deadline"),
        pytest.param(D(2026, 10, 14), D(2026, 10, 13), S.ON_TIME, id="before"),
        pytest.param(D(2026, 10, 14), D(2026, 10, 15), S.LATE, id="the-day-after"),
        pytest.param(D(2026, 9, 2), D(2026, 9, 2), S.ON_TIME, id="on-the-holiday-deadline"),
        pytest.param(D(2026, 9, 2), D(2026, 9, 3), S.ON_TIME, id="next-working-day-after-holiday"),
        pytest.param(D(2026, 9, 2), D(2026, 9, 4), S.LATE, id="the-day-after-that"),
        pytest.param(D(2026, 10, 10), D(2026, 10, 12), S.ON_TIME, id="saturday-deadline-done-monday"),
        pytest.param(D(2026, 10, 10), D(2026, 10, 13), S.LATE, id="saturday-deadline-done-tuesday"),
        pytest.param(None, D(2026, 10, 13), S.ON_TIME, id="no-deadline"),
    ],
)
def test_completed_on_time_or_late(make, deadline, done_on, expected):
    task = make(deadline, done_on=done_on)
    assert task.completed_on == done_on and task.state == "completed"
    for today in (done_on, D(2026, 11, 27), D(2027, 6, 1)):  # a completed task's status never changes
        assert_status(task, today, expected)


def test_completion_counts_in_the_report_buckets(people, make):
    make(D(2026, 9, 2), done_on=D(2026, 9, 3))  # on time (holiday deadline)
    make(D(2026, 9, 2), done_on=D(2026, 9, 4))  # late
    make(D(2026, 10, 14), done_on=D(2026, 10, 14))  # on time
    make(None, done_on=D(2026, 10, 1))  # on time, had no deadline
    totals = task_stats(people["chairman"], YEAR_2026, today=D(2026, 11, 2)).totals
    assert (totals.on_time, totals.late, totals.within, totals.overdue, totals.none) == (3, 1, 0, 0, 0)
    assert totals.rate_text == "75,0"


# --- extensions ----------------------------------------------------------------------------------------


@pytest.fixture
def overdue_task(people, units):
    """Overdue today (the real today: an extension may not be asked for a date already past)."""
    today = timezone.localdate()
    task = assign_task(
        people["chief"],
        assigned_by=people["chairman"],
        lead_unit=units["KT"],
        assigned_on=today - dt.timedelta(days=60),
        deadline=today - dt.timedelta(days=20),
    )
    assert status_of(task) == S.OVERDUE
    return task


def _period(task: Task) -> TaskFilter:
    return TaskFilter(task.assigned_on, timezone.localdate())


def _list_counts(client, user) -> dict[str, str]:
    client.force_login(user)
    html = client.get(reverse("tasks:list")).content.decode()
    return dict(re.findall(r'id="count-(\w+)">(\d+)<', html))


def test_an_extension_approved_after_the_deadline_makes_it_within_again(client, people, overdue_task):
    task, today = overdue_task, timezone.localdate()
    old_due = task.due_on
    proposed = today + dt.timedelta(days=30)
    request = services.request_extension(task, people["head_kt"], "Chờ ý kiến của Bộ", proposed)
    task.refresh_from_db()
    assert status_of(task) == S.OVERDUE  # asking is not getting: still overdue while pending

    services.decide_extension(request, people["chairman"], approve=True, note="Đồng ý")
    task.refresh_from_db()
    assert task.deadline == proposed and task.extension_count == 1
    assert task.due_on == calendar_for(task.agency_id).add_working_days(proposed, 0)
    assert task.original_due_on == old_due  # the first deadline stays on record
    assert status_of(task) == S.WITHIN
    assert db_status(task, today) == S.WITHIN.value
    assert in_filter(task, S.WITHIN, today) and not in_filter(task, S.OVERDUE, today)

    totals = task_stats(people["chairman"], _period(task), today=today).totals
    assert (totals.within, totals.overdue, totals.total) == (1, 0, 1)
    counts = _list_counts(client, people["chairman"])
    assert (counts["overdue"], counts["within"]) == ("0", "1")

    # completed after the old deadline but before the extended one: on time
    services.complete_task(task, people["head_kt"], "Đã hoàn thành")
    task.refresh_from_db()
    assert status_of(task) == S.ON_TIME
    assert task_stats(people["chairman"], _period(task), today=today).totals.on_time == 1


def test_an_extension_approved_to_a_holiday_is_due_the_next_working_day(people, overdue_task):
    task, today = overdue_task, timezone.localdate()
    new_year = D(today.year + 1, 1, 1)
    request = services.request_extension(task, people["head_kt"], "Chờ quyết toán", new_year)
    services.decide_extension(request, people["chairman"], approve=True)
    task.refresh_from_db()
    assert task.deadline == new_year
    assert task.due_on == calendar_for(task.agency_id).next_working_day(new_year) > new_year
    assert status_of(task, task.due_on) == S.DUE_SOON
    assert status_of(task, task.due_on + dt.timedelta(days=1)) == S.OVERDUE


def test_a_refused_extension_keeps_it_overdue(client, people, overdue_task):
    task, today = overdue_task, timezone.localdate()
    old = (task.deadline, task.due_on)
    request = services.request_extension(
        task, people["head_kt"], "Thiếu nhân lực", today + dt.timedelta(days=30)
    )
    services.decide_extension(request, people["chairman"], approve=False, note="Không có căn cứ")
    task.refresh_from_db()
    assert (task.deadline, task.due_on) == old and task.extension_count == 0
    assert_status(task, today, S.OVERDUE)
    totals = task_stats(people["chairman"], _period(task), today=today).totals
    assert (totals.within, totals.overdue) == (0, 1)
    counts = _list_counts(client, people["chairman"])
    assert (counts["overdue"], counts["within"]) == ("1", "0")


def test_an_extension_is_never_approved_to_a_date_already_past(people, overdue_task):
    """Approving a date before today would leave the task overdue while saying it was extended: refused, with
    a message, whether the leader typed that date or the date asked for passed while the request waited."""
    task, today = overdue_task, timezone.localdate()
    request = services.request_extension(task, people["head_kt"], "Chờ ý kiến", today + dt.timedelta(days=10))
    with pytest.raises(ValidationError, match="không được trước hôm nay"):
        services.decide_extension(
            request, people["chairman"], approve=True, deadline=today - dt.timedelta(days=5)
        )
    ExtensionRequest.objects.filter(pk=request.pk).update(proposed_deadline=today - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="không được trước hôm nay"):
        services.decide_extension(request, people["chairman"], approve=True)
    task.refresh_from_db()
    assert task.extension_count == 0 and ExtensionRequest.objects.get(pk=request.pk).state == "pending"
    # another date from today on is fine, and so is refusing
    services.decide_extension(request, people["chairman"], approve=True, deadline=today)
    task.refresh_from_db()
    assert task.deadline == today and task.extension_count == 1


# --- no deadline, due soon -------------------------------------------------------------------------------


def test_a_task_without_deadline_has_the_no_deadline_status(people, make):
    task = make(None)
    assert task.deadline is None and task.due_on is None and task.deadline_kind == "none"
    for today in (D(2026, 8, 3), D(2026, 12, 31), D(2030, 1, 1)):  # never overdue
        assert_status(task, today, S.NO_DEADLINE)
    totals = task_stats(people["chairman"], YEAR_2026, today=D(2026, 11, 2)).totals
    assert (totals.none, totals.within, totals.overdue, totals.total) == (1, 0, 0, 1)
    assert totals.rate is None  # nothing was due: no rate rather than 0 %


@pytest.mark.parametrize(
    ("today", "due", "expected"),
    [
        # Friday 09/10/2026: the 2 next working days are Monday 12 and Tuesday 13
        pytest.param(D(2026, 10, 9), D(2026, 10, 9), S.DUE_SOON, id="fri-due-today"),
        pytest.param(D(2026, 10, 9), D(2026, 10, 12), S.DUE_SOON, id="fri-due-monday"),
        pytest.param(D(2026, 10, 9), D(2026, 10, 13), S.DUE_SOON, id="fri-due-tuesday"),
        pytest.param(D(2026, 10, 9), D(2026, 10, 14), S.WITHIN, id="fri-due-wednesday"),
        # on the Saturday itself the window starts again from the next working days
        pytest.param(D(2026, 10, 10), D(2026, 10, 13), S.DUE_SOON, id="sat-due-tuesday"),
        pytest.param(D(2026, 10, 10), D(2026, 10, 14), S.WITHIN, id="sat-due-wednesday"),
        # Friday 28/08/2026: Monday 31/08, 01/09, 02/09 are days off; next working days are 03 and 04/09
        pytest.param(D(2026, 8, 28), D(2026, 9, 4), S.DUE_SOON, id="over-national-day"),
        pytest.param(D(2026, 8, 28), D(2026, 9, 7), S.WITHIN, id="after-national-day"),
    ],
)
def test_due_soon_counts_working_days_across_weekends_and_holidays(make, today, due, expected):
    task = make(due)
    assert task.due_on == due
    assert_status(task, today, expected)
    assert in_filter(task, S.DUE_SOON, today) == (expected == S.DUE_SOON)


def test_due_soon_follows_the_setting(settings, make):
    task = make(D(2026, 10, 14))  # Wednesday
    friday = D(2026, 10, 9)
    assert status_of(task, friday) == S.WITHIN
    settings.VANTHU_DUE_SOON_WORKING_DAYS = 3
    assert status_of(task, friday) == S.DUE_SOON
    assert db_status(task, friday) == S.DUE_SOON.value


# --- the agency's calendar changes --------------------------------------------------------------------


def test_a_new_day_off_moves_the_due_day_of_open_tasks_only(agency, people, make):
    thursday = D(2026, 10, 15)
    open_task = make(thursday)
    started = make(thursday)
    services.report_progress(started, people["head_kt"], "Đang triển khai", 30)  # in progress: open too
    done_late = make(thursday, done_on=D(2026, 10, 16))
    saturday_task = make(D(2026, 10, 10))  # due Monday 12/10: untouched by a day off on the 15th
    other_day = make(D(2026, 10, 14))
    assert status_of(open_task, D(2026, 10, 16)) == S.OVERDUE

    day_off = CalendarDay.objects.create(agency=agency, date=thursday, kind=CalendarDay.Kind.OFF, note="Bão")
    for task in (open_task, started, done_late, saturday_task, other_day):
        task.refresh_from_db()
    assert open_task.due_on == started.due_on == D(2026, 10, 16)
    assert open_task.deadline == thursday  # the deadline itself is what was assigned
    assert_status(open_task, D(2026, 10, 16), S.DUE_SOON)  # not overdue any more on the Friday
    assert_status(open_task, D(2026, 10, 17), S.OVERDUE)
    # a completed task keeps the due day it was judged against, and its result
    assert done_late.due_on == thursday
    assert_status(done_late, D(2026, 11, 2), S.LATE)
    assert saturday_task.due_on == D(2026, 10, 12) and other_day.due_on == D(2026, 10, 14)

    day_off.delete()  # the day off is withdrawn: back to the Thursday
    open_task.refresh_from_db()
    assert open_task.due_on == thursday
    assert_status(open_task, D(2026, 10, 16), S.OVERDUE)


def test_a_day_off_on_the_due_monday_moves_a_weekend_deadline_again(agency, make):
    task = make(D(2026, 10, 10))  # Saturday → Monday 12/10
    CalendarDay.objects.create(agency=agency, date=D(2026, 10, 12), kind=CalendarDay.Kind.OFF)
    task.refresh_from_db()
    assert task.due_on == D(2026, 10, 13)
    assert_status(task, D(2026, 10, 13), S.DUE_SOON)


def test_a_make_up_working_saturday_brings_the_due_day_back(agency, make):
    task = make(D(2026, 10, 10))  # Saturday → Monday 12/10
    CalendarDay.objects.create(agency=agency, date=D(2026, 10, 10), kind=CalendarDay.Kind.WORK)
    task.refresh_from_db()
    assert task.due_on == D(2026, 10, 10)
    assert_status(task, D(2026, 10, 12), S.OVERDUE)


def test_a_day_off_of_another_agency_moves_nothing(other_agency, make):
    task = make(D(2026, 10, 15))
    CalendarDay.objects.create(agency=other_agency, date=D(2026, 10, 15), kind=CalendarDay.Kind.OFF)
    task.refresh_from_db()
    assert task.due_on == D(2026, 10, 15)


# --- what the reports count ----------------------------------------------------------------------------


def test_cancelled_tasks_are_not_counted(client, people, make):
    kept = make(D(2026, 10, 14))
    withdrawn = make(D(2026, 10, 14))
    services.cancel_task(withdrawn, people["chairman"], "Không còn phù hợp")
    withdrawn.refresh_from_db()
    assert withdrawn.state == "cancelled" and withdrawn.counted is False and kept.counted is True

    totals = task_stats(people["chairman"], YEAR_2026, today=D(2026, 11, 2)).totals
    assert (totals.total, totals.overdue) == (1, 1)
    # the list's status cards and filters leave it out as well (it is still listed, marked withdrawn)
    counts = _list_counts(client, people["chairman"])
    assert counts["overdue"] == "1"
    client.force_login(people["chairman"])
    html = client.get(reverse("tasks:list"), {"status": "overdue"}).content.decode()
    assert f'data-task="{kept.pk}"' in html and f'data-task="{withdrawn.pk}"' not in html


def test_sub_tasks_and_recurring_series_are_counted_once(people, units, make):
    parent = make(D(2026, 10, 30))
    sub = assign_task(
        people["head_kt"],
        parent=parent,
        lead_unit=units["KT"],
        lead_user=people["spec_kt"],
        assigned_on=D(2026, 8, 10),
        deadline=D(2026, 10, 20),
    )
    series = make(
        None, deadline_kind="recurring", recurrence="monthly", recurrence_day=20, assigned_on=D(2026, 10, 1)
    )
    occurrence = series.occurrences.get()
    assert occurrence.deadline == D(2026, 10, 20) and occurrence.due_on == D(2026, 10, 20)
    assert (parent.counted, sub.counted, series.counted, occurrence.counted) == (True, False, False, True)

    today = D(2026, 11, 2)
    totals = task_stats(people["chairman"], YEAR_2026, today=today).totals
    # the parent (overdue) and the October occurrence (overdue); the sub-task is part of its parent's work
    # and the series itself has no deadline of its own: neither is a task of the report
    assert (totals.total, totals.overdue, totals.none) == (2, 2, 0)

    # completing the sub-task does not make anything "completed" in the report
    services.complete_task(sub, people["spec_kt"], "Xong phần việc", completed_on=D(2026, 10, 19))
    totals = task_stats(people["chairman"], YEAR_2026, today=today).totals
    assert (totals.total, totals.on_time, totals.overdue) == (2, 0, 2)

    # cancelling the series withdraws its open occurrences from the counts too (each one's history says
    # from which state it was withdrawn)
    services.report_progress(occurrence, people["head_kt"], "Đã tổng hợp số liệu", 50)
    services.cancel_task(series, people["chairman"], "Thôi theo dõi")
    occurrence.refresh_from_db()
    assert occurrence.state == "cancelled" and not occurrence.counted
    event = Event.objects.for_object(occurrence).get(verb="cancelled")
    assert (event.from_state, event.to_state) == ("in_progress", "cancelled")
    assert task_stats(people["chairman"], YEAR_2026, today=today).totals.total == 1


def test_withdrawing_a_series_withdraws_the_sub_tasks_of_its_occurrences(people, units, make):
    series = make(
        None, deadline_kind="recurring", recurrence="monthly", recurrence_day=20, assigned_on=D(2026, 10, 1)
    )
    occurrence = series.occurrences.get()
    sub = assign_task(
        people["head_kt"],
        parent=occurrence,
        lead_unit=units["KT"],
        lead_user=people["spec_kt"],
        assigned_on=D(2026, 10, 2),
        deadline=D(2026, 10, 15),
    )
    services.cancel_task(series, people["chairman"], "Thôi theo dõi")
    sub.refresh_from_db()
    assert sub.state == "cancelled"
    assert Event.objects.for_object(sub).get(verb="cancelled").note == "Thôi theo dõi"
