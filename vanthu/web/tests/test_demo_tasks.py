"""The demo's year of tasks: what the leaders' dashboard shows on first open, and the outside agency's view.

The demo is built once for the module (it takes several seconds) inside a transaction rolled back at the end.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from vanthu.common.deadlines import DeadlineStatus
from vanthu.history.models import Event
from vanthu.notifications.models import Notification
from vanthu.organization.models import Agency, ExternalAgency, Role, User
from vanthu.organization.services import calendar_for
from vanthu.tasks.models import (
    DeadlineKind,
    ExtensionRequest,
    ProgrammeItem,
    ProgressReport,
    Reminder,
    SourceKind,
    Task,
    WorkProgramme,
)
from vanthu.tasks.queries import report_bucket, with_status
from vanthu.tasks.services.deadlines import due_date, month_end_deadline
from vanthu.tasks.states import ExtensionState, TaskState
from vanthu.tasks.visibility import visible_tasks
from vanthu.web.demo import DEMO_PASSWORD, build_demo
from vanthu.web.demo.people import OUTSIDE, OUTSIDE_PEOPLE, PROVINCE

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # as the tests' own fixture (conftest.py)
    files = tmp_path_factory.mktemp("files")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=files, PASSWORD_HASHERS=fast):
        with transaction.atomic():
            result = build_demo(count=40)
            yield result
            transaction.set_rollback(True)


@pytest.fixture
def province(demo) -> Agency:
    return Agency.objects.get(code=PROVINCE["code"])


def _statuses(qs, agency: Agency) -> list[tuple[Task, str]]:
    return [(t, report_bucket(t.deadline_status)) for t in with_status(qs, agency.pk)]


def test_a_year_of_tasks_from_the_leaders(province):
    counted = Task.objects.filter(agency=province, counted=True)
    assert counted.count() >= 1400
    first, last = min(t.assigned_on for t in counted), max(t.assigned_on for t in counted)
    assert (last - first).days >= 330
    assert len({(t.assigned_on.year, t.assigned_on.month) for t in counted}) >= 12

    # assigned by the Chairman and the Vice-Chairmen, followed by specialists of the Văn phòng
    leaders = set(User.objects.filter(agency=province, role=Role.AGENCY_LEADER))
    assert set(User.objects.filter(pk__in=counted.values("assigned_by"))) == leaders
    assert not counted.filter(follower__isnull=True).exists()
    assert set(counted.values_list("follower__role", flat=True)) == {Role.SPECIALIST}

    # sources, fields, priorities and kinds of deadline all mixed
    kinds = Counter(counted.values_list("source_kind", flat=True))
    for kind in (SourceKind.CONCLUSION, SourceKind.PLAN, SourceKind.OUTGOING, SourceKind.ADHOC):
        assert kinds[kind] >= 50, kind
    assert kinds[SourceKind.INCOMING] >= 5  # of only 40 documents here (about 170 in the full demo)
    conclusions = counted.filter(source_kind=SourceKind.CONCLUSION)
    assert all(c.endswith("/TB-UBND") for c in conclusions.values_list("source_code", flat=True))
    assert not conclusions.filter(source_date__isnull=True).exists()
    assert not counted.filter(source_kind=SourceKind.INCOMING, source_incoming__isnull=True).exists()
    plan_items = defaultdict(list)
    plans = Task.objects.filter(agency=province, source_kind=SourceKind.PLAN)  # withdrawn items included
    for code, number in plans.values_list("source_code", "item_number"):
        plan_items[code].append(int(number))
    assert len(plan_items) >= 5
    assert all(sorted(n) == list(range(1, len(n) + 1)) and len(n) >= 4 for n in plan_items.values())
    assert counted.values("field").distinct().count() >= 15
    assert set(counted.values_list("priority", flat=True)) == {0, 1, 2}
    assert set(counted.values_list("deadline_kind", flat=True)) >= {
        DeadlineKind.DATE,
        DeadlineKind.WORKING_DAYS,
        DeadlineKind.NONE,
    }
    series = Task.objects.filter(agency=province, deadline_kind=DeadlineKind.RECURRING, series__isnull=True)
    assert series.count() >= 3
    assert Task.objects.filter(series__in=series, state=TaskState.COMPLETED).count() >= 20

    # more than twenty leads: departments, communes and units of the Văn phòng, with co-operating agencies
    leads = {(t.lead_unit_id, t.lead_external_id) for t in counted}
    assert len(leads) >= 20
    assert counted.filter(lead_unit__isnull=False).values("lead_unit").distinct().count() >= 3
    assert counted.filter(lead_external__name__startswith="Ủy ban nhân dân").exists()
    assert counted.filter(coop_externals__isnull=False).distinct().count() >= 100

    # every status of the report, extensions decided every way, reminders, withdrawn tasks
    buckets = Counter(bucket for _t, bucket in _statuses(counted, province))
    for status in (
        DeadlineStatus.ON_TIME,
        DeadlineStatus.LATE,
        DeadlineStatus.WITHIN,
        DeadlineStatus.OVERDUE,
    ):
        assert buckets[status] >= 20, status
    assert buckets[DeadlineStatus.NO_DEADLINE] >= 5
    assert with_status(counted, province.pk).filter(deadline_status=DeadlineStatus.DUE_SOON).exists()
    assert set(ExtensionRequest.objects.values_list("state", flat=True)) == set(ExtensionState.values)
    extended_after_overdue = [
        e
        for e in ExtensionRequest.objects.filter(state=ExtensionState.APPROVED)
        if e.created_at.date() > e.previous_deadline
    ]
    assert extended_after_overdue
    assert Reminder.objects.filter(kind=Reminder.Kind.MANUAL).count() >= 5
    cancelled = Task.objects.filter(agency=province, state=TaskState.CANCELLED)
    assert cancelled.exists() and not cancelled.filter(counted=True).exists()
    assert counted.filter(reports__kind="progress", completed_on__isnull=True).exists()

    # everything went through the services: each task has its history, moments are in the past
    assigned = Event.objects.filter(object_type="tasks.task", verb="assigned").values("object_id")
    assert not Task.objects.filter(agency=province).exclude(pk__in=assigned).exists()
    completed = Event.objects.filter(object_type="tasks.task", verb="completed").values("object_id")
    assert not counted.filter(state=TaskState.COMPLETED).exclude(pk__in=completed).exists()
    for task in counted.filter(state=TaskState.COMPLETED)[:200]:
        assert task.assigned_on <= task.completed_on <= last
        assert task.created_at.date() <= task.updated_at.date()


def test_some_leads_lag_most_are_on_time(province):
    per_lead: dict[tuple, Counter] = defaultdict(Counter)
    for task, bucket in _statuses(Task.objects.filter(agency=province, counted=True), province):
        per_lead[(task.lead_unit_id, task.lead_external_id)][bucket] += 1
    rates = {}
    for lead, c in per_lead.items():
        due = c["on_time"] + c["late"] + c["overdue"]
        if due >= 15:
            rates[lead] = (c["on_time"] / due, c["on_time"] / (c["on_time"] + c["late"]), c["overdue"])
    lagging = [lead for lead, (rate, done_rate, overdue) in rates.items() if rate < 0.5 and done_rate < 0.5]
    assert len(lagging) >= 2
    assert all(rates[lead][2] >= 10 for lead in lagging)  # many overdue
    assert sum(rate >= 0.8 for rate, _d, _o in rates.values()) > 0.6 * len(rates)


def test_the_work_programme_of_the_year(province):
    programme = WorkProgramme.objects.get(agency=province)
    today = timezone.localdate()  # the demo's dates are relative to when it was built (this run)
    assert programme.title == f"Chương trình công tác năm {programme.year} của UBND tỉnh Hà Tĩnh"
    items = list(programme.items.select_related("task", "leader"))
    assert 55 <= len(items) <= 65
    assert {i.planned_month for i in items} == set(range(1, 13))
    assert {i.kind for i in items} == set(ProgrammeItem.Kind.values)
    calendar = calendar_for(province)
    for item in items:
        assert item.task.source_kind == SourceKind.PROGRAMME
        assert item.leader.role == Role.AGENCY_LEADER
        assert item.task.deadline == month_end_deadline(programme.year, item.current_month)
        assert item.task.due_on == due_date(item.task.deadline, calendar)
        assert item.current_month >= item.planned_month
    past = [i for i in items if programme.year == today.year and i.planned_month < today.month]
    if len(past) >= 10:
        assert sum(i.task.state == TaskState.COMPLETED for i in past) >= 0.7 * len(past)
        moved = [i for i in past if i.moved]
        assert moved and all(i.task.extension_count == 1 for i in moved)
    future = [i for i in items if i.planned_month > today.month]
    assert all(i.task.state != TaskState.COMPLETED or i.planned_month == today.month + 1 for i in future)


def test_outside_agency_sees_only_its_own_tasks(province, client):
    outside = Agency.objects.get(code=OUTSIDE["code"])
    entry = ExternalAgency.objects.get(code=OUTSIDE["code"])
    assert entry.internal_agency == outside and entry.name == "Sở Tài chính"
    clerk = User.objects.get(username="vanthu.stc")
    assert clerk.agency == outside and clerk.role == Role.CLERK
    assert User.objects.get(username="gd.stc").role == Role.AGENCY_LEADER
    for person in OUTSIDE_PEOPLE:
        assert client.login(username=person.username, password=DEMO_PASSWORD)
        client.logout()

    seen = visible_tasks(clerk)
    own = Task.objects.filter(lead_external=entry) | Task.objects.filter(coop_externals=entry)
    assert set(seen.values_list("pk", flat=True)) == set(own.values_list("pk", flat=True))
    assert seen.count() >= 50
    assert visible_tasks(User.objects.get(username="chutich")).count() > 5 * seen.count()

    led = Task.objects.filter(lead_external=entry, counted=True)
    statuses = {bucket for _t, bucket in _statuses(led, province)}
    assert statuses == {
        s.value
        for s in (
            DeadlineStatus.ON_TIME,
            DeadlineStatus.LATE,
            DeadlineStatus.WITHIN,
            DeadlineStatus.OVERDUE,
            DeadlineStatus.NO_DEADLINE,
        )
    }
    assert Task.objects.filter(lead_external=entry, state=TaskState.CANCELLED).exists()
    # its people report themselves (not "nhập thay"), and it waits for an answer to its extension request
    finals = ProgressReport.objects.filter(task__in=led, kind=ProgressReport.Kind.FINAL)
    assert set(finals.values_list("author__agency", "on_behalf_of")) == {(outside.pk, "")}
    assert ExtensionRequest.objects.filter(task__lead_external=entry, state=ExtensionState.PENDING).exists()
    unread = Notification.objects.filter(user__agency=outside, read_at__isnull=True)
    assert unread.exists()


def test_only_what_waits_is_unread(province, demo):
    notes = Notification.objects.filter(user__agency=province, url__startswith="/nhiem-vu/")
    unread = notes.filter(read_at__isnull=True)
    assert notes.count() > 1000 and 0 < unread.count() < 0.05 * notes.count()
    pending = ExtensionRequest.objects.filter(state=ExtensionState.PENDING).select_related("task")
    for request in pending:
        assert unread.filter(user=request.task.assigned_by, url=request.task.get_absolute_url()).exists()
    for note in unread.exclude(url__contains="?"):
        task = Task.objects.get(pk=int(note.url.strip("/").split("/")[-1]))
        assert task.is_open


def test_logins_list_the_outside_agency(demo):
    names = [login.username for login in demo.logins]
    assert "vanthu.stc" in names and "gd.stc" in names
    assert demo.tasks["total"] >= 1400 and demo.tasks["programme"] >= 55
