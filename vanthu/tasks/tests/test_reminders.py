"""Đôn đốc: the automatic reminders (``send_due_reminders(today, days_before)``, run daily by the job and by
``manage.py send_reminders``) and the reminders a leader sends by hand (``remind``).

The rules a user notices: a "due soon" reminder N working days before the deadline, once per task and
deadline; an "overdue" reminder on each working day the task is overdue; nothing on days off; a second run on
the same day sends nothing; the reminder goes to the people who answer for the lead (``services.people``).
"""

import datetime as dt
import inspect
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from vanthu.history.models import Event
from vanthu.notifications.models import Notification
from vanthu.organization.models import CalendarDay, Role
from vanthu.organization.services import calendar_for
from vanthu.tasks import services
from vanthu.tasks.models import Reminder, Task
from vanthu.tasks.states import TransitionError
from vanthu.testing.factories import AgencyFactory, ExternalAgencyFactory, UserFactory, assign_task

pytestmark = pytest.mark.django_db

D = dt.date
THURSDAY = D(2026, 10, 15)  # a week without holidays: Mon 12 … Fri 16, Mon 19/10/2026
ASSIGNED_ON = D(2026, 9, 1)


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.VANTHU_REMINDER_WORKING_DAYS = 3
    # e-mails are sent by the task queue after commit: run the queue at once to see them in mail.outbox
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """``send_due_reminders`` for one day, with the e-mails it causes delivered to ``mail.outbox``."""

    def run(day, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.send_due_reminders(day, **kwargs)

    return run


@pytest.fixture
def make(people, units):
    def make(deadline=THURSDAY, *, assigned_on=ASSIGNED_ON, **spec):
        spec.setdefault("lead_unit", units["KT"])
        return assign_task(
            people["chief"],
            assigned_by=people["chairman"],
            assigned_on=assigned_on,
            deadline=deadline,
            **spec,
        )

    return make


def sent(task, kind=None) -> list[tuple[dt.date, str]]:
    rows = Reminder.objects.filter(task=task).exclude(kind=Reminder.Kind.MANUAL)
    if kind:
        rows = rows.filter(kind=kind)
    return sorted(rows.values_list("on_date", "kind"))


def snapshot() -> tuple[int, int, int]:
    return Reminder.objects.count(), Notification.objects.count(), len(mail.outbox)


# --- when ----------------------------------------------------------------------------------------------


def test_the_real_signature():
    params = list(inspect.signature(services.send_due_reminders).parameters)
    assert params == ["today", "days_before"]  # every active agency is run, each with its own calendar


def test_due_soon_once_then_overdue_each_working_day(run, make):
    task = make()
    expected = {
        D(2026, 10, 8): (0, 0),  # 3 working days later is Tuesday 13: too early
        D(2026, 10, 9): (0, 0),  # … Wednesday 14: still too early
        D(2026, 10, 10): (0, 0),  # Saturday: nothing at all
        D(2026, 10, 12): (1, 0),  # Monday: Thursday is the 3rd working day → "sắp đến hạn"
        D(2026, 10, 13): (0, 0),  # already told for this deadline
        D(2026, 10, 14): (0, 0),
        D(2026, 10, 15): (0, 0),  # due today: not overdue, already told
        D(2026, 10, 16): (0, 1),  # Friday: overdue
        D(2026, 10, 17): (0, 0),  # Saturday
        D(2026, 10, 18): (0, 0),  # Sunday
        D(2026, 10, 19): (0, 1),  # Monday: overdue again
        D(2026, 10, 20): (0, 1),
    }
    for day, counts in expected.items():
        result = run(day)
        assert (result.due_soon, result.overdue) == counts, day
        assert result.skipped_day_off == (1 if day.weekday() >= 5 else 0), day
    assert sent(task) == [
        (D(2026, 10, 12), "due_soon"),
        (D(2026, 10, 16), "overdue"),
        (D(2026, 10, 19), "overdue"),
        (D(2026, 10, 20), "overdue"),
    ]
    assert set(Reminder.objects.filter(task=task).values_list("due_on", flat=True)) == {THURSDAY}


def test_days_before_follows_the_setting(settings, run, make):
    task = make()
    settings.VANTHU_REMINDER_WORKING_DAYS = 5
    run(D(2026, 10, 8))  # Thursday 15 is the 5th working day after Thursday 8
    assert sent(task) == [(D(2026, 10, 8), "due_soon")]
    assert run(D(2026, 10, 7), days_before=1).due_soon == 0  # an explicit argument wins


def test_nothing_on_public_holidays_and_days_off(agency, run, make):
    task = make(D(2026, 8, 28), assigned_on=D(2026, 8, 3))  # Friday before the National Day holidays
    for holiday in (D(2026, 8, 29), D(2026, 8, 30), D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2)):
        result = run(holiday)
        assert (result.agencies, result.skipped_day_off, result.overdue) == (0, 1, 0), holiday
    assert sent(task) == []
    assert run(D(2026, 9, 3)).overdue == 1  # the first working day after
    # the agency's own day off counts as well
    CalendarDay.objects.create(agency=agency, date=D(2026, 9, 4), kind=CalendarDay.Kind.OFF)
    assert run(D(2026, 9, 4)).overdue == 0
    assert sent(task) == [(D(2026, 9, 3), "overdue")]
    assert not Notification.objects.filter(created_at__date=D(2026, 9, 4)).exists()


