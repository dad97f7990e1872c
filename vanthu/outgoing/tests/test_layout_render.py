"""The rendered frame: DOCX (re-opened with python-docx) and PDF (text extracted with pypdf), checked against the
rules of Appendix I and the templates of Appendix III (``phu-luc-3.docx`` of the shared reference)."""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zlib

import docx
import pypdf
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table
from docx.text.paragraph import Paragraph

from vanthu.outgoing.layout.docx import BODY_STYLE_ID, FONT_NAME, render_docx
from vanthu.outgoing.layout.frame import MOTTO, NATIONAL_NAME, LayoutError, LayoutFrame
from vanthu.outgoing.layout.pdf import pdf_fonts, render_pdf

CONG_VAN = LayoutFrame(
    agency="Ủy ban nhân dân tỉnh Hà Tĩnh",
    number="45/UBND-TH",
    place="Hà Tĩnh",
    document_date=dt.date(2026, 1, 5),
    abstract="Triển khai kế hoạch cải cách hành chính năm 2026",
    recipients=["Sở Nội vụ", "Sở Tài chính", "UBND các huyện, thành phố, thị xã"],
    authority="KT.",
    collective="Ủy ban nhân dân",
    superior_title="Chủ tịch",
    signer_title="Phó Chủ tịch",
    signer_name="Nguyễn Văn A",
    distribution=["Như trên", "Chủ tịch, các PCT UBND tỉnh"],
    storage="TH",
)
DECISION = LayoutFrame(
    agency="Sở Nội vụ",
    parent_agency="UBND tỉnh Hà Tĩnh",
    number="5/QĐ-SNV",
    place="Hà Tĩnh",
    document_date=dt.date(2026, 3, 15),
    type_name="Quyết định",
    abstract="Về việc ban hành Quy chế làm việc của Sở Nội vụ",
    issuer_heading="Giám đốc Sở Nội vụ",
    signer_title="Giám đốc",
    signer_name="Trần Thị Bình",
    distribution=["Như Điều 3"],
    storage="TCCB",
    urgency="Hỏa tốc",
    secrecy="Mật",
)


# --------------------------------------------------------------------------- helpers


def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def _blocks(document) -> list[Paragraph | Table]:
    return [
        Paragraph(el, document) if el.tag == qn("w:p") else Table(el, document)
        for el in document.element.body
        if el.tag in (qn("w:p"), qn("w:tbl"))
    ]


def _column(table: Table, index: int) -> list[Paragraph]:
    """The paragraphs of one column, top to bottom (all rows)."""
    return [p for row in table.rows for p in row.cells[index].paragraphs]


def _jc(paragraph: Paragraph) -> str | None:
    jc = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:jc')}")
    return None if jc is None else jc.get(qn("w:val"))


def _first_run(paragraph: Paragraph):
    return next((r for r in paragraph.runs if r.text.strip()), None)


def _is_rule(paragraph: Paragraph) -> bool:
    text = paragraph.text.strip()
    bottom = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    return (bool(text) and set(text) == {"_"}) or (not text and bottom is not None)


def _kind(paragraph: Paragraph) -> str | None:
    """What a header paragraph is, for the template and for our rendering alike."""
    text = paragraph.text.strip()
    run = _first_run(paragraph)
    if _is_rule(paragraph):
        return "rule"
    if not text:
        return None
    if text == NATIONAL_NAME:
        return "national"
    if text == MOTTO:
        return "motto"
    if text.startswith("Số:"):
        return "number"
    if text.startswith("V/v"):
        return "vv"
    if ", ngày" in text:
        return "date"
    return "agency" if run is not None and run.bold else "parent"


def _texts(paragraphs) -> list[str]:
    return [p.text for p in paragraphs if p.text.strip()]


@pytest.fixture
def template(shared_dir):
    path = shared_dir / "reference" / "nd30" / "phu-luc-3.docx"
    if not path.is_file():
        pytest.skip(f"Appendix III template not found at {path} (set VANTHU_SHARED_DIR)")
    return docx.Document(str(path))


def _template_tables(template, label: str) -> tuple[Table, Table]:
    """The header table and the footer ("Nơi nhận") table of template ``label`` ("Mẫu 1.5")."""
    current, tables = None, []
    for block in _blocks(template):
        if isinstance(block, Paragraph):
            match = re.match(r"\s*(Mẫu \d+\.\d+)\b", block.text)
            if match:
                current = match.group(1)
        elif current == label:
            tables.append(block)
    header = next(t for t in tables if any(p.text.strip() == NATIONAL_NAME for p in _column(t, -1)))
    footer = next(t for t in tables if t.rows[0].cells[0].paragraphs[0].text.strip() == "Nơi nhận:")
    return header, footer


