"""Actions on an outgoing document through the pages: the whole chain from draft to issue, returns with comments,
forwarding, choosing the next person, paper documents, sending, recall, amendment and cancellation; only the
buttons a person may use, and refusals as messages (never a server error)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from vanthu.incoming import services as incoming
from vanthu.organization.models import Role
from vanthu.outgoing import services
from vanthu.outgoing.models import OutgoingDocument, PostalDispatch
from vanthu.outgoing.services import RecipientSpec
from vanthu.testing.factories import UserFactory, doc_type, register_incoming

from .conftest import make_draft

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def act(client, doc, action: str, data: dict | None = None, follow: bool = True):
    return client.post(reverse("outgoing:action", args=[doc.pk, action]), data or {}, follow=follow)


def page(client, doc) -> str:
    return client.get(doc.get_absolute_url()).content.decode()


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def asked(people, units, register, stc):
    doc = register_incoming(
        people["clerk"], register, sender=stc["entry"], code_number="45", code_notation="STC-NS"
    )
    incoming.direct(doc, people["chairman"], direction="KT tham mưu trả lời", lead_unit=units["KT"])
    incoming.delegate(doc.assignments.get(unit=units["KT"]), people["head_kt"], user=people["spec_kt"])
    return doc


def test_full_chain_through_the_pages(client, people, stc, ubnd_entry, asked, out_register):
    """Chuyên viên soạn trả lời → trưởng phòng → Chánh Văn phòng → Chủ tịch ký → văn thư phát hành."""
    client.force_login(people["spec_kt"])
    data = {
        "doc_type": doc_type("CV").pk,
        "abstract": "V/v trả lời Công văn số 45/STC-NS",
        "drafting_unit": people["spec_kt"].unit_id,
        "proposed_signer": people["chairman"].pk,
        "urgency": 0,
        "confidentiality": 0,
        "replies_to": str(asked.pk),
        "recipient_agencies": [stc["entry"].pk],
        "agencies_placement": "addressee",
        "units_placement": "listed",
        "lines_placement": "addressee",
        "files": SimpleUploadedFile("tra-loi.pdf", PDF),
    }
    client.post(reverse("outgoing:create"), data)
    doc = OutgoingDocument.objects.get()

    html = page(client, doc)
    assert 'id="btn-submit"' in html and 'id="btn-approve"' not in html
    response = act(client, doc, "submit", {"note": "Kính trình"})
    assert "Đã trình dự thảo cho" in text(response) and people["head_kt"].display_name in text(response)

    for holder in ("head_kt", "chief"):
        client.force_login(people[holder])
        html = page(client, doc)
        assert 'id="btn-approve"' in html and 'id="btn-return"' in html and 'id="btn-sign"' not in html
        assert "data-current" in html  # the chain shows the step held now
        act(client, doc, "approve", {"comment": "Đồng ý"})

    client.force_login(people["chairman"])
    html = page(client, doc)
    assert 'id="btn-sign"' in html and 'id="btn-approve"' not in html
    act(client, doc, "sign", {"file": SimpleUploadedFile("da-ky.pdf", PDF + b"% signed\n")})
    doc.refresh_from_db()
    assert doc.state == "signed" and doc.versions.get(is_latest=True).kind == "signed"

    client.force_login(people["clerk"])
    assert 'id="btn-issue"' in page(client, doc)
    response = act(client, doc, "issue", {})
    doc.refresh_from_db()
    assert doc.code == "01/UBND-KT"
    assert "Đã phát hành văn bản số 01/UBND-KT" in text(response)
    html = page(client, doc)
    assert 'id="doc-code">01/UBND-KT<' in html and "Đã gửi, chờ tiếp nhận" in html

    client.force_login(people["spec_kt"])
    incoming_page = client.get(asked.get_absolute_url()).content.decode()
    assert 'id="doc-reply-code">01/UBND-KT<' in incoming_page


def test_return_shows_the_comment_to_the_drafter(client, people, out_register):
    doc = services.submit(make_draft(people), people["spec_kt"])
    client.force_login(people["head_kt"])
    response = act(client, doc, "return", {"comment": ""}, follow=False)
    assert response.status_code == 422 and "Vui lòng nhập nội dung" in text(response)
    doc.refresh_from_db()
    assert doc.state == "in_review"

    act(client, doc, "return", {"comment": "Bổ sung số liệu quý IV vào mục 2"})
    client.force_login(people["spec_kt"])
    html = page(client, doc)
    assert 'id="returned-comment"' in html and "Bổ sung số liệu quý IV vào mục 2" in html
    assert "Trình lại" in html and 'id="btn-edit"' in html

    # the drafter resubmits: the draft goes back to the person who returned it
    act(client, doc, "submit", {})
    doc.refresh_from_db()
    assert doc.state == "in_review" and doc.holder == people["head_kt"]
    assert 'id="returned-comment"' not in page(client, doc)


def test_only_allowed_buttons_and_refusals_are_messages(client, people, out_register):
    doc = services.submit(make_draft(people), people["spec_kt"])
    client.force_login(people["spec_kt2"])  # sees the unit's draft, holds nothing
    html = page(client, doc)
    assert 'id="actions"' not in html
    response = act(client, doc, "approve", {"comment": "?"})
    assert response.status_code == 200 and "Bạn không thể thực hiện thao tác này" in text(response)
    doc.refresh_from_db()
    assert doc.holder == people["head_kt"]
    assert act(client, doc, "nonsense", {}, follow=False).status_code == 404


def test_forward_and_choose_the_next_person(client, people, out_register):
    deputy = UserFactory(
        username="phochanhvp", agency=people["chief"].agency, role=Role.OFFICE_LEADER, position="Phó Chánh VP"
    )
    doc = services.submit(make_draft(people), people["spec_kt"])
    client.force_login(people["head_kt"])
    form = client.get(doc.get_absolute_url()).context["forms"]["approve"]
    assert {p.pk for p in form.people} == {people["chief"].pk, deputy.pk}  # two office leaders: a choice
    act(client, doc, "approve", {"to": deputy.pk})
    doc.refresh_from_db()
    assert doc.holder == deputy

    client.force_login(deputy)
    act(client, doc, "forward", {"to": people["chief"].pk, "comment": "Nhờ anh xem"})
    doc.refresh_from_db()
    assert doc.holder == people["chief"]
    response = act(client, doc, "forward", {"to": people["chief"].pk}, follow=True)
    assert "Bạn không thể thực hiện thao tác này" in text(response)  # not the holder any more
    client.force_login(people["chief"])
    assert "Nhờ anh xem" in page(client, doc)


def test_recall_from_the_page(client, people, units, issued):
    doc = issued(recipients=[RecipientSpec(unit=units["VX"])])
    client.force_login(people["spec_kt"])  # the drafter may not recall
    assert 'id="btn-recall"' not in page(client, doc)
    client.force_login(people["clerk"])
    response = act(client, doc, "recall", {"reason": ""}, follow=False)
    assert response.status_code == 422
    response = act(client, doc, "recall", {"reason": "Ban hành sai thẩm quyền"})
    doc.refresh_from_db()
    assert doc.state == "recalled" and f"Đã thu hồi văn bản số {doc.code}" in text(response)
    html = page(client, doc)
    assert 'id="recalled"' in html and "Ban hành sai thẩm quyền" in html and "Đã thu hồi" in html
    assert 'id="btn-recall"' not in html


def test_paper_document_reserve_number_then_scan(client, people, signed):
    doc = signed()
    client.force_login(people["clerk"])
    response = act(client, doc, "reserve_number", {"signed_by": people["chairman"].pk})
    doc.refresh_from_db()
    assert doc.state == "reserved" and f"Đã lấy số {doc.code}" in text(response)
    response = act(
        client, doc, "attach_scan", {"file": SimpleUploadedFile("scan.docx", b"PK\x03\x04junk")}, follow=False
    )
    assert response.status_code == 422 and "không phải PDF" in text(response)
    act(
        client,
        doc,
        "attach_scan",
        {"file": SimpleUploadedFile("scan.pdf", PDF + b"% scan\n"), "page_count": 2},
    )
    doc.refresh_from_db()
    assert doc.state == "issued" and doc.page_count == 2 and doc.versions.get(is_latest=True).kind == "scan"


def test_mark_sent_by_post(client, people, issued):
    doc = issued(recipients=[RecipientSpec(name="Công ty Điện lực Hà Tĩnh", channel="post")])
    recipient = doc.recipients.get()
    client.force_login(people["clerk"])
    assert 'id="btn-mark_sent"' in page(client, doc)
    act(client, doc, "mark_sent", {"recipient": recipient.pk, "envelopes": 2, "receipt": "BĐ Hà Tĩnh"})
    recipient.refresh_from_db()
    line = PostalDispatch.objects.get(recipient=recipient)
    assert recipient.state == "sent" and line.envelopes == 2 and line.receipt == "BĐ Hà Tĩnh"
    assert 'id="btn-mark_sent"' not in page(client, doc)  # nothing left to send


def test_amend_goes_to_the_new_draft(client, people, issued):
    old = issued(abstract="Kế hoạch tổ chức hội nghị")
    client.force_login(people["spec_kt"])
    response = act(client, old, "amend", {"kind": "correction"})
    new = OutgoingDocument.objects.get(amends=old)
    assert response.redirect_chain[-1][0] == new.get_absolute_url()
    html = text(response)
    assert "Đính chính" in html and old.get_absolute_url() in html and old.code in html
    assert new.get_absolute_url() in page(client, old)  # linked both ways


def test_cancel_a_draft_needs_a_reason(client, people, out_register):
    doc = make_draft(people)
    client.force_login(people["spec_kt"])
    assert act(client, doc, "cancel", {"reason": " "}, follow=False).status_code == 422
    act(client, doc, "cancel", {"reason": "Không cần ban hành nữa"})
    doc.refresh_from_db()
    assert doc.state == "cancelled"
    assert 'id="actions"' not in page(client, doc)


def test_service_refusal_is_a_message_not_an_error(client, people, out_register):
    """Submitting a draft without a file: the service's ValidationError is shown on the form."""
    doc = make_draft(people, file=None)
    client.force_login(people["spec_kt"])
    response = act(client, doc, "submit", {}, follow=False)
    assert response.status_code == 422 and "Hãy tải lên tệp dự thảo trước khi trình" in text(response)
    doc.refresh_from_db()
    assert doc.state == "draft"


def test_issue_without_a_register_is_a_message(client, people, signed, out_register):
    doc = signed()
    out_register.is_active = False
    out_register.save()
    client.force_login(people["clerk"])
    response = act(client, doc, "issue", {})
    assert response.status_code == 200 and "Cơ quan chưa có sổ văn bản đi" in text(response)
    doc.refresh_from_db()
    assert doc.state == "signed" and doc.number is None


def test_action_forms_have_distinct_field_ids(client, people, out_register):
    """Approve, return and forward all have a comment: each label must point at its own field."""
    import re
    from collections import Counter

    doc = services.submit(make_draft(people), people["spec_kt"])
    client.force_login(people["head_kt"])
    html = page(client, doc)
    assert all(f'id="btn-{a}"' in html for a in ("approve", "return", "forward"))
    repeated = [i for i, n in Counter(re.findall(r'\bid="([^"]+)"', html)).items() if n > 1]
    assert repeated == []
