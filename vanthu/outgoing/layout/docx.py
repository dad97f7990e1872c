"""The frame of an outgoing document as a Word file (python-docx), laid out as in Appendix III of Decree 30.

A4 portrait, Decree 30 margins, Times New Roman; page numbers centred in the top margin from page 2. The header
is a borderless table of two columns and two rows, so that the number (ô 3) and the place and date (ô 4) stand on
the same line whatever the length of the agency names:

    parent agency / AGENCY (bold) / short rule  |  NATIONAL NAME (bold) / Motto (bold) / rule of its length
    Số: … / V/v … (công văn) / marks (boxed)     |  Place, ngày … tháng … năm … (italic)

then the type name and abstract centred with a short rule (not for a công văn), "Kính gửi:", the body, and the
footer table: "Nơi nhận:" (bold italic 12) and its list (11) on the left, the signature block on the right.

Rules are paragraph borders, not underscores: their length is computed from Times New Roman metrics (the
standard Times AFM shipped with reportlab, on the text without its diacritics, which do not change the width).

The body, when given as a DOCX, is copied element by element (paragraphs with their runs, and tables), cleaned
of what would not survive outside its file: images and other parts referenced by relationship, comments,
footnote references, tracked deletions, list numbering, section breaks, fonts (the frame's Times New Roman
applies) and styles that do not exist here; bold, italic and alignment that came from a paragraph style are kept
as direct formatting.
"""

from __future__ import annotations

import copy
import functools
import io
import unicodedata
import zipfile
from collections.abc import Iterator

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree
from reportlab.pdfbase.pdfmetrics import stringWidth

from .frame import (
    BODY_PLACEHOLDER,
    DISTRIBUTION_LABEL,
    GEOMETRY,
    MOTTO,
    NATIONAL_NAME,
    SIZES,
    LayoutError,
    LayoutFrame,
    fit_lines,
)

FONT_NAME = "Times New Roman"
BODY_STYLE = "Vanthu Body"
BODY_STYLE_ID = "VanthuBody"
MARK_COLOR = RGBColor(0xFF, 0x00, 0x00)  # urgency stamps: "mực màu đỏ tươi"
CELL_MARGIN_PT = 5.4  # Word's default left and right cell margin (108 twips)
HANGING_MM = 2.5
RULE_SIZE = "6"  # eighths of a point: a 0.75 pt rule
R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
_D_TO_ASCII = str.maketrans("Đđ", "Dd")

#: Removed with their content from a copied body.
_DROP = frozenset(
    qn(f"w:{t}")
    for t in (
        "drawing pict object footnoteReference endnoteReference commentReference commentRangeStart "
        "commentRangeEnd del moveFrom numPr sectPr rFonts pPrChange rPrChange tblPrChange trPrChange tcPrChange "
        "sectPrChange proofErr permStart permEnd sdtPr sdtEndPr customXmlPr"
    ).split()
) | {MC_ALTERNATE}
_MEDIA = (qn("w:drawing"), qn("w:pict"), qn("w:object"), MC_ALTERNATE)
#: Replaced by their content in a copied body (tracked insertions, links, content controls, tags).
_UNWRAP = tuple(
    qn(f"w:{t}") for t in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "sdt", "sdtContent")
)


def _mm_pt(mm: float) -> float:
    return mm * 72 / 25.4


def text_width(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width in points of ``text`` in Times New Roman (diacritics do not change a letter's width)."""
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    plain = "".join(c if ord(c) < 256 else "n" for c in plain.translate(_D_TO_ASCII))
    face = {
        (False, False): "Roman",
        (True, False): "Bold",
        (False, True): "Italic",
        (True, True): "BoldItalic",
    }
    return stringWidth(plain, f"Times-{face[bold, italic]}", size)


# --------------------------------------------------------------------------- document and paragraphs


def _set_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]  # theme fonts would win over the explicit ones
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT_NAME)


#: The styles a frame uses; the other ~270 of python-docx's template (and its 440 kB stylesWithEffects part)
#: are dropped: parsing and compressing them was most of the rendering time.
_KEPT_STYLES = frozenset(
    "Normal DefaultParagraphFont TableNormal NoList TableGrid Header HeaderChar".split()
) | {BODY_STYLE_ID}
_DROPPED_PARTS = ("stylesWithEffects", "thumbnail", "customXml", "webSettings")


