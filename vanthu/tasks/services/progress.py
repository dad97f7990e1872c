"""Thực hiện nhiệm vụ: progress reports, extension requests and decisions, completion, reopening.

The lead reports; where the lead agency has no account, office staff record its reports on its behalf and the
report says so ("nhập thay cho …"). Each function runs in one transaction and appends the history.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vanthu.documents.models import StoredFile
from vanthu.history.services import record
from vanthu.notifications.services import notify
from vanthu.organization.models import User
from vanthu.organization.services import calendar_for

from ..models import ExtensionRequest, ProgrammeItem, ProgressReport, Task
from ..states import ExtensionState, check_transition
from .deadlines import due_date
from .people import lead_holders, watchers
from .rules import is_lead, may


def _lock(task: Task) -> Task:
    return (
        Task.objects.select_for_update(of=("self",))
        .select_related("lead_unit", "lead_external")
        .get(pk=task.pk)
    )


def _behalf(task: Task, actor: User) -> str:
    """Empty when the actor reports as the lead; the lead's name when office staff record it for them."""
    return "" if is_lead(task, actor) else task.lead_name


def _check(action: str, task: Task, actor: User, message: str) -> None:
    check_transition(action, task.state)  # a wrong state gets its own message
    if not may(action, task, actor):
        raise PermissionDenied(message)


def report_progress(
    task: Task,
    actor: User,
    text: str,
    percent: int,
    *,
    report_code: str = "",
    report_date: date | None = None,
    files: Iterable[StoredFile] = (),
) -> ProgressReport:
    """Báo cáo tiến độ: text, percentage (0–99; 100 is finishing) and an optional report document."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Hãy nhập nội dung báo cáo tiến độ."), code="text")
    if percent is None or not 0 <= percent <= 99:
        raise ValidationError(
            _("Tiến độ phải từ 0 đến 99%%; khi đã xong hãy chọn “Báo cáo hoàn thành”."), code="percent"
        )
    with transaction.atomic():
        task = _lock(task)
        _check("report", task, actor, _("Bạn không có quyền báo cáo tiến độ nhiệm vụ này."))
        previous = task.state
        task.state = check_transition("report", previous)
        task.progress = percent
        task.last_report_at = timezone.now()
        task.save()
        report = ProgressReport.objects.create(
            task=task,
            author=actor,
            on_behalf_of=_behalf(task, actor),
            text=text,
            percent=percent,
            report_code=(report_code or "").strip(),
            report_date=report_date or timezone.localdate(),
        )
        report.files.set(list(files))
        record(
            task,
            "reported",
            actor,
            from_state=previous,
            to_state=task.state,
            note=text[:1000],
            percent=percent,
            on_behalf_of=report.on_behalf_of,
        )
        notify(
            [p for p in watchers(task) if p.pk != actor.pk],
            _("Báo cáo tiến độ %(percent)d%%: %(content)s")
            % {"percent": percent, "content": task.content[:250]},
            task.get_absolute_url(),
        )
    return report


def request_extension(task: Task, actor: User, reason: str, proposed: date | None) -> ExtensionRequest:
    """Xin gia hạn: a later deadline, with a reason, for the assigning leader to decide."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Hãy nêu lý do xin gia hạn."), code="reason")
    if proposed is None:
        raise ValidationError(_("Hãy nhập thời hạn đề nghị."), code="proposed_deadline")
    with transaction.atomic():
        task = _lock(task)
        _check("request_extension", task, actor, _("Bạn không có quyền xin gia hạn nhiệm vụ này."))
        if task.deadline and proposed <= task.deadline:
            raise ValidationError(
                _("Thời hạn đề nghị phải sau thời hạn hiện tại (%(deadline)s).")
                % {"deadline": f"{task.deadline:%d/%m/%Y}"},
                code="proposed_deadline",
            )
        if proposed < timezone.localdate():
            raise ValidationError(_("Thời hạn đề nghị không được trước hôm nay."), code="proposed_deadline")
        if task.extensions.filter(state=ExtensionState.PENDING).exists():
            raise ValidationError(_("Nhiệm vụ đang có một đề nghị gia hạn chờ ý kiến."), code="pending")
        request = ExtensionRequest.objects.create(
            task=task,
            requested_by=actor,
            on_behalf_of=_behalf(task, actor),
            reason=reason,
            proposed_deadline=proposed,
            previous_deadline=task.deadline,
        )
        record(
            task,
            "extension_requested",
            actor,
            note=reason[:1000],
            proposed=proposed.isoformat(),
            on_behalf_of=request.on_behalf_of,
        )
        notify(
            [task.assigned_by],
            _("Đề nghị gia hạn đến %(date)s: %(content)s")
            % {"date": f"{proposed:%d/%m/%Y}", "content": task.content[:250]},
            task.get_absolute_url(),
        )
    return request


