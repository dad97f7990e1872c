"""Chasing the worst unit: a leader reads the dashboard, reminds an overdue task, the unit reports progress."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REMINDED = "Hoàn thiện hồ sơ đề nghị công nhận xã đạt chuẩn văn hóa nông thôn mới năm 2026"
NOTE = "Đề nghị Phòng Văn hóa - Xã hội khẩn trương hoàn thành, báo cáo Chủ tịch trước thứ Sáu."
PROGRESS = "Đã tổng hợp hồ sơ của 8/10 xã, đang chờ 2 xã bổ sung biên bản thẩm định."
WORST = "Phòng Văn hóa - Xã hội"
#: the ranking, worst first: on-time rate 0 %, 50 %, 66,7 %, 100 %
RANKING = [WORST, "Phòng Tài chính - Kế hoạch", "Phòng Kinh tế", "Phòng Tổng hợp"]


def days(n: int) -> dt.date:
    from django.utils import timezone

    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture
def office(e2e_db, agency, units, people):
    """Tasks the chairman assigned 100 days ago to four units; Phòng Văn hóa - Xã hội is clearly the worst.

    Deadlines are weeks away from today, so a deadline moved off a day off (even Tết) keeps its category.
    The notifications of the assignment are marked read: the bell then counts only what the test sends.
    """
    from django.utils import timezone

    from vanthu.notifications.models import Notification
    from vanthu.tasks import services
    from vanthu.testing.factories import UnitFactory, assign_task

    chairman, chief = people["chairman"], people["chief"]
    tc = UnitFactory(agency=agency, name="Phòng Tài chính - Kế hoạch", abbreviation="TC")
    on = days(-100)

    def task(unit, deadline, *, done_on=None, **spec):
        made = assign_task(
            chairman, assigned_by=chairman, assigned_on=on, lead_unit=unit, deadline=deadline, **spec
        )
        if done_on:
            made = services.complete_task(made, chief, "Đã hoàn thành", completed_on=done_on)
        return made

    vx, kt, th = units["VX"], units["KT"], units["TH"]
    # VX: 2 overdue, 1 late, 1 within → 0 % on time
    reminded = task(vx, days(-60), content=REMINDED)
    task(vx, days(-40), content="Kiểm tra công tác quản lý lễ hội trên địa bàn tỉnh")
    task(vx, days(-80), done_on=days(-50))
    task(vx, days(60))
    # TC: 1 on time, 1 overdue → 50 %
    task(tc, days(-50), done_on=days(-55))
    task(tc, days(-30))
    # KT: 2 on time, 1 overdue → 66,7 %
    task(kt, days(-50), done_on=days(-55))
    task(kt, days(-45), done_on=days(-52))
    task(kt, days(-30))
    # TH: 2 on time, 1 within → 100 %
    task(th, days(-50), done_on=days(-55))
    task(th, days(-45), done_on=days(-52))
    task(th, days(60))
    Notification.objects.update(read_at=timezone.now())
    return {"reminded": reminded, "vx": vx}


def open_action(page: Page, toggle, form_selector: str):
    """Click a Bootstrap collapse toggle and wait until its form is fully open (not mid-animation)."""
    page.wait_for_function("() => window.bootstrap !== undefined")
    toggle.click()
    form = page.locator(form_selector)
    expect(form).to_have_class(re.compile(r"\bshow\b"))
    return form


def sign_in(page: Page, user) -> None:
    from vanthu.testing.factories import PASSWORD

    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def test_leader_reminds_the_worst_unit_which_reports_progress(login, people, office):
    chairman, head = people["chairman"], people["head_vx"]
    reminded, vx = office["reminded"], office["vx"]

    # (1) the chairman lands on the dashboard and chooses the period of the tasks
    page = login(chairman)
    expect(page.get_by_role("heading", name="Bảng điều hành")).to_be_visible()
    page.get_by_label("Thời gian giao").select_option(label="Tùy chọn")
    page.get_by_label("Từ ngày").fill(days(-120).isoformat())
    page.get_by_label("Đến ngày").fill(days(0).isoformat())
    page.get_by_role("button", name="Xem", exact=True).click()
    expect(page.locator("#period-text")).to_contain_text(f"Nhiệm vụ giao từ ngày {days(-120):%d/%m/%Y}")
    expect(page.locator('#status-counts [data-key="total"]')).to_have_text("12")
    expect(page.locator('#status-counts [data-key="overdue"]')).to_have_text("4")

    # the ranking puts the worst unit on top, in red, with its figures
    rows = page.locator("#ranking tbody tr.lead-row")
    expect(rows.locator("td.lead-name")).to_have_text(RANKING)
    worst = rows.first
    expect(worst).to_have_class(re.compile(r"\btable-danger\b"))
    expect(worst.locator('td[data-key="rate"]')).to_have_text("0,0%")
    expect(worst.locator('td[data-key="overdue"]')).to_have_text("2")
    expect(worst.locator('td[data-key="late"]')).to_have_text("1")
    expect(worst.locator("td.oldest")).to_have_text(f"{(days(0) - reminded.due_on).days} ngày")
    expect(rows.last.locator('td[data-key="rate"]')).to_have_text("100,0%")
    expect(rows.last).not_to_have_class(re.compile(r"\btable-danger\b"))

    # its overdue figure opens the task list of that unit, overdue tasks only
    worst.locator('td[data-key="overdue"] a').click()
    page.wait_for_url(re.compile(rf"/nhiem-vu/\?.*lead_unit={vx.pk}.*status=overdue"))
    expect(page.get_by_role("heading", name="Danh sách nhiệm vụ")).to_be_visible()
    expect(page.get_by_label("Đơn vị chủ trì", exact=True).locator("option:checked")).to_have_text(WORST)
    expect(page.get_by_label("Tình trạng", exact=True).locator("option:checked")).to_have_text("Quá hạn")
    expect(page.locator("#count-overdue")).to_have_text("2")
    expect(page.locator("#result-count")).to_have_text("2 nhiệm vụ")
    listed = page.locator("#task-table tbody tr")
    expect(listed).to_have_count(2)
    for i in range(2):
        expect(listed.nth(i)).to_contain_text(WORST)
        expect(listed.nth(i).locator(".status-overdue")).to_have_text("Quá hạn")
    expect(page.locator("#remind-many")).to_contain_text("Đôn đốc 2 nhiệm vụ quá hạn trong danh sách này")

    # (2) he opens the oldest overdue task and reminds the unit with a note
    page.get_by_role("link", name=REMINDED).click()
    expect(page.locator("h1")).to_contain_text(REMINDED)
    expect(page.locator("#task-state .status-overdue")).to_have_text("Quá hạn")
    expect(page.locator("#reminders")).to_contain_text("Chưa có.")
    remind = open_action(page, page.get_by_role("button", name="Đôn đốc", exact=True), "#act-remind")
    remind.get_by_label("Nội dung đôn đốc").fill(NOTE)
    remind.get_by_role("button", name="Gửi đôn đốc").click()
    expect(page.get_by_role("alert")).to_contain_text("Đã đôn đốc nhiệm vụ.")
    reminder = page.locator("#reminders tr").filter(has_text=NOTE)
    expect(reminder).to_contain_text("Lãnh đạo đôn đốc")
    expect(reminder).to_contain_text(chairman.display_name)
    sent = page.locator('#trail .event[data-verb="reminded"]')
    expect(sent).to_contain_text(f"Gửi đến: {head.display_name}")
    expect(sent).to_contain_text(NOTE)

    # (3) he signs out; the head of the unit signs in and sees the bell
    page.locator("#user-menu").click()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()
    sign_in(page, head)
    expect(page.locator("#user-menu")).to_have_text(head.display_name)
    expect(page.locator("#bell-count")).to_have_text("1")

    page.get_by_title("Thông báo").click()
    expect(page.get_by_role("heading", name="Thông báo")).to_be_visible()
    notification = page.locator("a.list-group-item").filter(has_text=NOTE)
    expect(notification).to_have_count(1)
    expect(notification).to_contain_text(f"{chairman.display_name} đôn đốc: {REMINDED} — {NOTE}")
    expect(notification).to_have_class(re.compile(r"\bfw-semibold\b"))  # unread until this page was opened
    expect(page.locator("#bell-count")).to_have_count(0)

    notification.click()
    page.wait_for_url(f"**/nhiem-vu/{reminded.pk}/")
    expect(page.locator("h1")).to_contain_text(REMINDED)
    expect(page.locator("#reminders")).to_contain_text(NOTE)
    expect(page.locator("#state-badge")).to_have_text("Đã giao, chưa báo cáo")
    expect(page.locator("#task-info .progress-bar")).to_have_text("0%")

    # (4) he reports progress
    report = open_action(page, page.get_by_role("button", name="Báo cáo tiến độ", exact=True), "#act-report")
    report.get_by_label("Nội dung báo cáo tiến độ").fill(PROGRESS)
    report.get_by_label("Tiến độ (%)").fill("60")
    report.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_role("alert")).to_contain_text("Đã báo cáo tiến độ 60%.")
    expect(page.locator("#state-badge")).to_have_text("Đang thực hiện")
    expect(page.locator("#task-info .progress-bar")).to_have_text("60%")
    expect(page.locator("#task-info [role=progressbar]")).to_have_attribute("aria-valuenow", "60")
    expect(page.locator("#task-state .status-overdue")).to_have_text("Quá hạn")  # reporting moves no deadline
    reports = page.locator("#reports li[data-report]")
    expect(reports).to_have_count(1)
    expect(reports).to_contain_text("Tiến độ 60%")
    expect(reports).to_contain_text(PROGRESS)
    expect(reports).to_contain_text(head.display_name)
    expect(reports.locator(".on-behalf")).to_have_count(0)
    reported = page.locator('#trail .event[data-verb="reported"]')
    expect(reported).to_contain_text("Tiến độ: 60%")
    expect(reported).to_contain_text("Đã giao, chưa báo cáo → Đang thực hiện")

    # his list shows the new progress
    page.locator("#nav-tasks").click()
    page.get_by_role("link", name="Nhiệm vụ của tôi").click()
    expect(page.get_by_role("heading", name="Nhiệm vụ của tôi")).to_be_visible()
    row = page.locator("#task-table tbody tr").filter(has_text=REMINDED)
    expect(row.locator("td.text-end")).to_have_text("60%")

    # the chairman is told of the report
    leader = login(chairman)
    expect(leader.locator("#bell-count")).to_have_text("1")
    leader.get_by_title("Thông báo").click()
    expect(leader.locator("a.list-group-item").first).to_contain_text(f"Báo cáo tiến độ 60%: {REMINDED}")
