"""The frame of an outgoing document as a PDF (reportlab), in the same layout as ``docx.py``.

A4 portrait, Decree 30 margins, page numbers centred in the top margin from page 2. Fonts come from the project's
font finder, ``vanthu.documents.exports.pdf_writer.register_fonts`` (``VANTHU_PDF_FONT``, then Liberation Serif 2,
DejaVu…: a TrueType font that draws every Vietnamese letter, embedded in the file); it reads Django settings, so it
is imported only when no ``fonts`` are given. The italic and bold italic faces are the files beside the regular
and bold ones (``LiberationSerif-Italic.ttf``, ``DejaVuSerif-BoldItalic.ttf``), checked the same way; without
them the upright faces are used.

Widths are measured with the embedded font, so a wide fallback font (DejaVu) gets smaller national-name lines
(13 pt fits with Times metrics; DejaVu Serif needs 11.5 pt) and more even line breaks, never an overflow.
"""

from __future__ import annotations

import io
import os
import re
from typing import NamedTuple
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from .frame import (
    BODY_PLACEHOLDER,
    DISTRIBUTION_LABEL,
    GEOMETRY,
    MOTTO,
    NATIONAL_NAME,
    SIZES,
    LayoutFrame,
    fit_lines,
)

LEADING = 1.2  # single line spacing
CELL_PADDING = 2.0
RULE_GAP = 6  # between the rules of the header and the number / date line
HANGING = 2.5 * mm  # wrapped "Nơi nhận" entries align after their "- "
RULE_THICKNESS = 0.6
MARK_COLOR = colors.Color(1, 0, 0)
_variants: dict[tuple[str, str], str] = {}
_SPACES = re.compile(" {2,}")


class PdfFonts(NamedTuple):
    """Registered reportlab font names of the four faces."""

    regular: str
    bold: str
    italic: str
    bold_italic: str


def _variant(name: str, style: str) -> str:
    """The ``style`` ("Italic" or "BoldItalic") face beside the registered TrueType font ``name``, registered once
    by the project's font loader (which checks it draws every Vietnamese letter); ``name`` itself when there is
    none."""
    key = (name, style)
    if key not in _variants:
        from vanthu.documents.exports.pdf_writer import _load

        folder, filename = os.path.split(getattr(pdfmetrics.getFont(name).face, "filename", "") or "")
        stem, ext = os.path.splitext(filename)
        base = stem.removesuffix("-Regular").removesuffix("-Bold")
        candidates = (
            os.path.join(folder, f"{base}-{suffix}{ext}")
            for suffix in (style, style.replace("Italic", "Oblique"))
        )
        _variants[key] = next(filter(None, map(_load, candidates)), name)
    return _variants[key]


def pdf_fonts() -> PdfFonts:
    """The four faces from the project's font finder (needs Django settings; raises ``FontNotFound``)."""
    from vanthu.documents.exports.pdf_writer import register_fonts

    regular, bold = register_fonts()
    return PdfFonts(regular, bold, _variant(regular, "Italic"), _variant(bold, "BoldItalic"))


def _markup(line: str) -> str:
    """``line`` as Paragraph markup; runs of spaces kept (the blank of a number not yet assigned)."""
    return _SPACES.sub(lambda m: "&nbsp;" * (len(m.group()) - 1) + " ", escape(line))


def _p(text: str, font: str, size: float, align: int = TA_CENTER, **kw) -> Paragraph:
    style = ParagraphStyle("p", fontName=font, fontSize=size, leading=size * LEADING, alignment=align, **kw)
    return Paragraph("<br/>".join(_markup(line) for line in text.split("\n")), style)