def decide_extension(
    request: ExtensionRequest, actor: User, approve: bool, note: str = "", deadline: date | None = None
) -> ExtensionRequest:
    """Đồng ý (possibly with another date than the one asked) or từ chối a pending extension request.

    An approved extension becomes the task's deadline: an overdue task is within its deadline again.
    """
    with transaction.atomic():
        request = ExtensionRequest.objects.select_for_update().get(pk=request.pk)
        task = _lock(request.task)
        _check("decide_extension", task, actor, _("Chỉ lãnh đạo giao nhiệm vụ mới cho ý kiến về gia hạn."))
        if request.state != ExtensionState.PENDING:
            raise ValidationError(_("Đề nghị gia hạn này đã được cho ý kiến."), code="decided")
        if not approve and not (note or "").strip():
            raise ValidationError(_("Hãy nêu lý do từ chối."), code="note")
        request.state = ExtensionState.APPROVED if approve else ExtensionState.REFUSED
        request.decided_by = actor
        request.decided_at = timezone.now()
        request.decision_note = (note or "").strip()
        new_deadline = deadline or request.proposed_deadline
        if approve:
            if task.deadline and new_deadline <= task.deadline:
                raise ValidationError(_("Thời hạn mới phải sau thời hạn hiện tại."), code="deadline")
            if new_deadline < timezone.localdate():
                # e.g. the date asked for has passed while the request waited: the task would stay overdue
                raise ValidationError(_("Thời hạn mới không được trước hôm nay."), code="deadline")
            request.proposed_deadline = new_deadline
            old = extend_deadline(task, new_deadline)
            _follow_in_programme(task, new_deadline)
            record(
                task,
                "extended",
                actor,
                note=request.decision_note,
                old_deadline=old.isoformat() if old else None,
                new_deadline=new_deadline.isoformat(),
            )
            text = _("Đồng ý gia hạn đến %(date)s: %(content)s") % {
                "date": f"{new_deadline:%d/%m/%Y}",
                "content": task.content[:250],
            }
        else:
            record(task, "extension_refused", actor, note=request.decision_note)
            text = _("Không đồng ý gia hạn: %(content)s") % {"content": task.content[:250]}
        request.save()
        notify(lead_holders(task) + [request.requested_by], text, task.get_absolute_url())
    return request


def extend_deadline(task: Task, new_deadline: date) -> date | None:
    """Move the (locked) task's deadline later and save it: the first due date stays on record as the original
    one, and the extension is counted. Returns the old deadline. Shared by an approved extension and a moved
    programme item."""
    old = task.deadline
    if task.original_due_on is None:
        task.original_due_on = task.due_on
    task.deadline = new_deadline
    task.due_on = due_date(new_deadline, calendar_for(task.agency_id))
    task.extension_count += 1
    task.save()
    return old


def _follow_in_programme(task: Task, new_deadline: date) -> None:
    """An extended programme item is submitted later: its month follows the new deadline (lùi thời gian trình)."""
    item = ProgrammeItem.objects.filter(task=task).select_related("programme").first()
    if item is None:
        return
    month = new_deadline.month if new_deadline.year == item.programme.year else 12
    if month > item.current_month:
        item.current_month = month
        item.save(update_fields=["current_month"])


def complete_task(
    task: Task,
    actor: User,
    result: str,
    *,
    report_code: str = "",
    completed_on: date | None = None,
    files: Iterable[StoredFile] = (),
) -> Task:
    """Báo cáo hoàn thành: the result and its evidence (the number of the report document).

    ``completed_on`` is today unless the report is recorded later than it was made (never in the future).
    """
    result = (result or "").strip()
    if not result:
        raise ValidationError(_("Hãy nhập kết quả thực hiện."), code="result")
    today = timezone.localdate()
    completed_on = completed_on or today
    if completed_on > today:
        raise ValidationError(_("Ngày hoàn thành không được sau hôm nay."), code="completed_on")
    with transaction.atomic():
        task = _lock(task)
        _check("complete", task, actor, _("Bạn không có quyền báo cáo hoàn thành nhiệm vụ này."))
        if completed_on < task.assigned_on:
            raise ValidationError(_("Ngày hoàn thành không được trước ngày giao."), code="completed_on")
        previous = task.state
        task.state = check_transition("complete", previous)
        task.completed_on = completed_on
        task.progress = 100
        task.result = result
        task.result_code = (report_code or "").strip()
        task.last_report_at = timezone.now()
        task.save()
        report = ProgressReport.objects.create(
            task=task,
            kind=ProgressReport.Kind.FINAL,
            author=actor,
            on_behalf_of=_behalf(task, actor),
            text=result,
            percent=100,
            report_code=task.result_code,
            report_date=completed_on,
        )
        report.files.set(list(files))
        record(
            task,
            "completed",
            actor,
            from_state=previous,
            to_state=task.state,
            note=result[:1000],
            completed_on=completed_on.isoformat(),
            report_code=task.result_code,
            on_behalf_of=report.on_behalf_of,
        )
        notify(
            [p for p in watchers(task) if p.pk != actor.pk],
            _("Đã hoàn thành nhiệm vụ: %(content)s") % {"content": task.content[:300]},
            task.get_absolute_url(),
        )
    return task


def reopen_task(task: Task, actor: User, reason: str) -> Task:
    """Chưa đạt yêu cầu: the assigning leader sends a completed task back to be continued."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Hãy nêu lý do yêu cầu tiếp tục thực hiện."), code="reason")
    with transaction.atomic():
        task = _lock(task)
        _check("reopen", task, actor, _("Chỉ lãnh đạo giao nhiệm vụ mới yêu cầu thực hiện tiếp được."))
        previous = task.state
        task.state = check_transition("reopen", previous)
        task.completed_on = None
        task.save()
        record(task, "reopened", actor, from_state=previous, to_state=task.state, note=reason)
        notify(
            lead_holders(task),
            _("Nhiệm vụ chưa đạt, đề nghị tiếp tục thực hiện: %(content)s") % {"content": task.content[:250]},
            task.get_absolute_url(),
        )
    return task
