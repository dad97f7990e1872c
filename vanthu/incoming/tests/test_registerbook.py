"""The incoming register books: the rows of both books, the pages, the exports and who may see them."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import docx
import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from vanthu.documents.exports import FontNotFound, pdf_writer, register_fonts
from vanthu.documents.models import Confidentiality, Urgency
from vanthu.incoming import registerbook, services, views_registers
from vanthu.incoming.models import DocumentGrant, IncomingDocument
from vanthu.incoming.registerbook import (
    book_cover,
    book_queryset,
    followup_rows,
    incoming_register_rows,
    month_range,
    selectable_registers,
)
from vanthu.incoming.visibility import visible_incoming
from vanthu.testing.factories import register_incoming

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NO_FONT = (
    "no Vietnamese TrueType font on this machine (apt-get install fonts-dejavu-core): PDF text not checked"
)


def local(y, m, d, hh=9, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=HCM)


def vn(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def rows_of(user, register, start, end, kind="register"):
    qs = book_queryset(visible_incoming(user), register, start, end)
    return incoming_register_rows(qs) if kind == "register" else followup_rows(qs, user.agency_id)


def this_month():
    return month_range(timezone.localdate())


def url(name, **params):
    return reverse(f"incoming:{name}") + ("?" + urlencode(params) if params else "")


# --- rows --------------------------------------------------------------------------------------------------------


def test_register_row_columns_follow_the_handling(people, register, units):
    clerk, chairman = people["clerk"], people["chairman"]
    doc = register_incoming(
        clerk,
        register,
        received_at=local(2026, 2, 3, 8, 15),
        sender_name="Sở Tài chính tỉnh Hà Tĩnh",
        code_number="45",
        code_notation="STC-NS",
        document_date=dt.date(2026, 2, 2),
        abstract="Về việc bố trí kinh phí giải phóng mặt bằng",
        urgency=Urgency.URGENT,
        note="Kèm hồ sơ dự án",
    )
    start, end = dt.date(2026, 2, 1), dt.date(2026, 2, 28)

    (row,) = rows_of(clerk, register, start, end)
    assert row.received_on == dt.date(2026, 2, 3) and row.number == doc.number
    assert row.sender == "Sở Tài chính tỉnh Hà Tĩnh" and row.code == "45/STC-NS"
    assert row.document_date == dt.date(2026, 2, 2)
    assert row.type_and_abstract == "Công văn: Về việc bố trí kinh phí giải phóng mặt bằng"
    assert row.recipients == "" and row.handed_over_on is None
    assert row.note == "KHẨN; Kèm hồ sơ dự án" and row.urgent

    services.present(doc, clerk, chairman, "Kính trình")
    (row,) = rows_of(clerk, register, start, end)
    assert row.recipients == str(chairman) and "Chủ tịch" in row.recipients
    assert row.handed_over_on == timezone.localdate()

    services.direct(
        doc,
        chairman,
        direction="Giao Phòng Kinh tế chủ trì",
        lead_unit=units["KT"],
        coop_units=[units["VX"]],
        info_units=[units["TH"]],
        deadline=timezone.localdate() + dt.timedelta(days=10),
    )
    (row,) = rows_of(clerk, register, start, end)
    assert (
        row.recipients
        == "Phòng Kinh tế (chủ trì); Phòng Văn hóa - Xã hội (phối hợp); Phòng Tổng hợp (để biết)"
    )
    cells = row.cells()
    assert len(cells) == 10 and cells[8] == "" and cells[6] == row.recipients

    # giving the part to a specialist inside the unit does not change the register
    lead = doc.assignments.get(role="lead")
    services.delegate(lead, people["head_kt"], user=people["spec_kt"])
    assert rows_of(clerk, register, start, end)[0].recipients == row.recipients


def test_forwarded_and_returned_documents(people, register, units):
    clerk, chairman = people["clerk"], people["chairman"]
    forwarded = register_incoming(clerk, register, received_at=local(2026, 2, 4))
    services.forward(forwarded, clerk, unit=units["KT"])
    directed = register_incoming(clerk, register, received_at=local(2026, 2, 5))
    services.direct(
        directed, chairman, direction="Phòng KT xử lý", lead_unit=units["KT"], coop_units=[units["VX"]]
    )
    services.return_assignment(
        directed.assignments.get(role="lead"), people["head_kt"], "Không thuộc chức năng"
    )

    forwarded_row, directed_row = rows_of(clerk, register, dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert forwarded_row.recipients == "Phòng Kinh tế (chủ trì)"
    # every part was given back: the document is before the leader who directed it again
    assert directed_row.recipients == str(chairman)


def test_followup_rows(people, register, units):
    clerk, chairman, head = people["clerk"], people["chairman"], people["head_kt"]
    today = timezone.localdate()
    waiting = register_incoming(
        clerk, register, received_at=local(2026, 2, 2), code_number="7", code_notation="BXD-QLN"
    )
    overdue = register_incoming(clerk, register, received_at=local(2026, 2, 3), urgency=Urgency.VERY_URGENT)
    services.direct(
        overdue, chairman, direction="Xử lý", lead_unit=units["KT"], deadline=today - dt.timedelta(days=2)
    )
    done = register_incoming(clerk, register, received_at=local(2026, 2, 4))
    services.direct(
        done, chairman, direction="Xử lý", lead_unit=units["KT"], deadline=today + dt.timedelta(days=5)
    )
    services.complete(done.assignments.get(role="lead"), head, "Đã trả lời bằng Công văn số 123/UBND-KT")
    late = register_incoming(clerk, register, received_at=local(2026, 2, 5))
    services.direct(
        late, chairman, direction="Xử lý", lead_unit=units["VX"], deadline=today - dt.timedelta(days=1)
    )
    services.complete(late.assignments.get(role="lead"), people["head_vx"], "Đã báo cáo")

    rows = rows_of(clerk, register, dt.date(2026, 2, 1), dt.date(2026, 2, 28), kind="followup")
    assert [r.number for r in rows] == [waiting.number, overdue.number, done.number, late.number]
    first, second, third, fourth = rows
    assert first.document.startswith("Công văn số 7/BXD-QLN ngày ")
    assert first.document.splitlines()[0].endswith("của Sở Tài chính tỉnh Hà Tĩnh")
    assert first.document.splitlines()[1] == waiting.abstract
    assert first.progress == "Đã vào sổ, chờ trình — Không có hạn" and first.deadline is None
    assert second.progress == "Đang xử lý — Quá hạn" and second.recipients == "Phòng Kinh tế (chủ trì)"
    assert second.deadline == today - dt.timedelta(days=2) and second.note == "THƯỢNG KHẨN"
    assert third.progress == f"Hoàn thành ngày {vn(today)}"
    assert third.reply == "Đã trả lời bằng Công văn số 123/UBND-KT"
    assert fourth.progress == f"Hoàn thành ngày {vn(today)} (quá hạn)"
    assert len(first.cells()) == 7 and first.reply == ""


def test_rows_take_two_queries(
    people, register, units, django_assert_num_queries, django_assert_max_num_queries
):
    clerk, chairman = people["clerk"], people["chairman"]
    for i in range(5):
        doc = register_incoming(clerk, register, received_at=local(2026, 2, 1 + i))
        services.direct(doc, chairman, direction="Xử lý", lead_unit=units["KT"], coop_units=[units["VX"]])
    qs = book_queryset(visible_incoming(clerk), register, dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    with django_assert_num_queries(2):
        rows = incoming_register_rows(qs)
    assert len(rows) == 5 and all("(phối hợp)" in r.recipients for r in rows)
    # plus, at most, the agency's days off for the deadline status (cached between requests)
    with django_assert_max_num_queries(3):
        rows = followup_rows(qs[:3], clerk.agency_id)  # also after slicing (one page)
    assert len(rows) == 3


def test_date_range_uses_local_days(people, register):
    clerk = people["clerk"]
    before = register_incoming(clerk, register, received_at=local(2026, 1, 31, 23, 50))
    first = register_incoming(clerk, register, received_at=local(2026, 2, 1, 0, 5))
    last = register_incoming(clerk, register, received_at=local(2026, 2, 28, 23, 59))
    after = register_incoming(clerk, register, received_at=local(2026, 3, 1, 0, 0))
    rows = rows_of(clerk, register, dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert [r.pk for r in rows] == [first.pk, last.pk]
    assert [r.pk for r in rows_of(clerk, register, dt.date(2026, 1, 1), dt.date(2026, 3, 31))] == [
        before.pk,
        first.pk,
        last.pk,
        after.pk,
    ]
    assert month_range(dt.date(2026, 2, 14)) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert month_range(dt.date(2024, 2, 1)) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))


def test_cover(agency, register, secret_register):
    agency.parent_name = "Ủy ban nhân dân tỉnh Hà Tĩnh"
    agency.name = "Văn phòng Ủy ban nhân dân tỉnh"
    cover = book_cover("register", agency, register, dt.date(2026, 2, 1), dt.date(2026, 2, 28), [5, 6, 9], 1)
    assert cover.header_lines() == ["ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH"]
    assert cover.title == "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" and cover.subtitle == ""
    assert cover.detail_lines() == [
        "Năm: 2026",
        "Từ ngày 01/02/2026 đến ngày 28/02/2026",
        "Từ số 5 đến số 9",
        "Quyển số: 01",
    ]
    followup = book_cover("followup", agency, secret_register, dt.date(2025, 12, 1), dt.date(2026, 1, 31))
    assert followup.title == "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN"
    assert followup.subtitle == "(Sổ văn bản đến mật)" and followup.year == "2025–2026"
    assert not any(line.startswith("Từ số") for line in followup.detail_lines())


def test_secret_register_selectable_only_when_seen(people, register, secret_register):
    chairman, clerk = people["chairman"], people["clerk"]
    assert list(selectable_registers(clerk, visible_incoming(clerk))) == [register, secret_register]
    assert list(selectable_registers(chairman, visible_incoming(chairman))) == [register]
    doc = register_incoming(clerk, secret_register, confidentiality=Confidentiality.SECRET)
    assert list(selectable_registers(chairman, visible_incoming(chairman))) == [register]
    DocumentGrant.objects.create(document=doc, user=chairman, granted_by=clerk)
    assert list(selectable_registers(chairman, visible_incoming(chairman))) == [register, secret_register]


# --- pages -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["clerk", "chief", "chairman", "admin"])
def test_pages_open_for_clerks_and_leaders(client, people, register, role):
    doc = register_incoming(people["clerk"], register, abstract="Về việc tổng kết công tác văn thư năm 2025")
    client.force_login(people[role])
    for name in ("register_book", "followup_book"):
        response = client.get(url(name))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Về việc tổng kết công tác văn thư năm 2025" in html
        assert reverse("incoming:detail", args=[doc.pk]) in html
        assert "format=xlsx" in html and "format=docx" in html and "format=pdf" in html
    assert reverse("incoming:register_book") in html  # navigation link


@pytest.mark.parametrize("role", ["spec_kt", "head_kt", "spec_th"])
def test_others_get_404(client, people, register, role):
    register_incoming(people["clerk"], register)
    client.force_login(people[role])
    for name in ("register_book", "followup_book"):
        assert client.get(url(name)).status_code == 404
        assert client.get(url(name, format="xlsx")).status_code == 404
    page = client.get(reverse("incoming:list")).content.decode()
    assert reverse("incoming:register_book") not in page


def test_page_defaults_to_current_month_and_default_register(client, people, register, secret_register):
    clerk = people["clerk"]
    start, end = this_month()
    old = register_incoming(
        clerk, register, received_at=local(start.year - 1, 6, 1), abstract="Văn bản năm trước"
    )
    new = register_incoming(clerk, register, abstract="Văn bản tháng này")
    client.force_login(clerk)
    response = client.get(url("register_book"))
    html = response.content.decode()
    assert "Văn bản tháng này" in html and "Văn bản năm trước" not in html
    assert [r.pk for r in response.context["rows"]] == [new.pk]
    assert response.context["form"].cleaned_data["register"] == register
    assert f'value="{vn(start)}"' in html and f'value="{vn(end)}"' in html
    response = client.get(
        url("register_book", register=register.pk, date_from=vn(old.received_at.date()), date_to=vn(end))
    )
    assert [r.pk for r in response.context["rows"]] == [old.pk, new.pk]


def test_bad_dates_are_reported(client, people, register):
    client.force_login(people["clerk"])
    response = client.get(url("register_book", date_from="28/02/2026", date_to="01/02/2026"))
    assert response.status_code == 200 and response.context["rows"] is None
    assert "phải sau hoặc trùng" in response.content.decode()
    response = client.get(url("register_book", date_from="31/02/2026", format="xlsx"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


def test_paging(client, people, register, monkeypatch):
    monkeypatch.setattr(views_registers, "PAGE_SIZE", 2)
    docs = [register_incoming(people["clerk"], register) for _ in range(3)]
    client.force_login(people["clerk"])
    response = client.get(url("register_book"))
    assert "3 văn bản" in response.content.decode()
    assert [r.number for r in response.context["rows"]] == [docs[0].number, docs[1].number]
    response = client.get(url("register_book", page=2))
    assert [r.number for r in response.context["rows"]] == [docs[2].number]


# --- exports -----------------------------------------------------------------------------------------------------


def test_export_xlsx(client, people, register, units):
    clerk = people["clerk"]
    docs = [register_incoming(clerk, register) for _ in range(3)]
    services.forward(docs[0], clerk, unit=units["KT"])
    client.force_login(clerk)
    response = client.get(url("register_book", format="xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    cover, sheet = wb.worksheets
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in [r[0] for r in cover.iter_rows(values_only=True)]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == (
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
    )
    assert values[1] == tuple(f"({i})" for i in range(1, 11))
    assert len(values) == 2 + 3
    assert [v[1] for v in values[2:]] == [d.number for d in docs]
    assert values[2][6] == "Phòng Kinh tế (chủ trì)"


def test_export_docx_both_books(client, people, register):
    clerk = people["clerk"]
    docs = [register_incoming(clerk, register) for _ in range(2)]
    client.force_login(clerk)
    response = client.get(url("register_book", format="docx", volume=3))
    document = docx.Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in texts and "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH" in texts
    assert f"Từ số {docs[0].number} đến số {docs[1].number}" in texts and "Quyển số: 03" in texts
    (table,) = document.tables
    assert len(table.columns) == 10 and len(table.rows) == 2 + 2

    response = client.get(url("followup_book", format="docx"))
    document = docx.Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert "SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN" in texts
    assert not any(t.startswith("Từ số") for t in texts)
    (table,) = document.tables
    assert len(table.columns) == 7 and table.rows[1].cells[6].text == "(7)"
    assert table.rows[2].cells[4].text == "Đã vào sổ, chờ trình — Không có hạn"


def test_export_pdf(client, people, register):
    register_incoming(people["clerk"], register, sender_name="Sở Nông nghiệp và Phát triển nông thôn")
    client.force_login(people["clerk"])
    try:
        register_fonts()
    except FontNotFound:
        response = client.get(url("register_book", format="pdf"))
        assert response.status_code == 302  # back to the page with the message
        pytest.skip(NO_FONT)
    response = client.get(url("followup_book", format="pdf"))
    assert response["Content-Type"] == "application/pdf"
    response = client.get(url("register_book", format="pdf"))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    pypdf = pytest.importorskip("pypdf", reason="pypdf not installed: PDF text not checked")
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.content)).pages]
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in pages[0]
    assert "SởNôngnghiệpvàPháttriểnnôngthôn" in "".join(pages[1].split())


def test_export_pdf_without_font_tells_the_user(client, people, register, settings, monkeypatch):
    settings.VANTHU_PDF_FONT = ""
    monkeypatch.setattr(pdf_writer, "FONT_CANDIDATES", [])
    register_incoming(people["clerk"], register)
    client.force_login(people["clerk"])
    response = client.get(url("register_book", format="pdf"), follow=True)
    assert response.redirect_chain and response.status_code == 200
    html = response.content.decode()
    assert "Máy chủ thiếu phông chữ tiếng Việt" in html
    assert response.context["rows"] is not None  # back on the register page with the same filters


def test_export_refuses_too_many_rows(client, people, register, monkeypatch):
    monkeypatch.setattr(views_registers, "MAX_EXPORT_ROWS", 1)
    for _ in range(2):
        register_incoming(people["clerk"], register)
    client.force_login(people["clerk"])
    response = client.get(url("register_book", format="xlsx"), follow=True)
    assert "chọn khoảng ngắn hơn" in response.content.decode()


def test_secret_documents_only_for_granted_users(client, people, register, secret_register):
    clerk, chairman, chief = people["clerk"], people["chairman"], people["chief"]
    secret = register_incoming(
        clerk,
        secret_register,
        confidentiality=Confidentiality.SECRET,
        abstract="Về việc bảo vệ bí mật nhà nước",
    )
    register_incoming(clerk, register, abstract="Văn bản thường")
    secret_query = {"register": secret_register.pk}

    # the clerk who registered it holds a grant
    client.force_login(clerk)
    response = client.get(url("register_book", **secret_query))
    assert [r.pk for r in response.context["rows"]] == [secret.pk]
    assert "MẬT" in response.content.decode()

    # a leader without a grant can neither choose the register nor export it
    client.force_login(chairman)
    response = client.get(url("register_book", **secret_query))
    assert response.context["rows"] is None
    assert "Về việc bảo vệ bí mật nhà nước" not in response.content.decode()
    response = client.get(url("register_book", format="xlsx", **secret_query))
    assert response["Content-Type"].startswith("text/html")
    response = client.get(url("register_book"))
    assert "Về việc bảo vệ bí mật nhà nước" not in response.content.decode()

    DocumentGrant.objects.create(document=secret, user=chairman, granted_by=clerk)
    response = client.get(url("followup_book", **secret_query))
    assert [r.pk for r in response.context["rows"]] == [secret.pk]
    response = client.get(url("register_book", format="xlsx", **secret_query))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[1]
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 3 and values[2][9] == "MẬT"

    # the grant is personal: another leader still sees nothing of it
    client.force_login(chief)
    assert client.get(url("register_book", **secret_query)).context["rows"] is None
    assert IncomingDocument.objects.filter(register=secret_register).count() == 1
    assert registerbook.default_register(selectable_registers(chief, visible_incoming(chief))) == register
