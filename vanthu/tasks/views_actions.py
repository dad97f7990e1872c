"""The detail page's content and its actions: each action is one form posted to ``tasks:action``, one service
call; a refused or invalid action re-renders the page with the message and what the user typed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from vanthu.documents.files import store_upload
from vanthu.documents.models import StoredFile
from vanthu.history.services import trail
from vanthu.incoming.visibility import visible_incoming

from . import services
from .forms_actions import ACTION_FORMS
from .models import Priority, Task
from .queries import status_of, with_status
from .states import ExtensionState, TaskState, TransitionError
from .visibility import visible_tasks

#: what may be done on a task, in the order of the buttons
ACTIONS = (
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
FILE_ACTIONS = ("report", "complete")

VERB_LABELS = {
    "assigned": _l("Giao nhiệm vụ"),
    "reported": _l("Báo cáo tiến độ"),
    "extension_requested": _l("Đề nghị gia hạn"),
    "extended": _l("Đồng ý gia hạn"),
    "extension_refused": _l("Không đồng ý gia hạn"),
    "completed": _l("Báo cáo hoàn thành"),
    "reopened": _l("Yêu cầu tiếp tục thực hiện"),
    "cancelled": _l("Thu hồi nhiệm vụ"),
    "reminded": _l("Đôn đốc"),
    "edited": _l("Sửa thông tin nhiệm vụ"),
    "split": _l("Giao nhiệm vụ con"),
    "moved": _l("Lùi thời gian trình"),
}


def _vn(iso: str | None) -> str:
    try:
        return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""
    except (TypeError, ValueError):
        return str(iso)


def _state_label(value: str) -> str:
    return TaskState(value).label if value in TaskState.values else value


def _field_label(name: str) -> str:
    try:
        return str(Task._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # shown as stored
        return name


def _field_value(name: str, value: str) -> str:
    """An edited value as stored (its text, "" for none); a priority ("" for 0) by its label."""
    if name == "priority" and value in ("", *map(str, Priority.values)):
        return Priority(int(value or 0)).label
    return value or "—"


def event_details(verb: str, payload: dict) -> list[str]:
    """Readable lines of an event's payload (dates dd/mm/yyyy, field names in Vietnamese)."""
    p = payload or {}
    lines: list[str] = []
    if verb == "assigned":
        if p.get("lead"):
            lines.append(_("Chủ trì: %(lead)s") % {"lead": p["lead"]})
        if p.get("deadline"):
            lines.append(_("Thời hạn: %(date)s") % {"date": _vn(p["deadline"])})
        if p.get("assigned_by"):
            lines.append(_("Lãnh đạo giao: %(name)s") % {"name": p["assigned_by"]})
    elif verb == "reported" and p.get("percent") is not None:
        lines.append(_("Tiến độ: %(percent)s%%") % {"percent": p["percent"]})
    elif verb == "extension_requested" and p.get("proposed"):
        lines.append(_("Đề nghị gia hạn đến %(date)s") % {"date": _vn(p["proposed"])})
    elif verb == "extended":
        lines.append(
            _("Thời hạn từ %(old)s đến %(new)s")
            % {"old": _vn(p.get("old_deadline")) or "—", "new": _vn(p.get("new_deadline"))}
        )
    elif verb == "completed":
        if p.get("completed_on"):
            lines.append(_("Ngày hoàn thành: %(date)s") % {"date": _vn(p["completed_on"])})
        if p.get("report_code"):
            lines.append(_("Văn bản báo cáo: %(code)s") % {"code": p["report_code"]})
    elif verb == "reminded" and p.get("recipients"):
        lines.append(_("Gửi đến: %(names)s") % {"names": ", ".join(p["recipients"])})
    elif verb == "edited":
        for name, change in (p.get("changes") or {}).items():
            old, new = (list(change) + ["", ""])[:2]
            lines.append(f"{_field_label(name)}: {_field_value(name, old)} → {_field_value(name, new)}")
    if p.get("on_behalf_of"):
        lines.append(_("Nhập thay cho %(name)s") % {"name": p["on_behalf_of"]})
    return lines


def _events(task: Task) -> list:
    events = list(trail(task))
    for e in events:
        e.label = VERB_LABELS.get(e.verb, e.verb)
        e.details = event_details(e.verb, e.payload)
        e.from_label = _state_label(e.from_state) if e.from_state else ""
        e.to_label = _state_label(e.to_state) if e.to_state else ""
        if e.verb == "edited":  # its note names the changed fields in code; the details say it in words
            e.note = ""
    return events


