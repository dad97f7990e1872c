"""Register → DOCX (python-docx): the cover page of Appendix IV, a page break, then the register table with its
two header rows repeated on every page. A4 landscape, Times New Roman."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml.etree import SubElement

from .base import CellValue, Column, Cover, format_cell, numbered_headers

FONT_NAME = "Times New Roman"
TABLE_FONT_SIZE = Pt(11)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _set_font(style, name: str, size: Pt) -> None:
    style.font.name = name
    style.font.size = size
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _landscape_a4(document) -> float:
    """Landscape A4 with register margins; returns the text width in centimetres."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin = Cm(2), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(1.5)
    return 29.7 - 2 - 1.5


def _paragraph(document, text: str, size: int, *, bold=False, italic=False, space_after: int = 0):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(space_after)
    run = paragraph.add_run(text)
    run.font.size, run.bold, run.italic = Pt(size), bold, italic
    return paragraph


def _cover(document, cover: Cover) -> None:
    headers = cover.header_lines()
    for i, name in enumerate(headers):
        _paragraph(document, name, 13, bold=i == len(headers) - 1)
    _paragraph(document, "――――――――", 13, space_after=96)
    _paragraph(document, cover.title, 24, bold=True, space_after=6)
    if cover.subtitle:
        _paragraph(document, cover.subtitle, 14, italic=True, space_after=6)
    _paragraph(document, "", 14, space_after=12)
    for text in cover.detail_lines():
        _paragraph(document, text, 14, space_after=8)


def _repeat_as_header(row) -> None:
    """Mark a row as a header row, repeated at the top of every page (w:cantSplit precedes w:tblHeader)."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _fill(cell, text: str, *, bold=False, italic=False, center=False) -> None:
    paragraph = cell.paragraphs[0]
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if not text:
        return
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if italic:
        run.italic = True


def _append_row(tbl, texts: Sequence[str], dxa: Sequence[str], centered: Sequence[bool]) -> None:
    """One body row written straight as WordprocessingML: python-docx's object API is ~5× slower per cell, which
    matters for a register of a few thousand rows."""
    tr = SubElement(tbl, W + "tr")
    for text, width, center in zip(texts, dxa, centered, strict=False):
        tc = SubElement(tr, W + "tc")
        tc_pr = SubElement(tc, W + "tcPr")
        SubElement(tc_pr, W + "tcW", {W + "w": width, W + "type": "dxa"})
        p = SubElement(tc, W + "p")
        if center:
            SubElement(SubElement(p, W + "pPr"), W + "jc", {W + "val": "center"})
        if not text:
            continue
        run = SubElement(p, W + "r")
        for i, line in enumerate(text.split("\n")):
            if i:
                SubElement(run, W + "br")
            t = SubElement(run, W + "t", {XML_SPACE: "preserve"})
            t.text = line


def to_docx(cover: Cover, columns: Sequence[Column], rows: Iterable[Sequence[CellValue]]) -> bytes:
    """The register as a Word document: cover page, page break, table with repeated header rows."""
    document = Document()
    normal = document.styles["Normal"]
    _set_font(normal, FONT_NAME, TABLE_FONT_SIZE)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    text_width = _landscape_a4(document)
    document.core_properties.title = cover.title
    document.core_properties.author = cover.agency_name

    _cover(document, cover)
    document.add_page_break()

    table = document.add_table(rows=2, cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # fixed layout: the column widths below are kept
    total = sum(c.width for c in columns) or 1
    widths = [Cm(text_width * c.width / total) for c in columns]
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.w = width
    titles, numbers = table.rows
    for cell, column, width in zip(titles.cells, columns, widths, strict=True):
        cell.width = width
        _fill(cell, column.title, bold=True, center=True)
    for cell, text, width in zip(numbers.cells, numbered_headers(columns), widths, strict=True):
        cell.width = width
        _fill(cell, text, italic=True, center=True)
    _repeat_as_header(titles)
    _repeat_as_header(numbers)

    tbl = table._tbl
    dxa = [str(int(w / 635)) for w in widths]  # EMU → twentieths of a point
    centered = [c.align == "center" for c in columns]
    blank = [""] * len(columns)
    for values in rows:
        texts = [format_cell(v) for v in values][: len(columns)]
        _append_row(tbl, texts + blank[len(texts) :], dxa, centered)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
