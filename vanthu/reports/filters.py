"""The dashboard's filters (bộ lọc): the period on ``assigned_on`` and the scope (lead, assigning leader, field).

Parsed from the query string into a ``TaskFilter``. Parameter names are those of the task list
(``tasks:list``: ``from``, ``to``, ``lead_unit``, ``lead_external``, ``assigned_by``, ``field``) so a filter can
be handed over to the list as it is; the dashboard's own form adds ``period`` (a quick choice) and ``lead``
(one select for units and outside agencies: ``unit-12`` or ``external-5``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date, datetime
from urllib.parse import urlencode

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

#: quick choices of period, in the order of the select (the default is this year)
PERIODS: dict[str, object] = {
    "month": _l("Tháng này"),
    "quarter": _l("Quý này"),
    "year": _l("Năm nay"),
    "last_year": _l("Năm trước"),
    "custom": _l("Tùy chọn"),
}
DEFAULT_PERIOD = "year"
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
#: earlier years are typing slips (a date field given "26" as the year sends 0026), not periods to count: the
#: trend would list every month since then
MIN_YEAR = 1900


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_dates(period: str, today: date) -> tuple[date, date]:
    """First and last day of a quick choice of period, around ``today``."""
    if period == "month":
        return today.replace(day=1), month_end(today)
    if period == "quarter":
        first_month = 3 * ((today.month - 1) // 3) + 1
        start = date(today.year, first_month, 1)
        return start, month_end(date(today.year, first_month + 2, 1))
    if period == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    return date(today.year, 1, 1), date(today.year, 12, 31)


def parse_date(text: str | None) -> date | None:
    """A date typed as dd/mm/yyyy or sent as yyyy-mm-dd; None when empty; ValueError when not a date (or of a
    year before ``MIN_YEAR``)."""
    text = (text or "").strip()
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            day = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if day.year >= MIN_YEAR:
            return day
    raise ValueError(text)


def _int(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() and len(text) < 12 else None


@dataclass(frozen=True)
class TaskFilter:
    """What the dashboard counts: counted tasks assigned from ``date_from`` to ``date_to``, within a scope."""

    date_from: date
    date_to: date
    period: str = DEFAULT_PERIOD
    lead_unit: int | None = None
    lead_external: int | None = None
    assigned_by: int | None = None
    field: int | None = None
    errors: tuple[str, ...] = dc_field(default=(), compare=False)

    @property
    def lead(self) -> str:
        """The value of the dashboard's lead select."""
        if self.lead_unit:
            return f"unit-{self.lead_unit}"
        if self.lead_external:
            return f"external-{self.lead_external}"
        return ""

    def list_params(self, **overrides: object) -> dict[str, str]:
        """The task list's parameters for the same tasks (``overrides`` set or, with None, drop a key)."""
        params: dict[str, object] = {
            "counted": "1",
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "lead_unit": self.lead_unit,
            "lead_external": self.lead_external,
            "assigned_by": self.assigned_by,
            "field": self.field,
        }
        params.update(overrides)
        return {k: str(v) for k, v in params.items() if v not in (None, "")}

    def list_query(self, **overrides: object) -> str:
        return urlencode(self.list_params(**overrides))

    def dashboard_params(self) -> dict[str, str]:
        """This filter as the dashboard's (and the export's) query string."""
        params: dict[str, object] = {"period": self.period}
        if self.period == "custom":
            params.update({"from": self.date_from.isoformat(), "to": self.date_to.isoformat()})
        params.update(
            {
                "lead_unit": self.lead_unit,
                "lead_external": self.lead_external,
                "assigned_by": self.assigned_by,
                "field": self.field,
            }
        )
        return {k: str(v) for k, v in params.items() if v not in (None, "")}

    def dashboard_query(self) -> str:
        return urlencode(self.dashboard_params())


def parse_filter(params, today: date) -> TaskFilter:
    """The filter chosen in ``params`` (a QueryDict); bad values are dropped with a message in ``errors``."""
    errors: list[str] = []
    period = (params.get("period") or "").strip()
    raw_from, raw_to = params.get("from"), params.get("to")
    if period not in PERIODS:
        period = "custom" if (raw_from or raw_to) else DEFAULT_PERIOD
    date_from, date_to = period_dates(DEFAULT_PERIOD if period == "custom" else period, today)
    if period == "custom":
        try:
            date_from = parse_date(raw_from) or date_from
        except ValueError:
            errors.append(_("“Từ ngày” không phải là ngày hợp lệ (dd/mm/yyyy)."))
        try:
            date_to = parse_date(raw_to) or date_to
        except ValueError:
            errors.append(_("“Đến ngày” không phải là ngày hợp lệ (dd/mm/yyyy)."))
        if date_from > date_to:
            errors.append(_("“Đến ngày” phải sau hoặc trùng “Từ ngày”."))
            date_from, date_to = period_dates(DEFAULT_PERIOD, today)
            period = DEFAULT_PERIOD

    lead_unit, lead_external = _int(params.get("lead_unit")), _int(params.get("lead_external"))
    lead = (params.get("lead") or "").strip()
    if lead:
        kind, _sep, pk = lead.partition("-")
        lead_unit = _int(pk) if kind == "unit" else None
        lead_external = _int(pk) if kind == "external" else None
    if lead_unit and lead_external:
        errors.append(_("Chỉ chọn một đơn vị hoặc một cơ quan chủ trì."))
        lead_external = None
    return TaskFilter(
        date_from=date_from,
        date_to=date_to,
        period=period,
        lead_unit=lead_unit,
        lead_external=lead_external,
        assigned_by=_int(params.get("assigned_by")),
        field=_int(params.get("field")),
        errors=tuple(errors),
    )