def detail_context(
    request: HttpRequest,
    task: Task,
    *,
    bound: dict[str, forms.Form] | None = None,
    open_action: str = "",
    kept_files: Iterable[StoredFile] = (),
) -> dict:
    user = request.user
    visible = visible_tasks(user)
    pending = task.extensions.filter(state=ExtensionState.PENDING).select_related("requested_by").first()
    can = {action: services.may(action, task, user) for action in ACTIONS}
    can["decide_extension"] = can["decide_extension"] and pending is not None
    can["request_extension"] = can["request_extension"] and pending is None
    action_forms = {action: ACTION_FORMS[action]() for action in ACTION_FORMS if can[action]}
    action_forms.update(bound or {})
    reporter = any(can[a] for a in ("report", "complete", "request_extension"))
    on_behalf = task.lead_name if reporter and not services.is_lead(task, user) else ""
    withdrawn = task.state == TaskState.CANCELLED
    related = ("lead_unit", "lead_external", "lead_user", "assigned_by", "source_incoming")  # of _rows.html
    return {
        "task": task,
        "status": None if withdrawn or task.is_series else status_of(task),
        "withdrawn": withdrawn,
        "incoming_visible": bool(
            task.source_incoming_id and visible_incoming(user, pk=task.source_incoming_id).exists()
        ),
        "parent_visible": bool(task.parent_id and visible.filter(pk=task.parent_id).exists()),
        "series_visible": bool(task.series_id and visible.filter(pk=task.series_id).exists()),
        "subtasks": with_status(visible.filter(parent=task), task.agency_id)
        .select_related(*related)
        .order_by("assigned_on", "id"),
        "occurrences": with_status(visible.filter(series=task), task.agency_id)
        .select_related(*related)
        .order_by("-period_start")[:36]
        if task.is_series
        else [],
        "coop_units": task.coop_units.all(),
        "coop_externals": task.coop_externals.all(),
        "reports": task.reports.select_related("author").prefetch_related("files"),
        "extensions": task.extensions.select_related("requested_by", "decided_by"),
        "pending": pending,
        "reminders": task.reminders.select_related("sent_by")[:50],
        "events": _events(task),
        "can": can,
        "any_action": any(can[a] for a in ACTIONS if a not in ("edit", "split")),
        "forms": action_forms,
        "open_action": open_action,
        "on_behalf": on_behalf,
        "kept_files": list(kept_files),
    }


def _pending_files(request: HttpRequest, raw: str) -> list[StoredFile]:
    ids = [int(x) for x in (raw or "").split(",") if x.strip().isdigit()]
    if not ids:
        return []
    return list(StoredFile.objects.filter(pk__in=ids, uploaded_by=request.user).order_by("id"))


def _run(request: HttpRequest, task: Task, action: str, c: dict, files: list[StoredFile]) -> str:
    """Call the one service of ``action``; returns the success message."""
    user = request.user
    if action == "report":
        services.report_progress(
            task, user, c["text"], c["percent"], report_code=c.get("report_code", ""), files=files
        )
        return _("Đã báo cáo tiến độ %(percent)d%%.") % {"percent": c["percent"]}
    if action == "complete":
        services.complete_task(
            task,
            user,
            c["result"],
            report_code=c.get("report_code", ""),
            completed_on=c.get("completed_on"),
            files=files,
        )
        return _("Đã báo cáo hoàn thành nhiệm vụ.")
    if action == "request_extension":
        services.request_extension(task, user, c["reason"], c["proposed_deadline"])
        return _("Đã gửi đề nghị gia hạn đến %(date)s.") % {"date": f"{c['proposed_deadline']:%d/%m/%Y}"}
    if action == "decide_extension":
        pending = task.extensions.filter(state=ExtensionState.PENDING).first()
        if pending is None:
            raise ValidationError(_("Không có đề nghị gia hạn nào đang chờ ý kiến."))
        approve = c["decision"] == "approve"
        decided = services.decide_extension(pending, user, approve, c.get("note", ""), c.get("deadline"))
        if approve:
            return _("Đã đồng ý gia hạn đến %(date)s.") % {"date": f"{decided.proposed_deadline:%d/%m/%Y}"}
        return _("Đã từ chối đề nghị gia hạn.")
    if action == "reopen":
        services.reopen_task(task, user, c["reason"])
        return _("Đã yêu cầu tiếp tục thực hiện nhiệm vụ.")
    if action == "cancel":
        services.cancel_task(task, user, c["reason"])
        return _("Đã thu hồi nhiệm vụ.")
    services.remind(task, user, c.get("note", ""))
    return _("Đã đôn đốc nhiệm vụ.")


def add_service_error(form: forms.Form, exc: Exception) -> None:
    """Show a service's refusal next to the field it names (its code), else above the form."""
    if isinstance(exc, ValidationError):
        code = getattr(exc, "code", None)
        target = code if code in form.fields else None
        for message in exc.messages:
            form.add_error(target, message)
        return
    form.add_error(None, str(exc) or _("Bạn không có quyền thực hiện thao tác này."))


@require_POST
def task_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = request.user
    task = get_object_or_404(
        visible_tasks(user, pk).select_related(
            "lead_unit", "lead_external", "lead_user", "assigned_by", "follower", "source_incoming"
        )
    )
    form_class = ACTION_FORMS.get(action)
    if form_class is None:
        raise Http404
    form = form_class(request.POST, request.FILES)
    kept: list[StoredFile] = []
    file_errors: list[str] = []
    if action in FILE_ACTIONS:
        kept = _pending_files(request, request.POST.get("pending_files", ""))
        for upload in request.FILES.getlist("files"):
            try:
                kept.append(store_upload(upload, user))
            except ValidationError as exc:
                file_errors.extend(exc.messages)
    valid = form.is_valid()
    for message in file_errors:
        form.add_error("files", message)
    if valid and not file_errors:
        try:
            message = _run(request, task, action, form.cleaned_data, kept)
        except (ValidationError, TransitionError, PermissionDenied) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, message)
            return redirect(task)
    if action in FILE_ACTIONS:
        data = form.data.copy()
        data["pending_files"] = ",".join(str(f.pk) for f in kept)
        form.data = data
    task.refresh_from_db()
    context = detail_context(request, task, bound={action: form}, open_action=action, kept_files=kept)
    if not context["can"].get(action):  # the form is not on the page: say why above it
        messages.error(request, " ".join(form.non_field_errors()) or _("Không thực hiện được thao tác này."))
    return render(request, "tasks/detail.html", context, status=422)
