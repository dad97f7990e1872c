"""Directory of outside agencies (danh bạ cơ quan): CSV import, by the service and through the admin page."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from vanthu.organization.models import ExternalAgency, User
from vanthu.organization.services import import_directory_csv

pytestmark = pytest.mark.django_db

IMPORT_URL = "/quan-tri/organization/externalagency/nhap-csv/"
CHANGELIST_URL = "/quan-tri/organization/externalagency/"

CSV = (
    "ten,viet_tat,ma_dinh_danh,email,dia_chi,ma_cap_tren\n"
    "Bộ Nội vụ,BNV,000.00.00.G09,bonoivu@moha.gov.vn,8 Tôn Thất Thuyết Hà Nội,\n"
    'Sở Nội vụ tỉnh Hà Tĩnh,SNV,000.20.31.H42,snv@hatinh.gov.vn,"Số 1, đường Nguyễn Du",000.00.00.G09\n'
    "Sở Tài chính tỉnh Hà Tĩnh,STC,000.21.31.H42,stc@hatinh.gov.vn,,\n"
    "Báo Hà Tĩnh,BHT,,baohatinh@gmail.com,,\n"
)


def by_code(code: str) -> ExternalAgency:
    return ExternalAgency.objects.get(code=code)


def test_imports_rows():
    result = import_directory_csv(CSV.encode())
    assert (result.created, result.updated, result.errors) == (4, 0, [])
    snv = by_code("000.20.31.H42")
    assert (snv.name, snv.abbreviation, snv.email, snv.address) == (
        "Sở Nội vụ tỉnh Hà Tĩnh",
        "SNV",
        "snv@hatinh.gov.vn",
        "Số 1, đường Nguyễn Du",  # a quoted comma stays in the field
    )
    assert snv.parent == by_code("000.00.00.G09")
    assert by_code("000.00.00.G09").parent is None
    assert ExternalAgency.objects.get(name="Báo Hà Tĩnh").code == ""


def test_reimport_updates_by_identifier():
    import_directory_csv(CSV.encode())
    renamed = (
        "ten,viet_tat,ma_dinh_danh,email\n"
        "Sở Nội vụ tỉnh Hà Tĩnh (mới),SNV,000.20.31.H42,vanphong.snv@hatinh.gov.vn\n"
        "Báo Hà Tĩnh,BHT,,toasoan@baohatinh.vn\n"
        "Sở Y tế tỉnh Hà Tĩnh,SYT,000.22.31.H42,\n"
    )
    result = import_directory_csv(renamed.encode())
    assert (result.created, result.updated, result.errors) == (1, 2, [])
    assert ExternalAgency.objects.count() == 5
    snv = by_code("000.20.31.H42")
    assert snv.name == "Sở Nội vụ tỉnh Hà Tĩnh (mới)" and snv.email == "vanphong.snv@hatinh.gov.vn"
    assert ExternalAgency.objects.get(name="Báo Hà Tĩnh").email == "toasoan@baohatinh.vn"
    # importing the same file twice changes nothing more
    again = import_directory_csv(renamed.encode())
    assert (again.created, again.updated) == (0, 3) and ExternalAgency.objects.count() == 5


@pytest.mark.parametrize("bad", ["000.20.31", "000-20-31-H42", "000.20.31.h42", "0000.20.31.H42", "ABC"])
def test_bad_identifier_is_reported_with_its_line(bad):
    text = (
        "ten,ma_dinh_danh\n"
        "Sở Tư pháp tỉnh Hà Tĩnh,000.23.31.H42\n"
        f"Sở Công Thương tỉnh Hà Tĩnh,{bad}\n"
        "Sở Xây dựng tỉnh Hà Tĩnh,000.25.31.H42\n"
    )
    result = import_directory_csv(text.encode())
    assert result.errors == [f"Dòng 3: mã định danh “{bad}” không đúng dạng 000.00.00.H42."]
    assert (result.created, result.updated) == (2, 0)  # the good rows are imported all the same
    assert not ExternalAgency.objects.filter(name="Sở Công Thương tỉnh Hà Tĩnh").exists()


def test_missing_name_and_missing_column_are_reported():
    result = import_directory_csv("ten,ma_dinh_danh\n,000.23.31.H42\nSở Tư pháp,000.23.31.H42\n".encode())
    assert result.errors == ["Dòng 2: thiếu tên cơ quan."]
    assert result.created == 1
    result = import_directory_csv("name,code\nSở Tư pháp,000.23.31.H42\n".encode())
    assert result.errors == ["Tệp CSV thiếu cột bắt buộc: ten"]


def test_line_numbers_count_blank_lines():
    """Regression: lines were counted as records, so an error after a blank line named the wrong line."""
    text = "ten,ma_dinh_danh\nSở Tư pháp,000.23.31.H42\n\nSở Công Thương,SAI\n"
    assert import_directory_csv(text.encode()).errors == [
        "Dòng 4: mã định danh “SAI” không đúng dạng 000.00.00.H42."
    ]


def test_semicolon_separator():
    text = CSV.replace(",", ";").replace('"Số 1; đường Nguyễn Du"', '"Số 1, đường Nguyễn Du"')
    result = import_directory_csv(text.encode())
    assert (result.created, result.errors) == (4, [])
    assert by_code("000.20.31.H42").address == "Số 1, đường Nguyễn Du"
    assert by_code("000.20.31.H42").parent == by_code("000.00.00.G09")


@pytest.mark.parametrize("sep", [",", ";"])
def test_utf8_bom(sep):
    """Excel's "CSV UTF-8" starts with a byte-order mark; the first column must still be found as ``ten``."""
    text = f"ten{sep}viet_tat{sep}ma_dinh_danh\nSở Giáo dục và Đào tạo{sep}SGDĐT{sep}000.26.31.H42\n"
    for data in (b"\xef\xbb\xbf" + text.encode(), "\ufeff" + text):
        result = import_directory_csv(data)
        assert result.errors == []
    entry = by_code("000.26.31.H42")
    assert (entry.name, entry.abbreviation) == ("Sở Giáo dục và Đào tạo", "SGDĐT")
    assert ExternalAgency.objects.count() == 1


