"""Figures of the leaders' dashboard on tasks (bảng điều hành nhiệm vụ), aggregated by the database.

The tasks counted are ``period_tasks``: the counted tasks the user may see (``visible_tasks``) assigned in the
period, of the chosen field. Two grouped queries read them from the covering index ``task_report_idx``
(agency, counted, assigned_on, lead_unit, lead_external, assigned_by, due_on, completed_on), whatever their number:

1. ``lead_leader_counts``: per (lead unit or outside agency, assigning leader), one conditional count per report
   category and the oldest deadline of the open overdue tasks (quá hạn lâu nhất) — at most leads × leaders rows,
   rolled up in Python into the totals, the ranking of leads and the table per leader. The lead and leader
   filters are applied to these rows (they are the grouping keys), which also gives the choices of the selects.
2. ``day_counts``: per day of assignment (the order of the index: no sort), the counts of the trend, rolled up
   into months.

Measured at 200,000 tasks on SQLite, one query grouped by lead, leader *and* month costs more for the leaders
(31 ms and ~6,000 rows to roll up for a year, against 18 + 7 ms and ~1,500 rows): the month key makes SQLite sort
every row. For people who see only the tasks they are involved in (a head of unit), each task read costs a table
lookup and their rows are few: there query 1 is also grouped by month and query 2 is not run.
The status rule is ``vanthu.tasks.queries.status_conditions`` (the one the task list filters with), so each
figure equals the count of the list it links to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.db.models import CharField, Count, Func, Min, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from vanthu.common.deadlines import DeadlineStatus
from vanthu.organization.models import ExternalAgency, Unit, User
from vanthu.tasks.queries import status_conditions, status_dates
from vanthu.tasks.visibility import visible_tasks

from .filters import TaskFilter, month_end

S = DeadlineStatus
#: the counted categories: (attribute of Counts, status); within includes due soon, as in the reports
CATEGORIES = (
    ("on_time", S.ON_TIME),
    ("late", S.LATE),
    ("within", S.WITHIN),
    ("due_soon", S.DUE_SOON),
    ("overdue", S.OVERDUE),
    ("none", S.NO_DEADLINE),
)
NAMES = tuple(name for name, _status in CATEGORIES)
#: the categories of the trend by month
TREND = (("on_time", S.ON_TIME), ("late", S.LATE), ("overdue", S.OVERDUE))
#: link key → task list ``status`` value (``total`` has none)
LINK_STATUSES = {"total": None, "done": "done", "open": "open", **{n: s.value for n, s in CATEGORIES}}


class YearMonth(Func):
    """``yyyy-mm`` of a date column, computed natively (``TruncMonth`` calls a Python function per row on
    SQLite)."""

    output_field = CharField()
    template = "SUBSTR(CAST(%(expressions)s AS CHAR(10)), 1, 7)"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="substr(%(expressions)s, 1, 7)", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="to_char(%(expressions)s, 'YYYY-MM')", **extra)


@dataclass
class Counts:
    """Tasks per report category (trong hạn includes sắp đến hạn, also given on its own)."""

    on_time: int = 0
    late: int = 0
    within: int = 0
    due_soon: int = 0
    overdue: int = 0
    none: int = 0

    @classmethod
    def of(cls, values: list[int]) -> Counts:
        return cls(*values)

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.within + self.overdue + self.none

    @property
    def done(self) -> int:
        return self.on_time + self.late

    @property
    def open(self) -> int:
        return self.within + self.overdue + self.none

    @property
    def rate(self) -> float | None:
        """Tỷ lệ đúng hạn (%): on time / (on time + late + overdue); None when nothing is due yet."""
        due = self.on_time + self.late + self.overdue
        return 100.0 * self.on_time / due if due else None

    @property
    def rate_text(self) -> str:
        """The rate as printed in the reports: one decimal with a comma, "—" when there is none."""
        rate = self.rate
        return "—" if rate is None else f"{rate:.1f}".replace(".", ",")


@dataclass
class Row:
    """One line of a table: a lead, a leader or a month, with its counts and the list behind every figure."""

    key: object
    name: str
    counts: Counts = field(default_factory=Counts)
    links: dict[str, str] = field(default_factory=dict)
    oldest_overdue_days: int | None = None
    #: the lead's field of ``tasks:remind_many`` (the other fields are the filter's: ``remind_fields``)
    remind: tuple[str, int] | None = None


@dataclass
class TaskStats:
    filter: TaskFilter
    today: date
    totals: Counts
    total_links: dict[str, str]
    leads: list[Row]
    leaders: list[Row]
    months: list[Row]
    lead_choices: list[tuple[str, str]]
    leader_choices: list[tuple[int, str]]

    @property
    def remind_fields(self) -> dict[str, str]:
        """The POST fields of ``tasks:remind_many`` shared by the rows: the period and the leader and field
        scope, overdue tasks only; each row's button adds its lead."""
        fields = self.filter.list_params(lead_unit=None, lead_external=None)
        fields["status"] = S.OVERDUE.value
        return fields

    @property
    def total_row(self) -> Row:
        return Row("total", _("Tổng cộng"), self.totals, self.total_links)