# --------------------------------------------------------------------------- DOCX


def test_docx_page_a4_margins_font():
    document = _open(render_docx(CONG_VAN))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    assert document.styles["Normal"].font.name == FONT_NAME
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")} == {FONT_NAME}
    # page numbers from page 2: a PAGE field in the header, none on the first page
    assert section.different_first_page_header_footer
    assert section.header._element.find(f".//{qn('w:fldSimple')}").get(qn("w:instr")) == "PAGE"
    assert not section.first_page_header.paragraphs[0].text


def test_docx_header_of_a_cong_van():
    document = _open(render_docx(CONG_VAN))
    header = document.tables[0]
    assert len(header.columns) == 2
    assert header._tbl.tblPr.find(f"{qn('w:tblBorders')}/{qn('w:top')}").get(qn("w:val")) == "nil"
    left, right = _column(header, 0), _column(header, 1)
    assert _texts(left)[0] == "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH"  # broken into even lines to fit the column
    assert [t.replace("\n", " ") for t in _texts(left)[1:]] == [
        "Số: 45/UBND-TH",
        "V/v triển khai kế hoạch cải cách hành chính năm 2026",
    ]
    assert _texts(right) == [NATIONAL_NAME, MOTTO, "Hà Tĩnh, ngày 05 tháng 01 năm 2026"]
    assert [_kind(p) for p in left if _kind(p)] == ["agency", "rule", "number", "vv"]
    assert [_kind(p) for p in right if _kind(p)] == ["national", "motto", "rule", "date"]
    # the number (ô 3) and the date (ô 4) open the second row: on the same line
    assert header.rows[1].cells[0].paragraphs[0].text == "Số: 45/UBND-TH"
    assert header.rows[1].cells[1].paragraphs[0].text == "Hà Tĩnh, ngày 05 tháng 01 năm 2026"
    # no type name for a công văn: "Kính gửi" follows the header
    blocks = _blocks(document)
    assert blocks[1].text == "Kính gửi:"
    assert [b.text for b in blocks[2:5]] == [
        "- Sở Nội vụ;",
        "- Sở Tài chính;",
        "- UBND các huyện, thành phố, thị xã.",
    ]


def test_docx_header_rules_have_the_right_length():
    header = _open(render_docx(CONG_VAN)).tables[0]
    rules = [p for p in _column(header, 0) + _column(header, 1) if _is_rule(p)]
    agency_rule, motto_rule = rules
    cell_width = Mm(63).pt - 2 * 5.4
    agency_len = cell_width - agency_rule.paragraph_format.left_indent.pt * 2
    assert 0.3 * 110 < agency_len < 0.5 * 130  # 1/3–1/2 of "ỦY BAN NHÂN DÂN" (~120 pt at 13 pt bold)
    motto_len = Mm(102).pt - 2 * 5.4 - motto_rule.paragraph_format.left_indent.pt * 2
    assert 160 < motto_len < 185  # the length of the motto (~171 pt at 14 pt bold)


def test_docx_decision_title_marks_and_fonts():
    document = _open(render_docx(DECISION))
    header = document.tables[0]
    left = _column(header, 0)
    assert _texts(left) == ["UBND TỈNH HÀ TĨNH", "SỞ NỘI VỤ", "Số: 05/QĐ-SNV", "MẬT", "HỎA TỐC"]
    parent, agency = left[0], left[1]
    assert not _first_run(parent).bold and _first_run(agency).bold
    mark = next(p for p in left if p.text == "HỎA TỐC")
    assert _first_run(mark).bold and str(_first_run(mark).font.color.rgb) == "FF0000"
    assert mark._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:left')}") is not None  # framed
    date = _column(header, 1)[-1]
    assert _first_run(date).italic and _first_run(date).font.size.pt == 14

    paragraphs = [b for b in _blocks(document) if isinstance(b, Paragraph)]
    title = next(p for p in paragraphs if p.text == "QUYẾT ĐỊNH")
    abstract = next(p for p in paragraphs if p.text == "Về việc ban hành Quy chế làm việc của Sở Nội vụ")
    for p in (title, abstract):
        assert _jc(p) == "center" and _first_run(p).bold and _first_run(p).font.size.pt == 14
    position = paragraphs.index(abstract)
    assert _is_rule(paragraphs[position + 1])  # short rule under the abstract
    assert paragraphs[position + 2].text == "GIÁM ĐỐC SỞ NỘI VỤ"


