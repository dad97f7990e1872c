"""The task list as a user sees it: filters of the URL contract, counts per status, đôn đốc many."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from vanthu.tasks import services
from vanthu.tasks.models import Reminder, SourceKind
from vanthu.testing.factories import ExternalAgencyFactory, assign_task

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def count(html: str, status: str) -> int:
    match = re.search(rf'id="count-{status}">(\d+)<', html)
    assert match, status
    return int(match.group(1))


def rows(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'<tr data-task="(\d+)"', html)}


@pytest.fixture
def tasks(people, units):
    chief, chairman = people["chief"], people["chairman"]
    overdue = assign_task(
        chief,
        assigned_by=chairman,
        lead_unit=units["KT"],
        content="Giải phóng mặt bằng khu kinh tế Vũng Áng",
        assigned_on=TODAY - dt.timedelta(days=40),
        deadline=TODAY - dt.timedelta(days=10),
    )
    within = assign_task(
        chief,
        assigned_by=people["chief"],
        lead_unit=units["KT"],
        content="Báo cáo tình hình giải ngân vốn đầu tư công",
        source=services.Source(kind=SourceKind.CONCLUSION, code="12/TB-UBND"),
    )
    done = assign_task(
        chief, assigned_by=chairman, lead_unit=units["VX"], content="Tổ chức lễ hội văn hóa truyền thống"
    )
    services.complete_task(done, people["head_vx"], "Đã tổ chức xong")
    none = assign_task(
        chief,
        assigned_by=chairman,
        lead_unit=units["VX"],
        content="Theo dõi tình hình dịch bệnh",
        deadline=None,
    )
    return {"overdue": overdue, "within": within, "done": done, "none": none}


def test_counts_and_rows_for_a_leader(client, people, tasks):
    client.force_login(people["chief"])
    html = client.get(reverse("tasks:list")).content.decode()
    assert count(html, "overdue") == 1
    assert count(html, "within") == 1
    assert count(html, "on_time") == 1
    assert count(html, "none") == 1
    assert count(html, "late") == 0
    assert rows(html) == {t.pk for t in tasks.values()}
    assert "4 nhiệm vụ" in html


def test_filters_narrow_rows_and_counts(client, people, units, tasks):
    client.force_login(people["chief"])
    url = reverse("tasks:list")
    html = client.get(url, {"lead_unit": units["KT"].pk}).content.decode()
    assert rows(html) == {tasks["overdue"].pk, tasks["within"].pk}
    assert count(html, "none") == 0 and count(html, "overdue") == 1

    html = client.get(url, {"status": "overdue"}).content.decode()
    assert rows(html) == {tasks["overdue"].pk}
    assert count(html, "within") == 1  # the cards keep counting every status of the other filters

    assert rows(client.get(url, {"status": "done"}).content.decode()) == {tasks["done"].pk}
    open_rows = rows(client.get(url, {"status": "open"}).content.decode())
    assert open_rows == {tasks["overdue"].pk, tasks["within"].pk, tasks["none"].pk}
    assert rows(client.get(url, {"assigned_by": people["chief"].pk}).content.decode()) == {tasks["within"].pk}
    assert rows(client.get(url, {"source": "conclusion"}).content.decode()) == {tasks["within"].pk}
    assert rows(client.get(url, {"q": "12/TB"}).content.decode()) == {tasks["within"].pk}
    assert rows(client.get(url, {"q": "lễ hội"}).content.decode()) == {tasks["done"].pk}
    since = (TODAY - dt.timedelta(days=5)).isoformat()
    assert tasks["overdue"].pk not in rows(client.get(url, {"from": since}).content.decode())
    until = (TODAY - dt.timedelta(days=20)).isoformat()
    assert rows(client.get(url, {"to": until}).content.decode()) == {tasks["overdue"].pk}
    # nonsense values are ignored, not errors
    assert client.get(url, {"lead_unit": "x", "from": "2026-02-31", "status": "???"}).status_code == 200


def test_outside_agency_filter_and_counted(client, people, units):
    sotc = ExternalAgencyFactory(name="Sở Tài chính", abbreviation="STC", code="")
    theirs = assign_task(people["chief"], assigned_by=people["chairman"], lead_external=sotc)
    parent = assign_task(people["chief"], assigned_by=people["chairman"], lead_unit=units["KT"])
    sub = assign_task(people["head_kt"], parent=parent, lead_unit=units["KT"], lead_user=people["spec_kt"])
    client.force_login(people["chief"])
    url = reverse("tasks:list")
    assert rows(client.get(url, {"lead_external": sotc.pk}).content.decode()) == {theirs.pk}
    assert sub.pk in rows(client.get(url).content.decode())
    assert sub.pk not in rows(client.get(url, {"counted": "1"}).content.decode())


def test_scopes(client, people, units, tasks):
    url = reverse("tasks:list")
    client.force_login(people["head_kt"])
    assert rows(client.get(url, {"scope": "mine"}).content.decode()) == {
        tasks["overdue"].pk,
        tasks["within"].pk,
    }
    client.force_login(people["chief"])
    assert rows(client.get(url, {"scope": "assigned"}).content.decode()) == {tasks["within"].pk}
    followed = assign_task(
        people["chief"], assigned_by=people["chairman"], lead_unit=units["TH"], follower=people["spec_th"]
    )
    client.force_login(people["spec_th"])
    assert rows(client.get(url, {"scope": "following"}).content.decode()) == {followed.pk}


def test_a_specialist_sees_only_the_tasks_of_the_unit(client, people, tasks):
    client.force_login(people["spec_vx"])
    html = client.get(reverse("tasks:list")).content.decode()
    assert rows(html) == {tasks["done"].pk, tasks["none"].pk}
    assert count(html, "overdue") == 0
    assert "Giải phóng mặt bằng" not in html


def test_remind_many_overdue(client, people, units, tasks):
    client.force_login(people["chairman"])
    list_url = reverse("tasks:list") + f"?lead_unit={units['KT'].pk}"
    html = client.get(list_url).content.decode()
    assert 'id="remind-many"' in html and "Đôn đốc các nhiệm vụ quá hạn" in html
    response = client.post(
        reverse("tasks:remind_many"),
        {"lead_unit": units["KT"].pk, "note": "Đề nghị hoàn thành trong tuần", "next": list_url},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == list_url
    assert "Đã đôn đốc 1 nhiệm vụ" in response.content.decode()
    reminder = Reminder.objects.get(kind=Reminder.Kind.MANUAL)
    assert reminder.task == tasks["overdue"] and reminder.note == "Đề nghị hoàn thành trong tuần"


def test_remind_many_refuses_other_sites_and_people_who_may_not(client, people, units, tasks):
    client.force_login(people["spec_kt"])  # neither leader, nor assigner, nor follower
    html = client.get(reverse("tasks:list")).content.decode()
    assert count(html, "overdue") == 1
    assert 'id="remind-many"' not in html
    response = client.post(reverse("tasks:remind_many"), {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("tasks:list")
    assert not Reminder.objects.exists()
    # no overdue task in the filtered list: no form
    client.force_login(people["chairman"])
    assert 'id="remind-many"' not in client.get(reverse("tasks:list"), {"status": "done"}).content.decode()


def test_htmx_request_gets_the_results_only(client, people, tasks):
    client.force_login(people["chief"])
    response = client.get(
        reverse("tasks:list"), {"status": "overdue"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="task-results"
    )
    html = response.content.decode()
    assert "<html" not in html and rows(html) == {tasks["overdue"].pk}
