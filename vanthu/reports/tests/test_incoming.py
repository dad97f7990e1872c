"""Tình hình giải quyết văn bản đến on the dashboard: per lead unit, and the same documents as the list."""

import datetime as dt
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from vanthu.incoming import services
from vanthu.reports.incoming_stats import incoming_stats
from vanthu.testing.factories import register_incoming

pytestmark = pytest.mark.django_db

COUNT_LINK = re.compile(r'<a class="count[^"]*" href="([^"]+)">([\d.]+)</a>')
RESULT_COUNT = re.compile(r'id="result-count">(\d+) văn bản')


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture
def documents(people, units, register):
    clerk, chairman = people["clerk"], people["chairman"]

    def receive(ago: int):
        at = timezone.now() - dt.timedelta(days=ago)
        return register_incoming(clerk, register, received_at=at, document_date=timezone.localdate(at))

    kt, vx = units["KT"], units["VX"]
    services.forward(receive(20), clerk, unit=kt, deadline=days(-5))  # overdue
    doc = receive(18)
    services.forward(doc, clerk, unit=kt, deadline=days(30))
    services.complete(doc.assignments.get(), people["head_kt"], "Đã trả lời")  # on time
    doc = receive(16)
    services.direct(doc, chairman, direction="KT chủ trì", lead_unit=kt, coop_units=[vx], deadline=days(-3))
    services.complete(doc.assignments.get(role="lead"), people["head_kt"], "Đã trả lời")  # late
    services.direct(receive(15), chairman, direction="VX chủ trì", lead_unit=vx, deadline=days(30))  # within
    services.direct(receive(14), chairman, direction="VX chủ trì", lead_unit=vx)  # no deadline
    doc = receive(12)
    services.direct(doc, chairman, direction="KT chủ trì", lead_unit=kt, deadline=days(-2))
    services.delegate(doc.assignments.get(), people["head_kt"], user=people["spec_kt"])  # overdue, once
    services.direct(receive(10), chairman, direction="Anh VX", lead_user=people["spec_vx"], deadline=days(30))
    receive(5)  # registered, not handed to anyone yet
    services.forward(receive(400), clerk, unit=kt, deadline=days(-300))  # outside the period


def test_counts_per_lead_unit(people, documents):
    stats = incoming_stats(people["chairman"], days(-30), days(0))
    rows = {row.name: (row.received, row.counts) for row in stats.rows}
    kt_received, kt = rows["Phòng Kinh tế"]
    assert kt_received == 4
    assert (kt["on_time"], kt["late"], kt["overdue"]) == (1, 1, 2)
    vx_received, vx = rows["Phòng Văn hóa - Xã hội"]  # includes the part led by one of its people
    assert vx_received == 3 and (vx["within"], vx["none"]) == (2, 1)
    assert rows["Chưa giao đơn vị chủ trì"][0] == 1
    assert stats.totals.received == 8
    assert [row.name for row in stats.rows][0] == "Phòng Kinh tế"  # most overdue first


def test_a_unit_head_sees_his_units_documents(people, documents):
    stats = incoming_stats(people["head_kt"], days(-30), days(0))
    assert [row.name for row in stats.rows] == ["Phòng Kinh tế"]
    assert stats.totals.received == 4


def test_every_figure_equals_the_incoming_list(client, people, documents):
    client.force_login(people["chairman"])
    query = f"period=custom&from={days(-30).isoformat()}&to={days(0).isoformat()}"
    response = client.get(reverse("reports:incoming_section") + "?" + query)
    content = response.content.decode()
    assert "Tình hình giải quyết văn bản đến" in content
    links = [(html.unescape(url), int(n)) for url, n in COUNT_LINK.findall(content)]
    assert len(links) >= 3 * 7
    for url, n in links:
        assert url.startswith(reverse("incoming:list"))
        listed = RESULT_COUNT.search(client.get(url).content.decode())
        assert listed and int(listed.group(1)) == n, url


def test_the_dashboard_loads_the_section(client, people):
    client.force_login(people["chairman"])
    content = client.get(reverse("reports:dashboard")).content.decode()
    assert f'hx-get="{reverse("reports:incoming_section")}?' in content


def test_figures_are_kept_a_few_minutes_and_recomputed_on_request(people, register, documents):
    chairman = people["chairman"]
    first = incoming_stats(chairman, days(-30), days(0))
    assert first.totals.received == 8 and first.computed_at is not None
    register_incoming(people["clerk"], register, received_at=timezone.now(), document_date=days(0))

    kept = incoming_stats(chairman, days(-30), days(0))
    assert kept.totals.received == 8 and kept.computed_at == first.computed_at

    url = reverse("reports:incoming_section") + f"?from={days(-30):%d/%m/%Y}&to={days(0):%d/%m/%Y}&fresh=1"
    from django.test import Client

    client = Client()
    client.force_login(chairman)
    page = client.get(url).content.decode()
    assert "Số liệu tính lúc" in page
    assert incoming_stats(chairman, days(-30), days(0)).totals.received == 9


def test_the_first_and_last_days_of_the_calendar_bound_no_query(client, people, documents):
    stats = incoming_stats(people["chairman"], dt.date.min, dt.date.max)
    assert stats.totals.received == 9  # the one received 400 days ago too
    client.force_login(people["chairman"])
    response = client.get(reverse("incoming:list") + "?from=0001-01-01&to=9999-12-31")
    assert response.status_code == 200
    assert RESULT_COUNT.search(response.content.decode()).group(1) == "9"


def test_the_section_opened_on_its_own_is_a_page_with_the_way_back(client, people, documents):
    client.force_login(people["chairman"])
    query = f"period=custom&from={days(-30).isoformat()}&to={days(0).isoformat()}"
    url = reverse("reports:incoming_section") + "?" + query
    page = client.get(url).content.decode()  # the dashboard's link, when the section did not load by itself
    assert "<html" in page and 'id="incoming-table"' in page
    assert f'href="{reverse("reports:dashboard")}?{html.escape(query)}"' in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and 'id="incoming-table"' in fragment
