"""Báo cáo kết quả thực hiện nhiệm vụ: the dashboard's ranking of leads as a printed report (XLSX, DOCX, PDF),
written with the register exports of ``vanthu.documents.exports``: a cover (agency, title, period), then one
table, one line per unit or outside agency and a total line (Tổng cộng), in the official categories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from vanthu.documents.exports import FORMATS, Column, Cover, format_cell

from .tasks_stats import Counts, TaskStats

FILENAME = "bao-cao-ket-qua-thuc-hien-nhiem-vu"


@dataclass(frozen=True)
class ReportCover(Cover):
    """The cover of a report: the period and the day the statuses were computed, instead of a register's
    year, number range and volume."""

    as_of: date | None = None
    scope: tuple[str, ...] = ()

    def detail_lines(self) -> list[str]:
        lines = [
            _("Từ ngày %(start)s đến ngày %(end)s")
            % {"start": format_cell(self.date_from), "end": format_cell(self.date_to)}
        ]
        lines.extend(self.scope)
        if self.as_of:
            lines.append(_("Số liệu tính đến ngày %(date)s") % {"date": format_cell(self.as_of)})
        return lines


def report_columns() -> list[Column]:
    return [
        Column(_("STT"), 5, "center"),
        Column(_("Cơ quan/đơn vị chủ trì"), 34),
        Column(_("Tổng số nhiệm vụ"), 10, "center"),
        Column(_("Đã hoàn thành: Đúng hạn"), 11, "center"),
        Column(_("Đã hoàn thành: Quá hạn"), 11, "center"),
        Column(_("Chưa hoàn thành: Trong hạn"), 11, "center"),
        Column(_("Chưa hoàn thành: Quá hạn"), 11, "center"),
        Column(_("Không có thời hạn"), 10, "center"),
        Column(_("Tỷ lệ đúng hạn (%)"), 10, "center"),
    ]


def _cells(counts: Counts) -> list:
    return [
        counts.total,
        counts.on_time,
        counts.late,
        counts.within,
        counts.overdue,
        counts.none,
        counts.rate_text,
    ]


def report_rows(stats: TaskStats) -> list[list]:
    """One line per lead (in the order of the units list: by name), then the total line."""
    leads = sorted(stats.leads, key=lambda r: r.name)
    rows = [[i, lead.name, *_cells(lead.counts)] for i, lead in enumerate(leads, start=1)]
    rows.append(["", _("Tổng cộng"), *_cells(stats.totals)])
    return rows


def report_cover(stats: TaskStats, agency, scope: list[str]) -> ReportCover:
    flt = stats.filter
    return ReportCover(
        agency_name=agency.name if agency else "",
        parent_name=getattr(agency, "parent_name", "") or "",
        title=_("BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ"),
        year=str(flt.date_from.year),
        date_from=flt.date_from,
        date_to=flt.date_to,
        show_numbers=False,
        as_of=stats.today,
        scope=tuple(scope),
    )


def task_report(stats: TaskStats, agency, fmt: str, scope: list[str]) -> tuple[bytes, str, str]:
    """(file content, content type, file name) of the report in ``fmt`` (xlsx, docx or pdf)."""
    writer, content_type, extension = FORMATS[fmt]
    data = writer(report_cover(stats, agency, scope), report_columns(), report_rows(stats))
    flt = stats.filter
    return data, content_type, f"{FILENAME}-{flt.date_from:%Y%m%d}-{flt.date_to:%Y%m%d}.{extension}"
