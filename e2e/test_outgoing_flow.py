"""A reply from draft to issue, as five people see it in their browsers: the specialist drafts a reply to an
incoming document, the head of unit approves it, the chief of office checks the format, the chairman signs, the
clerk issues it; the reply's number then shows on the incoming document, and the document waits in the
receiving agency's (Sở Tài chính's) inbox of electronic documents."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ASKED = "Về việc đề nghị bố trí kinh phí giải phóng mặt bằng đường tỉnh lộ 8, huyện Hương Sơn"
REPLY = "V/v trả lời Công văn số 45/STC-NS về kinh phí giải phóng mặt bằng tỉnh lộ 8"


@pytest.fixture
def office(e2e_db, agency, units, people, register):
    """The UBND with its outgoing register and its own directory entry, Sở Tài chính (another agency of the
    installation, with a clerk and an incoming register), and its request, delegated to a specialist of KT."""
    from vanthu.incoming import services as incoming
    from vanthu.organization.models import Role
    from vanthu.registers.models import Register
    from vanthu.testing.factories import (
        AgencyFactory,
        ExternalAgencyFactory,
        RegisterFactory,
        UnitFactory,
        UserFactory,
        register_incoming,
    )

    RegisterFactory(agency=agency, name="Sổ văn bản đi", direction=Register.Direction.OUTGOING)
    ExternalAgencyFactory(
        name="Ủy ban nhân dân tỉnh Hà Tĩnh", abbreviation="UBND", code="", internal_agency=agency
    )
    stc = AgencyFactory(name="Sở Tài chính tỉnh Hà Tĩnh", abbreviation="STC", code="000.10.00.H42")
    entry = ExternalAgencyFactory(name="Sở Tài chính", abbreviation="STC", code="", internal_agency=stc)
    stc_clerk = UserFactory(
        username="vanthu.stc",
        agency=stc,
        unit=UnitFactory(agency=stc, name="Văn phòng Sở", abbreviation="VP"),
        role=Role.CLERK,
    )
    RegisterFactory(agency=stc, name="Sổ văn bản đến Sở Tài chính")
    asked = register_incoming(
        people["clerk"], register, sender=entry, code_number="45", code_notation="STC-NS", abstract=ASKED
    )
    incoming.direct(asked, people["chairman"], direction="KT tham mưu trả lời", lead_unit=units["KT"])
    incoming.delegate(asked.assignments.get(unit=units["KT"]), people["head_kt"], user=people["spec_kt"])
    return {"asked": asked, "stc_clerk": stc_clerk}


def open_action(page: Page, action: str):
    """Open the collapsed form of an action on the document's page; returns the form."""
    page.wait_for_function("() => window.bootstrap !== undefined")
    page.locator(f"#btn-{action}").click()
    form = page.locator(f"#act-{action}")
    expect(form).to_have_class(re.compile(r"\bshow\b"))
    return form


def open_waiting_draft(page: Page) -> None:
    """From the menu to the draft the person holds."""
    page.goto("/van-ban-di/?scope=waiting")
    page.get_by_role("link", name=REPLY[:40]).first.click()
    expect(page.locator("#actions")).to_be_visible()


def test_draft_approve_sign_issue_a_reply(office, login, people, tmp_path):
    asked = office["asked"]
    body = tmp_path / "du-thao-tra-loi.pdf"
    body.write_bytes(PDF)

    # (a) the specialist opens the incoming document and drafts the reply from it
    spec = login(people["spec_kt"])
    spec.goto(asked.get_absolute_url())
    spec.get_by_role("link", name="Soạn văn bản trả lời").click()
    expect(spec.get_by_role("heading", name="Soạn dự thảo")).to_be_visible()
    expect(spec.locator("#replies-to")).to_contain_text("45/STC-NS")
    spec.get_by_label("Trích yếu").fill(REPLY)
    spec.get_by_label("Người ký dự kiến").select_option(value=str(people["chairman"].pk))
    spec.get_by_label("Tệp dự thảo (DOCX hoặc PDF)").set_input_files(body)
    spec.locator("#btn-save").click()
    expect(spec.locator("h1")).to_contain_text("Dự thảo")
    expect(spec.locator("main, body").first).to_contain_text(REPLY)
    submit = open_action(spec, "submit")
    expect(submit).to_contain_text(people["head_kt"].display_name)
    submit.locator("#do-submit").click()
    expect(spec.locator(".alert")).to_contain_text("Đã trình dự thảo cho")

    # (b) the head of unit, then the chief of office approve; (c) the chairman signs
    for who in ("head_kt", "chief"):
        page = login(people[who])
        open_waiting_draft(page)
        open_action(page, "approve").locator("#do-approve").click()
        expect(page.locator(".alert").first).to_be_visible()
    chairman = login(people["chairman"])
    open_waiting_draft(chairman)
    open_action(chairman, "sign").locator("#do-sign").click()
    expect(chairman.locator("#actions")).to_have_count(0)

    # (d) the clerk issues it: the number is given by the register
    clerk = login(people["clerk"])
    clerk.goto("/van-ban-di/?scope=to_issue")
    clerk.get_by_role("link", name=REPLY[:40]).first.click()
    open_action(clerk, "issue").locator("#do-issue").click()
    expect(clerk.locator(".alert").first).to_contain_text("Đã phát hành văn bản số 01/UBND-KT")
    expect(clerk.locator("#doc-code")).to_have_text("01/UBND-KT")

    # (e) the incoming document shows the reply's number
    spec.goto(asked.get_absolute_url())
    expect(spec.locator("#doc-reply-code")).to_have_text("01/UBND-KT")

    # (f) Sở Tài chính's clerk finds it waiting in the electronic inbox
    stc = login(office["stc_clerk"])
    stc.get_by_role("link", name=re.compile("Văn bản điện tử chờ tiếp nhận")).click()
    expect(stc.get_by_text(REPLY[:40])).to_be_visible()
    expect(stc.get_by_text("01/UBND-KT").first).to_be_visible()
