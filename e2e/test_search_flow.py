"""Search from the header box, typed without diacritics: highlighted results, one opened."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ABSTRACT = "Về việc bố trí kinh phí giải phóng mặt bằng đường tỉnh lộ 8, huyện Hương Sơn"


def test_search_without_diacritics_from_the_header(e2e_db, login, people, register):
    from vanthu.search.services import reindex_all
    from vanthu.testing.factories import register_incoming

    doc = register_incoming(
        people["clerk"], register, abstract=ABSTRACT, code_number="45", code_notation="STC-NS"
    )
    register_incoming(people["clerk"], register, abstract="Về việc tổ chức lễ hội văn hóa du lịch")
    reindex_all()

    page = login(people["chairman"])
    box = page.locator("#header-search input[name=q]")
    box.fill("giai phong mat bang")
    box.press("Enter")
    expect(page.locator("#search-total")).to_have_text("1 kết quả")
    result = page.locator("#search-results a").first
    expect(result.locator("b").first).to_have_text("giải")
    expect(result).to_contain_text("45/STC-NS")
    result.click()
    page.wait_for_url(f"**{doc.get_absolute_url()}")
    expect(page.locator("h1")).to_contain_text("45/STC-NS")
