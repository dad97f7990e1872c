"""Text layer of stored files: words read from real PDF, DOCX and text files, and kept on the StoredFile row."""

from __future__ import annotations

import io
import logging
import os
import unicodedata

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from vanthu.documents import textlayer
from vanthu.documents.files import store_upload
from vanthu.documents.models import StoredFile
from vanthu.documents.textlayer import MAX_CHARS, extract, text_of

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)
PHRASE = "Về việc giải phóng mặt bằng dự án đường ven biển"
#: A 1×1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def _vietnamese_font() -> str:
    """Register a TrueType font that draws every letter of PHRASE, or skip the test."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for path in FONTS:
        if not os.path.exists(path):
            continue
        font = TTFont("textlayer-" + os.path.basename(path)[:-4], path)
        if all(ord(c) in font.face.charToGlyph for c in PHRASE + "ỨỢữỹ"):
            pdfmetrics.registerFont(font)
            return font.fontName
    pytest.skip(
        "no TrueType font with Vietnamese letters (apt-get install fonts-dejavu-core): PDF text not checked"
    )


def _pdf(*pages: list[str], draw_rect: bool = False, encrypt: str | None = None) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    font = _vietnamese_font() if any(pages) else None
    for lines in pages or ([],):
        if draw_rect:
            pdf.rect(100, 500, 300, 200, stroke=1, fill=1)
        if lines:
            pdf.setFont(font, 12)
            for i, line in enumerate(lines):
                pdf.drawString(72, 760 - 18 * i, line)
        pdf.showPage()
    pdf.save()
    data = out.getvalue()
    if encrypt is not None:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.encrypt(user_password=encrypt, owner_password="owner", algorithm="RC4-128")
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
    return data


def _docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Kính gửi: Sở Tài nguyên và Môi trường")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Hạng mục"
    table.cell(0, 1).text = "Kinh phí bồi thường"
    table.cell(1, 0).text = "Đền bù"
    table.cell(1, 1).text = "Giải phóng   mặt bằng"
    document.add_paragraph("Nơi nhận: như trên")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _upload(data: bytes, name: str, content_type: str) -> StoredFile:
    return store_upload(SimpleUploadedFile(name, data, content_type=content_type))


# extract() ---------------------------------------------------------------------------------------------------


def test_pdf_with_vietnamese_text():
    data = _pdf([PHRASE, "Căn cứ Luật Đất đai"], ["Trang hai: bồi thường, hỗ trợ, tái định cư"])

    text, state = extract(data, "cong-van.pdf", "application/pdf")

    assert state == "ok"
    assert unicodedata.is_normalized("NFC", text)
    assert "giải phóng mặt bằng" in text
    assert "Căn cứ Luật Đất đai" in text.splitlines()
    assert text.index("Căn cứ") < text.index("Trang hai: bồi thường, hỗ trợ, tái định cư")


def test_pdf_is_recognised_by_name_when_the_type_is_generic():
    text, state = extract(_pdf([PHRASE]), "cong-van.PDF", "application/octet-stream")

    assert (state, text) == ("ok", PHRASE)


def test_pdf_without_text_layer_is_none():
    text, state = extract(_pdf(draw_rect=True), "ban-quet.pdf", "application/pdf")

    assert (text, state) == ("", "none")


def test_pdf_of_whitespace_only_is_none():
    text, state = extract(_pdf(["   ", "\t"]), "trang-trang.pdf", "application/pdf")

    assert (text, state) == ("", "none")


def test_garbage_named_pdf_is_error_and_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="vanthu.documents.textlayer"):
        text, state = extract(
            b"%PDF-1.7\n\x00\x9f garbage, not a PDF at all" * 50, "hong.pdf", "application/pdf"
        )

    assert (text, state) == ("", "error")
    assert any("hong.pdf" in r.getMessage() for r in caplog.records if r.name == "vanthu.documents.textlayer")


def test_encrypted_pdf_is_error(caplog):
    with caplog.at_level(logging.WARNING, logger="vanthu.documents.textlayer"):
        text, state = extract(_pdf([PHRASE], encrypt="secret"), "mat.pdf", "application/pdf")

    assert (text, state) == ("", "error")
    assert any("encrypted PDF" in r.getMessage() for r in caplog.records)


def test_pdf_encrypted_with_empty_user_password_is_read():
    text, state = extract(_pdf([PHRASE], encrypt=""), "chi-han-che-sua.pdf", "application/pdf")

    assert (text, state) == (PHRASE, "ok")


def test_docx_paragraphs_and_table_cells_in_order():
    text, state = extract(_docx(), "du-thao.docx", DOCX_TYPE)

    assert state == "ok"
    assert text.splitlines() == [
        "Kính gửi: Sở Tài nguyên và Môi trường",
        "Hạng mục",
        "Kinh phí bồi thường",
        "Đền bù",
        "Giải phóng mặt bằng",
        "Nơi nhận: như trên",
    ]


def test_damaged_docx_is_error():
    text, state = extract(_docx()[:500], "hong.docx", DOCX_TYPE)

    assert (text, state) == ("", "error")


def test_text_file_utf8_is_normalised():
    decomposed = unicodedata.normalize("NFD", "Giải phóng mặt bằng")
    data = f"  Dòng một\t\twith  tabs \r\n\r\n\n{decomposed}\n   \n cuối\x00dòng ".encode()

    text, state = extract(data, "ghi-chu.txt", "text/plain")

    assert state == "ok"
    assert text == "Dòng một with tabs\nGiải phóng mặt bằng\ncuối dòng"
    assert unicodedata.is_normalized("NFC", text)


def test_text_file_with_invalid_utf8_is_replaced_not_refused():
    text, state = extract("Hà Tĩnh ".encode() + b"\xff\xfe" + b" xong", "du-lieu.csv", "")

    assert state == "ok"
    assert text.startswith("Hà Tĩnh") and text.endswith("xong") and "\ufffd" in text


@pytest.mark.parametrize("name", ["du-lieu.xml", "bang.csv", "ghi-chu.txt"])
def test_text_extensions_are_read(name):
    assert extract("Ủy ban nhân dân".encode(), name, "application/octet-stream") == ("Ủy ban nhân dân", "ok")


def test_empty_text_file_is_none():
    assert extract(b" \n\t\n", "trong.txt", "text/plain") == ("", "none")


@pytest.mark.parametrize(
    ("name", "content_type", "data"),
    [
        ("anh.png", "image/png", PNG),
        ("anh-ten-pdf.pdf", "image/png", PNG),
        ("cu.doc", "application/msword", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
        ("khong-ro", "application/octet-stream", "Giải phóng mặt bằng".encode()),
    ],
)
def test_images_and_unknown_kinds_are_none(name, content_type, data):
    assert extract(data, name, content_type) == ("", "none")


def test_text_is_capped_at_max_chars():
    text, state = extract(("x" * (MAX_CHARS * 2)).encode(), "dai.txt", "text/plain")

    assert state == "ok"
    assert text == "x" * MAX_CHARS


def test_many_lines_are_capped_at_max_chars():
    lines = [f"Dòng số {i} về giải phóng mặt bằng" for i in range(10_000)]

    text, _state = extract("\n".join(lines).encode(), "dai.txt", "text/plain")

    assert MAX_CHARS - 1 <= len(text) <= MAX_CHARS  # a cut just after a line ends is stripped
    assert text.startswith(lines[0] + "\n" + lines[1])
    assert "\n".join(lines).startswith(text)


def test_long_pdf_is_capped_and_not_read_to_the_end(monkeypatch):
    from pypdf import PageObject

    page_text = "giải phóng mặt bằng " * 40
    calls = []
    monkeypatch.setattr(PageObject, "extract_text", lambda self, *a, **k: calls.append(1) or page_text)
    pages_needed = MAX_CHARS // len(page_text.strip()) + 1

    text, state = extract(_pdf(*[["x"]] * (pages_needed + 50)), "dai.pdf", "application/pdf")

    assert state == "ok"
    assert MAX_CHARS - 1 <= len(text) <= MAX_CHARS
    assert text.startswith("giải phóng mặt bằng giải")
    assert len(calls) <= pages_needed + 1


# text_of() ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_text_of_reads_once_and_keeps_the_text():
    stored = _upload(_pdf([PHRASE]), "cong-van.pdf", "application/pdf")
    assert (stored.text, stored.text_state) == ("", "")

    assert text_of(stored) == PHRASE

    saved = StoredFile.objects.get(pk=stored.pk)
    assert (saved.text, saved.text_state) == (PHRASE, "ok")
    saved.file.storage.delete(saved.file.name)
    assert not saved.file.storage.exists(saved.file.name)
    assert text_of(stored) == PHRASE
    assert text_of(saved) == PHRASE  # a fresh row from the database does not read the (now gone) file either
    assert StoredFile.objects.get(pk=stored.pk).text_state == "ok"


@pytest.mark.django_db
def test_text_of_does_not_open_a_file_already_read(monkeypatch):
    stored = _upload(_pdf(draw_rect=True), "ban-quet.pdf", "application/pdf")
    assert text_of(stored) == ""
    assert StoredFile.objects.get(pk=stored.pk).text_state == "none"

    def fail(*args, **kwargs):
        raise AssertionError("file opened again")

    monkeypatch.setattr(type(stored.file), "open", fail)
    monkeypatch.setattr(textlayer, "extract", fail)
    assert text_of(StoredFile.objects.get(pk=stored.pk)) == ""


@pytest.mark.django_db
def test_text_of_missing_file_is_error(caplog):
    stored = _upload(PNG, "anh.png", "image/png")
    stored.file.storage.delete(stored.file.name)

    with caplog.at_level(logging.WARNING, logger="vanthu.documents.textlayer"):
        assert text_of(stored) == ""

    saved = StoredFile.objects.get(pk=stored.pk)
    assert (saved.text, saved.text_state) == ("", "error")
    assert any(r.name == "vanthu.documents.textlayer" for r in caplog.records)


@pytest.mark.django_db
def test_text_of_a_docx_stored_file():
    stored = StoredFile(original_name="du-thao.docx", content_type=DOCX_TYPE, size=0, sha256="0" * 64)
    data = _docx()
    stored.file.save("du-thao.docx", io.BytesIO(data), save=False)
    stored.size = len(data)
    stored.save()

    assert "Giải phóng mặt bằng" in text_of(stored).splitlines()
    assert StoredFile.objects.get(pk=stored.pk).text_state == "ok"


@pytest.mark.django_db
def test_the_same_file_uploaded_again_is_not_read_again(monkeypatch):
    data = _pdf([PHRASE])
    first = _upload(data, "cong-van.pdf", "application/pdf")
    again = _upload(data, "cong-van-ban-sao.pdf", "application/pdf")
    assert first.pk != again.pk and first.sha256 == again.sha256
    assert text_of(first) == PHRASE

    def no_read(*args, **kwargs):
        raise AssertionError("the file was read again")

    monkeypatch.setattr("vanthu.documents.textlayer.extract", no_read)
    assert text_of(again) == PHRASE
    assert StoredFile.objects.get(pk=again.pk).text_state == "ok"
