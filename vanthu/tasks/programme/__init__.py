"""Chương trình công tác năm: services (create, import items, move an item), the XLSX import and template,
and the month-by-month summary."""

from .matching import Directory, RowProblem, Timing, parse_kind, parse_timing
from .services import (
    add_items,
    assigned_on_for,
    create_programme,
    default_title,
    may_manage,
    may_move,
    move_item,
)
from .summary import MonthSummary, ProgrammeSummary, group_by_month, monthly_summary, programme_tasks
from .xlsx import ProgrammeRow, parse_programme_xlsx, programme_template

__all__ = [
    "Directory",
    "MonthSummary",
    "ProgrammeRow",
    "ProgrammeSummary",
    "RowProblem",
    "Timing",
    "add_items",
    "assigned_on_for",
    "create_programme",
    "default_title",
    "group_by_month",
    "may_manage",
    "may_move",
    "monthly_summary",
    "move_item",
    "parse_kind",
    "parse_programme_xlsx",
    "parse_timing",
    "programme_tasks",
    "programme_template",
]
