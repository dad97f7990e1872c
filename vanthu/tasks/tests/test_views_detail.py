"""The task page: who sees it, which buttons each person gets, and the actions done through it."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from vanthu.tasks import services
from vanthu.tasks.models import ExtensionRequest, ProgressReport, Task
from vanthu.testing.factories import ExternalAgencyFactory, assign_task

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BUTTONS = (
    "report",
    "complete",
    "request_extension",
    "decide_extension",
    "remind",
    "reopen",
    "cancel",
    "edit",
    "split",
)


@pytest.fixture
def task(people, units):
    return assign_task(
        people["chief"],
        assigned_by=people["chairman"],
        lead_unit=units["KT"],
        content="Rà soát quy hoạch khu công nghiệp",
        deadline=TODAY + dt.timedelta(days=20),
    )


def buttons(client, task) -> set[str]:
    html = client.get(task.get_absolute_url()).content.decode()
    return {name for name in BUTTONS if f'id="btn-{name}"' in html}


def action(task, name: str) -> str:
    return reverse("tasks:action", args=[task.pk, name])


def test_a_task_outside_the_users_visibility_is_404(client, people, task):
    client.force_login(people["spec_vx"])
    assert client.get(task.get_absolute_url()).status_code == 404
    assert client.post(action(task, "report"), {"text": "x", "percent": 10}).status_code == 404
    assert client.get(reverse("tasks:edit", args=[task.pk])).status_code == 404
    assert client.get(reverse("tasks:file", args=[task.pk, 1])).status_code == 404
    assert not ProgressReport.objects.exists()


def test_buttons_per_role(client, people, task):
    client.force_login(people["head_kt"])
    assert buttons(client, task) == {"report", "complete", "request_extension", "split"}
    client.force_login(people["spec_kt2"])
    assert buttons(client, task) == {"report", "complete", "request_extension"}
    client.force_login(people["chairman"])  # the assigning leader (may also record on behalf)
    assert {"cancel", "remind", "edit", "split"} <= buttons(client, task)
    assert "decide_extension" not in buttons(client, task)  # nothing to decide yet
    assert "reopen" not in buttons(client, task)
    client.force_login(people["head_vx"])
    task.coop_units.add(people["head_vx"].unit)  # co-operating: sees it, may do nothing
    assert client.get(task.get_absolute_url()).status_code == 200
    assert buttons(client, task) == set()


def test_report_progress_through_the_page(client, people, task):
    client.force_login(people["spec_kt"])
    response = client.post(
        action(task, "report"),
        {"text": "Đã làm việc với chủ đầu tư", "percent": "40", "report_code": "5/BC-KT"},
    )
    assert response.status_code == 302 and response["Location"] == task.get_absolute_url()
    html = client.get(task.get_absolute_url()).content.decode()
    assert "Đã báo cáo tiến độ 40%" in html
    assert "Đã làm việc với chủ đầu tư" in html and "Tiến độ 40%" in html
    assert "Nhập thay cho" not in html
    task.refresh_from_db()
    assert task.progress == 40 and task.state == "in_progress"
    assert 'data-verb="reported"' in html and "Báo cáo tiến độ" in html


def test_office_records_on_behalf_of_an_agency_without_accounts(client, people):
    sotc = ExternalAgencyFactory(name="Sở Tài chính", abbreviation="STC", code="")
    task = assign_task(people["chief"], assigned_by=people["chairman"], lead_external=sotc)
    client.force_login(people["clerk"])
    html = client.get(task.get_absolute_url()).content.decode()
    assert "Nhập thay cho Sở Tài chính" in html
    client.post(action(task, "report"), {"text": "Sở đã có báo cáo số 10", "percent": "50"})
    report = ProgressReport.objects.get()
    assert report.on_behalf_of == "Sở Tài chính"
    assert (
        'class="badge text-bg-secondary on-behalf">Nhập thay cho Sở Tài chính'
        in client.get(task.get_absolute_url()).content.decode()
    )


def test_failed_report_keeps_the_typed_text_and_the_file(client, people, task):
    client.force_login(people["head_kt"])
    response = client.post(
        action(task, "report"),
        {
            "text": "Nội dung đang viết dở",
            "percent": "100",
            "files": SimpleUploadedFile("bc.pdf", PDF, "application/pdf"),
        },
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Nội dung đang viết dở" in html
    assert "Tiến độ phải từ 0 đến 99%" in html
    assert "bc.pdf" in html  # the upload is kept
    assert 'id="act-report"' in html and "collapse show" in html
    pending = response.context["forms"]["report"].data["pending_files"]
    response = client.post(
        action(task, "report"), {"text": "Nội dung đang viết dở", "percent": "60", "pending_files": pending}
    )
    assert response.status_code == 302
    assert ProgressReport.objects.get().files.get().original_name == "bc.pdf"


def test_service_refusal_is_shown_next_to_the_field(client, people, task):
    client.force_login(people["head_kt"])
    earlier = (TODAY + dt.timedelta(days=5)).strftime("%d/%m/%Y")
    response = client.post(
        action(task, "request_extension"), {"reason": "Chờ ý kiến của Bộ", "proposed_deadline": earlier}
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Thời hạn đề nghị phải sau thời hạn hiện tại" in html
    assert "Chờ ý kiến của Bộ" in html and earlier in html
    assert not ExtensionRequest.objects.exists()


def test_complete_with_file_then_download(client, people, task):
    client.force_login(people["head_kt"])
    response = client.post(
        action(task, "complete"),
        {
            "result": "Đã trình UBND tỉnh phê duyệt",
            "report_code": "20/BC-KT",
            "completed_on": TODAY.strftime("%d/%m/%Y"),
            "files": SimpleUploadedFile("ket-qua.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == "completed" and task.completed_on == TODAY and task.result_code == "20/BC-KT"
    html = client.get(task.get_absolute_url()).content.decode()
    assert "Hoàn thành đúng hạn" in html and "ket-qua.pdf" in html
    stored = ProgressReport.objects.get(kind="final").files.get()
    download = client.get(reverse("tasks:file", args=[task.pk, stored.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    # a file of another task is not served through this one
    other = assign_task(people["chief"], assigned_by=people["chairman"], lead_unit=task.lead_unit)
    assert client.get(reverse("tasks:file", args=[other.pk, stored.pk])).status_code == 404
    # completed: the lead's buttons are gone, the assigner may send it back
    assert buttons(client, task) == set()
    client.force_login(people["chairman"])
    assert "reopen" in buttons(client, task)
    response = client.post(action(task, "reopen"), {"reason": "Chưa đạt yêu cầu"})
    task.refresh_from_db()
    assert response.status_code == 302 and task.state == "in_progress" and task.completed_on is None


def test_extension_requested_and_approved_through_the_pages(client, people, task):
    old = task.deadline
    client.force_login(people["head_kt"])
    proposed = old + dt.timedelta(days=15)
    client.post(
        action(task, "request_extension"),
        {"reason": "Chờ ý kiến thẩm định", "proposed_deadline": proposed.strftime("%d/%m/%Y")},
    )
    html = client.get(task.get_absolute_url()).content.decode()
    assert 'id="pending-extension"' in html and proposed.strftime("%d/%m/%Y") in html
    assert "request_extension" not in buttons(client, task)

    client.force_login(people["chairman"])
    assert "decide_extension" in buttons(client, task)
    other = old + dt.timedelta(days=10)
    response = client.post(
        action(task, "decide_extension"),
        {"decision": "approve", "note": "Đồng ý", "deadline": other.strftime("%d/%m/%Y")},
        follow=True,
    )
    html = response.content.decode()
    assert f"Đã đồng ý gia hạn đến {other:%d/%m/%Y}" in html
    task.refresh_from_db()
    assert task.deadline == other and task.extension_count == 1
    assert "gia hạn" in html and f"hạn ban đầu {task.original_due_on:%d/%m/%Y}" in html
    assert 'id="pending-extension"' not in html


def test_refusing_an_extension_needs_a_reason(client, people, task):
    services.request_extension(
        task, people["head_kt"], "Thiếu nhân lực", task.deadline + dt.timedelta(days=9)
    )
    client.force_login(people["chairman"])
    response = client.post(action(task, "decide_extension"), {"decision": "refuse", "note": ""})
    assert response.status_code == 422
    assert "Hãy nêu lý do từ chối" in response.content.decode()
    response = client.post(
        action(task, "decide_extension"), {"decision": "refuse", "note": "Không có căn cứ"}
    )
    assert response.status_code == 302
    assert ExtensionRequest.objects.get().state == "refused"


def test_remind_and_cancel(client, people, task):
    client.force_login(people["chairman"])
    response = client.post(action(task, "remind"), {"note": "Khẩn trương"}, follow=True)
    html = response.content.decode()
    assert "Đã đôn đốc nhiệm vụ" in html and "Lãnh đạo đôn đốc" in html and "Khẩn trương" in html
    response = client.post(action(task, "cancel"), {"reason": ""})
    assert response.status_code == 422 and "Hãy nêu lý do" in response.content.decode()
    client.post(action(task, "cancel"), {"reason": "Không còn phù hợp"})
    task.refresh_from_db()
    assert task.state == "cancelled" and not task.counted
    html = client.get(task.get_absolute_url()).content.decode()
    assert (
        "Đã thu hồi" in html
        and buttons(client, task) <= {"edit", "split"}
        and "cancel" not in buttons(client, task)
    )


def test_someone_who_may_not_act_gets_the_message(client, people, task):
    task.coop_units.add(people["head_vx"].unit)
    client.force_login(people["head_vx"])
    response = client.post(action(task, "cancel"), {"reason": "Thử"})
    assert response.status_code == 422
    assert "Chỉ lãnh đạo giao nhiệm vụ mới thu hồi được nhiệm vụ" in response.content.decode()
    assert Task.objects.get(pk=task.pk).state == "assigned"
    assert client.post(action(task, "unknown"), {}).status_code == 404


def test_detail_shows_source_parent_and_subtasks(client, people, units, register):
    from vanthu.testing.factories import register_incoming

    doc = register_incoming(people["clerk"], register)
    task = assign_task(
        people["chief"],
        assigned_by=people["chairman"],
        lead_unit=units["KT"],
        source=services.Source(kind="incoming", incoming=doc),
    )
    sub = assign_task(people["head_kt"], parent=task, lead_unit=units["KT"], lead_user=people["spec_kt"])
    client.force_login(people["chief"])
    html = client.get(task.get_absolute_url()).content.decode()
    assert f'href="{doc.get_absolute_url()}" id="source-incoming"' in html
    assert f'data-task="{sub.pk}"' in html
    html = client.get(sub.get_absolute_url()).content.decode()
    assert f'href="{task.get_absolute_url()}" id="parent-link"' in html
    # the lead sees the task, but not the document: no link to it
    client.force_login(people["spec_kt"])
    html = client.get(sub.get_absolute_url()).content.decode()
    assert 'id="source-incoming"' not in html and doc.code in html


def test_recurring_series_lists_its_occurrences(client, people, units):
    series = assign_task(
        people["chief"],
        assigned_by=people["chairman"],
        lead_unit=units["TH"],
        deadline_kind="recurring",
        recurrence="monthly",
        recurrence_day=25,
        content="Báo cáo tình hình kinh tế - xã hội hằng tháng",
    )
    occurrence = series.occurrences.get()
    client.force_login(people["chief"])
    html = client.get(series.get_absolute_url()).content.decode()
    assert "Các kỳ của nhiệm vụ định kỳ" in html and f'data-task="{occurrence.pk}"' in html
    assert 'id="btn-report"' not in html


def test_the_page_does_not_query_per_sub_task(client, people, units, register):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from vanthu.testing.factories import register_incoming

    doc = register_incoming(people["clerk"], register)
    task = assign_task(
        people["chief"],
        assigned_by=people["chairman"],
        lead_unit=units["KT"],
        source=services.Source(kind="incoming", incoming=doc),
    )
    client.force_login(people["chairman"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(task.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    assign_task(people["chief"], parent=task, lead_unit=units["VX"])
    one = queries()
    for _ in range(5):
        assign_task(people["chief"], parent=task, lead_unit=units["VX"])
    assert queries() == one
