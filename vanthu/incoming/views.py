"""Views of the incoming context: thin — parse a form, call one service, render."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanthu.common.deadlines import STATUS_CSS, DeadlineStatus
from vanthu.common.text import fold
from vanthu.documents.files import store_upload
from vanthu.documents.models import DocumentType, StoredFile, Urgency
from vanthu.history.services import trail
from vanthu.organization.models import ExternalAgency, Role

from . import services
from .forms import DelegateForm, DirectForm, ForwardForm, PresentForm, RegisterIncomingForm, TextForm
from .models import Assignment
from .queries import (
    filter_status,
    inbox_sections,
    led_by_unit,
    open_assignments_for,
    received_between,
    status_counts,
    status_of,
    with_status,
)
from .states import AssignmentRole, AssignmentState, DocState, TransitionError
from .views_arrivals import exchange_context
from .visibility import visible_incoming

PAGE_SIZE = 50
#: Lists count at most this many rows (a count over a million rows costs most of a page's time).
COUNT_CAP = 10_000
OPEN_STATES = [DocState.REGISTERED, DocState.PRESENTED, DocState.IN_PROGRESS]


class CappedPaginator(Paginator):
    """A paginator whose total stops at COUNT_CAP + 1; the page then says “hơn 10.000 văn bản”."""

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: COUNT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


def _list_queryset(request: HttpRequest):
    user = request.user
    qs = visible_incoming(user)
    params = request.GET
    if q := params.get("q", "").strip():
        folded = fold(q)
        qs = qs.filter(
            Q(abstract__icontains=q)
            | Q(code_notation__icontains=q)
            | Q(code_number=q)
            | Q(sender_name__icontains=q)
            | Q(duplicate_key__icontains=folded)
        )
    if state := params.get("state"):
        if state in DocState.values:
            qs = qs.filter(state=state)
    if status := params.get("status"):
        if status in DeadlineStatus.values:
            qs = filter_status(qs, status, user.agency_id)
    if params.get("urgent") == "1":
        qs = qs.filter(urgency__gt=Urgency.NORMAL)
    if doc_type := params.get("type"):
        qs = qs.filter(doc_type__code=doc_type)
    # links from the dashboard: documents led by a unit, received in a period (ISO dates)
    if (unit := params.get("lead_unit", "")).isdigit():
        qs = qs.filter(led_by_unit(int(unit)))
    if params.get("from") or params.get("to"):
        qs = qs.filter(received_between(_iso_date(params.get("from")), _iso_date(params.get("to"))))
    return qs


def _iso_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        return None


def incoming_list(request: HttpRequest) -> HttpResponse:
    """Danh sách văn bản đến: urgent open documents first, then newest."""
    qs = _list_queryset(request)
    page = CappedPaginator(
        with_status(qs, request.user.agency_id)
        .select_related("doc_type", "sender")
        .order_by("-priority", "-received_at", "-id"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "states": DocState.choices,
        "statuses": DeadlineStatus.choices,
        "types": DocumentType.objects.filter(is_active=True),
        "status_css": STATUS_CSS,
        "query": request.GET.urlencode(),
        "querydict": request.GET,
    }
    if request.htmx and request.htmx.target == "incoming-table":
        return render(request, "incoming/list.html#table", context)
    return render(request, "incoming/list.html", context)


def _pending_files(request: HttpRequest, raw: str) -> list[StoredFile]:
    ids = [int(x) for x in raw.split(",") if x.strip().isdigit()]
    if not ids:
        return []
    linked = StoredFile.objects.filter(pk__in=ids, uploaded_by=request.user)
    return list(linked.order_by("id"))


def incoming_create(request: HttpRequest) -> HttpResponse:
    """Vào sổ văn bản đến. A failed form keeps the typed values and the files already uploaded."""
    if request.user.role not in services.registration.REGISTER_ROLES:
        raise PermissionDenied(_("Chỉ văn thư được vào sổ văn bản đến."))
    kept: list[StoredFile] = []
    if request.method == "POST":
        form = RegisterIncomingForm(request.POST, request.FILES, user=request.user)
        kept = _pending_files(request, request.POST.get("pending_files", ""))
        file_errors = []
        for upload in request.FILES.getlist("files"):
            try:
                kept.append(store_upload(upload, request.user))
            except ValidationError as exc:
                file_errors.extend(exc.messages)
        valid = form.is_valid()
        for message in file_errors:
            form.add_error("files", message)
        if valid and not file_errors:
            try:
                doc = services.register_document(request.user, files=kept, **form.service_kwargs())
            except (ValueError, PermissionDenied) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, _("Đã vào sổ văn bản đến số %(n)d/%(y)d.") % {"n": doc.number, "y": doc.year}
                )
                if request.POST.get("next") == "new":
                    return redirect("incoming:create")
                return redirect(doc)
        data = form.data.copy()
        data["pending_files"] = ",".join(str(f.pk) for f in kept)
        form.data = data
    else:
        form = RegisterIncomingForm(user=request.user)
    return render(
        request,
        "incoming/form.html",
        {
            "form": form,
            "kept_files": kept,
            "directory": ExternalAgency.objects.filter(is_active=True).only("name"),
            "next_numbers": _next_numbers(request.user),
        },
    )


def _next_numbers(user) -> list[tuple[str, int]]:
    """The number each of the agency's incoming registers would give next (for display only)."""
    from django.utils import timezone

    from vanthu.registers.models import Register
    from vanthu.registers.services import peek_next_number

    year = timezone.localdate().year
    registers = Register.objects.filter(
        agency_id=user.agency_id, direction=Register.Direction.INCOMING, is_active=True
    )
    return [(r.name, peek_next_number(r, year)) for r in registers.order_by("is_secret", "name")]


