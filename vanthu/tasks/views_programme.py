"""Work programme pages (chương trình công tác): thin — read the request, call one service, render.

The programme belongs to the user's agency (another agency's or a missing year answers 404); its items are
shown only when their task is visible to the user (``visible_tasks``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanthu.common.deadlines import DeadlineStatus
from vanthu.organization.models import Agency

from . import programme as svc
from .forms_programme import ImportForm, MoveForm, ProgrammeForm
from .models import ProgrammeItem, WorkProgramme
from .programme.summary import EXTRA_FILTERS
from .states import TaskState
from .visibility import visible_tasks

STATUS_FILTERS = [
    (DeadlineStatus.ON_TIME.value, DeadlineStatus.ON_TIME.label),
    (DeadlineStatus.LATE.value, DeadlineStatus.LATE.label),
    (DeadlineStatus.WITHIN.value, DeadlineStatus.WITHIN.label),
    (DeadlineStatus.DUE_SOON.value, DeadlineStatus.DUE_SOON.label),
    (DeadlineStatus.OVERDUE.value, DeadlineStatus.OVERDUE.label),
]


def _agency(request: HttpRequest) -> Agency:
    if not request.user.agency_id:
        raise Http404(_("Tài khoản chưa thuộc cơ quan nào."))
    return request.user.agency


def _programme(request: HttpRequest, year: int) -> WorkProgramme:
    return get_object_or_404(WorkProgramme, agency_id=_agency(request).pk, year=year)


def programme_index(request: HttpRequest) -> HttpResponse:
    """This year's programme, or the page to create one (and the list of the other years)."""
    agency = _agency(request)
    year = timezone.localdate().year
    if request.method != "POST" and "new" not in request.GET:
        current = WorkProgramme.objects.filter(agency=agency, year=year).first()
        if current is not None:
            return redirect(current)
    can_create = svc.may_manage(request.user, agency)
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied(_("Bạn không có quyền tạo chương trình công tác."))
        form = ProgrammeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                programme = svc.create_programme(
                    agency, data["year"], data["title"], data["decision_code"], request.user
                )
            except ValidationError as error:
                form.add_error("year" if getattr(error, "code", "") == "year" else None, error)
            else:
                messages.success(request, _("Đã tạo %(title)s.") % {"title": programme.title})
                return redirect(programme)
    else:
        new_year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else year
        if "new" in request.GET and "year" not in request.GET:
            taken = set(WorkProgramme.objects.filter(agency=agency).values_list("year", flat=True))
            while new_year in taken:
                new_year += 1
        form = ProgrammeForm(initial={"year": new_year, "title": svc.default_title(agency, new_year)})
    return render(
        request,
        "tasks/programme_index.html",
        {
            "form": form,
            "can_create": can_create,
            "year": year,
            "programmes": WorkProgramme.objects.filter(agency=agency),
        },
    )


def programme_template(request: HttpRequest) -> HttpResponse:
    """Tải tệp mẫu: the XLSX to fill in (with this agency's units and leaders as examples)."""
    content = svc.programme_template(request.user.agency if request.user.agency_id else None)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-chuong-trinh-cong-tac.xlsx"'
    return response


def _detail_context(request: HttpRequest, programme: WorkProgramme) -> dict:
    user = request.user
    visible = visible_tasks(user)
    params = request.GET
    month = (
        int(params["month"])
        if params.get("month", "").isdigit() and 1 <= int(params["month"]) <= 12
        else None
    )
    status = params.get("status", "")
    if status not in DeadlineStatus.values and status not in EXTRA_FILTERS:
        status = ""
    tasks = list(svc.programme_tasks(programme, visible, month=month, status=status))
    for task in tasks:
        item = task.programme_item
        item.task = task
        task.can_move = svc.may_move(item, user)
    summary = svc.monthly_summary(programme, tasks=visible)
    return {
        "programme": programme,
        "summary": summary,
        "groups": svc.group_by_month(tasks),
        "item_count": len(tasks),
        "month": month,
        "status": status,
        "status_filters": STATUS_FILTERS,
        "months": range(1, 13),
        "cancelled": TaskState.CANCELLED,
        "can_import": svc.may_manage(user, programme.agency_id),
        "sees_all": user.sees_whole_agency,
        "import_form": ImportForm(),
        "import_errors": [],
        "others": WorkProgramme.objects.filter(agency_id=programme.agency_id).exclude(pk=programme.pk),
    }


def programme_detail(request: HttpRequest, year: int) -> HttpResponse:
    """The year's programme: totals, the 12-month table, the items grouped by planned month."""
    programme = _programme(request, year)
    return render(request, "tasks/programme_detail.html", _detail_context(request, programme))


@require_POST
def programme_import(request: HttpRequest, year: int) -> HttpResponse:
    """Nhập nội dung từ tệp Excel: all rows or none; the row errors are shown on the programme page."""
    programme = _programme(request, year)
    if not svc.may_manage(request.user, programme.agency_id):
        raise PermissionDenied(_("Bạn không có quyền nhập nội dung chương trình công tác."))
    form = ImportForm(request.POST, request.FILES)
    errors: list[str] = []
    if form.is_valid():
        rows, errors = svc.parse_programme_xlsx(
            form.cleaned_data["file"], programme.agency, year=programme.year
        )
        if not errors:
            try:
                items = svc.add_items(programme, request.user, rows)
            except ValidationError as error:
                errors = error.messages
            except PermissionDenied as error:
                errors = [str(error)]
            else:
                messages.success(
                    request, _("Đã nhập %(count)d nội dung vào chương trình.") % {"count": len(items)}
                )
                return redirect(programme)
    context = _detail_context(request, programme)
    context.update(import_form=form, import_errors=errors, import_failed=True)
    return render(request, "tasks/programme_detail.html", context)


def programme_item_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Lùi thời gian trình của một nội dung sang tháng sau (lãnh đạo phụ trách)."""
    item = get_object_or_404(
        ProgrammeItem.objects.select_related("programme", "task", "leader"),
        pk=pk,
        task__in=visible_tasks(request.user),
    )
    if not svc.may_move(item, request.user):
        raise PermissionDenied(_("Bạn không thể điều chỉnh thời gian trình của nội dung này."))
    form = MoveForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            svc.move_item(item, request.user, form.cleaned_data["new_month"], form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Đã lùi thời gian trình sang tháng %(month)d.") % {"month": form.cleaned_data["new_month"]},
            )
            return redirect(item.programme)
    return render(request, "tasks/programme_move.html", {"item": item, "task": item.task, "form": form})
