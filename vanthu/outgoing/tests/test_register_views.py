"""The outgoing register books as pages and as paper (XLSX, DOCX, PDF): the 10 columns of the Sổ đăng ký văn bản
đi and the 6 of the Sổ gửi văn bản đi bưu điện, only what the user may see, only for those who keep the books."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from vanthu.documents.exports import FontNotFound, register_fonts
from vanthu.documents.models import Confidentiality
from vanthu.outgoing import services
from vanthu.outgoing.models import Channel, Placement
from vanthu.outgoing.services import RecipientSpec
from vanthu.outgoing.visibility import visible_outgoing

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
]
POSTAL = [
    "Ngày chuyển",
    "Số, ký hiệu văn bản",
    "Nơi nhận văn bản",
    "Số lượng bì",
    "Ký nhận và dấu bưu điện",
    "Ghi chú",
]


@pytest.fixture
def book(people, units, stc, out_register, issued):
    """A decision to Sở Tài chính and a công văn sent by post, issued today."""
    decision = issued(
        "QĐ",
        abstract="Về việc phê duyệt kế hoạch chuyển đổi số năm 2026",
        recipients=[RecipientSpec(external=stc["entry"], placement=Placement.ADDRESSEE)],
    )
    letter = issued("CV", recipients=[RecipientSpec(name="Báo Hà Tĩnh", channel=Channel.POST)])
    services.mark_sent(letter.recipients.get(), people["clerk"], envelopes=2, receipt="BĐ Hà Tĩnh")
    return decision, letter


def url(name: str, **params) -> str:
    today = timezone.localdate().strftime("%d/%m/%Y")
    query = {"date_from": today, "date_to": today, **params}
    return reverse(f"outgoing:{name}") + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def test_the_register_page_has_its_ten_columns_and_rows(client, people, book):
    decision, letter = book
    client.force_login(people["clerk"])
    html = client.get(url("register_book")).content.decode()
    for heading in HEADINGS:
        assert f">{heading}<" in html, heading
    assert "01/QĐ-UBND" in html and "Quyết định: Về việc phê duyệt kế hoạch chuyển đổi số năm 2026" in html
    assert letter.code in html and "Sở Tài chính" in html and "VT, KT" in html
    assert 'id="nav-outgoing-book"' in html


def test_the_postal_page(client, people, book):
    _, letter = book
    client.force_login(people["clerk"])
    html = client.get(url("postal_book")).content.decode()
    for heading in POSTAL:
        assert f">{heading}<" in html, heading
    assert letter.code in html and "Báo Hà Tĩnh" in html and "BĐ Hà Tĩnh" in html
    assert "01/QĐ-UBND" not in html  # given to Sở Tài chính through the system, not by post


def test_only_those_who_keep_the_books(client, people, book):
    for who in ("spec_kt", "head_kt"):
        client.force_login(people[who])
        assert client.get(url("register_book")).status_code == 404
        assert client.get(url("postal_book", format="xlsx")).status_code == 404
    for who in ("clerk", "chief", "chairman"):
        client.force_login(people[who])
        assert client.get(url("register_book")).status_code == 200, who


def test_a_secret_register_only_for_those_who_may_see_it(client, people, out_secret_register, issued, book):
    secret = issued("CV", abstract="Về việc bảo vệ bí mật nhà nước", confidentiality=Confidentiality.SECRET)
    client.force_login(people["clerk"])
    page = client.get(url("register_book", register=out_secret_register.pk)).content.decode()
    assert "bảo vệ bí mật nhà nước" in page and secret.code in page
    client.force_login(people["spec_th"])
    assert client.get(url("register_book")).status_code == 404
    client.force_login(people["chief"])
    allowed = visible_outgoing(people["chief"], pk=secret.pk).exists()
    response = client.get(url("register_book", register=out_secret_register.pk))
    assert ("bảo vệ bí mật nhà nước" in response.content.decode()) == allowed
    assert (out_secret_register.name in client.get(url("register_book")).content.decode()) == allowed


def test_export_xlsx_docx(client, people, book):
    decision, letter = book
    client.force_login(people["clerk"])
    response = client.get(url("register_book", format="xlsx"))
    assert response.status_code == 200 and ".xlsx" in response["Content-Disposition"]
    cover, sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets
    cover_lines = [r[0] for r in cover.iter_rows(values_only=True)]
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in cover_lines and "Từ số 1 đến số 2" in cover_lines
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == HEADINGS and values[1] == tuple(f"({i})" for i in range(1, 11))
    assert [v[0] for v in values[2:]] == ["01/QĐ-UBND", letter.code]

    response = client.get(url("register_book", format="docx", volume=2))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    cells = [
        c.text for t in docx.Document(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells
    ]
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in text and "01/QĐ-UBND" in cells

    response = client.get(url("postal_book", format="xlsx"))
    cover, sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets
    assert "SỔ GỬI VĂN BẢN ĐI BƯU ĐIỆN" in [r[0] for r in cover.iter_rows(values_only=True)]
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == POSTAL
    assert [v[1:5] for v in values[2:]] == [(letter.code, "Báo Hà Tĩnh", 2, "BĐ Hà Tĩnh")]


def test_export_pdf(client, people, book):
    try:
        register_fonts()
    except FontNotFound:
        pytest.skip("no Vietnamese TrueType font on this machine")
    client.force_login(people["clerk"])
    response = client.get(url("register_book", format="pdf"))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