class Rule(Flowable):
    """A horizontal rule ``width`` points long, centred in the space it is given (frame or table cell), ``above``
    points below the preceding line and ``below`` points above the next one."""

    def __init__(self, width: float, *, above: float = 4, below: float = 0) -> None:
        super().__init__()
        self.rule_width, self.above, self.below = width, above, below

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail = avail_width
        return avail_width, self.above + RULE_THICKNESS + self.below

    def draw(self) -> None:
        width = min(self.rule_width, self.avail)
        left = (self.avail - width) / 2
        y = self.below + RULE_THICKNESS / 2
        self.canv.setLineWidth(RULE_THICKNESS)
        self.canv.line(left, y, left + width, y)


def _fit_size(text: str, font: str, size: float, smallest: float, width: float) -> float:
    """``size``, lowered by half points down to ``smallest`` until ``text`` fits on one line of ``width``."""
    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _mark(text: str, font: str) -> list[Flowable]:
    """A mark in a single-line red frame (ô 10a, 10b, 11)."""
    label = _p(text, font, SIZES.mark, textColor=MARK_COLOR)
    box = Table([[label]], colWidths=[stringWidth(text, font, SIZES.mark) + 12], hAlign="CENTER")
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),  # else the table declares Helvetica
                ("BOX", (0, 0), (-1, -1), 0.8, MARK_COLOR),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return [Spacer(1, 6), box]


def _header(frame: LayoutFrame, fonts: PdfFonts) -> Table:
    left_w, right_w = (w * mm for w in GEOMETRY.header_columns)
    left, right = left_w - 2 * CELL_PADDING, right_w - 2 * CELL_PADDING

    def fit(lines: list[str], font: str, size: float) -> list[str]:
        return fit_lines(lines, lambda t: stringWidth(t, font, size), left)

    names: list[Flowable] = []
    parent = fit(frame.parent_lines(), fonts.regular, SIZES.parent)
    if parent:
        names.append(_p("\n".join(parent), fonts.regular, SIZES.parent))
    agency = fit(frame.agency_lines(), fonts.bold, SIZES.agency)
    names.append(_p("\n".join(agency), fonts.bold, SIZES.agency))
    longest = max((stringWidth(line, fonts.bold, SIZES.agency) for line in agency), default=0)
    names.append(Rule(min(longest, left) * GEOMETRY.short_rule, below=RULE_GAP))

    national_size = _fit_size(NATIONAL_NAME, fonts.bold, SIZES.national, 10, right)
    motto_size = _fit_size(MOTTO, fonts.bold, SIZES.motto, 13, right)
    national = [
        _p(NATIONAL_NAME, fonts.bold, national_size),
        _p(MOTTO, fonts.bold, motto_size),
        Rule(min(stringWidth(MOTTO, fonts.bold, motto_size), right), below=RULE_GAP),
    ]

    number: list[Flowable] = [_p(frame.number_text(), fonts.regular, SIZES.number)]
    if frame.vv_text():
        vv = fit([frame.vv_text()], fonts.regular, SIZES.vv)
        number.append(_p("\n".join(vv), fonts.regular, SIZES.vv, spaceBefore=6))
    for mark in frame.marks():
        number.extend(_mark(mark, fonts.bold))
    date_size = _fit_size(frame.date_text(), fonts.italic, SIZES.date, 12, right)  # 12: wide fallback fonts
    place = [_p(frame.date_text(), fonts.italic, date_size)]

    table = Table([[names, national], [number, place]], colWidths=[left_w, right_w])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _title(frame: LayoutFrame, fonts: PdfFonts, width: float) -> list[Flowable]:
    if frame.is_cong_van:
        return []
    story: list[Flowable] = [Spacer(1, 18), _p(frame.title_text(), fonts.bold, SIZES.title)]
    abstract = frame.abstract_texts()
    if abstract:
        story.append(_p("\n".join(abstract), fonts.bold, SIZES.abstract))
    widest = max(
        (stringWidth(t, fonts.bold, SIZES.abstract) for t in abstract or [frame.title_text()]), default=0
    )
    story.append(Rule(min(widest, width) * GEOMETRY.short_rule, above=5))
    if frame.issuer_heading_text():
        story.append(_p(frame.issuer_heading_text(), fonts.bold, SIZES.title, spaceBefore=12))
    return story


