"""The programme as a spreadsheet: read the rows of an XLSX (STT | Nội dung | Loại | Cơ quan chủ trì | Thời gian
trình | Lãnh đạo phụ trách) and write the sample file users fill in."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from vanthu.common.text import fold
from vanthu.organization.models import Agency, ExternalAgency, Role, Unit, User

from .matching import Directory, RowProblem, parse_kind, parse_timing

#: at most this many rows are read (a programme has a few hundred items)
MAX_ROWS = 2000
#: the header row is looked for among the first rows (a title may come before it)
HEADER_SEARCH_ROWS = 15

#: column key → the folded headers accepted for it
HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("stt", "so tt", "so thu tu", "tt"),
    "content": ("noi dung", "ten noi dung", "ten de an", "noi dung cong viec"),
    "kind": ("loai", "loai noi dung", "hinh thuc"),
    "lead": ("co quan chu tri", "don vi chu tri", "chu tri", "co quan, don vi chu tri"),
    "timing": ("thoi gian trinh", "thoi gian", "thang trinh", "thoi han trinh", "thoi gian trinh ubnd"),
    "leader": ("lanh dao phu trach", "lanh dao ubnd phu trach", "lanh dao"),
}
REQUIRED = ("content", "lead", "timing")
TEMPLATE_HEADERS = ("STT", "Nội dung", "Loại", "Cơ quan chủ trì", "Thời gian trình", "Lãnh đạo phụ trách")


@dataclass
class ProgrammeRow:
    """One item read from the file (or typed), ready for ``add_items``."""

    line: int
    content: str
    lead_unit: Unit | None = None
    lead_external: ExternalAgency | None = None
    planned_month: int = 0
    planned_quarter: int | None = None
    kind: str = "submission"
    leader: User | None = None
    number: str = ""


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _columns(header: tuple) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, value in enumerate(header):
        text = fold(_cell_text(value)).rstrip(":").strip()
        for key, names in HEADERS.items():
            if key not in found and text in names:
                found[key] = index
    return found


def _open(file: IO[bytes]):
    try:
        return load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        return None


def parse_programme_xlsx(
    file: IO[bytes], agency: Agency, *, year: int | None = None
) -> tuple[list[ProgrammeRow], list[str]]:
    """The items of the first sheet, and one Vietnamese message per problem ("Dòng 7: …", the spreadsheet's
    row number). Rows whose lead, time and leader are all empty are headings (I. LĨNH VỰC KINH TẾ) and skipped.
    Nothing should be created unless the errors are empty."""
    workbook = _open(file)
    if workbook is None:
        return [], [_("Tệp không phải bảng tính Excel (.xlsx) hoặc bị hỏng.")]
    try:
        sheet = workbook.worksheets[0]
        rows_iter = sheet.iter_rows(values_only=True)
        columns: dict[str, int] = {}
        header_line = 0
        for line, values in enumerate(rows_iter, start=1):
            columns = _columns(values or ())
            if "content" in columns:
                header_line = line
                break
            if line >= HEADER_SEARCH_ROWS:
                break
        if not header_line:
            return [], [
                _(
                    "Không tìm thấy dòng tiêu đề (STT | Nội dung | Loại | Cơ quan chủ trì | Thời gian trình | …)."
                )
                + " "
                + _("Hãy dùng tệp mẫu.")
            ]
        missing = [TEMPLATE_HEADERS[list(HEADERS).index(key)] for key in REQUIRED if key not in columns]
        if missing:
            return [], [_("Thiếu cột: %(columns)s.") % {"columns": ", ".join(missing)}]
        directory = Directory.load(agency)
        rows: list[ProgrammeRow] = []
        errors: list[str] = []
        for line, values in enumerate(rows_iter, start=header_line + 1):
            if line - header_line > MAX_ROWS:
                errors.append(_("Tệp có quá %(n)d dòng; hãy chia thành nhiều tệp.") % {"n": MAX_ROWS})
                break
            row, problems = _read_row(line, values or (), columns, directory, year)
            if row is not None:
                rows.append(row)
            errors += problems
    finally:
        workbook.close()
    if not rows and not errors:
        errors.append(_("Tệp không có nội dung nào để nhập."))
    return rows, errors


def _read_row(
    line: int, values: tuple, columns: dict[str, int], directory: Directory, year: int | None
) -> tuple[ProgrammeRow | None, list[str]]:
    def get(key: str) -> object:
        index = columns.get(key)
        return values[index] if index is not None and index < len(values) else None

    cells = {key: get(key) for key in HEADERS}
    texts = {key: _cell_text(value) for key, value in cells.items()}
    if not any(texts.values()):
        return None, []
    if not (texts["lead"] or texts["timing"] or texts["leader"]):
        return None, []  # a heading (I. CÁC NỘI DUNG TRÌNH HĐND TỈNH)
    problems: list[str] = []
    row = ProgrammeRow(line=line, content=texts["content"], number=texts["number"][:10])
    if not row.content:
        problems.append(_("Chưa ghi nội dung."))
    elif len(row.content) > 4000:
        problems.append(_("Nội dung dài quá 4.000 ký tự."))
    for read in (
        lambda: _set_lead(row, directory.lead(cells["lead"])),
        lambda: _set_timing(row, parse_timing(cells["timing"], year)),
        lambda: setattr(row, "kind", parse_kind(cells["kind"])),
        lambda: setattr(row, "leader", directory.leader(cells["leader"])),
    ):
        try:
            read()
        except RowProblem as problem:
            problems.append(str(problem))
    if problems:
        return None, [_("Dòng %(line)d: %(message)s") % {"line": line, "message": " ".join(problems)}]
    return row, []


def _set_lead(row: ProgrammeRow, lead) -> None:
    row.lead_unit, row.lead_external = lead.unit, lead.external


def _set_timing(row: ProgrammeRow, timing) -> None:
    row.planned_month, row.planned_quarter = timing.month, timing.quarter


def programme_template(agency: Agency | None = None) -> bytes:
    """A sample XLSX: the header row and two example rows (with the agency's own units and leaders, when given,
    so that the sample imports as it is), and a sheet explaining what each column accepts."""
    unit = (
        Unit.objects.filter(agency=agency, is_active=True).order_by("order", "name").first()
        if agency
        else None
    )
    leader = (
        User.objects.filter(agency=agency, role=Role.AGENCY_LEADER, is_active=True).order_by("pk").first()
        if agency
        else None
    )
    lead = unit.abbreviation if unit else "Sở Tài chính"
    leader_name = leader.display_name if leader else "Nguyễn Văn A"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Chương trình")
    sheet.append(TEMPLATE_HEADERS)
    # the kind and time cells are data the import reads: kept in Vietnamese whatever the interface language
    sheet.append(
        [1, _("Đề án phát triển kinh tế số giai đoạn 2026–2030"), "Đề án", lead, "Tháng 3", leader_name]
    )
    sheet.append([2, _("Báo cáo tình hình kinh tế – xã hội quý II"), "Báo cáo", lead, "Quý II", leader_name])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for letter, width in zip("ABCDEF", (6, 60, 18, 30, 16, 26), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    help_sheet = workbook.create_sheet(_("Hướng dẫn"))
    for text in (
        _("Mỗi dòng là một nội dung của chương trình công tác; dòng chỉ có STT và nội dung là tiêu đề nhóm."),
        _("Loại: Đề án; Nội dung trình; Báo cáo; Văn bản QPPL (để trống: Nội dung trình)."),
        _("Cơ quan chủ trì: tên viết tắt hoặc tên đầy đủ của đơn vị, hoặc tên cơ quan trong danh bạ."),
        _("Thời gian trình: tháng (3, Tháng 3, T3) hoặc quý (Quý II, Q2: hạn là cuối tháng cuối quý)."),
        _("Lãnh đạo phụ trách: họ và tên lãnh đạo UBND phụ trách (để trống: người nhập nếu là lãnh đạo)."),
    ):
        help_sheet.append([text])
    help_sheet.column_dimensions["A"].width = 110
    if agency is not None:
        help_sheet.append([])
        help_sheet.append([_("Đơn vị (tên viết tắt — tên)")])
        help_sheet.cell(help_sheet.max_row, 1).font = bold
        for u in Unit.objects.filter(agency=agency, is_active=True).order_by("order", "name"):
            help_sheet.append([f"{u.abbreviation} — {u.name}"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
