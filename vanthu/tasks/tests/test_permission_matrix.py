"""Who sees a task and who may do what to it: the rule (``visible_tasks``, ``services.may``) and what the pages
answer, for each role × action, on a task led by a unit of the agency and on one led by an outside agency
that has accounts in the installation (Sở Tài chính, linked through ``ExternalAgency.internal_agency`` as in
the demo).

The assigning agency is the UBND tỉnh of the shared fixtures; the tasks are assigned (and entered) by the
chairman; the vice-chairman is a People's Committee leader who did not assign them.
"""

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from vanthu.organization.models import Role
from vanthu.reports.filters import TaskFilter
from vanthu.reports.tasks_stats import task_stats
from vanthu.tasks import services
from vanthu.tasks.models import ExtensionRequest, ProgressReport, Reminder, Task
from vanthu.tasks.queries import mine_count
from vanthu.tasks.visibility import visible_tasks
from vanthu.testing.factories import (
    AgencyFactory,
    ExternalAgencyFactory,
    UnitFactory,
    UserFactory,
    assign_task,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ACTIONS = ("report", "request_extension", "decide_extension", "complete", "cancel", "remind", "edit")
LEAD = frozenset({"report", "request_extension", "complete"})  # the lead, or office staff recording for it
NONE: frozenset[str] = frozenset()
ALL = frozenset(ACTIONS)

#: role → (visible, allowed actions) for the task led by Phòng Kinh tế, and for the task led by Sở Tài chính
MATRIX = {
    "clerk": ((True, LEAD), (True, LEAD)),  # văn thư: sees all, records reports on behalf
    "spec_kt": ((True, LEAD), (False, NONE)),  # chuyên viên of the lead unit
    "spec_vx": ((False, NONE), (False, NONE)),  # chuyên viên of another unit
    "head_kt": ((True, LEAD), (False, NONE)),  # trưởng phòng of the lead unit
    "chief": ((True, LEAD | {"remind", "edit"}), (True, LEAD | {"remind", "edit"})),  # Chánh Văn phòng
    "chairman": ((True, ALL), (True, ALL)),  # the assigning leader
    "vice_chairman": (
        (True, frozenset({"decide_extension", "cancel", "remind", "edit"})),
        (True, frozenset({"decide_extension", "cancel", "remind", "edit"})),
    ),
    "admin": ((True, LEAD | {"edit"}), (True, LEAD | {"edit"})),
    "stc_clerk": ((False, NONE), (True, LEAD)),  # văn thư of Sở Tài chính
    "stc_leader": ((False, NONE), (True, LEAD)),  # Giám đốc Sở Tài chính
    "stc_spec": ((False, NONE), (True, LEAD)),  # chuyên viên of Sở Tài chính
    "xa_clerk": ((False, NONE), (False, NONE)),  # văn thư of a commune, also in the directory
}
KINDS = ("unit", "outside")


@pytest.fixture
def world(agency, other_agency, people, units):
    """The people of the matrix and three tasks: led by Phòng Kinh tế, led by Sở Tài chính, and one led by
    Phòng Văn hóa - Xã hội with Sở Tài chính co-operating; plus tasks nobody outside may see."""
    stc = AgencyFactory(name="Sở Tài chính tỉnh Hà Tĩnh", abbreviation="STC", code="000.10.00.H42")
    stc_office = UnitFactory(agency=stc, name="Văn phòng Sở", abbreviation="VP")
    entry = ExternalAgencyFactory(name="Sở Tài chính", abbreviation="STC", code=stc.code, internal_agency=stc)
    xa_entry = ExternalAgencyFactory(
        name="UBND xã Kỳ Anh", abbreviation="UBND", code=other_agency.code, internal_agency=other_agency
    )
    sxd = ExternalAgencyFactory(name="Sở Xây dựng", abbreviation="SXD", code="")  # no accounts
    everyone = dict(people)
    everyone.update(
        vice_chairman=UserFactory(
            username="phochutich", agency=agency, role=Role.AGENCY_LEADER, position="Phó Chủ tịch"
        ),
        stc_clerk=UserFactory(username="vanthu.stc", agency=stc, unit=stc_office, role=Role.CLERK),
        stc_leader=UserFactory(username="gd.stc", agency=stc, role=Role.AGENCY_LEADER),
        stc_spec=UserFactory(username="cv.stc", agency=stc, unit=stc_office, role=Role.SPECIALIST),
        xa_clerk=UserFactory(username="vanthu.xa", agency=other_agency, role=Role.CLERK),
    )
    chairman = people["chairman"]

    def give(content, **spec):
        return assign_task(chairman, assigned_by=chairman, content=content, **spec)

    tasks = {
        "unit": give("Rà soát quy hoạch khu công nghiệp Vũng Áng", lead_unit=units["KT"]),
        "outside": give("Bố trí kinh phí giải phóng mặt bằng tuyến tránh", lead_external=entry),
        "coop": give("Tổ chức lễ hội văn hóa truyền thống", lead_unit=units["VX"], coop_externals=[entry]),
        "xa": give("Kiểm tra công tác phòng chống thiên tai", lead_external=xa_entry),
        "sxd": give(
            "Thẩm định thiết kế trụ sở làm việc",
            lead_external=sxd,
            assigned_on=TODAY - dt.timedelta(days=40),
            deadline=TODAY - dt.timedelta(days=10),
        ),
    }
    return {"people": everyone, "tasks": tasks, "entry": entry, "stc": stc}


def allowed(task: Task, user) -> set[str]:
    return {action for action in ACTIONS if services.may(action, task, user)}


CASES = [
    pytest.param(role, kind, *MATRIX[role][i], id=f"{role}-{kind}")
    for role in MATRIX
    for i, kind in enumerate(KINDS)
]


@pytest.mark.parametrize(("role", "kind", "visible", "actions"), CASES)
def test_the_rule(world, role, kind, visible, actions):
    user, task = world["people"][role], world["tasks"][kind]
    assert visible_tasks(user, task.pk).exists() is visible
    assert (task.pk in set(visible_tasks(user).values_list("pk", flat=True))) is visible
    assert allowed(task, user) == set(actions)


@pytest.mark.parametrize(("role", "kind", "visible", "actions"), CASES)
def test_the_detail_page(client, world, role, kind, visible, actions):
    user, task = world["people"][role], world["tasks"][kind]
    client.force_login(user)
    response = client.get(task.get_absolute_url())
    assert response.status_code == (200 if visible else 404)
    if not visible:
        assert client.get(reverse("tasks:edit", args=[task.pk])).status_code == 404
        return
    html = response.content.decode()
    shown = {a for a in ACTIONS if f'id="btn-{a}"' in html}
    # no extension is pending, so nobody is offered to decide one: every other button is exactly the rule
    assert shown == set(actions) - {"decide_extension"}
    assert client.get(reverse("tasks:edit", args=[task.pk])).status_code == (
        200 if "edit" in actions else 403
    )


def _post(client, task, action):
    data = {
        "report": {"text": "Đã làm việc với các đơn vị liên quan", "percent": "30"},
        "request_extension": {
            "reason": "Chờ ý kiến thẩm định",
            "proposed_deadline": (task.deadline + dt.timedelta(days=30)).strftime("%d/%m/%Y"),
        },
        "decide_extension": {"decision": "approve", "note": "Đồng ý"},
        "complete": {"result": "Đã hoàn thành", "completed_on": TODAY.strftime("%d/%m/%Y")},
        "cancel": {"reason": "Không còn phù hợp"},
        "remind": {"note": "Đề nghị khẩn trương"},
    }[action]
    return client.post(reverse("tasks:action", args=[task.pk, action]), data)


def _done(task: Task, action: str) -> bool:
    task.refresh_from_db()
    return {
        "report": lambda: ProgressReport.objects.filter(task=task, kind="progress").exists(),
        "request_extension": lambda: task.extensions.filter(reason="Chờ ý kiến thẩm định").exists(),
        "decide_extension": lambda: task.extensions.filter(state="approved").exists(),
        "complete": lambda: task.state == "completed",
        "cancel": lambda: task.state == "cancelled",
        "remind": lambda: Reminder.objects.filter(task=task, kind=Reminder.Kind.MANUAL).exists(),
    }[action]()


@pytest.mark.parametrize("action", [a for a in ACTIONS if a != "edit"])
@pytest.mark.parametrize(("role", "kind", "visible", "actions"), CASES)
def test_the_action(client, world, role, kind, visible, actions, action):
    """Posting the action: 404 for a task one may not see, refused (422, nothing changed) for one that may
    not do it, done for the others."""
    user, task = world["people"][role], world["tasks"][kind]
    if action == "decide_extension":  # something to decide: asked by the lead (recorded by the office)
        asker = world["people"]["head_kt" if kind == "unit" else "stc_clerk"]
        services.request_extension(task, asker, "Chờ ý kiến", task.deadline + dt.timedelta(days=10))
    client.force_login(user)
    response = _post(client, task, action)
    if not visible:
        assert response.status_code == 404
        assert not _done(task, action)
    elif action in actions:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert _done(task, action)
    else:
        assert response.status_code == 422
        assert not _done(task, action)


def test_who_reports_for_whom(client, world):
    """The lead's own people report as the lead; office staff's reports say whom they record for."""
    people, task = world["people"], world["tasks"]["outside"]
    services.report_progress(task, people["stc_spec"], "Sở đang tổng hợp", 20)
    services.report_progress(task, people["clerk"], "Theo báo cáo số 15/BC-STC", 40)
    reports = dict(ProgressReport.objects.filter(task=task).values_list("author__username", "on_behalf_of"))
    assert reports == {"cv.stc": "", "vanthu": "Sở Tài chính"}


def test_deciding_an_extension_only_by_the_assigning_agency(world):
    people, task = world["people"], world["tasks"]["outside"]
    request = services.request_extension(
        task, people["stc_leader"], "Chờ Bộ Tài chính", task.deadline + dt.timedelta(days=15)
    )
    # the outside agency's own leader leads the task; he does not decide on its deadline
    with pytest.raises(PermissionDenied):
        services.decide_extension(request, people["stc_leader"], approve=True)
    assert ExtensionRequest.objects.get(pk=request.pk).state == "pending"
    services.decide_extension(request, people["vice_chairman"], approve=True)
    assert ExtensionRequest.objects.get(pk=request.pk).state == "approved"


# --- the outside agency sees its own tasks only, also in lists and counts -------------------------------


def rows(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'<tr data-task="(\d+)"', html)}