def _recipients(frame: LayoutFrame, fonts: PdfFonts) -> list[Flowable]:
    lines = frame.recipient_texts()
    if len(lines) <= 1:
        return [_p(line, fonts.regular, SIZES.recipients, spaceBefore=12) for line in lines]
    indent, list_indent = GEOMETRY.recipients_indent * mm, GEOMETRY.recipients_list_indent * mm
    story = [_p(lines[0], fonts.regular, SIZES.recipients, TA_LEFT, leftIndent=indent, spaceBefore=12)]
    story += [
        _p(line, fonts.regular, SIZES.recipients, TA_LEFT, leftIndent=list_indent) for line in lines[1:]
    ]
    return story


def _body(body_text: str | None, fonts: PdfFonts) -> list[Flowable]:
    paragraphs = [line.strip() for line in (body_text or "").splitlines() if line.strip()]
    style = {"firstLineIndent": GEOMETRY.first_line_indent * mm, "spaceAfter": 6}
    if not paragraphs:
        return [Spacer(1, 12), _p(BODY_PLACEHOLDER, fonts.italic, SIZES.body, TA_JUSTIFY, **style)]
    return [Spacer(1, 12), *(_p(text, fonts.regular, SIZES.body, TA_JUSTIFY, **style) for text in paragraphs)]


def _footer(frame: LayoutFrame, fonts: PdfFonts) -> list[Flowable]:
    distribution: list[Flowable] = [
        _p(DISTRIBUTION_LABEL, fonts.bold_italic, SIZES.distribution_label, TA_LEFT),
        *(
            _p(line, fonts.regular, SIZES.distribution, TA_LEFT, leftIndent=HANGING, firstLineIndent=-HANGING)
            for line in frame.distribution_texts()
        ),
    ]
    signature: list[Flowable] = [_p(line, fonts.bold, SIZES.signature) for line in frame.signature_texts()]
    signature.append(Spacer(1, GEOMETRY.signature_space * mm))
    if frame.signer_name_text():
        signature.append(_p(frame.signer_name_text(), fonts.bold, SIZES.signature))
    table = Table([[distribution, signature]], colWidths=[w * mm for w in GEOMETRY.footer_columns])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ]
        )
    )
    return [Spacer(1, 12), table]


def render_pdf(frame: LayoutFrame, body_text: str | None = None, *, fonts: PdfFonts | None = None) -> bytes:
    """The document as a PDF: the frame of Decree 30 around ``body_text`` (one paragraph per non-empty line) or,
    without it, a placeholder paragraph. ``fonts`` defaults to ``pdf_fonts()`` (raises ``FontNotFound``)."""
    fonts = fonts or pdf_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=GEOMETRY.left * mm,
        rightMargin=GEOMETRY.right * mm,
        topMargin=GEOMETRY.top * mm,
        bottomMargin=GEOMETRY.bottom * mm,
        title=frame.document_title(),
        author=" ".join(frame.agency_lines()),
        subject=frame.number_text(),
        creator="vanthu",
        initialFontName=fonts.regular,  # else reportlab declares an unused, unembedded Helvetica
    )

    def page_number(canvas, doc_) -> None:
        """From page 2, centred in the top margin (Appendix I, I.7)."""
        canvas.saveState()
        canvas.setFont(fonts.regular, SIZES.page_number)
        canvas.drawCentredString(
            A4[0] / 2, A4[1] - GEOMETRY.top * mm / 2 - SIZES.page_number / 3, str(doc_.page)
        )
        canvas.restoreState()

    story: list[Flowable] = [
        _header(frame, fonts),
        *_title(frame, fonts, doc.width),
        *_recipients(frame, fonts),
        *_body(body_text, fonts),
        *_footer(frame, fonts),
    ]
    doc.build(story, onLaterPages=page_number)
    return out.getvalue()