# --- the queries -----------------------------------------------------------------------------------------------


def period_tasks(user, flt: TaskFilter) -> QuerySet:
    """The counted tasks ``user`` may see, assigned in the period (and of the chosen field)."""
    # counted IN (1), not counted = True: SQLite writes the latter as a bare column, which is no index
    # constraint, and would then read every task of the agency instead of the period's range of the index
    tasks = visible_tasks(user).filter(
        counted__in=[True], assigned_on__gte=flt.date_from, assigned_on__lte=flt.date_to
    )
    return tasks.filter(field_id=flt.field) if flt.field else tasks


def lead_leader_counts(user, flt: TaskFilter, today: date, *, by_month: bool = False) -> QuerySet:
    """Query 1: (lead unit, lead agency, leader[, yyyy-mm], on_time, late, within, due_soon, overdue, none,
    oldest overdue due date)."""
    conditions = status_conditions(*status_dates(user.agency_id, today))
    counts = {name: Count("id", filter=conditions[status]) for name, status in CATEGORIES}
    keys = ["lead_unit_id", "lead_external_id", "assigned_by_id"]
    tasks = period_tasks(user, flt).order_by()
    if by_month:
        tasks, keys = tasks.annotate(month=YearMonth("assigned_on")), [*keys, "month"]
    return (
        tasks.values(*keys)
        .annotate(**counts, oldest=Min("due_on", filter=conditions[S.OVERDUE]))
        .values_list(*keys, *NAMES, "oldest")
    )


def day_counts(user, flt: TaskFilter, today: date) -> QuerySet:
    """Query 2: (day of assignment, assigned, on time, late, overdue) for the trend, in the lead and leader scope."""
    conditions = status_conditions(*status_dates(user.agency_id, today))
    tasks = period_tasks(user, flt)
    if flt.lead_unit or flt.lead_external:
        tasks = tasks.filter(lead_unit_id=flt.lead_unit, lead_external_id=flt.lead_external)
    if flt.assigned_by:
        tasks = tasks.filter(assigned_by_id=flt.assigned_by)
    trend = {name: Count("id", filter=conditions[status]) for name, status in TREND}
    return (
        tasks.order_by()
        .values("assigned_on")
        .annotate(total=Count("id"), **trend)
        .values_list("assigned_on", "total", *(name for name, _status in TREND))
    )


# --- rolling up ------------------------------------------------------------------------------------------------


def _lead_key(unit_id: int | None, external_id: int | None) -> tuple[str, int | None]:
    if unit_id:
        return ("unit", unit_id)
    if external_id:
        return ("external", external_id)
    return ("person", None)


def _lead_params(key: tuple) -> dict[str, object]:
    kind, pk = key
    if kind == "unit":
        return {"lead_unit": pk, "lead_external": None}
    if kind == "external":
        return {"lead_external": pk, "lead_unit": None}
    return {}


#: link key → what follows a row's query string
_STATUS_SUFFIX = {key: f"&{urlencode({'status': s})}" if s else "" for key, s in LINK_STATUSES.items()}


def _links(flt: TaskFilter, base: str, **params: object) -> dict[str, str]:
    """The task list URL of each figure of a row (``base`` is the list's path): one query string per row."""
    prefix = f"{base}?{flt.list_query(**params)}"
    return {key: prefix + suffix for key, suffix in _STATUS_SUFFIX.items()}