def test_a_make_up_saturday_is_a_working_day(agency, run, make):
    # Saturday 22/08/2026 is worked in exchange for Monday 31/08 (official schedule)
    task = make(D(2026, 8, 26), assigned_on=D(2026, 8, 3))
    assert calendar_for(agency).is_working_day(D(2026, 8, 22))
    result = run(D(2026, 8, 22))
    assert (result.agencies, result.due_soon) == (1, 1)
    assert sent(task) == [(D(2026, 8, 22), "due_soon")]


def test_running_twice_the_same_day_sends_nothing_twice(people, run, make):
    overdue = make(D(2026, 10, 9))
    soon = make(THURSDAY)
    Notification.objects.all().delete()  # the notices of the assignment
    first = run(D(2026, 10, 12))
    assert (first.overdue, first.due_soon) == (1, 1)
    after_first = snapshot()
    assert after_first[0] == 2
    assert after_first[1] == 2 and after_first[2] == 2  # one per kind to the head of the lead unit
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0

    second = run(D(2026, 10, 12))
    assert (second.overdue, second.due_soon, second.people) == (0, 0, 0)
    assert snapshot() == after_first
    assert sent(overdue) == [(D(2026, 10, 12), "overdue")]
    assert sent(soon) == [(D(2026, 10, 12), "due_soon")]
    # and the daily job, run again by the command, neither
    call_command("send_reminders", "--date", "2026-10-12", stdout=StringIO())
    assert snapshot() == after_first


def test_a_new_deadline_gets_its_own_due_soon_reminder(people, run, make):
    task = make()
    run(D(2026, 10, 12))
    proposed = timezone.localdate() + dt.timedelta(days=30)
    request = services.request_extension(task, people["head_kt"], "Chờ ý kiến của Bộ", proposed)
    services.decide_extension(request, people["chairman"], approve=True)
    task.refresh_from_db()
    day = calendar_for(task.agency_id).add_working_days(task.due_on, -3)
    assert run(day).due_soon == 1
    assert run(day).due_soon == 0
    assert sent(task, "due_soon") == [(D(2026, 10, 12), "due_soon"), (day, "due_soon")]


def test_finished_withdrawn_undated_and_series_tasks_are_not_chased(people, run, make):
    done = make(D(2026, 10, 9))
    services.complete_task(done, people["head_kt"], "Đã xong", completed_on=D(2026, 10, 8))
    withdrawn = make(D(2026, 10, 9))
    services.cancel_task(withdrawn, people["chairman"], "Không còn phù hợp")
    undated = make(None)
    series = make(
        None, deadline_kind="recurring", recurrence="monthly", recurrence_day=30, assigned_on=D(2026, 10, 1)
    )
    result = run(D(2026, 10, 19))
    assert (result.overdue, result.due_soon) == (0, 0)
    for task in (done, withdrawn, undated, series):
        assert sent(task) == []
    # the series' occurrence of the month is an ordinary task: it is chased
    occurrence = series.occurrences.get()
    assert occurrence.due_on == D(2026, 10, 30)
    assert run(D(2026, 10, 27)).due_soon == 1 and sent(occurrence) == [(D(2026, 10, 27), "due_soon")]