def test_docx_footer():
    document = _open(render_docx(CONG_VAN))
    footer = document.tables[-1]
    left, right = _column(footer, 0), _column(footer, 1)
    assert _texts(left) == ["Nơi nhận:", "- Như trên;", "- Chủ tịch, các PCT UBND tỉnh;", "- Lưu: VT, TH."]
    label = _first_run(left[0])
    assert label.bold and label.italic and label.font.size.pt == 12
    assert {_first_run(p).font.size.pt for p in left[1:]} == {11}
    assert _texts(right) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"]
    assert all(_first_run(p).bold and _jc(p) == "center" for p in right if p.text)
    assert footer.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_docx_single_recipient_properties_and_independent_renders():
    first = _open(render_docx(DECISION))
    single = LayoutFrame(**{**CONG_VAN.__dict__, "recipients": ("Sở Tài chính",)})
    second = _open(render_docx(single))
    line = next(b for b in _blocks(second) if isinstance(b, Paragraph) and b.text.startswith("Kính gửi"))
    assert line.text == "Kính gửi: Sở Tài chính" and _jc(line) == "center"
    assert first.core_properties.title == "QUYẾT ĐỊNH Về việc ban hành Quy chế làm việc của Sở Nội vụ"
    assert first.core_properties.author == "SỞ NỘI VỤ"
    assert second.core_properties.title == "Công văn 45/UBND-TH"
    # the cached empty document is not changed by a render
    assert "QUYẾT ĐỊNH" not in [b.text for b in _blocks(second) if isinstance(b, Paragraph)]


def test_unnumbered_draft_leaves_blanks():
    draft = LayoutFrame(**{**CONG_VAN.__dict__, "number": "/UBND-TH", "document_date": None})
    header = _open(render_docx(draft)).tables[0]
    assert header.rows[1].cells[0].paragraphs[0].text == "Số:       /UBND-TH"
    assert header.rows[1].cells[1].paragraphs[0].text == "Hà Tĩnh, ngày …… tháng …… năm ……"
    text = pypdf.PdfReader(io.BytesIO(render_pdf(draft))).pages[0].extract_text()
    assert "Số:       /UBND-TH" in text and "Hà Tĩnh, ngày …… tháng …… năm ……" in text


def test_docx_placeholder_without_body():
    document = _open(render_docx(CONG_VAN))
    texts = [b.text for b in _blocks(document) if isinstance(b, Paragraph)]
    assert "(Nội dung văn bản)" in texts


@pytest.mark.parametrize("label", ["Mẫu 1.1", "Mẫu 1.2", "Mẫu 1.4", "Mẫu 1.5"])
def test_docx_follows_the_appendix_iii_template(template, label):
    """Same components in the same cells, in the same order, with the same fixed texts and emphasis."""
    t_header, t_footer = _template_tables(template, label)
    frame = CONG_VAN if label == "Mẫu 1.5" else DECISION
    # the templates show a parent agency and no marks
    frame = LayoutFrame(
        **{**frame.__dict__, "urgency": "", "secrecy": "", "parent_agency": "UBND tỉnh Hà Tĩnh"}
    )
    document = _open(render_docx(frame))
    header, footer = document.tables[0], document.tables[-1]

    for column in (0, 1):
        expected = [(k, p) for p in _column(t_header, column) if (k := _kind(p))]
        ours = [(k, p) for p in _column(header, column) if (k := _kind(p))]
        assert [k for k, _ in ours] == [k for k, _ in expected]
        for (kind, mine), (_, theirs) in zip(ours, expected, strict=True):
            if kind == "rule":
                continue
            a, b = _first_run(mine), _first_run(theirs)
            assert (bool(a.bold), bool(a.italic)) == (bool(b.bold), bool(b.italic)), kind
            if kind in ("national", "motto"):
                assert mine.text == theirs.text.strip()
            if kind == "number":
                assert mine.text.split(" ")[0] == theirs.text.split(" ")[0] == "Số:"
            if _jc(theirs) == "center":
                assert _jc(mine) == "center", kind

    t_left, t_right = _column(t_footer, 0), _column(t_footer, 1)
    left, right = _column(footer, 0), _column(footer, 1)
    assert left[0].text == t_left[0].text == "Nơi nhận:"
    assert (_first_run(left[0]).bold, _first_run(left[0]).italic) == (True, True)
    assert _first_run(t_left[0]).font.size == _first_run(left[0]).font.size
    t_lines, lines = _texts(t_left[1:]), _texts(left[1:])
    assert all(t.startswith("- ") for t in t_lines) and all(t.startswith("- ") for t in lines)
    assert t_lines[-1].startswith("- Lưu: VT, ") and lines[-1] == frame.distribution_texts()[-1]
    assert lines[-1].startswith("- Lưu: VT, ") and lines[-1].endswith(".")
    assert all(t.endswith(";") for t in lines[:-1])
    # signature block: authority and title bold on top, the name last, all centred
    assert _first_run(right[0]).bold == _first_run(t_right[0]).bold is True
    assert _texts(right)[-1] == frame.signer_name_text() and _texts(t_right)[-1] == "Họ và tên"
    assert _jc(right[0]) == _jc(t_right[0]) == "center"

    if label == "Mẫu 1.5":  # "Kính gửi:" then the list, between the header and the footer
        t_blocks = [b for b in _blocks(template) if isinstance(b, Paragraph)]
        t_label = next(p for p in t_blocks if p.text.strip() == "Kính gửi:")
        ours = next(b for b in _blocks(document) if isinstance(b, Paragraph) and b.text == "Kính gửi:")
        assert ours.text == t_label.text.strip()
        assert _first_run(ours).font.size == _first_run(t_label).font.size


