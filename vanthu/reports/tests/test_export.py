"""Báo cáo kết quả thực hiện nhiệm vụ: the three formats open and hold the categories and the totals."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from .conftest import task

pytestmark = pytest.mark.django_db

HEADERS = [
    "STT",
    "Cơ quan/đơn vị chủ trì",
    "Tổng số nhiệm vụ",
    "Đã hoàn thành: Đúng hạn",
    "Đã hoàn thành: Quá hạn",
    "Chưa hoàn thành: Trong hạn",
    "Chưa hoàn thành: Quá hạn",
    "Không có thời hạn",
    "Tỷ lệ đúng hạn (%)",
]


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture
def report_query(people, units):
    on = days(-100)
    task(people, units["KT"], assigned_on=on, deadline=days(-60))
    task(people, units["KT"], assigned_on=on, deadline=days(-50), done_on=days(-55))
    task(people, units["VX"], assigned_on=on, deadline=days(-80), done_on=days(-50))
    task(people, units["VX"], assigned_on=on, deadline=days(60))
    task(people, units["VX"], assigned_on=on, deadline=None)
    return f"?period=custom&from={days(-120).isoformat()}&to={days(0).isoformat()}"


def download(client, people, fmt: str, query: str):
    client.force_login(people["chairman"])
    response = client.get(reverse("reports:task_report", args=[fmt]) + query)
    assert response.status_code == 200
    assert "bao-cao-ket-qua-thuc-hien-nhiem-vu" in response["Content-Disposition"]
    return response.content


def period_line() -> str:
    return f"Từ ngày {days(-120):%d/%m/%Y} đến ngày {days(0):%d/%m/%Y}"


def test_xlsx(client, people, report_query):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(download(client, people, "xlsx", report_query)))
    cover, table = book.worksheets
    cover_text = [c.value for row in cover.iter_rows() for c in row if c.value]
    assert "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH" in cover_text
    assert "BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ" in cover_text
    assert period_line() in cover_text
    rows = [[c.value for c in row] for row in table.iter_rows()]
    assert rows[0] == HEADERS
    body = {row[1]: row[2:] for row in rows[2:]}
    assert body["Phòng Kinh tế"] == [2, 1, 0, 0, 1, 0, "50,0"]
    assert body["Phòng Văn hóa - Xã hội"] == [3, 0, 1, 1, 0, 1, "0,0"]
    assert body["Tổng cộng"] == [5, 1, 1, 1, 1, 1, "33,3"]
    assert rows[-1][1] == "Tổng cộng"


def test_docx(client, people, report_query):
    from docx import Document

    document = Document(io.BytesIO(download(client, people, "docx", report_query)))
    paragraphs = [p.text for p in document.paragraphs]
    assert "BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ" in paragraphs
    assert period_line() in paragraphs
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == HEADERS
    assert [c.text for c in table.rows[-1].cells] == ["", "Tổng cộng", "5", "1", "1", "1", "1", "1", "33,3"]


def test_pdf(client, people, report_query):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(download(client, people, "pdf", report_query)))
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ" in flat
    assert period_line() in flat
    for word in ["Tổng số nhiệm vụ", "Không có thời hạn", "Tổng cộng", "33,3"]:
        assert word in flat


def test_unknown_format_is_not_found(client, people):
    client.force_login(people["chairman"])
    assert client.get(reverse("reports:task_report", args=["csv"])).status_code == 404


def test_a_unit_head_exports_only_his_unit(client, people, report_query):
    from openpyxl import load_workbook

    client.force_login(people["head_kt"])
    data = client.get(reverse("reports:task_report", args=["xlsx"]) + report_query).content
    rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(data)).worksheets[1].iter_rows()]
    assert [row[1] for row in rows[2:]] == ["Phòng Kinh tế", "Tổng cộng"]