def duplicate_check(request: HttpRequest) -> HttpResponse:
    """htmx: warn while typing when the same number, notation, issuer and year is already registered."""
    form = RegisterIncomingForm(request.GET, user=request.user)
    form.is_valid()
    return render(request, "incoming/form.html#duplicates", {"form": form})


def _detail_context(request: HttpRequest, doc) -> dict:
    user = request.user
    status = status_of(doc, user.agency_id)
    assignments = list(
        doc.assignments.select_related("unit", "user", "assigned_by", "parent").order_by("assigned_at", "id")
    )
    for a in assignments:
        a.deadline_status = status_of(a, user.agency_id) if a.role != AssignmentRole.INFO else None
    mine = open_assignments_for(user, doc)
    return {
        "doc": doc,
        "status": status,
        "status_css": STATUS_CSS,
        "assignments": assignments,
        "events": trail(doc),
        "files": doc.files.all(),
        "my_assignments": mine,
        "can_present": services.may("present", doc, user),
        "can_forward": services.may("forward", doc, user),
        "can_direct": services.may("direct", doc, user),
        "present_form": PresentForm(user=user),
        "forward_form": ForwardForm(user=user),
        "direct_form": DirectForm(user=user),
        "delegate_form": DelegateForm(user=user) if user.role == Role.UNIT_HEAD else None,
        "text_form": TextForm(user=user),
        **_tasks_from(user, doc),
        **exchange_context(user, doc),
    }


def _tasks_from(user, doc) -> dict:
    """The tasks given from this document that the user may see, and whether the user may give one."""
    from vanthu.tasks.queries import with_status
    from vanthu.tasks.services import may_create
    from vanthu.tasks.visibility import visible_tasks

    tasks = with_status(visible_tasks(user).filter(source_incoming=doc), user.agency_id)
    return {
        "doc_tasks": tasks.select_related("lead_unit", "lead_external", "lead_user").order_by("id"),
        "may_assign_task": may_create(user),
    }


def incoming_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(
        visible_incoming(request.user, pk=pk).select_related("doc_type", "sender", "register")
    )
    return render(request, "incoming/detail.html", _detail_context(request, doc))


def file_download(request: HttpRequest, pk: int, file_id: int) -> FileResponse:
    doc = get_object_or_404(visible_incoming(request.user, pk=pk))
    stored = doc.files.filter(pk=file_id).first()
    if stored is None:
        raise Http404
    return FileResponse(
        stored.file.open("rb"),
        content_type=stored.content_type,
        filename=stored.original_name,
        as_attachment=request.GET.get("download") == "1",
    )