def _body_docx() -> bytes:
    def png() -> bytes:
        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0"))
            + chunk(b"IEND", b"")
        )

    source = docx.Document()
    source.add_heading("Điều 1. Phạm vi điều chỉnh", level=1)
    paragraph = source.add_paragraph("Thực hiện ")
    paragraph.add_run("Kế hoạch số 12/KH-UBND").bold = True
    paragraph.add_run(" ngày ")
    run = paragraph.add_run("05/01/2026")
    run.italic, run.font.name = True, "Arial"
    paragraph.add_run(" của Ủy ban nhân dân tỉnh.")
    table = source.add_table(rows=2, cols=2)
    table.style = source.styles["Table Grid"]
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row.cells):
            cell.text = f"Ô {i}{j}"
    source.add_paragraph().add_run().add_picture(io.BytesIO(png()))
    source.add_paragraph("Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.")
    out = io.BytesIO()
    source.save(out)
    return out.getvalue()


def test_docx_body_is_copied_between_header_and_signature():
    data = render_docx(DECISION, _body_docx())
    document = _open(data)
    blocks = _blocks(document)
    texts = [b.text if isinstance(b, Paragraph) else "<table>" for b in blocks]
    start = texts.index("Điều 1. Phạm vi điều chỉnh")
    assert texts.index("QUYẾT ĐỊNH") < texts.index("GIÁM ĐỐC SỞ NỘI VỤ") < start
    assert texts[start : start + 4] == [
        "Điều 1. Phạm vi điều chỉnh",
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 05/01/2026 của Ủy ban nhân dân tỉnh.",
        "<table>",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.",  # the image paragraph is gone
    ]
    assert blocks[-1] is not None and texts[-1] == "<table>"  # the footer comes last
    assert "(Nội dung văn bản)" not in texts

    heading, paragraph = blocks[start], blocks[start + 1]
    assert all(r.bold for r in heading.runs)  # bold given by the Heading 1 style, kept as direct formatting
    runs = {r.text: r for r in paragraph.runs}
    assert runs["Kế hoạch số 12/KH-UBND"].bold and runs["05/01/2026"].italic and not runs["Thực hiện "].bold
    for p in (heading, paragraph):
        assert p._p.pPr.pStyle.val == BODY_STYLE_ID
    copied = blocks[start + 2]
    assert [c.text for c in copied.rows[0].cells] == ["Ô 00", "Ô 01"] and copied.style.name == "Table Grid"

    xml = document.element.body.xml
    assert "w:drawing" not in xml and "r:embed" not in xml and "Arial" not in xml


def test_docx_body_cleanup_tracked_changes_links_wide_tables():
    source = docx.Document()
    paragraph = source.add_paragraph()
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    r = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    for xml in [
        f'<w:ins {w} w:id="1" w:author="a"><w:r><w:t xml:space="preserve">giữ lại </w:t></w:r></w:ins>',
        f'<w:del {w} w:id="2" w:author="a"><w:r><w:delText>đã xóa </w:delText></w:r></w:del>',
        f'<w:hyperlink {w} {r} r:id="rId99"><w:r><w:t>liên kết</w:t></w:r></w:hyperlink>',
    ]:
        paragraph._p.append(docx.oxml.parse_xml(xml))
    end = source.add_paragraph("Căn phải")
    end._p.get_or_add_pPr().append(docx.oxml.parse_xml(f'<w:jc {w} w:val="end"/>'))
    wide = source.add_table(rows=1, cols=5)
    for cell in wide.rows[0].cells:
        cell.width = Mm(60)
    for column in wide._tbl.tblGrid.gridCol_lst:
        column.w = Mm(60)
    out = io.BytesIO()
    source.save(out)

    document = _open(render_docx(DECISION, out.getvalue()))
    texts = [b.text for b in _blocks(document) if isinstance(b, Paragraph)]
    assert "giữ lại liên kết" in texts and "Căn phải" in texts
    assert "đã xóa" not in document.element.body.xml and "rId99" not in document.element.body.xml
    copied = document.tables[1]
    total = sum(c.w for c in copied._tbl.tblGrid.gridCol_lst)
    assert total <= Mm(165) + Mm(1)  # narrowed to the text width (A4 less the margins)


