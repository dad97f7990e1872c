"""Generic register exports: the Appendix IV cover page and the register table in XLSX, DOCX and PDF."""

from __future__ import annotations

import datetime as dt
import io
import os

import docx
import openpyxl
import pytest
import reportlab
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from vanthu.documents.exports import (
    Column,
    Cover,
    FontNotFound,
    format_cell,
    pdf_writer,
    register_fonts,
    to_docx,
    to_pdf,
    to_xlsx,
)

TITLES = [
    "Ngày đến",
    "Số đến",
    "Tác giả",
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Đơn vị hoặc người nhận",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
]
NO_FONT = (
    "no Vietnamese TrueType font on this machine (apt-get install fonts-dejavu-core): PDF text not checked"
)
VERA = os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")  # has no ư, ơ, ạ…


@pytest.fixture
def columns():
    return [
        Column(t, 20 if i == 5 else 10, "center" if i in (0, 1, 4, 7) else "left")
        for i, t in enumerate(TITLES)
    ]


@pytest.fixture
def cover():
    return Cover(
        agency_name="Ủy ban nhân dân tỉnh Hà Tĩnh",
        parent_name="",
        title="SỔ ĐĂNG KÝ VĂN BẢN ĐẾN",
        year="2026",
        date_from=dt.date(2026, 2, 1),
        date_to=dt.date(2026, 2, 28),
        number_from=1,
        number_to=3,
        volume="01",
    )


def make_rows(n: int = 3) -> list[list]:
    return [
        [
            dt.date(2026, 2, 3),
            i,
            "Sở Tài nguyên và Môi trường",
            f"{40 + i}/STNMT-ĐĐ",
            dt.date(2026, 2, 2),
            "Công văn: Về việc đề nghị hướng dẫn thủ tục thu hồi đất & <bồi thường>\nlần thứ hai",
            "Phòng Kinh tế (chủ trì); Phòng Văn hóa - Xã hội (phối hợp)",
            None,
            "",
            "THƯỢNG KHẨN\x0b",
        ]
        for i in range(1, n + 1)
    ]


def test_cover_lines(cover):
    assert cover.header_lines() == ["ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"]
    assert cover.detail_lines() == [
        "Năm: 2026",
        "Từ ngày 01/02/2026 đến ngày 28/02/2026",
        "Từ số 1 đến số 3",
        "Quyển số: 01",
    ]
    parent = Cover(agency_name="Văn phòng UBND tỉnh", parent_name="UBND tỉnh Hà Tĩnh", title="X", year="2026")
    assert parent.header_lines() == ["UBND TỈNH HÀ TĨNH", "VĂN PHÒNG UBND TỈNH"]
    assert "Từ số ……… đến số ………" in parent.detail_lines()
    followup = Cover(
        agency_name="A", title="SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN", year="2026", show_numbers=False
    )
    assert not any(line.startswith("Từ số") for line in followup.detail_lines())


def test_format_cell():
    assert format_cell(dt.date(2026, 2, 5)) == "05/02/2026"
    assert format_cell(None) == "" and format_cell(12) == "12"
    assert format_cell("a\r\nb\x00c\x1f") == "a\nbc"


def test_xlsx_cover_and_register_sheet(cover, columns):
    rows = make_rows(3)
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(cover, columns, rows)))
    assert len(wb.sheetnames) == 2
    cover_texts = [r[0] for r in wb.worksheets[0].iter_rows(values_only=True) if r and r[0]]
    assert "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH" in cover_texts and "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in cover_texts
    assert "Từ ngày 01/02/2026 đến ngày 28/02/2026" in cover_texts and "Quyển số: 01" in cover_texts

    ws = wb.worksheets[1]
    values = list(ws.iter_rows(values_only=True))
    assert list(values[0]) == TITLES
    assert list(values[1]) == [f"({i})" for i in range(1, 11)]
    assert ws.max_row == 2 + len(rows)
    first = values[2]
    assert first[0].date() == dt.date(2026, 2, 3) and first[1] == 1 and first[9] == "THƯỢNG KHẨN"
    assert ws["A3"].number_format == "DD/MM/YYYY"
    assert ws["F3"].alignment.wrap_text and ws["F3"].border.left.style == "thin"
    assert ws["I3"].border.top.style == "thin"  # the empty "Ký nhận" cell is still framed
    assert ws.print_title_rows == "$1:$2"
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    assert ws.column_dimensions["F"].width == 20 and ws.column_dimensions["A"].width == 10


