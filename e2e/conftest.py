"""Browser tests: Playwright drives Debian's Chromium against pytest-django's ``live_server``.

No ``playwright install`` (it downloads a browser, which fails on our machines): the tests use
``/usr/bin/chromium`` from Debian (``apt-get install chromium``) and are skipped when it is missing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from it unless told.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# A loaded CI machine (2 cores, the suite and the live server on them) can take seconds per request.
expect.set_options(timeout=15_000)

CHROMIUM = Path(os.environ.get("VANTHU_CHROMIUM", "/usr/bin/chromium"))
E2E_DIR = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM} không có: cài bằng `apt-get install chromium` (cần root) để chạy kiểm thử trình duyệt"
    )
    for item in items:
        if E2E_DIR in Path(item.fspath).resolve().parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server):
    """Relative URLs (``page.goto("/dang-nhap/")``) go to pytest-django's live server."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.fixture
def e2e_db(live_server, transactional_db):
    """The database as the migrations leave it, for a ``transaction=True`` test.

    Flushing between transactional tests removes the rows the data migrations created: the document types are
    created again here. The history is append-only (database triggers refuse DELETE): on SQLite the flush after
    the test would hit them, so the events are removed with the triggers lifted for that one statement.
    PostgreSQL's flush is a TRUNCATE, which row triggers do not see.
    """
    from vanthu.documents.services import sync_document_types
    from vanthu.testing.db import clear_history_before_flush

    sync_document_types()
    yield live_server
    clear_history_before_flush()


@pytest.fixture
def login(new_context):
    """``login(user)`` opens a new browser context (its own cookies) and signs in through the login page.

    Contexts come from pytest-playwright's ``new_context``: closed after the test, and traced with
    ``--tracing retain-on-failure`` (the trace lands in ``test-results/``).
    """
    from vanthu.testing.factories import PASSWORD

    def _login(user, password: str = PASSWORD):
        context = new_context()
        context.set_default_timeout(20_000)
        page = context.new_page()
        page.goto("/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(user.username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(lambda url: "/dang-nhap/" not in url)
        return page

    return _login