def test_sub_tasks_of_a_withdrawn_task_are_not_chased(people, units, run, make):
    parent = make(D(2026, 10, 30))
    sub = assign_task(
        people["head_kt"],
        parent=parent,
        lead_unit=units["KT"],
        lead_user=people["spec_kt"],
        assigned_on=D(2026, 9, 2),
        deadline=D(2026, 10, 20),
    )
    services.report_progress(sub, people["spec_kt"], "Đang rà soát", 40)
    Notification.objects.all().delete()
    services.cancel_task(parent, people["chairman"], "Không còn phù hợp")
    sub.refresh_from_db()
    # the sub-task is withdrawn with its task (as the occurrences of a series are), on record, and its
    # holder is told so — rather than being chased every day for work that was called off
    assert sub.state == "cancelled"
    event = Event.objects.for_object(sub).get(verb="cancelled")
    assert (event.from_state, event.to_state, event.note) == ("in_progress", "cancelled", "Không còn phù hợp")
    told = Notification.objects.filter(user=people["spec_kt"])
    assert [n.text for n in told] == [f"Nhiệm vụ đã được thu hồi: {parent.content}"]
    assert run(D(2026, 10, 21)).overdue == 0
    assert sent(sub) == [] and told.count() == 1


# --- who -----------------------------------------------------------------------------------------------


def test_the_heads_of_the_lead_unit_are_reminded_and_nobody_else(people, units, run, make):
    task = make(D(2026, 10, 9), coop_units=[units["VX"]], follower=people["spec_th"])
    Notification.objects.all().delete()  # the notices of the assignment
    mail.outbox.clear()
    run(D(2026, 10, 12))
    assert Reminder.objects.get(task=task).recipients == 1
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["tp_kt"]
    note = Notification.objects.get()
    assert note.text.startswith("Đôn đốc: nhiệm vụ quá hạn từ 09/10/2026")
    assert note.url == task.get_absolute_url()
    assert [m.to for m in mail.outbox] == [["tp_kt@example.vn"]]
    assert "quá hạn" in mail.outbox[0].subject


def test_the_person_doing_it_is_reminded_with_the_heads(people, units, run, make):
    make(D(2026, 10, 9), lead_user=people["spec_kt2"])
    make(D(2026, 10, 8), lead_user=people["spec_kt2"])
    Notification.objects.all().delete()
    run(D(2026, 10, 12))
    # one summary per person, not one per task
    texts = dict(Notification.objects.values_list("user__username", "text"))
    assert set(texts) == {"tp_kt", "cv_kt2"}
    assert texts["cv_kt2"] == "Đôn đốc: 2 nhiệm vụ đã quá hạn, đề nghị khẩn trương thực hiện"
    assert Notification.objects.get(user__username="cv_kt2").url.endswith("?scope=mine&status=overdue")


def test_an_outside_agency_with_accounts_gets_it_at_its_registry_and_leaders(people, run, make):
    stc = AgencyFactory(name="Sở Tài chính tỉnh Hà Tĩnh", abbreviation="STC", code="000.10.00.H42")
    entry = ExternalAgencyFactory(name="Sở Tài chính", abbreviation="STC", code=stc.code, internal_agency=stc)
    UserFactory(username="vanthu.stc", agency=stc, role=Role.CLERK)
    UserFactory(username="gd.stc", agency=stc, role=Role.AGENCY_LEADER)
    UserFactory(username="cv.stc", agency=stc, role=Role.SPECIALIST)
    task = make(D(2026, 10, 9), lead_unit=None, lead_external=entry)
    Notification.objects.all().delete()
    result = run(D(2026, 10, 12))
    assert result.overdue == 1 and Reminder.objects.get(task=task).recipients == 2
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"vanthu.stc", "gd.stc"}


