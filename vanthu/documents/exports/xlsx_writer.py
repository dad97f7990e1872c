"""Register → XLSX (openpyxl, streaming write-only workbook): a cover sheet and the register sheet."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .base import CellValue, Column, Cover, format_cell, numbered_headers

FONT_NAME = "Times New Roman"
_thin = Side(style="thin", color="000000")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
HEADER_FONT = Font(name=FONT_NAME, size=11, bold=True)
NUMBER_FONT = Font(name=FONT_NAME, size=10, italic=True)
BODY_FONT = Font(name=FONT_NAME, size=11)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
CENTER_TOP = Alignment(horizontal="center", vertical="top", wrap_text=True)


def _landscape_a4(ws) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.print_options.horizontalCentered = True


def _sheet_name(text: str) -> str:
    for char in "[]:*?/\\":
        text = text.replace(char, " ")
    return text[:31].strip()


def _cover_sheet(wb: Workbook, cover: Cover) -> None:
    """Bìa sổ: one wide centred column, the lines of Appendix IV."""
    ws = wb.create_sheet(_sheet_name(_("Bìa sổ")))
    _landscape_a4(ws)
    ws.column_dimensions["A"].width = 110

    def line(text: str = "", size: int = 14, bold: bool = False, italic: bool = False) -> None:
        cell = WriteOnlyCell(ws, value=text)
        cell.font = Font(name=FONT_NAME, size=size, bold=bold, italic=italic)
        cell.alignment = CENTER
        ws.append([cell])

    line()
    headers = cover.header_lines()
    for i, name in enumerate(headers):
        line(name, 13, bold=i == len(headers) - 1)
    line("―――――――", 13)
    for _i in range(6):
        line()
    line(cover.title, 22, bold=True)
    if cover.subtitle:
        line(cover.subtitle, 14, italic=True)
    line()
    for text in cover.detail_lines():
        line(text)


def to_xlsx(cover: Cover, columns: Sequence[Column], rows: Iterable[Sequence[CellValue]]) -> bytes:
    """A workbook with the cover sheet and the register sheet: titled and numbered header rows repeated on
    every printed page, column widths, wrapped text, borders, A4 landscape."""
    wb = Workbook(write_only=True)
    _cover_sheet(wb, cover)
    ws = wb.create_sheet(_sheet_name(cover.title.capitalize()))
    _landscape_a4(ws)
    for i, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
    ws.print_title_rows = "1:2"
    ws.freeze_panes = "A3"

    def header_cell(text: str, font: Font) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=text)
        cell.font, cell.alignment, cell.border = font, CENTER, BORDER
        return cell

    ws.append([header_cell(c.title, HEADER_FONT) for c in columns])
    ws.append([header_cell(n, NUMBER_FONT) for n in numbered_headers(columns)])
    aligns = [CENTER_TOP if c.align == "center" else LEFT for c in columns]
    for row in rows:
        cells = []
        for value, align in zip(row, aligns, strict=False):
            if isinstance(value, (str, datetime)):
                value = format_cell(value)
            cell = WriteOnlyCell(ws, value="" if value is None else value)
            cell.font, cell.alignment, cell.border = BODY_FONT, align, BORDER
            if isinstance(value, date):
                cell.number_format = "DD/MM/YYYY"
            cells.append(cell)
        ws.append(cells)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