def test_docx_rejects_a_body_that_is_not_a_docx():
    with pytest.raises(LayoutError, match="docx"):
        render_docx(DECISION, b"%PDF-1.4 not a word file")


# --------------------------------------------------------------------------- PDF


def _pdf_text(data: bytes) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


BODY = (
    "Thực hiện Kế hoạch số 12/KH-UBND ngày 05 tháng 01 năm 2026 của Ủy ban nhân dân tỉnh về cải cách hành chính.\n"
    "\n"
    "Đề nghị các cơ quan, đơn vị triển khai thực hiện nghiêm túc./."
)


def test_pdf_contains_the_frame_with_vietnamese_text_intact():
    reader, text = _pdf_text(render_pdf(CONG_VAN, BODY))
    for expected in [
        "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH",
        NATIONAL_NAME,
        MOTTO,
        "Số: 45/UBND-TH",
        "Hà Tĩnh, ngày 05 tháng 01 năm 2026",
        "V/v triển khai kế hoạch cải cách hành chính năm 2026",
        "Kính gửi: - Sở Nội vụ; - Sở Tài chính; - UBND các huyện, thành phố, thị xã.",
        "Nơi nhận: - Như trên; - Chủ tịch, các PCT UBND tỉnh; - Lưu: VT, TH.",
        "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
        "Nguyễn Văn A",
    ]:
        assert expected in text
    # the body between the header and the signature
    first, last = BODY.splitlines()[0], BODY.splitlines()[-1]
    assert text.index("Số: 45/UBND-TH") < text.index("Kính gửi:") < text.index(first)
    assert text.index(first) < text.index(last) < text.index("Nơi nhận:")
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_pdf_embeds_its_fonts_with_italic_and_bold():
    reader, _ = _pdf_text(render_pdf(DECISION))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = [str(f.get_object()["/BaseFont"]) for f in fonts.values()]
    for font in fonts.values():
        descendant = font.get_object()
        descriptor = descendant.get("/FontDescriptor") or descendant["/DescendantFonts"][0]["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object()  # TrueType embedded
    faces = pdf_fonts()
    assert len(set(names)) == len({faces.regular, faces.bold, faces.italic, faces.bold_italic})


def test_pdf_decision_and_placeholder():
    reader, text = _pdf_text(render_pdf(DECISION))
    for expected in [
        "UBND TỈNH HÀ TĨNH SỞ NỘI VỤ",
        "Số: 05/QĐ-SNV",
        "MẬT",
        "HỎA TỐC",
        "Hà Tĩnh, ngày 15 tháng 3 năm 2026",
        "QUYẾT ĐỊNH Về việc ban hành Quy chế làm việc của Sở Nội vụ GIÁM ĐỐC SỞ NỘI VỤ",
        "(Nội dung văn bản)",
        "Nơi nhận: - Như Điều 3; - Lưu: VT, TCCB.",
        "GIÁM ĐỐC Trần Thị Bình",
    ]:
        assert expected in text
    assert "V/v" not in text
    assert reader.metadata.title == "QUYẾT ĐỊNH Về việc ban hành Quy chế làm việc của Sở Nội vụ"


def test_pdf_page_numbers_from_page_two():
    body = "\n".join(
        f"Đoạn {i}: nội dung thử nghiệm đủ dài để văn bản sang trang thứ hai." for i in range(60)
    )
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(CONG_VAN, body)))
    assert len(reader.pages) >= 2
    assert not reader.pages[0].extract_text().split()[0].isdigit()
    for number, page in enumerate(reader.pages[1:], start=2):
        assert page.extract_text().split()[0] == str(number)


def test_pdf_with_explicit_fonts():
    data = render_pdf(CONG_VAN, fonts=pdf_fonts())
    assert data.startswith(b"%PDF")
