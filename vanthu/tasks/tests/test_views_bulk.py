"""Giao nhiều nhiệm vụ từ kế hoạch: paste or upload, check in the table, assign all at once."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from vanthu.tasks.models import Task
from vanthu.testing.factories import ExternalAgencyFactory, register_incoming

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
URL = "tasks:bulk"


def common(people, **overrides):
    values = {
        "source_kind": "plan",
        "source_code": "120/KH-UBND",
        "source_date": TODAY.strftime("%d/%m/%Y"),
        "assigned_by": people["chairman"].pk,
        "priority": "0",
    }
    values.update(overrides)
    return values


def preview(client, people, **fields):
    response = client.post(reverse(URL), {**common(people), "step": "preview", **fields})
    assert response.status_code == 200
    return response


def submit(client, people, formset_data: dict, **overrides):
    """Send the table back as the browser does, with the "Giao nhiệm vụ" button."""
    data = {**common(people), **formset_data, "step": "create", **overrides}
    return client.post(reverse(URL), data)


def test_paste_thirty_numbered_lines(client, people, units):
    sotc = ExternalAgencyFactory(name="Sở Tài chính", abbreviation="STC", code="")
    leads = ["KT", "Phòng Văn hóa - Xã hội", "tổng hợp", "Sở Tài chính", "stc"]
    deadline = TODAY + dt.timedelta(days=45)
    lines = [
        f"{n}. Triển khai nội dung số {n} của kế hoạch\t{leads[n % 5]}\t{deadline:%d/%m/%Y}"
        for n in range(1, 31)
    ]
    client.force_login(people["clerk"])
    response = preview(client, people, paste="\n".join(lines))
    formset = response.context["formset"]
    assert formset.total_form_count() == 30
    assert not any(f.errors for f in formset.forms)
    html = response.content.decode()
    assert html.count('<tr class="" data-row=') == 30
    assert f'value="u:{units["KT"].pk}" selected' in html and f'value="e:{sotc.pk}" selected' in html

    response = submit(client, people, formset.data)
    assert response.status_code == 302
    tasks = {t.item_number: t for t in Task.objects.all()}
    assert sorted(tasks, key=int) == [str(n) for n in range(1, 31)]
    expected = {0: ("lead_unit", units["KT"]), 1: ("lead_unit", units["VX"]), 2: ("lead_unit", units["TH"])}
    expected |= {3: ("lead_external", sotc), 4: ("lead_external", sotc)}
    for number, task in tasks.items():
        attribute, lead = expected[int(number) % 5]
        assert getattr(task, attribute) == lead, number
        assert task.content == f"Triển khai nội dung số {number} của kế hoạch"
        assert task.deadline == deadline and task.source_code == "120/KH-UBND"
        assert task.assigned_by == people["chairman"] and task.source_kind == "plan"
    listing = client.get(response["Location"]).content.decode()
    assert "Đã giao 30 nhiệm vụ" in listing and "30 nhiệm vụ" in listing


def test_rows_with_problems_are_shown_and_nothing_is_created(client, people, units):
    client.force_login(people["chief"])
    text = "1. Nội dung một\tKT\t31/12/2099\n2. Nội dung hai\tSở Nội vụ\n3. Nội dung ba\tVX\tsớm nhất"
    response = preview(client, people, paste=text)
    forms = response.context["formset"].forms
    html = response.content.decode()
    assert not forms[0].errors
    assert "Không tìm thấy đơn vị “Sở Nội vụ”" in html
    assert "Không hiểu thời hạn “sớm nhất”" in html
    data = dict(response.context["formset"].data)
    response = submit(client, people, data)
    assert response.status_code == 200 and not Task.objects.exists()
    assert "Chưa giao được" in response.content.decode()
    # fix the rows in the table, drop the third, and assign
    data["rows-1-lead"] = f"u:{units['TH'].pk}"
    data["rows-2-DELETE"] = "on"
    response = submit(client, people, data, default_deadline="10")
    assert response.status_code == 302
    assert Task.objects.count() == 2
    second = Task.objects.get(item_number="2")
    assert (
        second.lead_unit == units["TH"]
        and second.deadline_kind == "working_days"
        and second.working_days == 10
    )


def test_a_row_refused_by_the_service_is_named_and_nothing_is_created(client, people, units):
    client.force_login(people["chief"])
    text = "1. Nội dung một\tKT\t31/12/2099\n2. Nội dung hai\tVX\t01/01/2020\n"
    response = preview(client, people, paste=text)
    response = submit(client, people, response.context["formset"].data)
    html = response.content.decode()
    assert response.status_code == 200 and not Task.objects.exists()
    assert "Dòng 2: Thời hạn không được trước ngày giao." in html
    assert response.context["formset"].forms[1].errors["deadline"]
    assert "Nội dung một" in html and "Nội dung hai" in html  # the table is kept


def test_xlsx_import(client, people, units):
    sotc = ExternalAgencyFactory(name="Sở Tài chính", abbreviation="STC", code="")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Nội dung", "Chủ trì", "Phối hợp", "Thời hạn"])
    ws.append([1, "Xây dựng đề án chuyển đổi số", "KT", "TH, Sở Tài chính", dt.datetime(2099, 3, 31)])
    ws.append(["2", "Tổng kết phong trào thi đua", "VX", None, "Thường xuyên"])
    ws.append(["II.1", "Báo cáo sơ kết", "Phòng Tổng hợp", "", "15"])
    out = io.BytesIO()
    wb.save(out)
    upload = SimpleUploadedFile(
        "ke-hoach.xlsx", out.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    client.force_login(people["chief"])
    response = preview(client, people, xlsx=upload)
    formset = response.context["formset"]
    assert formset.total_form_count() == 3 and not any(f.errors for f in formset.forms)
    response = submit(client, people, formset.data)
    assert response.status_code == 302
    first = Task.objects.get(item_number="1")
    assert first.lead_unit == units["KT"] and first.deadline == dt.date(2099, 3, 31)
    assert list(first.coop_units.all()) == [units["TH"]] and list(first.coop_externals.all()) == [sotc]
    assert Task.objects.get(item_number="2").deadline_kind == "none"
    third = Task.objects.get(item_number="II.1")
    assert third.lead_unit == units["TH"] and third.working_days == 15


def test_not_an_xlsx_and_nothing_given(client, people):
    client.force_login(people["chief"])
    response = preview(client, people, xlsx=SimpleUploadedFile("a.xlsx", b"%PDF-1.4", "application/pdf"))
    assert "không phải tệp Excel .xlsx" in response.content.decode() and response.context["formset"] is None
    response = preview(client, people)
    assert "Hãy dán danh sách nhiệm vụ hoặc chọn tệp Excel" in response.content.decode()


def test_bulk_from_an_incoming_document(client, people, units, register):
    doc = register_incoming(people["clerk"], register, code_number="7", code_notation="KH-STC")
    client.force_login(people["clerk"])
    response = client.get(reverse(URL) + f"?incoming={doc.pk}")
    form = response.context["common"]
    assert form["incoming"].value() == doc.pk and form["source_code"].value() == "7/KH-STC"
    response = preview(client, people, paste="1. Việc một\tKT\n2. Việc hai\tVX", incoming=doc.pk)
    response = submit(
        client, people, response.context["formset"].data, incoming=doc.pk, default_deadline="thường xuyên"
    )
    assert response.status_code == 302
    assert set(Task.objects.values_list("source_incoming", flat=True)) == {doc.pk}


def test_the_first_step_has_a_way_back(client, people, register):
    doc = register_incoming(people["clerk"], register)
    client.force_login(people["clerk"])
    html = client.get(reverse(URL)).content.decode()
    assert f'href="{reverse("tasks:list")}" id="btn-back"' in html
    html = client.get(reverse(URL) + f"?incoming={doc.pk}").content.decode()
    assert f'href="{doc.get_absolute_url()}" id="btn-back"' in html