def test_an_outside_agency_without_accounts(people, run, make):
    """Nobody to notify: the run goes on, the reminder is on record with no recipient, nothing is sent;
    with an office follower (who chases by phone) the follower is told instead."""
    sxd = ExternalAgencyFactory(name="Sở Xây dựng", abbreviation="SXD", code="")
    alone = make(D(2026, 10, 9), lead_unit=None, lead_external=sxd)
    followed = make(D(2026, 10, 9), lead_unit=None, lead_external=sxd, follower=people["spec_th"])
    other = make(D(2026, 10, 9))  # in the same run: still reminded
    Notification.objects.all().delete()
    mail.outbox.clear()
    result = run(D(2026, 10, 12))
    assert result.overdue == 3
    assert Reminder.objects.get(task=alone).recipients == 0
    assert Reminder.objects.get(task=followed).recipients == 1
    assert Reminder.objects.get(task=other).recipients == 1
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"cv_th", "tp_kt"}
    assert sorted(m.to[0] for m in mail.outbox) == ["cv_th@example.vn", "tp_kt@example.vn"]
    # a leader's reminder cannot reach anyone either: refused with a message, nothing recorded
    with pytest.raises(ValidationError, match="chưa có người nhận"):
        services.remind(alone, people["chairman"], "Khẩn trương")
    assert not Reminder.objects.filter(task=alone, kind=Reminder.Kind.MANUAL).exists()


def test_a_deactivated_account_is_not_reminded(people, units, run, make):
    """Someone who has left (account deactivated) gets nothing; the task falls to the others who answer for
    it, and to the office's follower when nobody else is left."""
    gone = people["spec_kt2"]
    gone.is_active = False
    gone.save()
    with_heads = make(D(2026, 10, 9), lead_user=gone)
    alone = make(D(2026, 10, 9), lead_unit=None, lead_user=gone, follower=people["spec_th"])
    Notification.objects.all().delete()
    run(D(2026, 10, 12))
    assert Reminder.objects.get(task=with_heads).recipients == 1
    assert Reminder.objects.get(task=alone).recipients == 1
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"tp_kt", "cv_th"}
    # the same people for a leader's reminder
    assert services.remind(alone, people["chairman"], "Khẩn trương").recipients == 1
    assert not Notification.objects.filter(user=gone).exists()
    people["spec_th"].is_active = False
    people["spec_th"].save()
    with pytest.raises(ValidationError, match="chưa có người nhận"):
        services.remind(alone, people["chairman"], "Khẩn trương")


# --- a leader reminds ----------------------------------------------------------------------------------


def test_the_assigning_leader_reminds_with_a_note(client, people, make, django_capture_on_commit_callbacks):
    task = make(timezone.localdate() + dt.timedelta(days=20))
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        reminder = services.remind(task, people["chairman"], "  Đề nghị báo cáo trước thứ Sáu  ")
    assert reminder.kind == Reminder.Kind.MANUAL and reminder.sent_by == people["chairman"]
    assert reminder.note == "Đề nghị báo cáo trước thứ Sáu" and reminder.recipients == 1
    assert reminder.on_date == timezone.localdate() and reminder.due_on == task.due_on
    event = Event.objects.for_object(task).get(verb="reminded")
    assert event.actor == people["chairman"] and event.note == "Đề nghị báo cáo trước thứ Sáu"
    assert event.payload["recipients"] == [people["head_kt"].display_name]
    note = Notification.objects.get()
    assert note.user == people["head_kt"] and note.text.endswith("— Đề nghị báo cáo trước thứ Sáu")
    assert [m.to for m in mail.outbox] == [["tp_kt@example.vn"]]
    # the task page shows it
    client.force_login(people["head_kt"])
    html = client.get(task.get_absolute_url()).content.decode()
    assert "Lãnh đạo đôn đốc" in html and "Đề nghị báo cáo trước thứ Sáu" in html


