"""What the register books of Decree 30 Appendix IV have in common, incoming and outgoing alike: which registers a
user may open as a book, the one opened by default, the default period and the cover (bìa sổ).

The columns and the rows of each book stay with their side (``vanthu.incoming.registerbook``,
``vanthu.outgoing.registerbook``); the pages and the exports are in ``vanthu.documents.registerbook_views``.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet

from vanthu.documents.exports import Cover
from vanthu.documents.models import Confidentiality, Urgency
from vanthu.organization.models import Agency, Role
from vanthu.registers.models import Register


def month_range(day: date) -> tuple[date, date]:
    """First and last day of the month of ``day`` (the default range of a register book)."""
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


def selectable_registers(user, visible: QuerySet, direction: str) -> QuerySet[Register]:
    """The registers of ``direction`` of the user's agency that the user may open as a book.

    A secret register is offered only to clerks and to people who see at least one of its documents (``visible``:
    the documents the user may see, of the same direction).
    """
    registers = Register.objects.filter(agency_id=user.agency_id, direction=direction)
    if user.role != Role.CLERK:
        # one cheap exists() per secret register instead of joining every visible document of the agency
        seen = [r.pk for r in registers.filter(is_secret=True) if visible.filter(register=r).exists()]
        registers = registers.filter(Q(is_secret=False) | Q(pk__in=seen))
    return registers.order_by("-is_active", "is_secret", "-is_default", "name")


def default_register(registers: Iterable[Register]) -> Register | None:
    """The register opened by default: the default non-secret register, else the first one offered."""
    registers = list(registers)
    for register in registers:
        if register.is_default and not register.is_secret and register.is_active:
            return register
    return registers[0] if registers else None


def stamp_marks(doc) -> list[str]:
    """The urgency and secrecy marks of ``doc`` in capitals, as stamped (``KHẨN``, ``MẬT``), for the
    "Ghi chú" column."""
    marks = []
    if doc.urgency > Urgency.NORMAL:
        marks.append(str(Urgency(doc.urgency).label).upper())
    if doc.confidentiality > Confidentiality.NORMAL:
        marks.append(str(Confidentiality(doc.confidentiality).label).upper())
    return marks


def year_text(date_from: date, date_to: date) -> str:
    """The cover's "Năm": one year, or the first and the last (``2025–2026``)."""
    if date_from.year == date_to.year:
        return str(date_from.year)
    return f"{date_from.year}–{date_to.year}"


def register_subtitle(register: Register | None) -> str:
    """The register's name in brackets under the title, for any register but the ordinary default one."""
    if register is None or (register.is_default and not register.is_secret):
        return ""
    return f"({register.name})"


def book_cover(
    title: str,
    agency: Agency,
    register: Register | None,
    date_from: date,
    date_to: date,
    *,
    numbers: Iterable[int] = (),
    volume: int | str = 1,
    show_numbers: bool = True,
) -> Cover:
    """Bìa sổ: ``title`` (in capitals), the register's name, the years and days, with ``show_numbers`` the first
    and last number of the printed rows (``numbers``, in order), and the volume (``01``)."""
    numbers = list(numbers)
    return Cover(
        agency_name=agency.name,
        parent_name=agency.parent_name,
        title=title,
        subtitle=register_subtitle(register),
        year=year_text(date_from, date_to),
        date_from=date_from,
        date_to=date_to,
        number_from=numbers[0] if numbers else None,
        number_to=numbers[-1] if numbers else None,
        show_numbers=show_numbers,
        volume=f"{int(volume):02d}" if str(volume).isdigit() else str(volume),
    )
