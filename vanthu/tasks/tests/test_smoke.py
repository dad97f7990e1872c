import datetime as dt

import pytest

from vanthu.tasks import services
from vanthu.tasks.queries import status_of, with_status
from vanthu.testing.factories import assign_task

pytestmark = pytest.mark.django_db


def test_assign_report_complete(people, units):
    task = assign_task(people["chief"], assigned_by=people["chairman"], lead_unit=units["KT"])
    services.report_progress(task, people["spec_kt"], "Đã làm việc với các sở", 40)
    task.refresh_from_db()
    assert task.state == "in_progress" and task.progress == 40
    services.complete_task(task, people["head_kt"], "Đã hoàn thành", report_code="12/BC-KT")
    task.refresh_from_db()
    assert status_of(task) == "on_time"
    assert (
        with_status(type(task).objects.filter(pk=task.pk), task.agency_id).get().deadline_status == "on_time"
    )


def test_reminders_run_twice_sends_once(people, units):
    today = dt.date(2026, 11, 27)  # a Friday
    task = assign_task(
        people["chief"],
        assigned_by=people["chairman"],
        lead_unit=units["KT"],
        assigned_on=dt.date(2026, 11, 2),
        deadline=dt.date(2026, 11, 20),
    )
    first = services.send_due_reminders(today)
    second = services.send_due_reminders(today)
    assert first.overdue == 1 and second.overdue == 0
    assert task.reminders.count() == 1