def counts(html: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r'id="count-(\w+)">(\d+)<', html)}


@pytest.mark.parametrize("role", ["stc_clerk", "stc_leader", "stc_spec"])
def test_the_outside_agency_sees_what_it_leads_or_co_operates_on(client, world, role):
    user, tasks = world["people"][role], world["tasks"]
    theirs = {tasks["outside"].pk, tasks["coop"].pk}
    assert set(visible_tasks(user).values_list("pk", flat=True)) == theirs

    client.force_login(user)
    url = reverse("tasks:list")
    html = client.get(url).content.decode()
    assert rows(html) == theirs
    assert sum(counts(html).values()) == 2  # every card counts only its two tasks
    for other in ("unit", "xa", "sxd"):
        assert tasks[other].content not in html
    # filters and search do not reach other tasks either
    assert rows(client.get(url, {"q": "Vũng Áng"}).content.decode()) == set()
    assert rows(client.get(url, {"status": "overdue"}).content.decode()) == set()
    assert counts(client.get(url, {"status": "overdue"}).content.decode())["overdue"] == 0
    lead_kt = {"lead_unit": tasks["unit"].lead_unit_id}
    assert rows(client.get(url, lead_kt).content.decode()) == set()
    assert rows(client.get(url, {"lead_external": world["entry"].pk}).content.decode()) == {
        tasks["outside"].pk
    }
    # the dashboard's figures
    year = TaskFilter(TODAY - dt.timedelta(days=365), TODAY)
    stats = task_stats(user, year, today=TODAY)
    assert stats.totals.total == 2 and stats.totals.overdue == 0
    assert {row.name for row in stats.leads} == {"Sở Tài chính", "Phòng Văn hóa - Xã hội"}
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200 and response.context["totals"].total == 2
    assert "Sở Xây dựng" not in response.content.decode()
    # "Nhiệm vụ của tôi": what it leads and must answer for (its registry and leaders; not a specialist)
    assert mine_count(user) == (1 if user.role in (Role.CLERK, Role.AGENCY_LEADER) else 0)