def _names(lead_keys: set[tuple], leader_ids: set[int]) -> tuple[dict[tuple, str], dict[int, str]]:
    unit_ids = [pk for kind, pk in lead_keys if kind == "unit"]
    external_ids = [pk for kind, pk in lead_keys if kind == "external"]
    leads: dict[tuple, str] = {("person", None): _("Cán bộ được giao trực tiếp")}
    leads.update(
        {("unit", pk): n for pk, n in Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name")}
    )
    externals = ExternalAgency.objects.filter(pk__in=external_ids).values_list("pk", "name")
    leads.update({("external", pk): n for pk, n in externals})
    people = User.objects.filter(pk__in=leader_ids).only("first_name", "last_name", "username")
    return leads, {p.pk: p.display_name for p in people}


def _add(into: list[int], values) -> None:
    for i, value in enumerate(values):
        into[i] += value


def _rank_key(row: Row) -> tuple:
    rate = row.counts.rate
    return (rate is None, rate if rate is not None else 0.0, -row.counts.overdue, row.name)


def _months(flt: TaskFilter, today: date) -> list[date]:
    """First days of the months of the period, up to the current month (later months have no task yet)."""
    last = min(flt.date_to, max(today, flt.date_from)).replace(day=1)
    months, day = [], flt.date_from.replace(day=1)
    while day <= last:
        months.append(day)
        if day == last:  # the month after may not exist (December 9999)
            break
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def _day_months(user, flt: TaskFilter, today: date) -> dict[tuple[int, int], list[int]]:
    per_month: dict[tuple[int, int], list[int]] = {}
    for day, *values in day_counts(user, flt, today):
        _add(per_month.setdefault((day.year, day.month), [0] * 4), values)
    return per_month


def _month_rows(flt: TaskFilter, today: date, base: str, per_month: dict) -> list[Row]:
    """``per_month``: (year, month) → [assigned, on time, late, overdue]."""
    rows = []
    for first in _months(flt, today):
        total, on_time, late, overdue = per_month.get((first.year, first.month), [0] * 4)
        # the total of a month is only shown and linked as such: its other categories are not needed
        counts = Counts(on_time=on_time, late=late, overdue=overdue, within=total - on_time - late - overdue)
        row = Row(first, f"{first:%m/%Y}", counts)
        start, end = max(first, flt.date_from), min(month_end(first), flt.date_to)
        row.links = _links(flt, base, **{"from": start.isoformat(), "to": end.isoformat()})
        rows.append(row)
    return rows


def task_stats(user, flt: TaskFilter, today: date | None = None) -> TaskStats:
    """Every figure of the dashboard for ``user`` (only the tasks ``visible_tasks(user)`` gives)."""
    today, _soon = status_dates(user.agency_id, today)
    base = reverse("tasks:list")
    wanted_lead = (
        _lead_key(flt.lead_unit, flt.lead_external) if (flt.lead_unit or flt.lead_external) else None
    )

    # People who see only the tasks they are involved in: their few tasks cost a table lookup each, so one
    # query grouped by month too is cheaper than reading them twice (and gives few rows).
    by_month = not user.sees_whole_agency
    per_month: dict[tuple[int, int], list[int]] = {}
    by_lead: dict[tuple, list] = {}  # key → [counts..., oldest overdue due date]
    by_leader: dict[int, list[int]] = {}
    totals = [0] * len(NAMES)
    all_leads: set[tuple] = set()
    for unit_id, external_id, leader_id, *values in lead_leader_counts(user, flt, today, by_month=by_month):
        month = values.pop(0) if by_month else None
        key = _lead_key(unit_id, external_id)
        all_leads.add(key)
        by_leader.setdefault(leader_id, [0] * len(NAMES))
        if (wanted_lead and key != wanted_lead) or (flt.assigned_by and leader_id != flt.assigned_by):
            continue
        counts, oldest = values[:-1], values[-1]
        if by_month:
            on_time, late, _within, _soon, overdue = counts[:5]
            trend = [sum(counts) - counts[3], on_time, late, overdue]  # due soon is inside within
            _add(per_month.setdefault((int(month[:4]), int(month[5:7])), [0] * 4), trend)
        _add(totals, counts)
        _add(by_leader[leader_id], counts)
        lead = by_lead.setdefault(key, [0] * len(NAMES) + [None])
        _add(lead, counts)
        if oldest and (lead[-1] is None or oldest < lead[-1]):
            lead[-1] = oldest

    lead_names, leader_names = _names(all_leads, set(by_leader))
    leads = []
    for key, values in by_lead.items():
        row = Row(key, lead_names.get(key, "?"), Counts.of(values[:-1]))
        if key[0] != "person":  # no list parameter selects the tasks given straight to a person
            row.links = _links(flt, base, **_lead_params(key))
            row.remind = (f"lead_{key[0]}", key[1])
        if row.counts.overdue and values[-1]:
            row.oldest_overdue_days = (today - values[-1]).days
        leads.append(row)
    leaders = [
        Row(pk, leader_names.get(pk, "?"), Counts.of(values), _links(flt, base, assigned_by=pk))
        for pk, values in by_leader.items()
        if any(values)
    ]
    lead_choices = sorted(
        ((f"{kind}-{pk}", lead_names.get((kind, pk), "?")) for kind, pk in all_leads if kind != "person"),
        key=lambda c: c[1],
    )
    return TaskStats(
        filter=flt,
        today=today,
        totals=Counts.of(totals),
        total_links=_links(flt, base),
        leads=sorted(leads, key=_rank_key),
        leaders=sorted(leaders, key=lambda r: (-r.counts.total, r.name)),
        months=_month_rows(flt, today, base, per_month if by_month else _day_months(user, flt, today)),
        lead_choices=lead_choices,
        leader_choices=sorted(leader_names.items(), key=lambda c: c[1]),
    )
