"""The outgoing register books as pages and as paper (XLSX, DOCX, PDF): the 10 columns of the Sổ đăng ký văn bản
đi and the 6 of the Sổ gửi văn bản đi bưu điện, only what the user may see, only for those who keep the books."""

from __future__ import annotations

import io
from datetime import date
from html.parser import HTMLParser

import docx
import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from vanthu.documents.exports import FontNotFound, register_fonts
from vanthu.documents.models import Confidentiality
from vanthu.organization.models import Role
from vanthu.outgoing import services, views_registers
from vanthu.outgoing.models import Channel, NumberingRule, NumberingScope, Placement
from vanthu.outgoing.services import RecipientSpec
from vanthu.outgoing.visibility import visible_outgoing
from vanthu.registers.models import Register
from vanthu.testing.factories import RegisterFactory, UserFactory, doc_type

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


# --- what a reader sees, cell by cell --------------------------------------------------------------------------


class _BookTable(HTMLParser):
    """The text of each body cell of ``#book-table``, row by row (whitespace collapsed)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._in_table = self._in_body = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and ("id", "book-table") in attrs:
            self._in_table = True
        elif self._in_table and tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self.rows.append([])
        elif self._in_body and tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._in_table = self._in_body = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def page_rows(response) -> list[list[str]]:
    parser = _BookTable()
    parser.feed(response.content.decode())
    return parser.rows


def today_text() -> str:
    return timezone.localdate().strftime("%d/%m/%Y")


def expected_register_rows(people, decision, letter) -> list[list[str]]:
    """The two lines of the register as the clerk reads them: (1)…(10), (9) left for a signature on paper."""
    signer = f"{people['chairman'].display_name} (Chủ tịch)"
    return [
        [
            "01/QĐ-UBND",
            today_text(),
            "Quyết định: Về việc phê duyệt kế hoạch chuyển đổi số năm 2026",
            signer,
            "Sở Tài chính",
            "VT, KT",
            str(decision.copies),
            today_text(),
            "",
            "",
        ],
        [
            letter.code,
            today_text(),
            f"Công văn: {letter.abstract}",
            signer,
            "Báo Hà Tĩnh",
            "VT, KT",
            str(letter.copies),
            today_text(),
            "",
            "",
        ],
    ]


def pdf_pages(data: bytes) -> list[str]:
    pypdf = pytest.importorskip("pypdf", reason="pypdf not installed: PDF text not checked")
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def squeezed(text: str) -> str:
    """PDF text without any whitespace: table cells wrap inside their column."""
    return "".join(text.split())


def needs_font() -> None:
    try:
        register_fonts()
    except FontNotFound:
        pytest.skip("no Vietnamese TrueType font on this machine")


def test_register_page_rows_cell_by_cell(client, people, book):
    decision, letter = book
    client.force_login(people["clerk"])
    response = client.get(url("register_book"))
    assert page_rows(response) == expected_register_rows(people, decision, letter)
    assert "2 dòng" in response.content.decode()


def test_postal_page_rows_cell_by_cell(client, people, book, issued):
    _, letter = book
    later = issued("TB", recipients=[RecipientSpec(name="Công an tỉnh Hà Tĩnh", channel=Channel.POST)])
    waiting = later.recipients.get()  # not handed to the post yet: not in the book
    client.force_login(people["clerk"])
    rows = page_rows(client.get(url("postal_book")))
    assert rows == [[today_text(), letter.code, "Báo Hà Tĩnh", "2", "BĐ Hà Tĩnh", ""]]
    services.mark_sent(waiting, people["clerk"], envelopes=1, receipt="BĐ Thạch Hà")
    rows = page_rows(client.get(url("postal_book")))
    assert [r[1:5] for r in rows] == [
        [letter.code, "Báo Hà Tĩnh", "2", "BĐ Hà Tĩnh"],
        [later.code, "Công an tỉnh Hà Tĩnh", "1", "BĐ Thạch Hà"],
    ]


def test_xlsx_register_as_printed(client, people, book):
    decision, letter = book
    client.force_login(people["clerk"])
    response = client.get(url("register_book", format="xlsx", volume=3))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="so-dang-ky-van-ban-di-{today:%Y%m%d}-{today:%Y%m%d}.xlsx"'
    )
    cover, sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets
    cover_lines = [r[0] for r in cover.iter_rows(values_only=True) if r[0]]
    assert cover_lines[0] == "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"
    for line in (
        "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
        f"Năm: {today.year}",
        f"Từ ngày {today_text()} đến ngày {today_text()}",
        "Từ số 1 đến số 2",
        "Quyển số: 03",
    ):
        assert line in cover_lines, line
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 2 + 2
    for got, want in zip(values[2:], expected_register_rows(people, decision, letter), strict=True):
        assert got[1].date() == today and got[7].date() == today  # real dates, shown dd/mm/yyyy
        shown = [str(v) if v is not None else "" for v in got]
        shown[1] = shown[7] = today_text()
        assert shown == want
    assert sheet.cell(row=3, column=2).number_format == "DD/MM/YYYY"


def test_docx_register_as_printed(client, people, book):
    decision, letter = book
    client.force_login(people["clerk"])
    response = client.get(url("register_book", format="docx"))
    assert ".docx" in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH" in texts and "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in texts
    assert "Từ số 1 đến số 2" in texts and "Quyển số: 01" in texts
    (table,) = document.tables
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == HEADINGS and rows[1] == [f"({i})" for i in range(1, 11)]
    assert rows[2:] == expected_register_rows(people, decision, letter)


def test_pdf_register_as_printed(client, people, book):
    needs_font()
    decision, letter = book
    client.force_login(people["clerk"])
    response = client.get(url("register_book", format="pdf"))
    assert response["Content-Type"] == "application/pdf" and ".pdf" in response["Content-Disposition"]
    cover, *pages = pdf_pages(response.content)
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in cover and "Từ số 1 đến số 2" in cover
    assert "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH" in cover
    body = squeezed(" ".join(pages))
    for heading in HEADINGS:
        assert squeezed(heading) in body, heading
    for row in expected_register_rows(people, decision, letter):
        for cell in row:
            assert squeezed(cell) in body, cell
    # in register order: the decision's line before the letter's
    assert body.index("01/QĐ-UBND") < body.index(squeezed(letter.code))


def test_postal_book_exports(client, people, book):
    _, letter = book
    client.force_login(people["clerk"])
    response = client.get(url("postal_book", format="docx"))
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="so-gui-van-ban-di-buu-dien-{today:%Y%m%d}-{today:%Y%m%d}.docx"'
    )
    document = docx.Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert "SỔ GỬI VĂN BẢN ĐI BƯU ĐIỆN" in texts
    assert not any(t.startswith("Từ số") for t in texts)  # no number range on the postal book's cover
    (table,) = document.tables
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == POSTAL and rows[1] == [f"({i})" for i in range(1, 7)]
    assert rows[2:] == [[today_text(), letter.code, "Báo Hà Tĩnh", "2", "BĐ Hà Tĩnh", ""]]

    needs_font()
    cover, *pages = pdf_pages(client.get(url("postal_book", format="pdf")).content)
    assert "SỔ GỬI VĂN BẢN ĐI BƯU ĐIỆN" in cover
    body = squeezed(" ".join(pages))
    for text in (*POSTAL, letter.code, "Báo Hà Tĩnh", "BĐ Hà Tĩnh"):
        assert squeezed(text) in body, text
    assert "01/QĐ-UBND" not in body


def test_a_per_type_register_has_its_own_cover_and_file_name(client, people, agency, book, issued):
    decisions = RegisterFactory(
        agency=agency, name="Sổ quyết định", direction=Register.Direction.OUTGOING, is_default=False
    )
    NumberingRule.objects.create(
        agency=agency, doc_type=doc_type("QĐ"), scope=NumberingScope.NORMAL, register=decisions
    )
    first = issued("QĐ", abstract="Về việc thành lập tổ công tác chuyển đổi số")
    assert first.register == decisions and first.number == 1
    client.force_login(people["clerk"])
    rows = page_rows(client.get(url("register_book", register=decisions.pk)))
    assert [r[:3] for r in rows] == [
        [first.code, today_text(), "Quyết định: Về việc thành lập tổ công tác chuyển đổi số"]
    ]
    response = client.get(url("register_book", register=decisions.pk, format="docx"))
    assert 'filename="so-dang-ky-van-ban-di-so-quyet-dinh-' in response["Content-Disposition"]
    texts = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
    assert "(Sổ quyết định)" in texts and "Từ số 1 đến số 1" in texts


def test_secret_document_in_every_view_only_for_those_allowed(
    client, people, agency, out_secret_register, issued, book
):
    """The secret letter (numbered in the secret register, sent by post) is seen by its clerk and its signer,
    not by a vice-chairman outside its chain: not on the page, not in an export, not in the postal book."""
    secret = issued(
        "CV",
        abstract="Về việc bảo vệ bí mật nhà nước",
        confidentiality=Confidentiality.SECRET,
        recipients=[RecipientSpec(name="Bộ Công an", channel=Channel.POST)],
    )
    services.mark_sent(secret.recipients.get(), people["clerk"], envelopes=1, receipt="BĐ Hà Tĩnh")
    assert secret.register == out_secret_register
    vice = UserFactory(username="phochutich", agency=agency, role=Role.AGENCY_LEADER, position="Phó Chủ tịch")
    secret_book = url("register_book", register=out_secret_register.pk)

    for allowed in ("clerk", "chairman"):
        client.force_login(people[allowed])
        response = client.get(secret_book)
        assert [r[0] for r in page_rows(response)] == [secret.code], allowed
        assert "MẬT" in page_rows(response)[0][9]
        sheet = openpyxl.load_workbook(
            io.BytesIO(client.get(secret_book + "&format=xlsx").content)
        ).worksheets[1]
        assert [r[0] for r in sheet.iter_rows(min_row=3, values_only=True)] == [secret.code]
        postal = [r[1] for r in page_rows(client.get(url("postal_book")))]
        assert secret.code in postal, allowed

    client.force_login(vice)
    response = client.get(secret_book)
    assert response.status_code == 200 and response.context["rows"] is None
    html = response.content.decode()
    assert "bảo vệ bí mật nhà nước" not in html and out_secret_register.name not in html
    assert "Sổ văn bản không có hoặc bạn không được xem sổ này." in html
    export = client.get(secret_book + "&format=xlsx")
    assert export["Content-Type"].startswith("text/html")  # the page with the message, no file
    postal = client.get(url("postal_book"))
    assert secret.code not in [r[1] for r in page_rows(postal)]
    assert page_rows(postal)[0][1] == book[1].code  # the ordinary letter is still there
    postal_xlsx = openpyxl.load_workbook(io.BytesIO(client.get(url("postal_book", format="xlsx")).content))
    assert [r[1] for r in postal_xlsx.worksheets[1].iter_rows(min_row=3, values_only=True)] == [book[1].code]


def test_whole_year_links(client, people, book, issued):
    last_year = timezone.localdate().year - 1
    old = issued("CV", issued_on=date(last_year, 12, 30), abstract="Về việc tổng kết công tác năm cũ")
    client.force_login(people["clerk"])
    response = client.get(url("register_book"))
    links = {year: query for year, query, _ in response.context["years"]}
    assert set(links) == {last_year, last_year + 1}
    assert old.code not in response.content.decode()  # today only
    rows = page_rows(client.get(reverse("outgoing:register_book") + "?" + links[last_year]))
    assert [r[0] for r in rows] == [old.code] and rows[0][1] == f"30/12/{last_year}"
    this_year = client.get(reverse("outgoing:register_book") + "?" + links[last_year + 1])
    assert [r[0] for r in page_rows(this_year)] == ["01/QĐ-UBND", book[1].code]
    assert f"01/01/{last_year + 1}" in this_year.content.decode()


def test_a_wrong_date_is_reported_and_kept(client, people, book):
    client.force_login(people["clerk"])
    response = client.get(url("register_book", date_from="31/02/2026"))
    assert response.status_code == 200 and response.context["rows"] is None
    html = response.content.decode()
    assert 'value="31/02/2026"' in html and "errorlist" in html
    response = client.get(url("postal_book", date_from="02/03/2026", date_to="01/03/2026"))
    assert response.context["rows"] is None and "phải sau hoặc trùng" in response.content.decode()
    response = client.get(url("register_book", date_from="31/02/2026", format="pdf"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert client.get(url("register_book", format="odt")).status_code == 404


def test_paging_keeps_the_register_order(client, people, book, issued, monkeypatch):
    monkeypatch.setattr(views_registers, "PAGE_SIZE", 2)
    third = issued("TB")
    client.force_login(people["clerk"])
    first_page = client.get(url("register_book"))
    assert [r[0] for r in page_rows(first_page)] == ["01/QĐ-UBND", book[1].code]
    assert "3 dòng" in first_page.content.decode()
    assert [r[0] for r in page_rows(client.get(url("register_book", page=2)))] == [third.code]
