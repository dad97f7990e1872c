"""Pages of outgoing documents as a user sees them: the list and its tabs, the detail page, creating and editing a
draft (a reply to an incoming document, a failed form that keeps everything), versions and downloads."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from vanthu.documents.exports import FontNotFound
from vanthu.incoming import services as incoming
from vanthu.organization.models import Role
from vanthu.outgoing import services
from vanthu.outgoing.models import OutgoingDocument, Placement
from vanthu.testing.factories import UserFactory, doc_type, draft_file, register_incoming

from .conftest import make_draft

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes(text: str = "Nội dung dự thảo") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document>{text}</w:document>")
    return buffer.getvalue()


def form_data(people, **overrides) -> dict:
    data = {
        "doc_type": doc_type("CV").pk,
        "abstract": "Về việc chuẩn bị báo cáo kinh tế - xã hội quý I",
        "drafting_unit": people["spec_kt"].unit_id,
        "proposed_signer": people["chairman"].pk,
        "signing_authority": "",
        "urgency": 0,
        "confidentiality": 0,
        "agencies_placement": Placement.ADDRESSEE,
        "units_placement": Placement.LISTED,
        "lines_placement": Placement.ADDRESSEE,
        "recipient_lines": "Công ty Điện lực Hà Tĩnh <dienluc@example.vn>",
    }
    data.update(overrides)
    return data


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def asked(people, units, register, stc):
    """An incoming document from Sở Tài chính, directed to Phòng KT and delegated to cv_kt."""
    doc = register_incoming(
        people["clerk"],
        register,
        sender=stc["entry"],
        code_number="45",
        code_notation="STC-NS",
        abstract="Về việc đề nghị bố trí vốn đối ứng",
    )
    incoming.direct(doc, people["chairman"], direction="KT tham mưu trả lời", lead_unit=units["KT"])
    incoming.delegate(doc.assignments.get(unit=units["KT"]), people["head_kt"], user=people["spec_kt"])
    doc.refresh_from_db()
    return doc


# --------------------------------------------------------------------------- list


def test_list_tabs_show_each_person_their_documents(client, people, out_register):
    mine = make_draft(people, abstract="Dự thảo của chuyên viên KT")
    held = services.submit(
        make_draft(people, drafter="spec_kt2", abstract="Dự thảo đang trình"), people["spec_kt2"]
    )

    client.force_login(people["spec_kt"])
    page = html(client.get(reverse("outgoing:list") + "?scope=mine"))
    assert "Dự thảo của chuyên viên KT" in page and "Dự thảo đang trình" not in page
    assert "Chờ phát hành" not in page  # the registry's tab only

    client.force_login(people["head_kt"])
    page = html(client.get(reverse("outgoing:list") + "?scope=waiting"))
    assert "Dự thảo đang trình" in page and "Dự thảo của chuyên viên KT" not in page
    assert held.holder == people["head_kt"]
    assert people["head_kt"].display_name in page  # the holder column

    client.force_login(people["clerk"])
    page = html(client.get(reverse("outgoing:list")))
    assert "Chờ phát hành" in page
    assert mine.abstract in page  # the clerk sees the agency's non-secret documents

    client.force_login(people["spec_vx"])
    page = html(client.get(reverse("outgoing:list")))
    assert "Dự thảo của chuyên viên KT" not in page and "0 văn bản" in page


def test_list_filters_and_counts(client, people, out_register, issued):
    make_draft(people, abstract="Kế hoạch phòng chống bão lụt")
    make_draft(people, abstract="Báo cáo tình hình giải ngân")
    done = issued(abstract="Văn bản đã phát hành về giải ngân")
    client.force_login(people["clerk"])
    url = reverse("outgoing:list")

    page = html(client.get(url, {"q": "giải ngân"}))
    assert "Báo cáo tình hình giải ngân" in page and "bão lụt" not in page and "2 văn bản" in page

    page = html(client.get(url, {"scope": "issued"}))
    assert done.code in page and "bão lụt" not in page and "1 văn bản" in page

    page = html(client.get(url, {"q": done.code}))
    assert "Văn bản đã phát hành về giải ngân" in page and "1 văn bản" in page

    tomorrow = (dt.date.today() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    assert "0 văn bản" in html(client.get(url, {"from": tomorrow}))
    today = dt.date.today().strftime("%d/%m/%Y")
    assert "3 văn bản" in html(client.get(url, {"from": today, "to": today}))

    page = html(client.get(url, {"type": "quyet-dinh"}))
    assert "0 văn bản" in page


def test_list_marks_overdue_drafts(client, people, out_register):
    doc = make_draft(people, abstract="Dự thảo quá hạn")
    OutgoingDocument.objects.filter(pk=doc.pk).update(
        deadline=dt.date.today() - dt.timedelta(days=3), due_on=dt.date.today() - dt.timedelta(days=3)
    )
    client.force_login(people["spec_kt"])
    page = html(client.get(reverse("outgoing:list")))
    assert "status-overdue" in page and "Quá hạn" in page


# --------------------------------------------------------------------------- detail and downloads


def test_who_may_not_see_gets_404_everywhere(client, people, out_register):
    doc = make_draft(people)
    version = doc.versions.get()
    client.force_login(people["spec_vx"])  # another unit's specialist
    assert client.get(doc.get_absolute_url()).status_code == 404
    assert client.get(reverse("outgoing:version", args=[doc.pk, version.pk])).status_code == 404
    assert client.get(reverse("outgoing:layout", args=[doc.pk, "docx"])).status_code == 404
    assert client.get(reverse("outgoing:edit", args=[doc.pk])).status_code == 404
    assert (
        client.post(reverse("outgoing:action", args=[doc.pk, "cancel"]), {"reason": "x"}).status_code == 404
    )
    assert client.post(reverse("outgoing:add_version", args=[doc.pk])).status_code == 404
    doc.refresh_from_db()
    assert doc.state == "draft"

    client.force_login(people["spec_kt2"])  # same unit: sees it, but no button
    page = client.get(doc.get_absolute_url())
    assert (
        page.status_code == 200
        and 'id="btn-cancel"' not in html(page)
        and 'id="btn-submit"' not in html(page)
    )


def test_detail_shows_versions_latest_marked_each_downloadable(client, people, out_register):
    doc = make_draft(people)
    client.force_login(people["spec_kt"])
    upload = SimpleUploadedFile("du-thao-v2.docx", docx_bytes())
    response = client.post(
        reverse("outgoing:add_version", args=[doc.pk]), {"file": upload, "note": "Sửa Điều 2"}
    )
    assert response.status_code == 302
    page = html(client.get(doc.get_absolute_url()))
    assert "du-thao-v2.docx" in page and "Sửa Điều 2" in page and "Mới nhất" in page
    latest = doc.versions.get(is_latest=True)
    assert latest.number == 2 and latest.file.original_name == "du-thao-v2.docx"
    for version in doc.versions.all():
        got = client.get(reverse("outgoing:version", args=[doc.pk, version.pk]), {"download": "1"})
        assert got.status_code == 200 and version.file.original_name in got["Content-Disposition"]

    bad = SimpleUploadedFile("ghi-chu.txt", b"not a draft")
    response = client.post(reverse("outgoing:add_version", args=[doc.pk]), {"file": bad})
    assert response.status_code == 422 and "không phải DOCX hoặc PDF" in html(response)
    assert doc.versions.count() == 2


def test_layout_with_an_unreadable_docx_still_gives_the_frame(client, people, out_register):
    doc = make_draft(people, file=draft_file(people["spec_kt"], "hong.docx", kind="docx"))
    client.force_login(people["spec_kt"])
    response = client.get(reverse("outgoing:layout", args=[doc.pk, "docx"]))
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.docx"')
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        assert "UBND-KT" in archive.read("word/document.xml").decode()  # the number's blank before issue


def test_layout_downloads(client, people, out_register, issued):
    doc = issued(abstract="Triển khai kế hoạch cải cách hành chính")
    client.force_login(people["spec_kt"])
    response = client.get(reverse("outgoing:layout", args=[doc.pk, "docx"]))
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert doc.code in xml and "cải cách hành chính" in xml
    try:
        from vanthu.outgoing.layout.pdf import pdf_fonts

        pdf_fonts()
    except FontNotFound:
        pytest.skip("no fonts for PDF on this machine")
    response = client.get(reverse("outgoing:layout", args=[doc.pk, "pdf"]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


# --------------------------------------------------------------------------- create and edit


def test_create_a_draft_with_files_and_recipients(client, people, units, sxd, out_register):
    client.force_login(people["spec_kt"])
    files = [
        SimpleUploadedFile("ban-1.docx", docx_bytes("một")),
        SimpleUploadedFile("ban-2.pdf", PDF + b"% 2\n"),
    ]
    data = form_data(people, recipient_agencies=[sxd.pk], recipient_units=[units["VX"].pk], files=files)
    response = client.post(reverse("outgoing:create"), data)
    doc = OutgoingDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == doc.get_absolute_url()
    assert doc.drafter == people["spec_kt"] and doc.state == "draft"
    assert [v.file.original_name for v in doc.versions.order_by("number")] == ["ban-1.docx", "ban-2.pdf"]
    assert doc.versions.get(is_latest=True).file.original_name == "ban-2.pdf"
    recipients = {r.name: (r.placement, r.channel) for r in doc.recipients.all()}
    assert recipients == {
        "Sở Xây dựng": ("addressee", "email"),
        "Phòng Văn hóa - Xã hội": ("listed", "internal"),
        "Công ty Điện lực Hà Tĩnh": ("addressee", "email"),
    }
    page = html(client.get(doc.get_absolute_url()))
    assert "Sở Xây dựng" in page and "Chờ gửi" in page and "Tạo dự thảo" in page


def test_failed_create_keeps_typed_values_and_uploaded_file(client, people, out_register):
    client.force_login(people["spec_kt"])
    upload = SimpleUploadedFile("du-thao-bao-cao.docx", docx_bytes())
    data = form_data(
        people, abstract="", note="Ghi chú đã gõ", recipient_lines="Công ty A <không-phải-email>"
    )
    data["files"] = upload
    response = client.post(reverse("outgoing:create"), data)
    page = html(response)
    assert response.status_code == 200 and not OutgoingDocument.objects.exists()
    assert "Dự thảo chưa được tạo" in page and "Ghi chú đã gõ" in page
    assert "Không đọc được dòng" in page  # the bad recipient line is named
    assert "du-thao-bao-cao.docx" in page  # the uploaded file is kept
    pending = response.context["form"].data["pending_files"]
    assert pending

    response = client.post(reverse("outgoing:create"), form_data(people, pending_files=pending))
    doc = OutgoingDocument.objects.get()
    assert response.status_code == 302
    assert doc.versions.get().file.original_name == "du-thao-bao-cao.docx"


def test_create_refuses_files_other_than_docx_or_pdf(client, people, out_register):
    client.force_login(people["spec_kt"])
    data = form_data(people, files=SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n"))
    response = client.post(reverse("outgoing:create"), data)
    assert response.status_code == 200 and "không phải DOCX hoặc PDF" in html(response)
    assert not OutgoingDocument.objects.exists()


def test_normative_flag_only_for_types_that_allow_it(client, people, out_register):
    client.force_login(people["spec_kt"])
    response = client.post(reverse("outgoing:create"), form_data(people, is_normative="on"))
    assert response.status_code == 200 and "không phải văn bản quy phạm pháp luật" in html(response)
    qd = doc_type("QĐ")
    response = client.post(reverse("outgoing:create"), form_data(people, doc_type=qd.pk, is_normative="on"))
    assert response.status_code == 302 and OutgoingDocument.objects.get().is_normative


def test_reply_to_prefills_and_links_both_ways(client, people, stc, asked, out_register):
    client.force_login(people["spec_kt"])
    detail = html(client.get(asked.get_absolute_url()))
    assert 'id="btn-reply"' in detail and f"?reply_to={asked.pk}" in detail

    response = client.get(reverse("outgoing:create"), {"reply_to": asked.pk})
    form = response.context["form"]
    assert form.initial["recipient_agencies"] == [stc["entry"].pk]
    assert form.initial["abstract"].startswith("V/v trả lời Công văn số 45/STC-NS")
    page = html(response)
    assert "Trả lời văn bản đến" in page and asked.get_absolute_url() in page

    data = form_data(
        people,
        abstract=form.initial["abstract"],
        replies_to=form.initial["replies_to"],
        recipient_agencies=[stc["entry"].pk],
        recipient_lines="",
        close_replied="on",
        files=SimpleUploadedFile("tra-loi.pdf", PDF),
    )
    response = client.post(reverse("outgoing:create"), data)
    doc = OutgoingDocument.objects.get()
    assert response.status_code == 302 and list(doc.replies_to.all()) == [asked] and doc.close_replied
    assert doc.recipients.get().external == stc["entry"] and doc.recipients.get().channel == "internal"
    page = html(client.get(doc.get_absolute_url()))
    assert asked.get_absolute_url() in page and "45/STC-NS" in page


def test_reply_to_a_hidden_incoming_document_is_refused(client, people, register, out_register):
    hidden = register_incoming(people["clerk"], register)  # not handed to Phòng KT
    client.force_login(people["spec_kt"])
    response = client.get(reverse("outgoing:create"), {"reply_to": hidden.pk})
    assert "replies_to" not in response.context["form"].initial
    response = client.post(reverse("outgoing:create"), form_data(people, replies_to=str(hidden.pk)))
    assert response.status_code == 200 and "Chỉ trả lời văn bản đến mà bạn được xem" in html(response)
    assert not OutgoingDocument.objects.exists()


def test_who_cannot_draft_gets_no_page_nor_button(client, people):
    client.force_login(people["admin"])  # no unit, not a leader
    assert client.get(reverse("outgoing:create")).status_code == 403
    page = html(client.get(reverse("outgoing:list")))
    assert 'id="btn-create"' not in page and 'id="nav-outgoing"' in page


def test_edit_a_draft_while_editable(client, people, units, out_register):
    doc = make_draft(people, recipients=[services.RecipientSpec(unit=units["VX"])])
    client.force_login(people["spec_kt"])
    response = client.get(reverse("outgoing:edit", args=[doc.pk]))
    assert response.status_code == 200 and doc.abstract in html(response)
    assert response.context["form"].initial["recipient_units"] == [units["VX"].pk]
    data = form_data(
        people, abstract="Trích yếu đã sửa", recipient_units=[units["TH"].pk], recipient_lines=""
    )
    response = client.post(reverse("outgoing:edit", args=[doc.pk]), data)
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.abstract == "Trích yếu đã sửa" and [r.name for r in doc.recipients.all()] == ["Phòng Tổng hợp"]

    response = client.post(reverse("outgoing:edit", args=[doc.pk]), form_data(people, abstract=" "))
    assert response.status_code == 200 and "Hãy nhập trích yếu" in html(response)

    services.submit(doc, people["spec_kt"])  # now the head of unit keeps it
    response = client.get(reverse("outgoing:edit", args=[doc.pk]))
    assert response.status_code == 302
    page = html(client.get(doc.get_absolute_url()))
    assert "Dự thảo không thể sửa" in page and 'id="btn-edit"' not in page


def test_nav_menu_and_waiting_count(client, people, out_register):
    services.submit(make_draft(people), people["spec_kt"])
    client.force_login(people["head_kt"])
    page = html(client.get(reverse("outgoing:list")))
    assert 'id="nav-outgoing"' in page and "Dự thảo của tôi" in page and "Soạn dự thảo" in page
    assert 'id="outgoing-count">1<' in page
    client.force_login(people["clerk"])
    assert "?scope=to_issue" in html(client.get(reverse("outgoing:list")))


def test_secret_draft_is_hidden_from_the_unit(client, people, out_secret_register):
    secret = make_draft(people, confidentiality=1, file=draft_file(people["spec_kt"]))
    other = UserFactory(
        username="cv_kt3", agency=people["spec_kt"].agency, unit=people["spec_kt"].unit, role=Role.SPECIALIST
    )
    client.force_login(other)
    assert client.get(secret.get_absolute_url()).status_code == 404
    client.force_login(people["spec_kt"])
    assert client.get(secret.get_absolute_url()).status_code == 200


def test_filtering_with_htmx_swaps_only_the_table(client, people, out_register):
    make_draft(people, abstract="Kế hoạch phòng chống bão lụt")
    client.force_login(people["spec_kt"])
    response = client.get(
        reverse("outgoing:list"),
        {"q": "bão lụt", "scope": "mine"},
        headers={"HX-Request": "true", "HX-Target": "outgoing-table"},
    )
    page = html(response)
    assert "Kế hoạch phòng chống bão lụt" in page and "1 văn bản" in page
    assert "<nav" not in page and 'id="scopes"' not in page  # no page frame, only the table


def test_clerk_corrects_the_recipients_of_a_signed_document(client, people, units, signed):
    doc = signed(recipients=[services.RecipientSpec(unit=units["VX"])])
    client.force_login(people["clerk"])
    page = html(client.get(doc.get_absolute_url()))
    assert "Sửa nơi nhận" in page
    response = client.get(reverse("outgoing:edit", args=[doc.pk]))
    assert response.status_code == 200 and 'name="abstract"' not in html(response)
    data = {
        "recipient_units": [units["TH"].pk],
        "units_placement": "listed",
        "agencies_placement": "addressee",
        "lines_placement": "addressee",
        "recipient_lines": "Báo Hà Tĩnh",
    }
    response = client.post(reverse("outgoing:edit", args=[doc.pk]), data)
    assert response.status_code == 302
    assert sorted(r.name for r in doc.recipients.all()) == ["Báo Hà Tĩnh", "Phòng Tổng hợp"]
    doc.refresh_from_db()
    assert doc.state == "signed"


def test_secret_draft_sends_free_text_recipients_by_post(client, people, out_secret_register):
    doc = make_draft(people, confidentiality=1)
    client.force_login(people["spec_kt"])
    data = form_data(people, abstract=doc.abstract, recipient_lines="Sở A <a@example.vn>")
    response = client.post(reverse("outgoing:edit", args=[doc.pk]), data)
    assert response.status_code == 302
    assert doc.recipients.get().channel == "post"  # a secret document never goes by e-mail


def test_service_refusal_on_create_is_shown_and_keeps_the_file(client, people, stc, out_secret_register):
    client.force_login(people["spec_kt"])
    data = form_data(
        people,
        confidentiality=1,
        recipient_agencies=[stc["entry"].pk],
        recipient_lines="",
        files=SimpleUploadedFile("mat.pdf", PDF),
    )
    response = client.post(reverse("outgoing:create"), data)
    page = html(response)
    assert response.status_code == 200 and not OutgoingDocument.objects.exists()
    assert "Văn bản mật không gửi qua mạng" in page and "mat.pdf" in page