def test_docx_cover_then_table(cover, columns):
    rows = make_rows(3)
    document = docx.Document(io.BytesIO(to_docx(cover, columns, rows)))
    texts = [p.text for p in document.paragraphs]
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in texts and "Năm: 2026" in texts
    assert "Từ số 1 đến số 3" in texts and "Quyển số: 01" in texts
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert 'w:type="page"' in document.element.body.xml  # page break between the cover and the table

    (table,) = document.tables
    assert len(table.columns) == 10 and len(table.rows) == 2 + len(rows)
    assert [c.text for c in table.rows[0].cells] == TITLES
    assert table.rows[1].cells[9].text == "(10)"
    for header in table.rows[:2]:
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    body = [c.text for c in table.rows[2].cells]
    assert body[0] == "03/02/2026" and body[1] == "1" and body[3] == "41/STNMT-ĐĐ"
    assert body[5] == "Công văn: Về việc đề nghị hướng dẫn thủ tục thu hồi đất & <bồi thường>\nlần thứ hai"
    assert body[7] == "" and body[9] == "THƯỢNG KHẨN"


def test_pdf_is_a_pdf(cover, columns):
    try:
        data = to_pdf(cover, columns, make_rows(3))
    except FontNotFound:
        pytest.skip(NO_FONT)
    assert data.startswith(b"%PDF")


def _pdf_pages(data: bytes) -> list[str]:
    pypdf = pytest.importorskip("pypdf", reason="pypdf not installed: PDF text not checked")
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def test_pdf_text_is_vietnamese_and_header_repeats(cover, columns):
    try:
        register_fonts()
    except FontNotFound:
        pytest.skip(NO_FONT)
    rows = make_rows(60)  # several pages
    pages = _pdf_pages(to_pdf(cover, columns, rows))
    assert len(pages) >= 3
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in pages[0] and "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH" in pages[0]
    assert "Từ ngày 01/02/2026 đến ngày 28/02/2026" in pages[0]
    table = "".join(pages[1].split())  # cells wrap inside narrow columns: compare without spaces
    assert "SởTàinguyênvàMôitrường" in table and "41/STNMT-ĐĐ" in table
    assert "THƯỢNGKHẨN" in table and "<bồithường>" in table
    for page in pages[1:]:
        assert "(10)" in page and "Ghi chú" in page  # header rows on every page of the table


def test_pdf_font_missing_is_a_clear_error(cover, columns, settings, monkeypatch):
    settings.VANTHU_PDF_FONT = ""
    monkeypatch.setattr(
        pdf_writer, "FONT_CANDIDATES", [("/nonexistent/Font.ttf", "/nonexistent/Font-Bold.ttf")]
    )
    with pytest.raises(FontNotFound, match="Máy chủ thiếu phông chữ tiếng Việt"):
        to_pdf(cover, columns, make_rows(1))


def test_pdf_font_without_vietnamese_is_skipped(cover, columns, settings, monkeypatch):
    """A configured font that cannot draw ư, ơ, ạ… is not used (it would print holes instead of letters)."""
    settings.VANTHU_PDF_FONT = VERA
    monkeypatch.setattr(pdf_writer, "FONT_CANDIDATES", [])
    with pytest.raises(FontNotFound):
        register_fonts()
    monkeypatch.setattr(
        pdf_writer, "FONT_CANDIDATES", [("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "")]
    )
    if not os.path.isfile("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        pytest.skip(NO_FONT)
    regular, bold = register_fonts()
    assert regular == bold == "vanthu-DejaVuSans"


def test_pdf_uses_configured_font_first(cover, columns, settings):
    path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if not os.path.isfile(path):
        pytest.skip(NO_FONT)
    settings.VANTHU_PDF_FONT = path
    assert register_fonts()[0] == "vanthu-DejaVuSans"


def test_many_rows(cover, columns):
    """A register of a few thousand rows is built in memory in one go by each writer."""
    rows = make_rows(2000)
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(cover, columns, rows)), read_only=True).worksheets[1]
    assert sum(1 for _row in ws.iter_rows(values_only=True)) == 2002
    assert len(docx.Document(io.BytesIO(to_docx(cover, columns, rows))).tables[0].rows) == 2002
    try:
        assert to_pdf(cover, columns, rows).startswith(b"%PDF")
    except FontNotFound:
        pytest.skip(NO_FONT)