DOC_ACTIONS = {"present", "forward", "direct"}
ASSIGNMENT_ACTIONS = {"delegate", "progress", "complete", "contribute", "acknowledge", "return"}


@require_POST
def incoming_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One endpoint per document action; a failed form re-renders the page with the errors and typed values."""
    user = request.user
    doc = get_object_or_404(visible_incoming(user, pk=pk))
    form = None
    try:
        if action in DOC_ACTIONS:
            form = _run_doc_action(request, doc, action)
        elif action in ASSIGNMENT_ACTIONS:
            raw = request.POST.get("assignment", "")
            if not raw.isdigit():
                raise Http404
            assignment = get_object_or_404(Assignment, pk=int(raw), document=doc)
            form = _run_assignment_action(request, assignment, action)
        else:
            raise Http404
    except (TransitionError, PermissionDenied, ValueError) as exc:
        messages.error(request, str(exc))
        return redirect(doc)
    if form is None:
        return redirect(doc)
    context = _detail_context(request, doc)
    context[f"{action}_form" if action in DOC_ACTIONS or action == "delegate" else "text_form"] = form
    context["open_action"] = action
    context["open_assignment"] = request.POST.get("assignment")
    messages.error(request, _("Chưa thực hiện được: vui lòng sửa các lỗi bên dưới."))
    return render(request, "incoming/detail.html", context, status=422)


def _run_doc_action(request, doc, action):
    user = request.user
    form_class = {"present": PresentForm, "forward": ForwardForm, "direct": DirectForm}[action]
    form = form_class(request.POST, user=user)
    if not form.is_valid():
        return form
    c = form.cleaned_data
    if action == "present":
        services.present(doc, user, c["leader"], c["note"])
        messages.success(request, _("Đã trình văn bản cho %(name)s.") % {"name": c["leader"].display_name})
    elif action == "forward":
        services.forward(doc, user, unit=c["unit"], deadline=c["deadline"], note=c["note"])
        messages.success(request, _("Đã chuyển văn bản cho %(unit)s.") % {"unit": c["unit"].name})
    else:
        services.direct(
            doc,
            user,
            direction=c["direction"],
            lead_unit=c["lead_unit"],
            lead_user=c["lead_user"],
            coop_units=c["coop_units"],
            info_units=c["info_units"],
            deadline=c["deadline"],
        )
        messages.success(request, _("Đã cho ý kiến chỉ đạo."))
    return None


def _run_assignment_action(request, assignment, action):
    user = request.user
    if action == "acknowledge":
        services.acknowledge(assignment, user)
        messages.success(request, _("Đã xác nhận đã xem."))
        return None
    if action == "delegate":
        form = DelegateForm(request.POST, user=user)
        if not form.is_valid():
            return form
        c = form.cleaned_data
        services.delegate(assignment, user, user=c["assignee"], deadline=c["deadline"], note=c["note"])
        messages.success(request, _("Đã phân công %(name)s.") % {"name": c["assignee"].display_name})
        return None
    form = TextForm(request.POST, user=user)
    if not form.is_valid():
        return form
    text = form.cleaned_data["text"]
    if action == "progress":
        services.note_progress(assignment, user, text)
        messages.success(request, _("Đã ghi ý kiến xử lý."))
    elif action == "complete":
        services.complete(assignment, user, text)
        messages.success(request, _("Văn bản đã hoàn thành."))
    elif action == "contribute":
        services.contribute(assignment, user, text)
        messages.success(request, _("Đã gửi ý kiến phối hợp."))
    else:
        services.return_assignment(assignment, user, text)
        messages.success(request, _("Đã trả lại văn bản."))
    return None


def inbox(request: HttpRequest) -> HttpResponse:
    """Văn bản chờ xử lý of the signed-in person."""
    sections = inbox_sections(request.user)
    return render(
        request,
        "incoming/inbox.html",
        {
            "sections": sections,
            "status_css": STATUS_CSS,
            "counts": status_counts(
                visible_incoming(request.user).filter(state__in=OPEN_STATES), request.user.agency_id
            ),
            "statuses": DeadlineStatus.choices,
            "AssignmentState": AssignmentState,
        },
    )
