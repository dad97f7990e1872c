"""The figures of the dashboard (``tasks_stats.task_stats``) at a fixed "today"."""

import datetime as dt

import pytest
from django.db import connection

from vanthu.reports.filters import TaskFilter, parse_filter, period_dates
from vanthu.reports.tasks_stats import Counts, day_counts, lead_leader_counts, task_stats
from vanthu.tasks import services
from vanthu.testing.factories import ExternalAgencyFactory, assign_task

from .conftest import TODAY

pytestmark = pytest.mark.django_db

YEAR = TaskFilter(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
D = dt.date


def lead_row(stats, name):
    return next(r for r in stats.leads if r.name == name)


def test_status_boundaries(people, units, make_task):
    kt = units["KT"]
    make_task(kt, deadline=D(2026, 6, 5), done_on=D(2026, 6, 5))  # done on the deadline: on time
    make_task(kt, deadline=D(2026, 6, 3), done_on=D(2026, 6, 4))  # a day late
    make_task(kt, deadline=D(2026, 6, 6), done_on=D(2026, 6, 8))  # Saturday deadline moves to Monday: on time
    make_task(kt, deadline=None, done_on=D(2026, 6, 1))  # no deadline, done: on time
    make_task(kt, deadline=D(2026, 6, 9))  # yesterday: overdue
    make_task(kt, deadline=TODAY)  # today: within, due soon
    make_task(kt, deadline=D(2026, 6, 12))  # 2nd working day: due soon
    make_task(kt, deadline=D(2026, 6, 15))  # within, not due soon
    make_task(kt, deadline=None)  # open, no deadline

    stats = task_stats(people["chairman"], YEAR, today=TODAY)
    c = stats.totals
    assert (c.on_time, c.late, c.within, c.due_soon, c.overdue, c.none) == (3, 1, 3, 2, 1, 1)
    assert (c.total, c.done, c.open) == (9, 4, 5)
    assert c.rate == pytest.approx(100 * 3 / 5)
    assert c.rate_text == "60,0"
    row = lead_row(stats, "Phòng Kinh tế")
    assert row.counts == c
    assert row.oldest_overdue_days == 1


def test_rate_without_anything_due_is_a_dash(people, units, make_task):
    make_task(units["KT"], deadline=D(2026, 7, 30))
    stats = task_stats(people["chairman"], YEAR, today=TODAY)
    assert stats.totals.rate is None and stats.totals.rate_text == "—"
    assert Counts().rate_text == "—"


def test_cancelled_tasks_and_sub_tasks_are_not_counted(people, units, make_task):
    parent = make_task(units["KT"], deadline=D(2026, 6, 30))
    assign_task(
        people["head_kt"],
        assigned_by=people["head_kt"],
        lead_user=people["spec_kt"],
        parent=parent,
        assigned_on=D(2026, 5, 5),
        deadline=D(2026, 6, 1),
    )
    withdrawn = make_task(units["VX"], deadline=D(2026, 6, 1))
    services.cancel_task(withdrawn, people["chairman"], "Giao nhầm")
    stats = task_stats(people["chairman"], YEAR, today=TODAY)
    assert stats.totals.total == 1 and stats.totals.overdue == 0
    assert [r.name for r in stats.leads] == ["Phòng Kinh tế"]


def test_ranking_puts_the_worst_lead_first(people, units, make_task):
    district = ExternalAgencyFactory(name="UBND huyện Kỳ Anh", code="")
    # KT: 2 of 2 on time (100 %); VX: 1 of 2 (50 %), 1 overdue; district: 1 of 2 (50 %), 1 overdue but
    # older; TH: 0 of 1 (0 %)
    for _ in range(2):
        make_task(units["KT"], deadline=D(2026, 6, 1), done_on=D(2026, 5, 30))
    make_task(units["VX"], deadline=D(2026, 6, 1), done_on=D(2026, 5, 30))
    make_task(units["VX"], deadline=D(2026, 6, 1))
    make_task(district, deadline=D(2026, 6, 1), done_on=D(2026, 5, 30))
    make_task(district, deadline=D(2026, 5, 20))
    make_task(district, deadline=D(2026, 5, 21))
    make_task(units["TH"], deadline=D(2026, 6, 1), done_on=D(2026, 6, 3))
    make_task(units["TH"], deadline=None)  # no deadline: not in the rate

    stats = task_stats(people["chairman"], YEAR, today=TODAY)
    names = [r.name for r in stats.leads]
    # TH 0 %, then district 33 % (2 overdue), VX 50 %, KT 100 %
    assert names == ["Phòng Tổng hợp", "UBND huyện Kỳ Anh", "Phòng Văn hóa - Xã hội", "Phòng Kinh tế"]
    district_row = stats.leads[1]
    assert district_row.counts.overdue == 2
    assert district_row.oldest_overdue_days == (TODAY - D(2026, 5, 20)).days
    assert district_row.links["overdue"].endswith(f"lead_external={district.pk}&status=overdue")
    assert district_row.remind == ("lead_external", district.pk)
    assert stats.leads[-1].oldest_overdue_days is None


def test_equal_rates_rank_more_overdue_first(people, units, make_task):
    make_task(units["KT"], deadline=D(2026, 6, 1))
    make_task(units["VX"], deadline=D(2026, 6, 1))
    make_task(units["VX"], deadline=D(2026, 6, 2))
    stats = task_stats(people["chairman"], YEAR, today=TODAY)
    assert [r.name for r in stats.leads] == ["Phòng Văn hóa - Xã hội", "Phòng Kinh tế"]


def test_per_leader_and_scope_filters(people, units, make_task):
    make_task(units["KT"], deadline=D(2026, 6, 1), by="chairman")
    make_task(units["KT"], deadline=D(2026, 7, 1), by="chief")
    make_task(units["VX"], deadline=D(2026, 7, 1), by="chief")
    stats = task_stats(people["chairman"], YEAR, today=TODAY)
    leaders = {r.name: r.counts.total for r in stats.leaders}
    assert leaders == {people["chief"].display_name: 2, people["chairman"].display_name: 1}

    only_chief = TaskFilter(YEAR.date_from, YEAR.date_to, assigned_by=people["chief"].pk)
    stats = task_stats(people["chairman"], only_chief, today=TODAY)
    assert stats.totals.total == 2 and stats.totals.overdue == 0
    assert f"assigned_by={people['chief'].pk}" in stats.total_links["total"]
    # the selects still offer every lead and leader of the period
    assert len(stats.lead_choices) == 2 and len(stats.leader_choices) == 2

    only_kt = TaskFilter(YEAR.date_from, YEAR.date_to, lead_unit=units["KT"].pk)
    stats = task_stats(people["chairman"], only_kt, today=TODAY)
    assert stats.totals.total == 2 and [r.name for r in stats.leads] == ["Phòng Kinh tế"]


def test_field_filter(people, units, make_task):
    from vanthu.tasks.models import Field

    economy = Field.objects.order_by("pk").first() or Field.objects.create(name="Kinh tế")
    make_task(units["KT"], deadline=D(2026, 6, 1), field=economy)
    make_task(units["KT"], deadline=D(2026, 6, 1))
    flt = TaskFilter(YEAR.date_from, YEAR.date_to, field=economy.pk)
    assert task_stats(people["chairman"], flt, today=TODAY).totals.total == 1


@pytest.mark.parametrize("viewer", ["chairman", "head_kt"])  # two queries / one query grouped by month
def test_period_counts_by_assignment_date_and_months(people, units, make_task, viewer):
    make_task(units["KT"], assigned_on=D(2026, 3, 31), deadline=D(2026, 4, 10), done_on=D(2026, 4, 9))
    make_task(units["KT"], assigned_on=D(2026, 4, 1), deadline=D(2026, 4, 10), done_on=D(2026, 4, 13))
    make_task(units["KT"], assigned_on=D(2026, 4, 30), deadline=D(2026, 5, 29))
    make_task(units["KT"], assigned_on=D(2025, 12, 31), deadline=D(2026, 1, 9))  # last year

    make_task(units["VX"], assigned_on=D(2026, 4, 30), deadline=D(2026, 5, 29))  # not the head's
    q2 = TaskFilter(D(2026, 4, 1), D(2026, 6, 30), period="custom")
    stats = task_stats(people[viewer], q2, today=TODAY)
    vx = 1 if viewer == "chairman" else 0  # the head of KT does not see VX's task
    assert stats.totals.total == 2 + vx
    months = {
        m.name: (m.counts.total, m.counts.on_time, m.counts.late, m.counts.overdue) for m in stats.months
    }
    assert months == {"04/2026": (2 + vx, 0, 1, 1 + vx), "05/2026": (0, 0, 0, 0), "06/2026": (0, 0, 0, 0)}
    april = stats.months[0]
    assert "from=2026-04-01&to=2026-04-30" in april.links["late"]

    stats = task_stats(people[viewer], YEAR, today=TODAY)
    assert [m.name for m in stats.months] == [f"{m:02d}/2026" for m in range(1, 7)]  # up to this month
    assert stats.totals.total == 3 + vx
    lead_only = TaskFilter(
        q2.date_from, q2.date_to, lead_unit=units["KT"].pk, assigned_by=people["chairman"].pk
    )
    april = task_stats(people[viewer], lead_only, today=TODAY).months[0]
    assert (april.counts.total, april.counts.late, april.counts.overdue) == (2, 1, 1)


def test_unit_head_counts_only_what_he_may_see(people, units, make_task):
    make_task(units["KT"], deadline=D(2026, 6, 1))
    make_task(units["VX"], deadline=D(2026, 6, 1))
    make_task(units["VX"], deadline=D(2026, 7, 1))
    stats = task_stats(people["head_kt"], YEAR, today=TODAY)
    assert stats.totals.total == 1
    assert [r.name for r in stats.leads] == ["Phòng Kinh tế"]


def test_parse_filter_quick_choices_and_bad_input():
    today = D(2026, 8, 15)
    assert period_dates("month", today) == (D(2026, 8, 1), D(2026, 8, 31))
    assert period_dates("quarter", today) == (D(2026, 7, 1), D(2026, 9, 30))
    assert period_dates("last_year", today) == (D(2025, 1, 1), D(2025, 12, 31))
    flt = parse_filter({}, today)
    assert (flt.period, flt.date_from, flt.date_to) == ("year", D(2026, 1, 1), D(2026, 12, 31))
    flt = parse_filter({"from": "01/02/2026", "to": "2026-03-31", "lead": "external-7"}, today)
    assert (flt.period, flt.date_from, flt.date_to, flt.lead_external) == (
        "custom",
        D(2026, 2, 1),
        D(2026, 3, 31),
        7,
    )
    flt = parse_filter({"period": "custom", "from": "31/02/2026", "to": "01/01/2026"}, today)
    assert flt.errors and flt.date_from <= flt.date_to
    flt = parse_filter({"period": "month", "from": "2020-01-01"}, today)  # a quick choice wins
    assert flt.date_from == D(2026, 8, 1) and not flt.errors


@pytest.mark.skipif(connection.vendor != "sqlite", reason="EXPLAIN QUERY PLAN is SQLite's")
@pytest.mark.parametrize("in_directory", [False, True])
def test_both_queries_read_the_period_from_the_report_index(people, agency, in_directory):
    if in_directory:  # the agency is also an entry of the directory: its tasks led by others are visible too
        ExternalAgencyFactory(internal_agency=agency, code="")
    for query in (lead_leader_counts, day_counts):
        sql, params = query(people["chairman"], YEAR, TODAY).query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        assert (
            "USING COVERING INDEX task_report_idx (agency_id=? AND counted=? AND assigned_on>? AND assigned_on<?)"
            in plan
        ), plan
        if query is day_counts and not in_directory:  # grouped in the order of the index: no sort
            assert "TEMP B-TREE" not in plan, plan


def test_a_year_typed_short_is_refused_not_counted_over_centuries():
    # a date field given "26" as the year sends 0026: that would make a trend of 24,000 months
    today = D(2026, 8, 15)
    flt = parse_filter({"period": "custom", "from": "01/01/0026", "to": "0202-12-31"}, today)
    assert len(flt.errors) == 2
    assert (flt.date_from, flt.date_to) == (D(2026, 1, 1), D(2026, 12, 31))
    assert parse_filter({"period": "custom", "from": "01/01/1900"}, today).date_from == D(1900, 1, 1)


def test_a_period_in_the_last_month_of_the_calendar(people, units, make_task):
    make_task(units["KT"], deadline=D(2026, 6, 1))
    last = TaskFilter(D(9999, 12, 1), D(9999, 12, 31), period="custom")
    stats = task_stats(people["chairman"], last, today=TODAY)
    assert stats.totals.total == 0 and [m.name for m in stats.months] == ["12/9999"]
