"""Work programme pages: create, import, the month table and item list, move an item, who sees what."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from vanthu.organization.models import Role
from vanthu.tasks import programme as svc
from vanthu.tasks.models import ProgrammeItem, Task, WorkProgramme
from vanthu.tasks.tests.test_programme import workbook
from vanthu.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def programme(agency, people):
    return svc.create_programme(agency, 2026, "", "15/QĐ-UBND", people["clerk"])


@pytest.fixture
def items(programme, people):
    leader = people["chairman"].display_name
    rows, errors = svc.parse_programme_xlsx(
        workbook(
            [
                [1, "Đề án phát triển kinh tế số", "Đề án", "KT", "3", leader],
                [2, "Báo cáo công tác văn hóa", "Báo cáo", "VX", "Quý II", leader],
            ]
        ),
        programme.agency,
        year=2026,
    )
    assert not errors
    return svc.add_items(programme, people["clerk"], rows)


def upload(rows, name="chuong-trinh.xlsx"):
    return SimpleUploadedFile(name, workbook(rows).getvalue(), content_type=XLSX)


def test_index_offers_creation_then_redirects(client, people, agency):
    year = timezone.localdate().year
    client.force_login(people["clerk"])
    page = client.get(reverse("tasks:programme_index"))
    assert page.status_code == 200
    assert f"Chương trình công tác năm {year} của UBND tỉnh Hà Tĩnh" in page.content.decode()

    response = client.post(
        reverse("tasks:programme_index"),
        {"year": year, "title": "CTCT năm nay", "decision_code": "5/QĐ-UBND"},
    )
    programme = WorkProgramme.objects.get(agency=agency, year=year)
    assert response.status_code == 302 and response.url == programme.get_absolute_url()
    assert client.get(reverse("tasks:programme_index")).url == programme.get_absolute_url()

    again = client.post(reverse("tasks:programme_index"), {"year": year, "title": "Lần hai"})
    assert f"Đã có chương trình công tác năm {year}." in again.content.decode()
    assert WorkProgramme.objects.count() == 1


def test_specialist_cannot_create(client, people):
    client.force_login(people["spec_kt"])
    page = client.get(reverse("tasks:programme_index"))
    assert page.status_code == 200 and 'id="programme-form"' not in page.content.decode()
    response = client.post(reverse("tasks:programme_index"), {"year": 2030, "title": "X"})
    assert response.status_code == 403 and not WorkProgramme.objects.exists()


def test_detail_for_a_leader(client, people, programme, items):
    client.force_login(people["chairman"])
    page = client.get(reverse("tasks:programme", args=[2026]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Đề án phát triển kinh tế số" in html and "Báo cáo công tác văn hóa" in html
    assert 'id="total-planned">2<' in html
    assert 'id="items-month-3"' in html and 'id="items-month-6"' in html
    assert "30/06/2026" in html and "Quý 2" in html
    assert reverse("tasks:programme_move", args=[items[0].pk]) in html
    assert items[0].task.get_absolute_url() in html

    march = client.get(reverse("tasks:programme", args=[2026]), {"month": 3}).content.decode()
    assert "Đề án phát triển kinh tế số" in march and "Báo cáo công tác văn hóa" not in march


def test_specialist_sees_only_the_items_of_his_unit(client, people, programme, items):
    client.force_login(people["spec_vx"])
    html = client.get(reverse("tasks:programme", args=[2026])).content.decode()
    assert "Báo cáo công tác văn hóa" in html and "Đề án phát triển kinh tế số" not in html
    assert 'id="total-planned">1<' in html
    assert 'id="import-form"' not in html and "btn-outline-warning" not in html


def test_outsiders_get_404(client, people, programme, items, other_agency):
    outsider = UserFactory(username="ngoai", agency=other_agency, role=Role.AGENCY_LEADER)
    client.force_login(outsider)
    assert client.get(reverse("tasks:programme", args=[2026])).status_code == 404
    assert client.get(reverse("tasks:programme_move", args=[items[0].pk])).status_code == 404
    assert client.post(reverse("tasks:programme_import", args=[2026]), {}).status_code == 404
    client.force_login(people["chairman"])
    assert client.get(reverse("tasks:programme", args=[2019])).status_code == 404


def test_import_page_success_and_row_errors(client, people, programme):
    client.force_login(people["clerk"])
    url = reverse("tasks:programme_import", args=[2026])
    leader = people["chief"].display_name
    bad = client.post(
        url,
        {
            "file": upload(
                [[1, "Đề án A", "Đề án", "KT", "3", leader], [2, "Đề án B", "", "Sở Không Có", "4", leader]]
            )
        },
    )
    html = bad.content.decode()
    assert bad.status_code == 200 and 'id="import-errors"' in html
    assert "Dòng 5: Không tìm thấy cơ quan chủ trì “Sở Không Có”" in html
    assert Task.objects.count() == 0

    good = client.post(
        url,
        {
            "file": upload(
                [[1, "Đề án A", "Đề án", "KT", "3", leader], [2, "Đề án B", "", "VX", "Q4", leader]]
            )
        },
    )
    assert good.status_code == 302
    assert ProgrammeItem.objects.filter(programme=programme).count() == 2
    assert "Đã nhập 2 nội dung vào chương trình." in client.get(good.url).content.decode()

    wrong_type = client.post(
        url, {"file": SimpleUploadedFile("ct.pdf", b"%PDF-1.4", content_type="application/pdf")}
    )
    assert "Chỉ nhận tệp Excel .xlsx" in wrong_type.content.decode()


def test_specialist_import_is_forbidden(client, people, programme):
    client.force_login(people["spec_kt"])
    response = client.post(
        reverse("tasks:programme_import", args=[2026]), {"file": upload([[1, "A", "", "KT", "3", ""]])}
    )
    assert response.status_code == 403 and Task.objects.count() == 0


def test_template_download(client, people):
    client.force_login(people["clerk"])
    response = client.get(reverse("tasks:programme_template"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert response.content[:2] == b"PK"


def test_move_page(client, people, programme, items):
    item = items[0]
    url = reverse("tasks:programme_move", args=[item.pk])
    client.force_login(people["spec_kt"])  # sees the task (his unit leads it) but may not move it
    assert client.get(url).status_code == 403

    client.force_login(people["chairman"])
    form = client.get(url).content.decode()
    assert '<option value="4"' in form and '<option value="3"' not in form
    missing_reason = client.post(url, {"new_month": 5, "reason": ""})
    assert missing_reason.status_code == 200 and ProgrammeItem.objects.get(pk=item.pk).current_month == 3
    response = client.post(url, {"new_month": 5, "reason": "Chờ ý kiến Bộ"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.current_month == 5 and item.task.deadline == dt.date(2026, 5, 31)
    html = client.get(response.url).content.decode()
    assert "Lùi sang tháng 5" in html and 'id="total-moved">1<' in html
    moved = client.get(response.url, {"status": "moved"}).content.decode()
    assert "Đề án phát triển kinh tế số" in moved and "Báo cáo công tác văn hóa" not in moved
