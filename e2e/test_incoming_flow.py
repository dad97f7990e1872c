"""An incoming document through its whole life, as four people see it in their browsers."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ABSTRACT = "Về việc đề nghị bố trí kinh phí giải phóng mặt bằng đường tỉnh lộ 8, huyện Hương Sơn"
SENDER = "Sở Tài chính tỉnh Hà Tĩnh"
RESULT = "Đã trả lời bằng văn bản số 123/UBND-KT"


@pytest.fixture
def pdf_file(tmp_path):
    path = tmp_path / "cv-45-stc.pdf"
    path.write_bytes(PDF)
    return path


def fill_registration(page: Page, register, pdf_file, code: str = "45/STC-NS") -> None:
    page.get_by_role("link", name="Vào sổ văn bản đến").first.click()
    expect(page.get_by_role("heading", name="Vào sổ văn bản đến")).to_be_visible()
    page.get_by_label("Sổ văn bản", exact=False).first.select_option(label=register.name)
    page.get_by_label("Cơ quan ban hành").fill(SENDER)
    page.get_by_label("Số, ký hiệu").fill(code)
    page.get_by_label("Ngày văn bản").fill((dt.date.today() - dt.timedelta(days=2)).strftime("%d/%m/%Y"))
    page.get_by_label("Loại văn bản").select_option(label="Công văn")
    page.get_by_label("Trích yếu").fill(ABSTRACT)
    page.get_by_label("Độ khẩn").select_option(label="Khẩn")
    page.get_by_label("Tệp đính kèm").set_input_files(pdf_file)


def open_action(page: Page, toggle, form_selector: str):
    """Click a Bootstrap collapse toggle and wait until its form is fully open (not mid-animation)."""
    page.wait_for_function("() => window.bootstrap !== undefined")
    toggle.click()
    form = page.locator(form_selector)
    expect(form).to_have_class(re.compile(r"\bshow\b"))
    return form


def open_from_inbox(page: Page) -> None:
    page.get_by_role("link", name=re.compile("Văn bản chờ xử lý")).click()
    expect(page.get_by_role("heading", name="Văn bản chờ xử lý")).to_be_visible()
    page.get_by_role("link", name=re.compile(re.escape(ABSTRACT[:40]))).first.click()
    expect(page.locator("h1")).to_contain_text("45/STC-NS")


def test_register_present_direct_delegate_complete(e2e_db, login, people, units, register, pdf_file):
    clerk, chairman, head, spec = people["clerk"], people["chairman"], people["head_kt"], people["spec_kt"]

    # (a) the clerk registers the document and presents it to the chairman
    clerk_page = login(clerk)
    fill_registration(clerk_page, register, pdf_file)
    clerk_page.get_by_role("button", name="Vào sổ", exact=True).click()
    expect(clerk_page.locator("h1")).to_contain_text("số đến 1/")
    expect(clerk_page.get_by_role("alert")).to_contain_text("Đã vào sổ văn bản đến số 1/")
    expect(clerk_page.get_by_text(ABSTRACT)).to_be_visible()
    expect(clerk_page.get_by_role("link", name="cv-45-stc.pdf")).to_be_visible()
    present = open_action(
        clerk_page, clerk_page.get_by_role("button", name="Trình lãnh đạo", exact=True), "#act-present"
    )
    present.get_by_label("Trình lãnh đạo").select_option(label=str(chairman))
    present.get_by_role("button", name="Trình", exact=True).click()
    expect(clerk_page.get_by_role("alert")).to_contain_text(f"Đã trình văn bản cho {chairman.display_name}")
    expect(clerk_page.locator("#doc-state")).to_have_text("Chờ ý kiến chỉ đạo")

    # the open urgent document is red in the list
    clerk_page.get_by_role("link", name="Văn bản đến", exact=True).click()
    row = clerk_page.locator("#incoming-table tbody tr").filter(has_text="45/STC-NS")
    expect(row).to_have_class(re.compile(r"\burgent\b"))
    expect(row.locator("td").first).to_have_css("color", "rgb(204, 0, 0)")

    # (b) the chairman finds it in his inbox and gives the direction
    chairman_page = login(chairman)
    open_from_inbox(chairman_page)
    direct = open_action(
        chairman_page,
        chairman_page.get_by_role("button", name="Cho ý kiến chỉ đạo", exact=True),
        "#act-direct",
    )
    direct.get_by_label("Ý kiến chỉ đạo").fill(
        "Giao Phòng Kinh tế chủ trì, phối hợp Phòng Văn hóa - Xã hội tham mưu trả lời."
    )
    direct.get_by_label("Đơn vị chủ trì").select_option(label="Phòng Kinh tế")
    direct.locator("#id_coop_units").get_by_label("Phòng Văn hóa - Xã hội").check()
    direct.get_by_label("hoặc số ngày làm việc").fill("5")
    direct.get_by_role("button", name="Gửi ý kiến chỉ đạo").click()
    expect(chairman_page.get_by_role("alert")).to_contain_text("Đã cho ý kiến chỉ đạo")
    expect(chairman_page.locator("#doc-state")).to_have_text("Đang xử lý")
    expect(chairman_page.locator("#doc-deadline")).to_be_visible()
    expect(chairman_page.locator("#assignments")).to_contain_text("Phòng Kinh tế")
    expect(chairman_page.locator("#assignments")).to_contain_text("Phòng Văn hóa - Xã hội")

    # (c) the head of Phòng Kinh tế assigns the specialist
    head_page = login(head)
    open_from_inbox(head_page)
    delegate = open_action(head_page, head_page.locator("[id^=btn-delegate-]"), "form[id^=act-delegate-]")
    delegate.get_by_label("Phân công chuyên viên").select_option(label=str(spec))
    delegate.get_by_label("Ý kiến giao").fill("Đồng chí xử lý, báo cáo trước hạn.")
    delegate.get_by_role("button", name="Phân công").click()
    expect(head_page.get_by_role("alert")).to_contain_text(f"Đã phân công {spec.display_name}")

    # (d) the specialist notes progress, then completes
    spec_page = login(spec)
    open_from_inbox(spec_page)
    progress = open_action(
        spec_page, spec_page.get_by_role("button", name="Ghi tiến độ"), "form[id^=act-progress-]"
    )
    progress.get_by_label("Ý kiến xử lý, tiến độ").fill(
        "Đã làm việc với Sở Tài chính, đang dự thảo văn bản trả lời."
    )
    progress.get_by_role("button", name="Ghi").click()
    expect(spec_page.get_by_role("alert")).to_contain_text("Đã ghi ý kiến xử lý")
    complete = open_action(spec_page, spec_page.locator("[id^=btn-complete-]"), "form[id^=act-complete-]")
    complete.get_by_label("Kết quả giải quyết").fill(RESULT)
    complete.get_by_role("button", name="Hoàn thành").click()
    expect(spec_page.get_by_role("alert")).to_contain_text("Văn bản đã hoàn thành")

    # what everyone now sees on the document
    expect(spec_page.locator("#doc-state")).to_have_text("Hoàn thành")
    expect(spec_page.locator(".badge.status-on_time").first).to_have_text("Hoàn thành đúng hạn")
    expect(spec_page.locator("#doc-result")).to_contain_text(RESULT)

    clerk_page.goto(spec_page.url)
    expect(clerk_page.locator("#doc-state")).to_have_text("Hoàn thành")
    events = clerk_page.locator("#trail .event")
    expected = [
        ("Vào sổ văn bản đến", clerk),
        ("Trình lãnh đạo", clerk),
        ("Cho ý kiến chỉ đạo", chairman),
        ("Phân công", head),
        ("Ý kiến xử lý", spec),
        ("Hoàn thành phần việc", spec),
    ]
    texts = events.all_inner_texts()
    assert len(texts) >= len(expected), texts
    for text, (verb, actor) in zip(texts, expected, strict=False):
        assert verb in text and actor.display_name in text, (verb, actor.display_name, text)
    assert any("Văn bản hoàn thành" in t for t in texts[len(expected) :]), texts
    assert "Phòng Kinh tế" in texts[2] and spec.display_name in texts[3]
    assert RESULT in texts[5]


def test_failed_registration_keeps_what_was_typed(e2e_db, login, people, register, pdf_file):
    page = login(people["clerk"])
    fill_registration(page, register, pdf_file, code="45 STC NS")
    page.get_by_role("button", name="Vào sổ", exact=True).click()

    expect(page.locator("#form-errors")).to_be_visible()
    error = page.locator("#id_code_errors")
    expect(error).to_be_visible()
    expect(error).to_contain_text("không hợp lệ")
    # the message sits next to its field, in the same form group
    expect(page.locator(".mb-2", has=page.locator("#id_code")).locator("#id_code_errors")).to_have_count(1)
    expect(page.get_by_label("Số, ký hiệu")).to_have_value("45 STC NS")
    expect(page.get_by_label("Trích yếu")).to_have_value(ABSTRACT)
    expect(page.get_by_label("Cơ quan ban hành")).to_have_value(SENDER)
    expect(page.locator("#kept-files")).to_contain_text("cv-45-stc.pdf")

    # corrected, the document is registered with the file kept from the first try
    page.get_by_label("Số, ký hiệu").fill("45/STC-NS")
    page.get_by_role("button", name="Vào sổ", exact=True).click()
    expect(page.locator("h1")).to_contain_text("số đến 1/")
    expect(page.get_by_role("link", name="cv-45-stc.pdf")).to_be_visible()