@functools.cache
def _template() -> bytes:
    """The empty frame document (page, margins, styles, page numbers), built once per process."""
    document = Document()
    for rels in (document.part.package.rels, document.part.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _DROPPED_PARTS:
                del rels[rid]
    section = document.sections[0]
    section.page_width, section.page_height = Mm(GEOMETRY.page_width), Mm(GEOMETRY.page_height)
    section.top_margin, section.bottom_margin = Mm(GEOMETRY.top), Mm(GEOMETRY.bottom)
    section.left_margin, section.right_margin = Mm(GEOMETRY.left), Mm(GEOMETRY.right)
    section.header_distance = Mm(GEOMETRY.top / 2)

    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _set_fonts(rpr)
    normal = document.styles["Normal"]
    normal.font.size = Pt(SIZES.body)
    _set_fonts(normal.element.get_or_add_rPr())
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0

    body = document.styles.add_style(BODY_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    fmt = body.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Mm(GEOMETRY.first_line_indent)
    fmt.space_after = Pt(6)

    # Page numbers from page 2, centred in the top margin (Appendix I, I.7).
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = paragraph.add_run("2")
    run.font.size = Pt(SIZES.page_number)
    field.append(run._r)
    paragraph._p.append(field)

    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in _KEPT_STYLES:
            styles.remove(style)
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _new_document():
    return Document(io.BytesIO(_template()))


def _paragraph(container, text: str = "", size: float = SIZES.body, *, bold=False, italic=False, center=True):
    """A paragraph at the end of ``container`` (the document or a table cell; a cell's first, still empty,
    paragraph is reused). ``text`` may hold line breaks."""
    paragraph = None
    if hasattr(container, "_tc"):
        paragraphs = container.paragraphs
        if len(paragraphs) == 1 and len(paragraphs[0]._p) == 0:
            paragraph = paragraphs[0]
    if paragraph is None:
        paragraph = container.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if text:
        run = paragraph.add_run()
        for i, line in enumerate(text.split("\n")):
            if i:
                run.add_break()
            run.add_text(line)
        run.font.size = Pt(size)
        run.bold, run.italic = bold or None, italic or None
    return paragraph


def _borders(paragraph, sides: tuple[str, ...], color: str = "auto") -> None:
    """Single-line paragraph borders; ``w:pBdr`` goes before spacing, indentation and alignment in ``w:pPr``."""
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    for side in sides:
        line = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", RULE_SIZE), ("space", "1"), ("color", color)):
            line.set(qn(f"w:{key}"), value)
        border.append(line)
    successors = {qn(f"w:{t}") for t in ("shd", "tabs", "spacing", "ind", "jc", "rPr")}
    anchor = next((child for child in ppr if child.tag in successors), None)
    if anchor is None:
        ppr.append(border)
    else:
        anchor.addprevious(border)


def _rule(container, width: float, available: float, *, space_after: float = 0) -> None:
    """A centred horizontal rule ``width`` points long: an empty, 2 pt high paragraph with a bottom border."""
    paragraph = _paragraph(container, center=False)
    _borders(paragraph, ("bottom",))
    side = max(0.0, (available - min(width, available)) / 2)
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = Pt(side), Pt(side)
    fmt.line_spacing = Pt(2)  # exact
    fmt.space_after = Pt(space_after)


def _box(container, text: str, available: float) -> None:
    """A mark in a single-line red frame (ô 10a, 10b, 11), centred in ``available`` points."""
    paragraph = _paragraph(container, text, SIZES.mark, bold=True)
    _borders(paragraph, ("top", "left", "bottom", "right"), color="FF0000")
    paragraph.runs[0].font.color.rgb = MARK_COLOR
    side = max(0.0, (available - text_width(text, SIZES.mark, bold=True) - 8) / 2)
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent, fmt.space_before = Pt(side), Pt(side), Pt(6)


def _table(document, widths_mm: tuple[float, float], rows: int):
    """A borderless table with fixed column widths."""
    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), "nil")
        borders.append(line)
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is not None:
        layout.addprevious(borders)
    else:
        tbl_pr.append(borders)
    tbl_pr.find(qn("w:tblW")).set(qn("w:type"), "dxa")
    tbl_pr.find(qn("w:tblW")).set(qn("w:w"), str(round(sum(widths_mm) * 1440 / 25.4)))
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        grid_col.w = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    return table


# --------------------------------------------------------------------------- the frame


