"""The dashboard page: who lands on it, what each person sees, and every figure agrees with the list behind it."""

import datetime as dt
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from vanthu.testing.factories import ExternalAgencyFactory

from .conftest import task

pytestmark = pytest.mark.django_db

COUNT_LINK = re.compile(r'<a class="count[^"]*" href="([^"]+)">([\d.]+)</a>')
RESULT_COUNT = re.compile(r'id="result-count">(\d+) nhiệm vụ')
TASK_DETAIL = re.compile(r'href="/nhiem-vu/(\d+)/"')


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def period_query() -> str:
    return f"period=custom&from={days(-150).isoformat()}&to={days(0).isoformat()}"


@pytest.fixture
def office(people, units):
    """Tasks assigned 100 days ago, in every category (dates far enough apart that a deadline moved off days off, even Tết, stays in its category)."""
    district = ExternalAgencyFactory(name="UBND huyện Cẩm Xuyên", code="")
    on = days(-100)
    kt, vx = units["KT"], units["VX"]
    oldest = task(people, kt, assigned_on=on, deadline=days(-60))  # overdue
    task(people, kt, assigned_on=on, deadline=days(-50), done_on=days(-55))  # on time
    task(people, kt, assigned_on=on, deadline=days(-80), done_on=days(-50), by="chief")  # late
    task(people, kt, assigned_on=on, deadline=days(60))  # within
    task(people, kt, assigned_on=on, deadline=None)  # no deadline
    task(people, vx, assigned_on=on, deadline=days(-40))
    task(people, vx, assigned_on=days(-20), deadline=days(-15), by="chief")
    task(people, vx, assigned_on=on, deadline=days(60))
    task(people, district, assigned_on=on, deadline=days(-30))
    task(people, district, assigned_on=days(-400), deadline=days(-300))  # outside the period
    return {"district": district, "oldest": oldest}


def count_links(content: str) -> list[tuple[str, int]]:
    return [(html.unescape(url), int(n.replace(".", ""))) for url, n in COUNT_LINK.findall(content)]


def test_leaders_land_on_the_dashboard_others_on_their_inbox(client, people):
    for key, target in [
        ("chairman", "reports:dashboard"),
        ("chief", "reports:dashboard"),
        ("head_kt", "incoming:inbox"),
        ("clerk", "incoming:inbox"),
    ]:
        client.force_login(people[key])
        assert client.get("/").url == reverse(target), key


def test_dashboard_shows_the_categories_and_the_worst_lead_first(client, people, units, office):
    client.force_login(people["chairman"])
    response = client.get(reverse("reports:dashboard") + "?" + period_query())
    assert response.status_code == 200
    content = response.content.decode()
    for label in [
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
        "Đang thực hiện trong hạn",
        "Sắp đến hạn",
        "Quá hạn",
        "Không có thời hạn",
        "Tỷ lệ đúng hạn",
    ]:
        assert label in content
    names = re.findall(r'<td class="lead-name">([^<]+)</td>', content)
    # district 0 % (1 overdue), VX 0 % (2 overdue) → VX first; then KT 33 %
    assert names == ["Phòng Văn hóa - Xã hội", "UBND huyện Cẩm Xuyên", "Phòng Kinh tế"]
    assert "<svg" in content and "Diễn biến theo tháng giao" in content
    age = (timezone.localdate() - office["oldest"].due_on).days  # KT's oldest overdue task
    assert f'<td class="oldest">{age} ngày</td>' in content
    # overdue rows are red and leaders get the reminder button
    assert content.count('table-danger" data-lead') == 3
    assert content.count('form="remind-form"') == 3
    assert f'form="remind-form" name="lead_external" value="{office["district"].pk}"' in content
    assert f'form="remind-form" name="lead_unit" value="{units["KT"].pk}"' in content
    assert '<input type="hidden" name="status" value="overdue">' in content


def test_a_unit_head_sees_only_his_units_figures(client, people, office):
    client.force_login(people["head_kt"])
    content = client.get(reverse("reports:dashboard") + "?" + period_query()).content.decode()
    names = re.findall(r'<td class="lead-name">([^<]+)</td>', content)
    assert names == ["Phòng Kinh tế"]
    assert "Phòng Văn hóa - Xã hội" not in content and "UBND huyện Cẩm Xuyên" not in content
    assert 'data-key="total"><a class="count " href=' in content
    assert "remind-form" not in content  # may not remind


def test_bad_dates_get_a_message_and_the_default_period(client, people, office):
    client.force_login(people["chairman"])
    response = client.get(reverse("reports:dashboard") + "?period=custom&from=32/13/2026&to=abc")
    assert response.status_code == 200
    assert "“Từ ngày” không phải là ngày hợp lệ" in response.content.decode()


def test_every_figure_equals_the_list_it_links_to(client, people, office):
    client.force_login(people["chairman"])
    content = client.get(reverse("reports:dashboard") + "?" + period_query()).content.decode()
    links = [(url, n) for url, n in count_links(content) if url.startswith(reverse("tasks:list"))]
    assert len(links) > 40
    assert all("counted=1" in url for url, _n in links)
    seen: dict[str, tuple[int, int]] = {}
    for url, n in links:
        if url not in seen:
            page = client.get(url).content.decode()
            shown = RESULT_COUNT.search(page)
            seen[url] = (int(shown.group(1)) if shown else -1, len(set(TASK_DETAIL.findall(page))))
        assert seen[url] == (n, n), url  # the list's count and the tasks it shows
    # the period's total, a lead's overdue tasks and a month are among them
    assert any("status" not in url and n == 9 for url, n in links)


def test_the_remind_button_reminds_that_leads_overdue_tasks(client, people, units, office):
    from vanthu.tasks.models import Reminder

    client.force_login(people["chairman"])
    url = reverse("reports:dashboard") + "?" + period_query()
    content = client.get(url).content.decode()
    form = content[
        content.index('id="remind-form"') : content.index("</form>", content.index('id="remind-form"'))
    ]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form))
    fields = {k: html.unescape(v) for k, v in fields.items() if k != "csrfmiddlewaretoken"}
    assert fields["status"] == "overdue" and fields["counted"] == "1"
    # what the browser sends when the KT row's button is pressed
    data = {**fields, "note": "Đề nghị khẩn trương hoàn thành", "lead_unit": str(units["KT"].pk)}
    response = client.post(reverse("tasks:remind_many"), data)
    assert response.status_code == 302 and response.url == html.unescape(fields["next"])
    reminded = Reminder.objects.filter(kind=Reminder.Kind.MANUAL)
    assert reminded.count() == 1
    assert reminded.get().task.lead_unit == units["KT"]
    assert reminded.get().note == "Đề nghị khẩn trương hoàn thành"


@pytest.mark.parametrize("name", ["reports:dashboard", "reports:incoming_section", "reports:task_report"])
def test_the_last_days_of_the_calendar_are_a_period_like_any_other(client, people, name):
    client.force_login(people["chairman"])
    url = reverse(name, args=["xlsx"]) if name == "reports:task_report" else reverse(name)
    response = client.get(url + "?period=custom&from=01/12/9999&to=31/12/9999")
    assert response.status_code == 200


def test_a_year_typed_short_gets_a_message(client, people):
    client.force_login(people["chairman"])
    response = client.get(reverse("reports:dashboard") + "?period=custom&from=0026-01-01")
    assert response.status_code == 200
    content = response.content.decode()
    assert "“Từ ngày” không phải là ngày hợp lệ" in content
    assert content.count('class="month-row"') <= 12
