"""Soạn dự thảo, sửa dự thảo, thêm phiên bản: the pages that write a draft.

A failed form keeps what was typed and the files already uploaded (stored at once, their ids carried in a
hidden field between attempts, as the incoming registration form does)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanthu.documents.models import DocumentType, StoredFile
from vanthu.incoming.models import IncomingDocument
from vanthu.incoming.visibility import visible_incoming
from vanthu.organization.models import ExternalAgency

from . import services
from .files import store_draft_file
from .forms import DraftForm, EditDraftForm, RecipientsForm, VersionForm
from .models import Placement
from .states import TransitionError
from .views import get_visible


def _kept_files(request: HttpRequest, raw: str) -> list[StoredFile]:
    """Files uploaded by this user in an earlier attempt of the form (ids in the hidden field)."""
    ids = [int(x) for x in raw.split(",") if x.strip().isdigit()]
    if not ids:
        return []
    return list(StoredFile.objects.filter(pk__in=ids, uploaded_by=request.user).order_by("id"))


def _store_uploads(request: HttpRequest, form, field: str = "files") -> tuple[list[StoredFile], list[str]]:
    stored, errors = [], []
    for upload in request.FILES.getlist(field):
        try:
            stored.append(store_draft_file(upload, request.user))
        except ValidationError as exc:
            errors.extend(exc.messages)
    return stored, errors


def reply_initial(user, ids: list[str]) -> tuple[dict, list[IncomingDocument]]:
    """What a reply to incoming documents starts with: the documents, their senders as addressees (from the
    directory when known, else as a free-text line), a công văn "V/v trả lời …"."""
    pks = [int(x) for x in ids if x.isdigit()]
    docs = list(visible_incoming(user).filter(pk__in=pks).select_related("doc_type", "sender").order_by("pk"))
    if not docs:
        return {}, []
    agencies = [d.sender for d in docs if d.sender_id and d.sender.is_active]
    own = ExternalAgency.objects.filter(internal_agency_id=user.agency_id).values_list("pk", flat=True)
    agencies = [a for a in dict.fromkeys(agencies) if a.pk not in set(own)]
    lines = [d.sender_name for d in docs if not d.sender_id and d.sender_name]
    answered = "; ".join(
        _("%(type)s số %(code)s ngày %(date)s của %(sender)s")
        % {
            "type": d.doc_type.name if d.doc_type_id else _("văn bản"),
            "code": d.code,
            "date": d.document_date.strftime("%d/%m/%Y") if d.document_date else "",
            "sender": d.sender_name,
        }
        for d in docs
    )
    initial = {
        "replies_to": ",".join(str(d.pk) for d in docs),
        "abstract": _("V/v trả lời %(what)s") % {"what": answered},
        "recipient_agencies": [a.pk for a in agencies],
        "agencies_placement": Placement.ADDRESSEE,
        "recipient_lines": "\n".join(dict.fromkeys(lines)),
        "lines_placement": Placement.ADDRESSEE,
        "close_replied": True,
        "doc_type": DocumentType.objects.filter(code="cong-van").values_list("pk", flat=True).first(),
        "urgency": max(d.urgency for d in docs),
    }
    return initial, docs


def outgoing_create(request: HttpRequest) -> HttpResponse:
    """Soạn dự thảo (with ``?reply_to=<incoming pk>``: a reply to that incoming document)."""
    user = request.user
    if not services.may_draft(user):
        raise PermissionDenied(_("Bạn không thuộc đơn vị nào của cơ quan để soạn thảo văn bản."))
    kept: list[StoredFile] = []
    if request.method == "POST":
        form = DraftForm(request.POST, request.FILES, user=user)
        kept = _kept_files(request, request.POST.get("pending_files", ""))
        new, file_errors = _store_uploads(request, form)
        kept += new
        valid = form.is_valid()
        for message in file_errors:
            form.add_error("files", message)
        if valid and not file_errors:
            try:
                with transaction.atomic():
                    doc = services.create_draft(user, file=kept[0] if kept else None, **form.create_kwargs())
                    for extra in kept[1:]:
                        services.add_version(doc, user, extra)
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Đã tạo dự thảo."))
                return redirect(doc)
        data = form.data.copy()
        data["pending_files"] = ",".join(str(f.pk) for f in kept)
        form.data = data
        replies = form.cleaned_data.get("replies_to") if hasattr(form, "cleaned_data") else None
        if not isinstance(replies, list):
            replies = reply_initial(user, data.get("replies_to", "").split(","))[1]
    else:
        initial, replies = reply_initial(user, request.GET.getlist("reply_to"))
        form = DraftForm(initial=initial, user=user)
    return render(
        request,
        "outgoing/form.html",
        {"form": form, "kept_files": kept, "replies": replies, "creating": True},
    )


def outgoing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Sửa dự thảo (its keeper, while it may change); a signed document only gets its recipients corrected."""
    user = request.user
    doc = get_visible(user, pk)
    full = services.may("edit", doc, user)
    if not full and not services.may("edit_recipients", doc, user):
        messages.error(request, _("Dự thảo không thể sửa ở trạng thái hiện tại."))
        return redirect(doc)
    form_class = EditDraftForm if full else RecipientsForm
    if request.method == "POST":
        form = form_class(request.POST, user=user, doc=doc)
        if form.is_valid():
            try:
                with transaction.atomic():
                    if full:
                        services.update_draft(doc, user, **form.update_kwargs())
                    services.set_recipients(doc, user, form.recipient_specs(secret=doc.is_secret))
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            except (PermissionDenied, TransitionError) as exc:
                messages.error(request, str(exc))
                return redirect(doc)
            else:
                messages.success(request, _("Đã lưu dự thảo."))
                return redirect(doc)
    else:
        initial = EditDraftForm.initial_for(doc)
        form = form_class(initial=initial, user=user, doc=doc)
    return render(
        request,
        "outgoing/form.html",
        {"form": form, "doc": doc, "creating": False, "recipients_only": not full, "replies": []},
    )


@require_POST
def add_version(request: HttpRequest, pk: int) -> HttpResponse:
    """Thêm phiên bản dự thảo: a new DOCX or PDF; the earlier ones stay, downloadable."""
    from .views import detail_context

    user = request.user
    doc = get_visible(user, pk)
    if not services.may("add_version", doc, user):
        messages.error(request, _("Không thể thêm phiên bản cho văn bản ở trạng thái hiện tại."))
        return redirect(doc)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            with transaction.atomic():
                stored = store_draft_file(form.cleaned_data["file"], user)
                version = services.add_version(doc, user, stored, note=form.cleaned_data["note"].strip())
        except ValidationError as exc:
            form.add_error("file", exc.messages[0])
        except (PermissionDenied, TransitionError) as exc:
            messages.error(request, str(exc))
            return redirect(doc)
        else:
            messages.success(request, _("Đã thêm phiên bản %(n)d.") % {"n": version.number})
            return redirect(doc)
    messages.error(request, _("Chưa thêm được phiên bản: vui lòng xem lỗi bên dưới."))
    context = detail_context(request, doc)
    context["version_form"] = form
    return render(request, "outgoing/detail.html", context, status=422)