def _header(document, frame: LayoutFrame) -> None:
    left_mm, right_mm = GEOMETRY.header_columns
    left_pt, right_pt = _mm_pt(left_mm) - 2 * CELL_MARGIN_PT, _mm_pt(right_mm) - 2 * CELL_MARGIN_PT
    table = _table(document, GEOMETRY.header_columns, rows=2)
    (names, national), (number, place) = (row.cells for row in table.rows)

    def fit(lines: list[str], size: float, *, bold: bool = False) -> list[str]:
        return fit_lines(lines, lambda t: text_width(t, size, bold=bold), left_pt)

    parent, agency = (
        fit(frame.parent_lines(), SIZES.parent),
        fit(frame.agency_lines(), SIZES.agency, bold=True),
    )
    if parent:
        _paragraph(names, "\n".join(parent), SIZES.parent)
    _paragraph(names, "\n".join(agency), SIZES.agency, bold=True)
    longest = max((text_width(line, SIZES.agency, bold=True) for line in agency), default=0)
    _rule(names, min(longest, left_pt) * GEOMETRY.short_rule, left_pt)

    _paragraph(national, NATIONAL_NAME, SIZES.national, bold=True)
    _paragraph(national, MOTTO, SIZES.motto, bold=True)
    _rule(national, text_width(MOTTO, SIZES.motto, bold=True), right_pt)

    # Ô 3 and ô 4 on one line, a little below the rules.
    _paragraph(number, frame.number_text(), SIZES.number).paragraph_format.space_before = Pt(6)
    if frame.vv_text():
        vv = "\n".join(fit([frame.vv_text()], SIZES.vv))
        _paragraph(number, vv, SIZES.vv).paragraph_format.space_before = Pt(6)
    for mark in frame.marks():
        _box(number, mark, left_pt)
    date = frame.date_text()
    size = SIZES.date if text_width(date, SIZES.date, italic=True) <= right_pt else 13  # 13–14: one line
    _paragraph(place, date, size, italic=True).paragraph_format.space_before = Pt(6)


def _title(document, frame: LayoutFrame) -> None:
    if frame.is_cong_van:
        return
    text_pt = _mm_pt(GEOMETRY.text_width)
    _paragraph(document, frame.title_text(), SIZES.title, bold=True).paragraph_format.space_before = Pt(18)
    abstract = frame.abstract_texts()
    if abstract:
        _paragraph(document, "\n".join(abstract), SIZES.abstract, bold=True)
    widest = max(
        (text_width(t, SIZES.abstract, bold=True) for t in abstract or [frame.title_text()]), default=0
    )
    _rule(document, min(widest, text_pt) * GEOMETRY.short_rule, text_pt)
    if frame.issuer_heading_text():
        heading = _paragraph(document, frame.issuer_heading_text(), SIZES.title, bold=True)
        heading.paragraph_format.space_before = Pt(12)


def _recipients(document, frame: LayoutFrame) -> None:
    lines = frame.recipient_texts()
    if not lines:
        return
    if len(lines) == 1:
        paragraph = _paragraph(document, lines[0], SIZES.recipients)
        paragraph.paragraph_format.space_before = Pt(12)
        return
    label = _paragraph(document, lines[0], SIZES.recipients, center=False)
    label.paragraph_format.first_line_indent = Mm(GEOMETRY.recipients_indent)
    label.paragraph_format.space_before = Pt(12)
    for line in lines[1:]:
        item = _paragraph(document, line, SIZES.recipients, center=False)
        item.paragraph_format.left_indent = Mm(GEOMETRY.recipients_list_indent)


def _footer(document, frame: LayoutFrame) -> None:
    _paragraph(document, "", SIZES.distribution_label)  # one blank line after the body
    table = _table(document, GEOMETRY.footer_columns, rows=1)
    row = table.rows[0]
    cant_split = OxmlElement("w:cantSplit")  # the signature block is never split across pages
    row._tr.get_or_add_trPr().append(cant_split)
    distribution, signature = row.cells

    _paragraph(
        distribution, DISTRIBUTION_LABEL, SIZES.distribution_label, bold=True, italic=True, center=False
    )
    for line in frame.distribution_texts():
        fmt = _paragraph(distribution, line, SIZES.distribution, center=False).paragraph_format
        fmt.left_indent, fmt.first_line_indent = Mm(HANGING_MM), Mm(-HANGING_MM)  # wrapped lines after "- "

    for line in frame.signature_texts():
        _paragraph(signature, line, SIZES.signature, bold=True)
    space = _paragraph(signature, "", SIZES.signature)
    space.paragraph_format.space_before = Mm(GEOMETRY.signature_space)
    if frame.signer_name_text():
        _paragraph(signature, frame.signer_name_text(), SIZES.signature, bold=True)


# --------------------------------------------------------------------------- the body


def _blocks(parent) -> Iterator:
    """Paragraphs and tables of a document body, content controls and custom-XML wrappers opened."""
    for child in parent:
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            content = child.find(qn("w:sdtContent"))
            yield from _blocks(content if content is not None else child)


def _unwrap(node) -> None:
    parent = node.getparent()
    if parent is None:
        return
    for child in list(node):
        node.addprevious(child)
    parent.remove(node)


