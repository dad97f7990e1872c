"""The deadline status rule, written three times, agrees with itself and with the calendar.

``vanthu.common.deadlines.deadline_status`` (Python, one object), the ``deadline_status`` annotation of
``vanthu.incoming.queries.with_status`` (a database CASE) and ``vanthu.incoming.queries.filter_status`` (plain
date conditions) must give the same status for every (deadline, completed_on, today) — on documents and on
assignments, on SQLite and on PostgreSQL. "Sắp đến hạn" counts working days of the agency's calendar: weekends,
Tết 2026 (Mon 16 – Fri 20/02/2026) and the agency's own CalendarDay rows.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db.models import Max

from vanthu.common.deadlines import DeadlineStatus, deadline_status
from vanthu.incoming.models import Assignment, IncomingDocument
from vanthu.incoming.queries import filter_status, status_dates, status_of, with_status
from vanthu.organization.models import CalendarDay
from vanthu.organization.services import add_working_days, calendar_for
from vanthu.testing.factories import register_incoming

pytestmark = pytest.mark.django_db

D = dt.date
STATUSES = [s.value for s in DeadlineStatus]

# fmt: off
#  case                                               today           deadline        completed_on    expected
CASES = [
    # Friday 30/01/2026: "sắp đến hạn" runs to Tuesday 03/02 (2 working days, across the weekend)
    ("open, no deadline",                             D(2026, 1, 30), None,           None,           "none"),
    ("done, no deadline",                             D(2026, 1, 30), None,           D(2026, 1, 29), "on_time"),
    ("deadline yesterday",                            D(2026, 1, 30), D(2026, 1, 29), None,           "overdue"),
    ("deadline today",                                D(2026, 1, 30), D(2026, 1, 30), None,           "due_soon"),
    ("deadline tomorrow (a Saturday)",                D(2026, 1, 30), D(2026, 1, 31), None,           "due_soon"),
    ("deadline Sunday",                               D(2026, 1, 30), D(2026, 2, 1),  None,           "due_soon"),
    ("1 working day (Monday)",                        D(2026, 1, 30), D(2026, 2, 2),  None,           "due_soon"),
    ("2 working days, across the weekend",            D(2026, 1, 30), D(2026, 2, 3),  None,           "due_soon"),
    ("3 working days, across the weekend",            D(2026, 1, 30), D(2026, 2, 4),  None,           "within"),
    ("5 working days = 06/02/2026",                   D(2026, 1, 30), D(2026, 2, 6),  None,           "within"),
    ("done on the deadline day",                      D(2026, 1, 30), D(2026, 1, 29), D(2026, 1, 29), "on_time"),
    ("done a day late",                               D(2026, 1, 30), D(2026, 1, 29), D(2026, 1, 30), "late"),
    ("done early",                                    D(2026, 1, 30), D(2026, 2, 3),  D(2026, 1, 28), "on_time"),
    ("done late, today's date does not matter",       D(2026, 6, 1),  D(2026, 1, 29), D(2026, 2, 2),  "late"),
    # Thursday 05/02 and Friday 06/02: a plain weekend
    ("Thu: 2 working days = Mon",                     D(2026, 2, 5),  D(2026, 2, 9),  None,           "due_soon"),
    ("Thu: 3 working days = Tue",                     D(2026, 2, 5),  D(2026, 2, 10), None,           "within"),
    ("Fri: 2 working days = Tue",                     D(2026, 2, 6),  D(2026, 2, 10), None,           "due_soon"),
    ("Fri: 3 working days = Wed",                     D(2026, 2, 6),  D(2026, 2, 11), None,           "within"),
    # Tết 2026: Saturday 14 to Sunday 22/02 without a working day
    ("Wed 11/02: 2 working days = Fri 13/02",         D(2026, 2, 11), D(2026, 2, 13), None,           "due_soon"),
    ("Wed 11/02: 3 working days = Mon 23/02",         D(2026, 2, 11), D(2026, 2, 23), None,           "within"),
    ("Thu 12/02: 2 working days = Mon 23/02",         D(2026, 2, 12), D(2026, 2, 23), None,           "due_soon"),
    ("Thu 12/02: 3 working days = Tue 24/02",         D(2026, 2, 12), D(2026, 2, 24), None,           "within"),
    ("Fri 13/02: deadline yesterday",                 D(2026, 2, 13), D(2026, 2, 12), None,           "overdue"),
    ("Fri 13/02: deadline today",                     D(2026, 2, 13), D(2026, 2, 13), None,           "due_soon"),
    ("Fri 13/02: deadline in Tết",                    D(2026, 2, 13), D(2026, 2, 18), None,           "due_soon"),
    ("Fri 13/02: 1 working day = Mon 23/02",          D(2026, 2, 13), D(2026, 2, 23), None,           "due_soon"),
    ("Fri 13/02: 2 working days = Tue 24/02",         D(2026, 2, 13), D(2026, 2, 24), None,           "due_soon"),
    ("Fri 13/02: 3 working days = Wed 25/02",         D(2026, 2, 13), D(2026, 2, 25), None,           "within"),
    ("in Tết: deadline the last day before",          D(2026, 2, 18), D(2026, 2, 13), None,           "overdue"),
    ("in Tết: deadline today (a holiday)",            D(2026, 2, 18), D(2026, 2, 18), None,           "due_soon"),
    ("in Tết: 2 working days = Tue 24/02",            D(2026, 2, 18), D(2026, 2, 24), None,           "due_soon"),
    ("in Tết: 3 working days = Wed 25/02",            D(2026, 2, 18), D(2026, 2, 25), None,           "within"),
    ("after Tết: deadline was in Tết",                D(2026, 2, 23), D(2026, 2, 20), None,           "overdue"),
    ("after Tết: done after, deadline before",        D(2026, 2, 23), D(2026, 2, 13), D(2026, 2, 23), "late"),
    ("after Tết: done in Tết on the deadline",        D(2026, 2, 23), D(2026, 2, 19), D(2026, 2, 19), "on_time"),
    # New Year: 01/01/2026 is a holiday
    ("31/12/2025: 1 working day = Fri 02/01/2026",    D(2025, 12, 31), D(2026, 1, 2), None,           "due_soon"),
    ("31/12/2025: 2 working days = Mon 05/01/2026",   D(2025, 12, 31), D(2026, 1, 5), None,           "due_soon"),
    ("31/12/2025: 3 working days = Tue 06/01/2026",   D(2025, 12, 31), D(2026, 1, 6), None,           "within"),
]
# fmt: on


@pytest.fixture
def make(people, register, units):
    """make(model) -> a fresh IncomingDocument or Assignment (of a fresh document) with no dates set."""

    def build(model):
        doc = register_incoming(people["clerk"], register)
        if model is IncomingDocument:
            return doc
        return Assignment.objects.create(
            document=doc, role="lead", unit=units["KT"], assigned_by=people["chairman"]
        )

    return build


def three_ways(model, pk, agency_id, today) -> tuple[str, str, list[str]]:
    """The status of one row by the Python rule, by the annotation, and the statuses whose filter keeps it."""
    obj = model.objects.get(pk=pk)
    python = status_of(obj, agency_id, today).value
    annotated = with_status(model.objects.filter(pk=pk), agency_id, today=today).get().deadline_status
    filtered = [
        s for s in STATUSES if filter_status(model.objects.filter(pk=pk), s, agency_id, today=today).exists()
    ]
    return python, annotated, filtered


@pytest.mark.parametrize("model", [IncomingDocument, Assignment], ids=["document", "assignment"])
@pytest.mark.parametrize(
    ("case", "today", "deadline", "completed_on", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_each_case_three_ways(make, agency, model, case, today, deadline, completed_on, expected):
    obj = make(model)
    model.objects.filter(pk=obj.pk).update(deadline=deadline, completed_on=completed_on)
    _today, soon = status_dates(agency.pk, today)
    assert deadline_status(deadline, completed_on, today, soon).value == expected
    assert three_ways(model, obj.pk, agency.pk, today) == (expected, expected, [expected])


def test_five_working_days_from_30_january_2026(agency):
    assert add_working_days(agency, D(2026, 1, 30), 5) == D(2026, 2, 6)
    assert add_working_days(agency.pk, D(2026, 2, 13), 1) == D(2026, 2, 23)  # across Tết


TODAYS = [
    D(2025, 12, 31),
    D(2026, 1, 30),
    D(2026, 2, 6),
    D(2026, 2, 12),
    D(2026, 2, 13),
    D(2026, 2, 18),
    D(2026, 2, 23),
]
DEADLINES = [None, *(D(2025, 12, 29) + dt.timedelta(days=i) for i in range(80))]
COMPLETED = [
    None,
    D(2026, 1, 2),
    D(2026, 1, 30),
    D(2026, 2, 3),
    D(2026, 2, 13),
    D(2026, 2, 19),
    D(2026, 2, 24),
]


@pytest.mark.parametrize("soon_days", [0, 2, 5])
@pytest.mark.parametrize("model", [IncomingDocument, Assignment], ids=["document", "assignment"])
def test_every_combination_agrees(make, agency, people, register, units, settings, model, soon_days):
    """Every deadline from 29/12/2025 to 18/03/2026 × completion dates × days of evaluation, in bulk."""
    settings.VANTHU_DUE_SOON_WORKING_DAYS = soon_days
    template = make(IncomingDocument)
    combos = list(itertools.product(DEADLINES, COMPLETED))
    if model is IncomingDocument:
        first = IncomingDocument.objects.aggregate(n=Max("number"))["n"] + 1
        rows = []
        for i, (deadline, completed_on) in enumerate(combos):
            row = IncomingDocument.objects.get(pk=template.pk)
            row.pk = None
            row.number = first + i
            row.deadline, row.completed_on = deadline, completed_on
            rows.append(row)
        created = IncomingDocument.objects.bulk_create(rows)
    else:
        created = Assignment.objects.bulk_create(
            Assignment(
                document=template,
                role="lead",
                unit=units["KT"],
                assigned_by=people["chairman"],
                deadline=deadline,
                completed_on=completed_on,
            )
            for deadline, completed_on in combos
        )
    pks = [obj.pk for obj in created]
    qs = model.objects.filter(pk__in=pks)
    for today in TODAYS:
        _today, soon = status_dates(agency.pk, today)
        python = {obj.pk: deadline_status(obj.deadline, obj.completed_on, today, soon).value for obj in qs}
        annotated = dict(with_status(qs, agency.pk, today=today).values_list("pk", "deadline_status"))
        filtered = {}
        for status in STATUSES:
            for pk in filter_status(qs, status, agency.pk, today=today).values_list("pk", flat=True):
                assert pk not in filtered, f"{today}: row {pk} matches {filtered.get(pk)} and {status}"
                filtered[pk] = status
        assert len(python) == len(combos)
        disagree = [
            (
                model.objects.get(pk=pk).deadline,
                model.objects.get(pk=pk).completed_on,
                python[pk],
                annotated.get(pk),
                filtered.get(pk),
            )
            for pk in pks
            if not python[pk] == annotated.get(pk) == filtered.get(pk)
        ]
        assert not disagree, f"today={today}: {disagree[:5]}"
        # the combinations do reach every status
        assert set(python.values()) == set(STATUSES)


# ---------------------------------------------------------------------------------------------------------------
# the agency's calendar changes the result, and a change is seen at once (the cached calendar is invalidated)
# ---------------------------------------------------------------------------------------------------------------

# fmt: off
#  change                                   today          deadline        before       after
CALENDAR_CHANGES = [
    # Friday 06/02 made a day off: from Thursday 05/02, 2 working days reach Tuesday 10/02
    ("off", D(2026, 2, 6),                  D(2026, 2, 5), D(2026, 2, 10), "within",    "due_soon"),
    # Saturday 07/02 made a working day: from Friday 06/02, 2 working days stop at Monday 09/02
    ("work", D(2026, 2, 7),                 D(2026, 2, 6), D(2026, 2, 10), "due_soon",  "within"),
    # Saturday 14/02 worked before Tết: from Thursday 12/02, Fri 13 + Sat 14
    ("work", D(2026, 2, 14),                D(2026, 2, 12), D(2026, 2, 23), "due_soon", "within"),
    # Monday 23/02 still off after Tết: from Friday 13/02, Tue 24 + Wed 25
    ("off", D(2026, 2, 23),                 D(2026, 2, 13), D(2026, 2, 25), "within",   "due_soon"),
]
# fmt: on


def statuses(model, pk, agency_id, today) -> set[str]:
    python, annotated, filtered = three_ways(model, pk, agency_id, today)
    return {python, annotated, *filtered}


@pytest.mark.parametrize("model", [IncomingDocument, Assignment], ids=["document", "assignment"])
@pytest.mark.parametrize(("kind", "day", "today", "deadline", "before", "after"), CALENDAR_CHANGES)
def test_calendar_day_changes_the_status_at_once(
    make, agency, other_agency, model, kind, day, today, deadline, before, after
):
    obj = make(model)
    model.objects.filter(pk=obj.pk).update(deadline=deadline)
    assert statuses(model, obj.pk, agency.pk, today) == {before}  # the calendar is now cached

    other = CalendarDay.objects.create(agency=other_agency, date=day, kind=kind)
    assert statuses(model, obj.pk, agency.pk, today) == {before}  # another agency's day changes nothing

    row = CalendarDay.objects.create(agency=agency, date=day, kind=kind, note="Quyết định của UBND")
    assert statuses(model, obj.pk, agency.pk, today) == {after}

    # edited the other way round: each day of the table is then what the national calendar says anyway
    row.kind = CalendarDay.Kind.WORK if kind == "off" else CalendarDay.Kind.OFF
    row.save()
    assert calendar_for(agency).is_working_day(day) is (row.kind == CalendarDay.Kind.WORK)
    assert statuses(model, obj.pk, agency.pk, today) == {before}

    row.kind = kind  # and back
    row.save()
    assert statuses(model, obj.pk, agency.pk, today) == {after}

    row.delete()
    assert statuses(model, obj.pk, agency.pk, today) == {before}
    other.delete()


def test_overdue_does_not_depend_on_the_calendar(make, agency):
    """A day off only moves the "sắp đến hạn" limit; a past deadline stays overdue."""
    doc = make(IncomingDocument)
    IncomingDocument.objects.filter(pk=doc.pk).update(deadline=D(2026, 2, 4))
    CalendarDay.objects.create(agency=agency, date=D(2026, 2, 4), kind="off")
    assert statuses(IncomingDocument, doc.pk, agency.pk, D(2026, 2, 5)) == {"overdue"}
