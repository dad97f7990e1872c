"""Pages of the incoming context as a user sees them."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from vanthu.documents.models import DocumentType
from vanthu.incoming.models import IncomingDocument
from vanthu.testing.factories import register_incoming

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def form_data(register, **overrides):
    data = {
        "register": register.pk,
        "received_at": dt.datetime.now().strftime("%d/%m/%Y %H:%M"),
        "channel": "paper",
        "sender_name": "Sở Tài chính tỉnh Hà Tĩnh",
        "code": "45/STC-NS",
        "document_date": (dt.date.today() - dt.timedelta(days=2)).strftime("%d/%m/%Y"),
        "doc_type": DocumentType.objects.get(code="cong-van").pk,
        "abstract": "Về việc bố trí kinh phí giải phóng mặt bằng",
        "urgency": 0,
        "confidentiality": 0,
    }
    data.update(overrides)
    return data


def test_clerk_registers_with_file(client, people, register):
    client.force_login(people["clerk"])
    data = form_data(register, files=SimpleUploadedFile("cv45.pdf", PDF, "application/pdf"))
    response = client.post(reverse("incoming:create"), data)
    doc = IncomingDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == doc.get_absolute_url()
    assert doc.code == "45/STC-NS" and doc.files.count() == 1
    page = client.get(doc.get_absolute_url())
    assert "cv45.pdf" in page.content.decode()
    assert client.get(reverse("incoming:file", args=[doc.pk, doc.files.get().pk])).status_code == 200


def test_failed_form_keeps_values_and_file(client, people, register):
    client.force_login(people["clerk"])
    data = form_data(register, code="45 STC", files=SimpleUploadedFile("cv45.pdf", PDF, "application/pdf"))
    response = client.post(reverse("incoming:create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Số, ký hiệu không hợp lệ" in html or "không hợp lệ" in html
    assert "Về việc bố trí kinh phí giải phóng mặt bằng" in html
    assert "cv45.pdf" in html  # the uploaded file is kept
    pending = response.context["form"].data["pending_files"]
    assert pending
    response = client.post(reverse("incoming:create"), form_data(register, pending_files=pending))
    assert response.status_code == 302
    assert IncomingDocument.objects.get().files.get().original_name == "cv45.pdf"


def test_refuses_non_pdf_and_too_large(client, people, register, settings):
    client.force_login(people["clerk"])
    response = client.post(
        reverse("incoming:create"),
        form_data(register, files=SimpleUploadedFile("virus.exe", b"MZ\x90\x00", "application/pdf")),
    )
    assert "không phải PDF hoặc ảnh" in response.content.decode()
    settings.VANTHU_MAX_UPLOAD_MB = 0
    response = client.post(
        reverse("incoming:create"),
        form_data(register, files=SimpleUploadedFile("big.pdf", PDF * 10, "application/pdf")),
    )
    assert "vượt quá giới hạn" in response.content.decode()
    assert not IncomingDocument.objects.exists()


def test_duplicate_warning_then_confirm(client, people, register):
    client.force_login(people["clerk"])
    first = register_incoming(
        people["clerk"],
        register,
        code_number="45",
        code_notation="STC-NS",
        sender_name="Sở Tài chính tỉnh Hà Tĩnh",
        document_date=dt.date.today() - dt.timedelta(days=2),
    )
    response = client.post(reverse("incoming:create"), form_data(register, code="045/stc-ns"))
    html = response.content.decode()
    assert response.status_code == 200 and "Cảnh báo trùng văn bản" in html
    assert first.get_absolute_url() in html
    response = client.post(
        reverse("incoming:create"), form_data(register, code="045/stc-ns", confirm_duplicate="on")
    )
    assert response.status_code == 302
    assert IncomingDocument.objects.count() == 2


def test_urgent_first_in_list(client, people, register):
    client.force_login(people["clerk"])
    normal = register_incoming(people["clerk"], register)
    urgent = register_incoming(people["clerk"], register, urgency=3)
    newest = register_incoming(people["clerk"], register)
    response = client.get(reverse("incoming:list"))
    docs = list(response.context["page"].object_list)
    assert docs[0] == urgent and docs[1:] == [newest, normal]
    assert 'class="urgent"' in response.content.decode()


def test_detail_action_with_error_keeps_text(client, people, register, units):
    doc = register_incoming(people["clerk"], register)
    client.force_login(people["chairman"])
    response = client.post(
        reverse("incoming:action", args=[doc.pk, "direct"]),
        {"direction": "Giao KT xử lý", "deadline_days": ""},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Chọn một đơn vị chủ trì hoặc một cá nhân chủ trì." in html and "Giao KT xử lý" in html
    response = client.post(
        reverse("incoming:action", args=[doc.pk, "direct"]),
        {"direction": "Giao KT xử lý", "lead_unit": units["KT"].pk, "deadline_days": "5"},
    )
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.deadline is not None and doc.state == "in_progress"


def test_inbox_shows_pending_work(client, people, register, units):
    doc = register_incoming(people["clerk"], register)
    client.force_login(people["clerk"])
    assert doc in client.get(reverse("incoming:inbox")).context["sections"][0].items
    client.post(reverse("incoming:action", args=[doc.pk, "present"]), {"leader": people["chairman"].pk})
    client.force_login(people["chairman"])
    sections = {s.key: s for s in client.get(reverse("incoming:inbox")).context["sections"]}
    assert sections["to_direct"].count == 1


def test_type_inferred_from_notation_and_next_number_shown(client, people, register):
    client.force_login(people["clerk"])
    page = client.get(reverse("incoming:create")).content.decode()
    assert "số đến tiếp theo 1" in page
    response = client.post(reverse("incoming:create"), form_data(register, code="12/QÐ-UBND", doc_type=""))
    assert not response.context or not response.context["form"].errors, response.context["form"].errors
    assert response.status_code == 302
    doc = IncomingDocument.objects.get()
    assert doc.doc_type.abbreviation == "QĐ" and doc.code == "12/QĐ-UBND"  # U+00D0 typed, U+0110 stored
    client.post(reverse("incoming:create"), form_data(register, code="13/UBND-TH", doc_type=""))
    assert IncomingDocument.objects.get(code_number="13").doc_type.code == "cong-van"
    assert "số đến tiếp theo 3" in client.get(reverse("incoming:create")).content.decode()


def test_list_count_is_capped(client, people, register, monkeypatch):
    from vanthu.incoming import views

    monkeypatch.setattr(views, "COUNT_CAP", 2)
    for _ in range(3):
        register_incoming(people["clerk"], register)
    client.force_login(people["clerk"])
    html = client.get(reverse("incoming:list")).content.decode()
    assert "Hơn 10.000 văn bản" in html
    monkeypatch.setattr(views, "COUNT_CAP", 10)
    assert "3 văn bản" in client.get(reverse("incoming:list")).content.decode()


def test_buttons_follow_the_service_rules(client, people, register):
    """A clerk may present again (to another leader) a document already presented; the page offers it."""
    from vanthu.incoming import services

    doc = register_incoming(people["clerk"], register)
    services.present(doc, people["clerk"], people["chief"])
    client.force_login(people["clerk"])
    html = client.get(doc.get_absolute_url()).content.decode()
    assert 'id="btn-present"' in html and 'id="btn-forward"' not in html
    response = client.post(
        reverse("incoming:action", args=[doc.pk, "present"]), {"leader": people["chairman"].pk}
    )
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.presented_to == people["chairman"]