def test_reminding_many_tasks_tells_each_person_once(people, units, make, django_capture_on_commit_callbacks):
    """The dashboard's button: every task is reminded and recorded, but the head of a lagging unit gets one
    notification (and one e-mail) for all of them, as with the automatic run, not one per task."""
    overdue = [make(D(2026, 10, 9)) for _ in range(3)]
    theirs = make(D(2026, 10, 9), lead_user=people["spec_kt"])
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        count = services.remind_all(Task.objects.all(), people["chairman"], " Đề nghị hoàn thành trong tuần ")
    assert count == 4
    reminders = Reminder.objects.filter(kind=Reminder.Kind.MANUAL)
    assert sorted(reminders.values_list("task", flat=True)) == sorted(t.pk for t in [*overdue, theirs])
    assert set(reminders.values_list("note", flat=True)) == {"Đề nghị hoàn thành trong tuần"}
    assert Event.objects.filter(verb="reminded").count() == 4
    texts = dict(Notification.objects.values_list("user__username", "text"))
    chairman = people["chairman"].display_name
    assert texts == {
        "tp_kt": f"{chairman} đôn đốc 4 nhiệm vụ — Đề nghị hoàn thành trong tuần",
        "cv_kt": f"{chairman} đôn đốc: {theirs.content} — Đề nghị hoàn thành trong tuần",
    }
    assert Notification.objects.get(user=people["head_kt"]).url.endswith("?scope=mine")
    assert Notification.objects.get(user=people["spec_kt"]).url == theirs.get_absolute_url()
    assert sorted(m.to[0] for m in mail.outbox) == ["cv_kt@example.vn", "tp_kt@example.vn"]
    # someone who may not remind reminds nothing
    assert services.remind_all(Task.objects.all(), people["spec_kt"]) == 0


def test_who_may_remind(people, units, make):
    task = make(timezone.localdate() + dt.timedelta(days=20), follower=people["spec_th"])
    allowed = {name for name, person in people.items() if services.may("remind", task, person)}
    # the leaders (the assigning one and the office's), and the office's follower; not the lead itself
    assert allowed == {"chairman", "chief", "spec_th"}
    with pytest.raises(PermissionDenied):
        services.remind(task, people["spec_kt"], "Nhắc")
    assert not Reminder.objects.exists() and not Event.objects.filter(verb="reminded").exists()
    assert services.remind(task, people["spec_th"], "Nhắc theo dõi").sent_by == people["spec_th"]


def test_reminding_through_the_page(client, people, units, make):
    task = make(timezone.localdate() + dt.timedelta(days=20))
    url = reverse("tasks:action", args=[task.pk, "remind"])
    client.force_login(people["spec_kt"])  # sees the task (lead unit), may not remind: refused, nothing sent
    assert 'id="btn-remind"' not in client.get(task.get_absolute_url()).content.decode()
    response = client.post(url, {"note": "Nhắc"})
    assert response.status_code == 422
    assert "Bạn không có quyền đôn đốc nhiệm vụ này" in response.content.decode()
    client.force_login(people["spec_vx"])  # does not even see it
    assert client.post(url, {"note": "Nhắc"}).status_code == 404
    assert not Reminder.objects.exists()

    client.force_login(people["chairman"])
    assert 'id="btn-remind"' in client.get(task.get_absolute_url()).content.decode()
    response = client.post(url, {"note": "Khẩn trương"})
    assert response.status_code == 302
    assert Reminder.objects.get().note == "Khẩn trương"


def test_a_completed_task_cannot_be_reminded(people, make):
    task = make(timezone.localdate() + dt.timedelta(days=20))
    services.complete_task(task, people["head_kt"], "Đã xong")
    task.refresh_from_db()
    assert not services.may("remind", task, people["chairman"])
    with pytest.raises(TransitionError):
        services.remind(task, people["chairman"], "Nhắc")


# --- the command ---------------------------------------------------------------------------------------


def test_the_command_runs_the_day_given(people, make):
    task = make(D(2026, 10, 9))
    out = StringIO()
    call_command("send_reminders", "--date", "2026-10-12", stdout=out)
    text = out.getvalue()
    assert "Ngày 2026-10-12" in text and "nhắc quá hạn 1 nhiệm vụ" in text and "1 cơ quan" in text
    assert sent(task) == [(D(2026, 10, 12), "overdue")]
    out = StringIO()
    call_command("send_reminders", "--date", "2026-10-17", stdout=out)  # a Saturday
    assert "0 cơ quan, 1 cơ quan nghỉ" in out.getvalue()
    assert sent(task) == [(D(2026, 10, 12), "overdue")]
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("send_reminders", "--date", "12/10/2026", stdout=StringIO())
