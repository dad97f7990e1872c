"""Giao nhiều nhiệm vụ từ kế hoạch: paste the items (or upload an .xlsx), check them in an editable table,
then assign them all in one call (all or nothing)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from vanthu.documents.files import max_upload_bytes

from . import services
from .forms_bulk import PREFIX, BulkCommonForm, LeadChoices, RowFormSet, row_spec, rows_data
from .itemparse import Item, parse_text, read_xlsx
from .views_create import incoming_from

#: a service error code → the row field it is shown on
ROW_FIELDS = {
    "content": "content",
    "lead": "lead",
    "lead_user": "lead",
    "deadline": "deadline",
    "working_days": "deadline",
}


def _read_items(request: HttpRequest) -> tuple[list[Item], list[str]]:
    items: list[Item] = []
    problems: list[str] = []
    paste = request.POST.get("paste", "")
    if paste.strip():
        result = parse_text(paste)
        items += result.items
        problems += result.problems
    upload = request.FILES.get("xlsx")
    if upload is not None:
        head = upload.read(4)
        upload.seek(0)
        if upload.size > max_upload_bytes():
            problems.append(_("Tệp Excel quá lớn."))
        elif head != b"PK\x03\x04":
            problems.append(_("Tệp “%(name)s” không phải tệp Excel .xlsx.") % {"name": upload.name})
        else:
            result = read_xlsx(upload.read())
            items += result.items
            problems += result.problems
    if not paste.strip() and upload is None:
        problems.append(_("Hãy dán danh sách nhiệm vụ hoặc chọn tệp Excel."))
    for index, item in enumerate(items):
        item.line = index + 1
    return items, problems


def _create(request, common: BulkCommonForm, formset, leads: LeadChoices) -> HttpResponse | None:
    rows = [f for f in formset.forms if f not in formset.deleted_forms]
    if not rows:
        common.add_error(None, _("Chưa có nhiệm vụ nào để giao."))
        return None
    c = common.cleaned_data
    specs = [row_spec(f.cleaned_data, c, leads) for f in rows]
    try:
        tasks = services.create_tasks(
            request.user,
            specs,
            assigned_by=c["assigned_by"],
            source=common.source(),
            assigned_on=c["assigned_on"],
        )
    except ValidationError as exc:
        row = (getattr(exc, "params", None) or {}).get("row") or (1 if len(rows) == 1 else None)
        code = getattr(exc, "code", None)
        if row and 1 <= row <= len(rows):
            rows[row - 1].add_error(ROW_FIELDS.get(code), exc.messages)
        else:
            common.add_error(code if code in common.fields else None, exc.messages)
        return None
    except PermissionDenied as exc:
        common.add_error(None, str(exc))
        return None
    messages.success(request, _("Đã giao %(count)d nhiệm vụ.") % {"count": len(tasks)})
    query = QueryDict(mutable=True)
    query.update(
        {
            "assigned_by": c["assigned_by"].pk,
            "from": c["assigned_on"].isoformat(),
            "to": c["assigned_on"].isoformat(),
        }
    )
    return redirect(f"{reverse('tasks:list')}?{query.urlencode()}")


def task_bulk_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not services.may_create(user):
        raise PermissionDenied(_("Bạn không có quyền giao nhiệm vụ."))
    leads = LeadChoices(user.agency_id)
    row_kwargs = {"leads": leads, "agency_id": user.agency_id}
    problems: list[str] = []
    formset = None
    if request.method != "POST":
        common = BulkCommonForm(user=user, incoming=incoming_from(request))
    else:
        common = BulkCommonForm(request.POST, request.FILES, user=user)
        step = request.POST.get("step", "preview")
        has_rows = f"{PREFIX}-TOTAL_FORMS" in request.POST
        if step == "preview" or not has_rows:
            items, problems = _read_items(request)
            if items:
                formset = RowFormSet(rows_data(items, leads), prefix=PREFIX, form_kwargs=row_kwargs)
                # the text is now in the table: a later Enter key must not read it again over the edits
                data = common.data.copy()
                data["paste"] = ""
                common.data = data
            elif has_rows:  # nothing new to read: keep the rows being edited
                if not request.POST.get("paste", "").strip() and "xlsx" not in request.FILES:
                    problems = []
                formset = RowFormSet(request.POST, prefix=PREFIX, form_kwargs=row_kwargs)
            if formset is not None:
                formset.is_valid()  # show each row's problems at once
        else:
            formset = RowFormSet(request.POST, prefix=PREFIX, form_kwargs=row_kwargs)
            rows_ok = formset.is_valid()
            common_ok = common.is_valid()
            if step == "create" and rows_ok and common_ok:
                response = _create(request, common, formset, leads)
                if response is not None:
                    return response
            if step == "create":
                messages.error(request, _("Chưa giao được: vui lòng sửa các dòng, các ô được đánh dấu."))
        common.is_valid()  # also finds the incoming document named by the form
    return render(
        request,
        "tasks/bulk.html",
        {
            "common": common,
            "formset": formset,
            "problems": problems,
            "incoming": getattr(common, "incoming_doc", None),
        },
    )
