"""The actions on an outgoing document as POST endpoints: one small form each, one service call each.

A form with errors re-renders the detail page with the form open and what was typed; a refusal of the services
(PermissionDenied, ValidationError, TransitionError, a numbering problem) becomes a Vietnamese message."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanthu.organization.models import Role, User

from . import services
from .files import store_draft_file
from .forms_actions import ACTION_FORMS, pending_recipients
from .models import AmendKind
from .services.chains import candidates, chain_for, enter, index_of, steps_of
from .states import OutgoingState, TransitionError

#: action of the page -> actions of ``services.may`` that allow it
PERMITS: dict[str, tuple[str, ...]] = {
    "amend": ("correct", "replace"),
    **{a: (a,) for a in ACTION_FORMS if a != "amend"},
}


def _next_people(doc, action: str) -> tuple[list[User], str]:
    """Who the draft may go to on ``submit`` / ``approve`` (the first is the usual one), or a problem."""
    try:
        if action == "submit":
            if doc.returned_step_id and doc.chain_id and not doc.chain.restart_on_return:
                step = doc.returned_step
                people = candidates(step, doc)
                returner = doc.returned_by
                if returner and returner.is_active and returner.pk not in {p.pk for p in people}:
                    people.insert(0, returner)
                elif returner:
                    people.sort(key=lambda p: p.pk != returner.pk)
                return people, ""
            steps = steps_of(chain_for(doc))
            start = 0
        else:
            steps = steps_of(doc.chain)
            start = index_of(steps, doc.current_step) + 1
        step, _holder, _skipped = enter(doc, steps, start, None)
        return candidates(step, doc), ""
    except ValidationError as exc:
        return [], " ".join(exc.messages)


def _forward_people(doc, user) -> list[User]:
    return list(
        User.objects.filter(agency_id=doc.agency_id, is_active=True)
        .exclude(pk=user.pk)
        .exclude(role=Role.ADMIN)
        .select_related("unit")
        .order_by("unit__order", "role", "last_name", "id")
    )


def allowed(action: str, doc, user) -> bool:
    if not any(services.may(a, doc, user) for a in PERMITS[action]):
        return False
    if action == "mark_sent":
        return pending_recipients(doc).exists()
    return True


def make_form(action: str, doc, user, data=None, files=None):
    people, problem = None, ""
    if action in ("submit", "approve"):
        people, problem = _next_people(doc, action)
    elif action == "forward":
        people = _forward_people(doc, user)
    form = ACTION_FORMS[action](data, files, user=user, doc=doc, people=people, auto_id=f"{action}-%s")
    form.problem = problem
    form.people = people or []
    if action == "amend":
        kinds = [(k, label) for k, label in AmendKind.choices if services.may(_amend_action(k), doc, user)]
        form.fields["kind"].choices = kinds
        form.fields["kind"].initial = kinds[0][0] if kinds else None
    return form


def _amend_action(kind: str) -> str:
    return "correct" if kind == AmendKind.CORRECTION else "replace"


def action_forms(doc, user, bound: dict | None = None) -> dict:
    """The forms of the actions ``user`` may take on ``doc`` now (``bound``: the one that failed)."""
    forms = {}
    for action in ACTION_FORMS:
        if not allowed(action, doc, user):
            continue
        if bound and bound.get("action") == action:
            forms[action] = bound["form"]
        else:
            forms[action] = make_form(action, doc, user)
    return forms


def _upload(request, form, *, pdf_only: bool = True):
    upload = form.cleaned_data.get("file")
    return store_draft_file(upload, request.user, pdf_only=pdf_only) if upload else None


def _run(request: HttpRequest, doc, action: str, form):
    """Call the service of ``action``; returns where to go next (the document, or a new draft)."""
    user, c = request.user, form.cleaned_data
    if action == "submit":
        doc = services.submit(doc, user, to=c["to"], note=c["note"])
        messages.success(request, _("Đã trình dự thảo cho %(name)s.") % {"name": doc.holder.display_name})
    elif action == "approve":
        doc = services.approve(doc, user, comment=c["comment"], to=c["to"])
        messages.success(request, _("Đã đồng ý, trình tiếp %(name)s.") % {"name": doc.holder.display_name})
    elif action == "return":
        services.return_draft(doc, user, c["comment"])
        messages.success(request, _("Đã trả lại dự thảo cho người soạn thảo."))
    elif action == "forward":
        services.forward(doc, user, to=c["to"], comment=c["comment"])
        messages.success(request, _("Đã chuyển dự thảo cho %(name)s.") % {"name": c["to"].display_name})
    elif action == "sign":
        services.sign(doc, user, comment=c["comment"], file=_upload(request, form))
        messages.success(request, _("Đã ký ban hành; văn bản chờ văn thư phát hành."))
    elif action == "issue":
        doc = services.issue(
            doc,
            user,
            issued_on=c["issued_on"],
            page_count=c["page_count"],
            copies=c["copies"],
            note=c["note"],
        )
        messages.success(request, _("Đã phát hành văn bản số %(code)s.") % {"code": doc.code})
    elif action == "reserve_number":
        doc = services.reserve_number(
            doc,
            user,
            signed_by=c["signed_by"],
            signed_on=c["signed_on"],
            issued_on=c["issued_on"],
            note=c["note"],
        )
        messages.success(
            request, _("Đã lấy số %(code)s; đính kèm bản quét để phát hành.") % {"code": doc.code}
        )
    elif action == "attach_scan":
        doc = services.attach_scan(
            doc, user, _upload(request, form), page_count=c["page_count"], note=c["note"]
        )
        messages.success(
            request, _("Đã đính kèm bản quét và phát hành văn bản số %(code)s.") % {"code": doc.code}
        )
    elif action == "mark_sent":
        recipient = services.mark_sent(
            c["recipient"],
            user,
            sent_on=c["sent_on"],
            envelopes=c["envelopes"],
            receipt=c["receipt"],
            note=c["note"],
        )
        messages.success(request, _("Đã ghi gửi văn bản tới %(name)s.") % {"name": recipient.name})
    elif action == "recall":
        services.recall(doc, user, c["reason"])
        messages.success(request, _("Đã thu hồi văn bản số %(code)s.") % {"code": doc.code})
    elif action == "cancel":
        services.cancel(doc, user, c["reason"])
        messages.success(request, _("Đã hủy dự thảo."))
    elif action == "amend":
        new = services.amend(doc, user, c["kind"], abstract=c["abstract"].strip())
        messages.success(
            request,
            _("Đã tạo dự thảo %(kind)s văn bản số %(code)s: hãy tải lên tệp dự thảo rồi trình.")
            % {"kind": AmendKind(c["kind"]).label.lower(), "code": doc.code},
        )
        return new
    return doc


@require_POST
def outgoing_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One endpoint per action: 404 for a document the user may not see, a message for a refused action."""
    from .views import detail_context, get_visible

    user = request.user
    doc = get_visible(user, pk)
    if action not in ACTION_FORMS:
        raise Http404
    if not allowed(action, doc, user):
        if doc.state == OutgoingState.RECALLED:
            messages.error(request, _("Văn bản đã bị thu hồi: không thể thực hiện thao tác này."))
        else:
            messages.error(
                request, _("Bạn không thể thực hiện thao tác này với văn bản ở trạng thái hiện tại.")
            )
        return redirect(doc)
    form = make_form(action, doc, user, request.POST, request.FILES)
    if form.is_valid():
        try:
            with transaction.atomic():
                target = _run(request, doc, action, form)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        except (PermissionDenied, TransitionError, ValueError) as exc:
            messages.error(request, str(exc) or _("Bạn không có quyền thực hiện thao tác này với văn bản."))
            return redirect(doc)
        else:
            return redirect(target)
    doc.refresh_from_db()
    messages.error(request, _("Chưa thực hiện được: vui lòng xem các lỗi bên dưới."))
    context = detail_context(request, doc, {"action": action, "form": form})
    return render(request, "outgoing/detail.html", context, status=422)
