"""What every register export shares: the cover page (bìa sổ, Decree 30 Appendix IV), the columns, cell text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

#: A cell value: text, a whole number, a date (shown dd/mm/yyyy) or nothing.
CellValue = str | int | date | None


class ExportError(Exception):
    """An export that cannot be produced; the message is for the user."""


class FontNotFound(ExportError):
    """No TrueType font with Vietnamese letters on the server (PDF export)."""


@dataclass(frozen=True)
class Column:
    """One column of a register: its printed title and its relative width (about one character per unit)."""

    title: str
    width: float = 12
    align: str = "left"  # "left" or "center"


@dataclass(frozen=True)
class Cover:
    """Bìa và trang đầu của sổ (Decree 30, Appendix IV).

    TÊN CƠ QUAN CHỦ QUẢN TRỰC TIẾP / TÊN CƠ QUAN, ĐƠN VỊ / title / Năm / Từ ngày … đến ngày … /
    Từ số … đến số … (omitted when ``show_numbers`` is false, as on the follow-up register) / Quyển số.
    """

    agency_name: str
    title: str
    year: str
    parent_name: str = ""
    subtitle: str = ""
    date_from: date | None = None
    date_to: date | None = None
    number_from: int | None = None
    number_to: int | None = None
    show_numbers: bool = True
    volume: str = "01"

    def header_lines(self) -> list[str]:
        """Agency names, printed in capitals at the top of the cover."""
        return [name.upper() for name in (self.parent_name, self.agency_name) if name]

    def detail_lines(self) -> list[str]:
        """The lines under the title: year, date range, number range, volume."""
        dots = "………"
        lines = [
            _("Năm: %(year)s") % {"year": self.year or dots},
            _("Từ ngày %(start)s đến ngày %(end)s")
            % {"start": format_cell(self.date_from) or dots, "end": format_cell(self.date_to) or dots},
        ]
        if self.show_numbers:
            lines.append(
                _("Từ số %(start)s đến số %(end)s")
                % {
                    "start": format_cell(self.number_from) or dots,
                    "end": format_cell(self.number_to) or dots,
                }
            )
        lines.append(_("Quyển số: %(volume)s") % {"volume": self.volume or dots})
        return lines


#: Control characters that XML (and so XLSX and DOCX) cannot hold; pasted text sometimes carries them.
_CONTROL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32)])


def clean_text(text: str) -> str:
    """``text`` without the control characters XML refuses (tab and line breaks are kept)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROL)


def format_cell(value: Any) -> str:
    """Text of one cell as printed: dates dd/mm/yyyy, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def numbered_headers(columns: Sequence[Column]) -> list[str]:
    """The second header row of every Appendix IV register: (1), (2), …"""
    return [f"({i})" for i in range(1, len(columns) + 1)]
