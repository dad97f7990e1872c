"""Giao nhiệm vụ (one task, from an incoming document or not), sửa nhiệm vụ, giao nhiệm vụ con."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from vanthu.incoming.visibility import visible_incoming

from . import services
from .forms import EditForm, SplitForm, TaskForm
from .states import TransitionError
from .views_actions import add_service_error
from .visibility import visible_tasks


def incoming_from(request: HttpRequest):
    """The incoming document named by ``?incoming=<id>``, when the user may see it (else 404)."""
    raw = request.GET.get("incoming", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return get_object_or_404(visible_incoming(request.user, pk=int(raw)).select_related("doc_type"))


def task_create(request: HttpRequest) -> HttpResponse:
    """Giao nhiệm vụ. A failed form keeps everything typed."""
    user = request.user
    if not services.may_create(user):
        raise PermissionDenied(_("Bạn không có quyền giao nhiệm vụ."))
    if request.method == "POST":
        form = TaskForm(request.POST, user=user)
        if form.is_valid():
            try:
                task = services.create_task(
                    user,
                    form.spec(),
                    assigned_by=form.cleaned_data["assigned_by"],
                    source=form.source(),
                    assigned_on=form.cleaned_data["assigned_on"],
                )
            except (ValidationError, PermissionDenied) as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("Đã giao nhiệm vụ."))
                if request.POST.get("next") == "new":
                    url = reverse("tasks:create")
                    if form.incoming_doc is not None:
                        url += f"?incoming={form.incoming_doc.pk}"
                    return redirect(url)
                return redirect(task)
        incoming = form.incoming_doc
    else:
        incoming = incoming_from(request)
        form = TaskForm(user=user, incoming=incoming)
    return render(request, "tasks/form.html", {"form": form, "incoming": incoming})


def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Sửa nhiệm vụ (not the deadline: that changes only by an extension)."""
    user = request.user
    task = get_object_or_404(visible_tasks(user, pk).select_related("lead_unit", "lead_external"))
    if not services.may("edit", task, user):
        raise PermissionDenied(_("Bạn không có quyền sửa nhiệm vụ này."))
    if request.method == "POST":
        form = EditForm(request.POST, user=user, task=task)
        if form.is_valid():
            try:
                services.edit_task(task, user, **form.changes())
            except (ValidationError, PermissionDenied, TransitionError) as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("Đã lưu thông tin nhiệm vụ."))
                return redirect(task)
    else:
        form = EditForm(user=user, task=task)
    return render(request, "tasks/edit.html", {"form": form, "task": task})


def task_split(request: HttpRequest, pk: int) -> HttpResponse:
    """Giao nhiệm vụ con of a task the user leads (or may edit)."""
    user = request.user
    parent = get_object_or_404(
        visible_tasks(user, pk).select_related("lead_unit", "lead_external", "field", "follower")
    )
    if not services.may("split", parent, user):
        raise PermissionDenied(_("Bạn không có quyền giao nhiệm vụ con cho nhiệm vụ này."))
    full = services.may("edit", parent, user)
    if request.method == "POST":
        form = SplitForm(request.POST, user=user, parent=parent, full=full)
        if form.is_valid():
            try:
                services.create_task(user, form.spec(), parent=parent)
            except (ValidationError, PermissionDenied) as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("Đã giao nhiệm vụ con."))
                if request.POST.get("next") == "new":
                    return redirect("tasks:split", pk=parent.pk)
                return redirect(parent)
    else:
        form = SplitForm(user=user, parent=parent, full=full)
    return render(request, "tasks/split.html", {"form": form, "parent": parent})