def test_a_file_with_only_the_name_column():
    """Regression: with one column there is no delimiter to sniff (csv.Error escaped, a 500 in the admin)."""
    result = import_directory_csv("ten\nSở Tư pháp tỉnh Hà Tĩnh\nBáo Hà Tĩnh\n".encode())
    assert (result.created, result.errors) == (2, [])


def test_an_over_long_value_is_reported_with_its_line():
    """Regression: PostgreSQL raised DataError (the whole import failed), SQLite stored the value silently."""
    text = "ten,viet_tat,ma_dinh_danh\nSở Tư pháp,STP,000.23.31.H42\nSở Công Thương,Sở Công Thương tỉnh Hà Tĩnh (SCT),\n"
    result = import_directory_csv(text.encode())
    assert result.created == 1
    assert len(result.errors) == 1 and result.errors[0].startswith("Dòng 3:")
    assert "tối đa 30" in result.errors[0]
    assert not ExternalAgency.objects.filter(name="Sở Công Thương").exists()


def test_a_bad_email_is_reported_with_its_line():
    text = "ten;email\nSở Tư pháp;stp@hatinh.gov.vn\nSở Công Thương;sct(a)hatinh.gov.vn\n"
    result = import_directory_csv(text.encode())
    assert result.created == 1
    assert result.errors == ["Dòng 3: thư điện tử “sct(a)hatinh.gov.vn” không hợp lệ."]


# ---------------------------------------------------------------------------------------------------------------
# the admin page
# ---------------------------------------------------------------------------------------------------------------


@pytest.fixture
def superuser():
    return User.objects.create_superuser("root", "root@example.vn", "matkhau-123")


def test_admin_import_page_for_a_superuser(client, superuser):
    client.force_login(superuser)
    page = client.get(IMPORT_URL)
    assert page.status_code == 200
    assert 'type="file"' in page.content.decode()
    assert IMPORT_URL in client.get(CHANGELIST_URL).content.decode()  # the "Nhập từ CSV" button

    bad = CSV + "Sở Công Thương tỉnh Hà Tĩnh,SCT,SAI,,,\n"
    upload = SimpleUploadedFile("danhba.csv", b"\xef\xbb\xbf" + bad.encode(), "text/csv")
    response = client.post(IMPORT_URL, {"file": upload})
    assert response.status_code == 302 and response["Location"] == CHANGELIST_URL
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == [
        "Dòng 6: mã định danh “SAI” không đúng dạng 000.00.00.H42.",
        "Đã thêm 4, cập nhật 0 cơ quan.",
    ]
    assert ExternalAgency.objects.count() == 4


def test_admin_import_page_is_closed_to_others(client, people):
    """A signed-in person who is not staff is sent to the admin login, and nothing is imported."""
    client.force_login(people["clerk"])
    response = client.get(IMPORT_URL)
    assert response.status_code == 302 and "/quan-tri/login/" in response["Location"]
    upload = SimpleUploadedFile("danhba.csv", CSV.encode(), "text/csv")
    response = client.post(IMPORT_URL, {"file": upload})
    assert response.status_code == 302 and "/quan-tri/login/" in response["Location"]
    assert not ExternalAgency.objects.exists()
    client.logout()
    assert "/quan-tri/login/" in client.get(IMPORT_URL)["Location"]


def test_admin_import_of_a_non_utf8_file_is_an_error_message_not_a_500(client, superuser):
    """Regression: a file in the Windows code page raised UnicodeDecodeError (a 500)."""
    client.force_login(superuser)
    windows_1258 = b"ten,viet_tat\nB\xf4\xf2 T\xfd ph\xe1p,BTP\n"  # "Bộ Tư pháp" as Excel saves it on Windows
    upload = SimpleUploadedFile("danhba.csv", windows_1258, "text/csv")
    response = client.post(IMPORT_URL, {"file": upload})
    assert response.status_code == 302
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("không phải mã UTF-8" in m for m in shown), shown
    assert not ExternalAgency.objects.exists()
