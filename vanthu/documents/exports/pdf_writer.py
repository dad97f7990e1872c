"""Register → PDF (reportlab): the cover page of Appendix IV, then the register table with its header rows
repeated on every page. A4 landscape, with a TrueType font that has every Vietnamese letter."""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus import LongTable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from .base import CellValue, Column, Cover, FontNotFound, format_cell, numbered_headers

logger = logging.getLogger(__name__)

#: Fonts tried after ``settings.VANTHU_PDF_FONT``, in order: (regular, bold). Liberation 1.x (Debian 12's
#: fonts-liberation) lacks ư, ơ and the letters with tone marks: it is skipped by the coverage check and
#: Liberation 2 (fonts-liberation2) is tried first.
FONT_CANDIDATES: list[tuple[str, str]] = [
    (
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
]

#: Every letter of Vietnamese that is not plain ASCII: a font must draw all of them to be used.
VIETNAMESE_LETTERS = (
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư"
    "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
)

#: path → registered font name, or None when the file cannot be used (checked once per process).
_loaded: dict[str, str | None] = {}

PAGE = landscape(A4)
MARGIN = 12 * mm
TABLE_FONT_SIZE = 9
CELL_PADDING = 3


def _candidates() -> list[tuple[str, str]]:
    configured = getattr(settings, "VANTHU_PDF_FONT", "") or ""
    found = []
    if configured:
        found.append((configured, getattr(settings, "VANTHU_PDF_FONT_BOLD", "") or ""))
    return found + list(FONT_CANDIDATES)


def _load(path: str) -> str | None:
    """Register the TrueType font at ``path`` once; None if it is missing, unreadable or lacks Vietnamese."""
    if path in _loaded:
        return _loaded[path]
    if not os.path.isfile(path):
        return None  # not remembered: the font may be installed while the server runs
    name = None
    try:
        font = TTFont("vanthu-" + os.path.splitext(os.path.basename(path))[0], path)
    except (TTFError, OSError) as exc:
        logger.warning("PDF font %s unusable: %s", path, exc)
    else:
        missing = [c for c in VIETNAMESE_LETTERS if ord(c) not in font.face.charToGlyph]
        if missing:
            logger.warning("PDF font %s lacks Vietnamese letters (%s…), skipped", path, "".join(missing[:5]))
        else:
            pdfmetrics.registerFont(font)
            name = font.fontName
    _loaded[path] = name
    return name


def register_fonts() -> tuple[str, str]:
    """Register and return (regular, bold) font names: the first font of VANTHU_PDF_FONT and the candidates
    that exists and draws every Vietnamese letter. Raises ``FontNotFound`` (message for the user) otherwise."""
    for regular, bold in _candidates():
        regular_name = _load(regular)
        if regular_name is None:
            continue
        bold_name = (_load(bold) if bold else None) or regular_name
        pdfmetrics.registerFontFamily(
            regular_name, normal=regular_name, bold=bold_name, italic=regular_name, boldItalic=bold_name
        )
        return regular_name, bold_name
    raise FontNotFound(
        _("Máy chủ thiếu phông chữ tiếng Việt (cài gói fonts-liberation2 hoặc fonts-dejavu-core).")
    )


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br/>")


def _wrap(text: str, font: str, size: float, width: float) -> str:
    """Break ``text`` into lines no wider than ``width``: at spaces, else after a "/" or "-" of a long notation
    (45/STC-NS), else between letters.

    Body cells are plain multi-line strings rather than Paragraphs: laying out thousands of Paragraphs is what
    makes a long register slow."""
    lines = []
    for line in simpleSplit(text, font, size, width):
        while len(line) > 1 and stringWidth(line, font, size) > width:
            cut = len(line) - 1
            while cut > 1 and stringWidth(line[:cut], font, size) > width:
                cut -= 1
            soft = max(line.rfind("/", 0, cut), line.rfind("-", 0, cut))
            if soft > 0:
                cut = soft + 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return "\n".join(lines)


def _cover_story(cover: Cover, regular: str, bold: str) -> list:
    def style(name, font, size, space_after=0):
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size,
            leading=size * 1.3,
            alignment=TA_CENTER,
            spaceAfter=space_after,
        )

    story: list = [Spacer(1, 8 * mm)]
    headers = cover.header_lines()
    for i, name in enumerate(headers):
        story.append(Paragraph(_text(name), style(f"h{i}", bold if i == len(headers) - 1 else regular, 13)))
    story.append(Paragraph("――――――――", style("rule", regular, 13)))
    story.append(Spacer(1, 42 * mm))
    story.append(Paragraph(_text(cover.title), style("title", bold, 24, 8)))
    if cover.subtitle:
        story.append(Paragraph(_text(cover.subtitle), style("subtitle", regular, 14, 4)))
    story.append(Spacer(1, 10 * mm))
    detail = style("detail", regular, 14, 8)
    story.extend(Paragraph(_text(text), detail) for text in cover.detail_lines())
    return story


def _cover_frame(canvas, doc) -> None:
    """A double frame round the cover page, as on a bound register."""
    canvas.saveState()
    width, height = PAGE
    canvas.setLineWidth(1.5)
    canvas.rect(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN)
    canvas.setLineWidth(0.5)
    inset = MARGIN + 2 * mm
    canvas.rect(inset, inset, width - 2 * inset, height - 2 * inset)
    canvas.restoreState()


def to_pdf(cover: Cover, columns: Sequence[Column], rows: Iterable[Sequence[CellValue]]) -> bytes:
    """The register as a PDF: cover page, then the table (header rows repeated, page numbers below)."""
    regular, bold = register_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=PAGE,
        leftMargin=MARGIN + 4 * mm,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=cover.title,
        author=cover.agency_name,
        creator="vanthu",
    )
    head = ParagraphStyle(
        "head", fontName=bold, fontSize=TABLE_FONT_SIZE, leading=TABLE_FONT_SIZE * 1.25, alignment=TA_CENTER
    )
    total = sum(c.width for c in columns) or 1
    widths = [doc.width * c.width / total for c in columns]
    inner = [w - 2 * CELL_PADDING - 0.5 for w in widths]
    data: list[list] = [
        [Paragraph(_text(c.title), head) for c in columns],
        numbered_headers(columns),
    ]
    for values in rows:
        data.append(
            [
                _wrap(format_cell(value), regular, TABLE_FONT_SIZE, width)
                for value, width in zip(values, inner, strict=False)
            ]
        )
    table = LongTable(data, colWidths=widths, repeatRows=2, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), regular),
                ("FONTSIZE", (0, 0), (-1, -1), TABLE_FONT_SIZE),
                ("LEADING", (0, 0), (-1, -1), TABLE_FONT_SIZE * 1.25),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
                ("VALIGN", (0, 2), (-1, -1), "TOP"),
                ("ALIGN", (0, 1), (-1, 1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ]
            + [("ALIGN", (i, 2), (i, -1), "CENTER") for i, c in enumerate(columns) if c.align == "center"]
        )
    )

    def page_number(canvas, doc_) -> None:
        canvas.saveState()
        canvas.setFont(regular, 9)
        canvas.drawCentredString(PAGE[0] / 2, MARGIN, _("Trang %(n)d") % {"n": doc_.page - 1})
        canvas.restoreState()

    doc.build(
        [*_cover_story(cover, regular, bold), PageBreak(), table],
        onFirstPage=_cover_frame,
        onLaterPages=page_number,
    )
    return out.getvalue()