def test_the_outside_agencys_own_tasks_stay_its_own(client, world, people):
    """Sở Tài chính assigns its own tasks too: the province does not see them, and the Sở's leader sees both."""
    stc_leader = world["people"]["stc_leader"]
    own = assign_task(
        stc_leader,
        assigned_by=stc_leader,
        lead_unit=world["people"]["stc_spec"].unit,
        content="Quyết toán ngân sách của Sở",
    )
    assert visible_tasks(stc_leader).filter(pk=own.pk).exists()
    assert visible_tasks(stc_leader).count() == 3
    for role in ("chairman", "clerk", "admin"):
        assert not visible_tasks(people[role]).filter(pk=own.pk).exists()
    client.force_login(people["chairman"])
    assert client.get(own.get_absolute_url()).status_code == 404
    assert own.pk not in rows(client.get(reverse("tasks:list")).content.decode())


def test_a_commune_linked_in_the_directory_sees_only_its_task(client, world):
    user, tasks = world["people"]["xa_clerk"], world["tasks"]
    assert set(visible_tasks(user).values_list("pk", flat=True)) == {tasks["xa"].pk}
    client.force_login(user)
    html = client.get(reverse("tasks:list")).content.decode()
    assert rows(html) == {tasks["xa"].pk} and sum(counts(html).values()) == 1
