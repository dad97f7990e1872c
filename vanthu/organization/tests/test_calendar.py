"""The working-day calendar of an agency: national holidays plus its own CalendarDay rows, cached, invalidated."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, transaction

from vanthu.organization.models import CalendarDay, User
from vanthu.organization.services import add_working_days, calendar_for

pytestmark = pytest.mark.django_db

D = dt.date
OFF, WORK = CalendarDay.Kind.OFF, CalendarDay.Kind.WORK


# fmt: off
#  day               national   with an agency row    agency row
DAYS = [
    (D(2026, 3, 3),  True,      False,                OFF),    # a Tuesday made a day off
    (D(2026, 3, 7),  False,     True,                 WORK),   # a Saturday worked (làm bù)
    (D(2026, 2, 20), False,     True,                 WORK),   # a Tết day worked
    (D(2026, 8, 22), True,      False,                OFF),    # the national make-up Saturday, given off
    (D(2026, 2, 23), True,      False,                OFF),    # the Monday after Tết, given off
]
# fmt: on


@pytest.mark.parametrize(("day", "national", "with_row", "kind"), DAYS)
def test_calendar_honours_calendar_days(agency, other_agency, day, national, with_row, kind):
    assert calendar_for(agency).is_working_day(day) is national
    CalendarDay.objects.create(agency=agency, date=day, kind=kind, note="Quyết định của Chủ tịch UBND")
    assert calendar_for(agency).is_working_day(day) is with_row
    assert calendar_for(agency.pk).is_working_day(day) is with_row  # by id, the same calendar
    assert calendar_for(other_agency).is_working_day(day) is national  # another agency keeps the national one
    assert calendar_for(None).is_working_day(day) is national


def test_add_working_days_follows_the_agency_calendar(agency):
    assert add_working_days(agency, D(2026, 1, 30), 5) == D(2026, 2, 6)
    CalendarDay.objects.create(agency=agency, date=D(2026, 2, 2), kind=OFF)
    assert add_working_days(agency, D(2026, 1, 30), 5) == D(2026, 2, 9)
    CalendarDay.objects.create(agency=agency, date=D(2026, 1, 31), kind=WORK)
    assert add_working_days(agency, D(2026, 1, 30), 5) == D(2026, 2, 6)
    # across Tết, one Tết day worked
    assert add_working_days(agency, D(2026, 2, 13), 1) == D(2026, 2, 23)
    CalendarDay.objects.create(agency=agency, date=D(2026, 2, 20), kind=WORK)
    assert add_working_days(agency, D(2026, 2, 13), 1) == D(2026, 2, 20)


def test_the_calendar_is_cached(agency, django_assert_num_queries):
    CalendarDay.objects.create(agency=agency, date=D(2026, 3, 3), kind=OFF)
    with django_assert_num_queries(1):
        calendar_for(agency)
    with django_assert_num_queries(0):
        assert not calendar_for(agency).is_working_day(D(2026, 3, 3))
        assert not calendar_for(agency.pk).is_working_day(D(2026, 3, 3))


def test_creating_editing_deleting_a_calendar_day_is_seen_at_once(agency):
    day, moved = D(2026, 3, 3), D(2026, 3, 4)
    assert calendar_for(agency).is_working_day(day)  # cached

    row = CalendarDay.objects.create(agency=agency, date=day, kind=OFF)
    assert not calendar_for(agency).is_working_day(day)

    row.date = moved
    row.save()
    cal = calendar_for(agency)
    assert cal.is_working_day(day) and not cal.is_working_day(moved)

    row.kind = WORK
    row.save()
    assert calendar_for(agency).is_working_day(moved)
    assert calendar_for(agency).extra_work == {moved}

    row.delete()
    cal = calendar_for(agency)
    assert cal.extra_off == cal.extra_work == frozenset()


def test_deleting_through_a_queryset_is_seen_at_once(agency):
    CalendarDay.objects.create(agency=agency, date=D(2026, 3, 3), kind=OFF)
    assert not calendar_for(agency).is_working_day(D(2026, 3, 3))
    CalendarDay.objects.filter(agency=agency).delete()
    assert calendar_for(agency).is_working_day(D(2026, 3, 3))


def test_editing_in_the_admin_is_seen_at_once(client, agency):
    root = User.objects.create_superuser("root", "root@example.vn", "matkhau-123")
    client.force_login(root)
    row = CalendarDay.objects.create(agency=agency, date=D(2026, 3, 3), kind=OFF)
    assert not calendar_for(agency).is_working_day(D(2026, 3, 3))
    response = client.post(
        f"/quan-tri/organization/calendarday/{row.pk}/change/",
        {"agency": agency.pk, "date": "03/03/2026", "kind": "work", "note": "Đổi thành ngày làm bù"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    row.refresh_from_db()
    assert row.kind == WORK
    assert calendar_for(agency).extra_work == {D(2026, 3, 3)}


def test_moving_a_calendar_day_to_another_agency_updates_both(agency, other_agency):
    """Regression: only the new agency's calendar used to be invalidated."""
    row = CalendarDay.objects.create(agency=agency, date=D(2026, 3, 3), kind=OFF)
    assert not calendar_for(agency).is_working_day(D(2026, 3, 3))
    assert calendar_for(other_agency).is_working_day(D(2026, 3, 3))
    row.agency = other_agency
    row.save()
    assert not calendar_for(other_agency).is_working_day(D(2026, 3, 3))
    assert calendar_for(agency).is_working_day(D(2026, 3, 3))


@pytest.mark.django_db(transaction=True)
def test_a_calendar_read_while_the_change_is_uncommitted_is_not_kept(agency):
    """Regression: invalidated before commit, a reader in between cached the old rows under the new version."""
    day = D(2026, 3, 3)
    assert calendar_for(agency).is_working_day(day)

    def another_request():
        try:
            calendar_for(agency.pk)
        finally:
            connection.close()

    with transaction.atomic():
        CalendarDay.objects.create(agency=agency, date=day, kind=OFF)
        reader = threading.Thread(target=another_request)
        reader.start()
        reader.join(timeout=60)
    assert not calendar_for(agency).is_working_day(day)