def _sanitize(element, style_ids: set[str]) -> None:
    for node in list(element.iter()):
        if (not isinstance(node.tag, str) or node.tag in _DROP) and node.getparent() is not None:
            node.getparent().remove(node)
    for node in reversed(list(element.iter(*_UNWRAP))):
        _unwrap(node)
    for node in list(element.iter(qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle"))):
        if node.get(qn("w:val")) not in style_ids:
            node.getparent().remove(node)
    for node in list(element.iter()):  # anything still pointing at a part of the source package
        if node.getparent() is not None and any(key.startswith(R_NS) for key in node.attrib):
            node.getparent().remove(node)


def _style_format(style) -> tuple[bool | None, bool | None, object]:
    """Bold, italic and alignment a paragraph style gives, following its base styles."""
    bold = italic = alignment = None
    while style is not None and (bold is None or italic is None or alignment is None):
        bold = style.font.bold if bold is None else bold
        italic = style.font.italic if italic is None else italic
        alignment = style.paragraph_format.alignment if alignment is None else alignment
        style = style.base_style
    return bold, italic, alignment


def _restyle(paragraph_element, source_style) -> None:
    """Give a top-level copied paragraph the body style, keeping what its own style made bold, italic or
    aligned as direct formatting."""
    paragraph = Paragraph(paragraph_element, None)
    bold, italic, alignment = _style_format(source_style) if source_style is not None else (None,) * 3
    ppr = paragraph._p.get_or_add_pPr()
    ppr.get_or_add_pStyle().val = BODY_STYLE_ID
    if alignment is not None and ppr.jc is None:  # (read jc raw: "start"/"end" values make python-docx raise)
        paragraph.alignment = alignment
    for run in paragraph.runs:
        if bold and run.bold is None:
            run.bold = True
        if italic and run.italic is None:
            run.italic = True


def _has_text(element) -> bool:
    return any(t.text and t.text.strip() for t in element.iter(qn("w:t")))


def _fit_table(table, width: int) -> None:
    """Narrow a copied table wider than the text (``width`` twips) by scaling its column and cell widths."""
    grid = table.find(qn("w:tblGrid"))
    columns = [] if grid is None else grid.findall(qn("w:gridCol"))
    total = sum(int(c.get(qn("w:w"), "0") or 0) for c in columns)
    if total <= width:
        return
    scale = width / total
    for node in [*columns, *table.iter(qn("w:tcW"), qn("w:tblW"))]:
        value = node.get(qn("w:w"))
        if value and value.isdigit() and node.get(qn("w:type"), "dxa") == "dxa":
            node.set(qn("w:w"), str(int(int(value) * scale)))


def _copy_body(document, body: bytes) -> None:
    try:
        source = Document(io.BytesIO(body))
    except (PackageNotFoundError, zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, ValueError) as exc:
        raise LayoutError("Tệp nội dung không phải tệp Word (.docx) hợp lệ.") from exc
    source_styles = {s.style_id: s for s in source.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
    default_style = source.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    text_width_twips = round(GEOMETRY.text_width * 1440 / 25.4)
    style_ids = {s.style_id for s in document.styles}
    end = document.element.body.find(qn("w:sectPr"))
    for block in _blocks(source.element.body):
        element = copy.deepcopy(block)
        style = None
        if element.tag == qn("w:p"):
            ppr = element.find(qn("w:pPr"))
            pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
            style = source_styles.get(pstyle.get(qn("w:val")) if pstyle is not None else "", default_style)
        media = next(element.iter(*_MEDIA), None) is not None
        _sanitize(element, style_ids)
        if element.tag == qn("w:p"):
            if media and not _has_text(element):
                continue  # it held only an image or an object, now removed: no empty line in its place
            _restyle(element, style)
        else:
            _fit_table(element, text_width_twips)
        end.addprevious(element)


def _placeholder(document) -> None:
    paragraph = document.add_paragraph(style=BODY_STYLE)
    paragraph.add_run(BODY_PLACEHOLDER).italic = True


def render_docx(frame: LayoutFrame, body: bytes | None = None) -> bytes:
    """The document as a DOCX: the frame of Decree 30 around ``body`` (a DOCX whose paragraphs and tables are
    copied in) or, without one, a placeholder paragraph. Raises ``LayoutError`` when ``body`` is not a DOCX."""
    document = _new_document()
    document.core_properties.title = frame.document_title()
    document.core_properties.author = " ".join(frame.agency_lines())
    document.core_properties.comments = ""
    _header(document, frame)
    _title(document, frame)
    _recipients(document, frame)
    if body:
        first = len(document.element.body) - 1
        _copy_body(document, body)
        if len(document.element.body) - 1 == first:
            _placeholder(document)
        elif document.element.body[first].tag == qn("w:p"):  # a little air between the frame and the body
            document.element.body[first].get_or_add_pPr().get_or_add_spacing().before = Pt(12)
    else:
        _placeholder(document)
        document.paragraphs[-1].paragraph_format.space_before = Pt(12)
    _footer(document, frame)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
