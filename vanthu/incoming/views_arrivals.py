"""Văn bản điện tử chờ tiếp nhận: the receiving clerk's pages for documents another agency of this installation
sent through the system. The clerk accepts one into an incoming register (it gets the next incoming number) or
refuses it with a reason; the sender is told either way (``vanthu.incoming.signals``).

Only the receiving agency's clerks and administrators see these pages (``exchange.arrivals_for``); for anyone
else an arrival does not exist (404).

``exchange_context`` gives the incoming document's page what it shows of the exchange between agencies: the
arrival it was accepted from and the outgoing documents that answer it."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from vanthu.history.services import trail
from vanthu.organization.models import User
from vanthu.registers.models import Register

from .models import Arrival, Channel, IncomingDocument
from .services.exchange import accept, arrivals_for, refuse
from .services.registration import REGISTER_ROLES
from .states import ArrivalState, TransitionError

#: the tabs of the list, waiting first
TABS = (
    (ArrivalState.AWAITING, _l("Chờ tiếp nhận")),
    (ArrivalState.ACCEPTED, _l("Đã tiếp nhận")),
    (ArrivalState.REFUSED, _l("Đã từ chối")),
    (ArrivalState.WITHDRAWN, _l("Bên gửi đã thu hồi")),
)
PAGE_SIZE = 50


class AcceptForm(forms.Form):
    register = forms.ModelChoiceField(
        label=_l("Vào sổ văn bản đến"),
        queryset=Register.objects.none(),
        empty_label=None,
        error_messages={"required": _l("Hãy chọn sổ văn bản đến.")},
    )
    received_at = forms.DateTimeField(
        label=_l("Thời điểm đến"),
        input_formats=["%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy hh:mm"}),
        error_messages={"invalid": _l("Thời điểm đến phải có dạng dd/mm/yyyy hh:mm.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["register"].queryset = Register.objects.filter(
            agency_id=user.agency_id, direction=Register.Direction.INCOMING, is_active=True, is_secret=False
        ).order_by("-is_default", "name")
        self.fields["received_at"].initial = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["register"].widget.attrs["class"] = "form-select"
        self.fields["received_at"].widget.attrs["class"] = "form-control"

    def clean_received_at(self):
        value = self.cleaned_data["received_at"]
        if value > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("Thời điểm đến không được sau thời điểm hiện tại."))
        return value


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_l("Lý do từ chối"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        error_messages={"required": _l("Phải ghi lý do từ chối tiếp nhận.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Phải ghi lý do từ chối tiếp nhận."))
        return reason


def _may_see(user) -> None:
    if not getattr(user, "is_authenticated", False) or user.role not in REGISTER_ROLES:
        raise Http404


def arrival_list(request: HttpRequest) -> HttpResponse:
    """Danh sách văn bản điện tử đến, by state; the waiting ones oldest first (they wait longest)."""
    _may_see(request.user)
    tab = request.GET.get("tab") or ArrivalState.AWAITING
    if tab not in dict(TABS):
        tab = ArrivalState.AWAITING
    mine = arrivals_for(request.user)
    counts = dict.fromkeys(dict(TABS), 0)
    for state, n in _state_counts(mine):
        counts[state] = n
    order = ("-urgency", "arrived_at", "id") if tab == ArrivalState.AWAITING else ("-arrived_at", "-id")
    rows = mine.filter(state=tab).select_related("doc_type", "document").order_by(*order)[:PAGE_SIZE]
    context = {
        "tabs": [(key, label, counts[key]) for key, label in TABS],
        "tab": tab,
        "arrivals": rows,
        "shown_all": counts[tab] <= PAGE_SIZE,
        "total": counts[tab],
    }
    return render(request, "incoming/arrivals.html", context)


def _state_counts(qs):
    return qs.order_by().values_list("state").annotate(n=Count("id"))


def _context(
    request: HttpRequest, arrival: Arrival, accept_form=None, refuse_form=None, open_form=""
) -> dict:
    waiting = arrival.state == ArrivalState.AWAITING
    return {
        "arrival": arrival,
        "files": list(arrival.files.all()),
        "accept_form": (accept_form or AcceptForm(user=request.user)) if waiting else None,
        "refuse_form": (refuse_form or RefuseForm()) if waiting else None,
        "open_form": open_form,
        "events": trail(arrival),
    }


def arrival_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _may_see(request.user)
    arrival = get_object_or_404(
        arrivals_for(request.user).select_related("doc_type", "sender", "document", "decided_by"), pk=pk
    )
    return render(request, "incoming/arrival_detail.html", _context(request, arrival))


def arrival_file(request: HttpRequest, pk: int, file_id: int) -> FileResponse:
    _may_see(request.user)
    arrival = get_object_or_404(arrivals_for(request.user), pk=pk)
    stored = arrival.files.filter(pk=file_id).first()
    if stored is None:
        raise Http404
    return FileResponse(
        stored.file.open("rb"),
        content_type=stored.content_type,
        filename=stored.original_name,
        as_attachment=request.GET.get("download") == "1",
    )


@require_POST
def arrival_accept(request: HttpRequest, pk: int) -> HttpResponse:
    _may_see(request.user)
    arrival = get_object_or_404(arrivals_for(request.user), pk=pk)
    form = AcceptForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            doc = accept(
                arrival,
                request.user,
                register=form.cleaned_data["register"],
                received_at=form.cleaned_data["received_at"],
            )
        except (TransitionError, PermissionDenied, ValueError) as error:
            messages.error(request, _refusal(arrival, error))
            return redirect("incoming:arrival", pk=arrival.pk)
        messages.success(
            request, _("Đã vào sổ văn bản đến số %(n)d: %(code)s.") % {"n": doc.number, "code": doc.code}
        )
        return redirect(doc.get_absolute_url())
    context = _context(request, arrival, accept_form=form, open_form="accept")
    return render(request, "incoming/arrival_detail.html", context, status=422)


@require_POST
def arrival_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    _may_see(request.user)
    arrival = get_object_or_404(arrivals_for(request.user), pk=pk)
    form = RefuseForm(request.POST)
    if form.is_valid():
        try:
            refuse(arrival, request.user, form.cleaned_data["reason"])
        except (TransitionError, PermissionDenied, ValueError) as error:
            messages.error(request, _refusal(arrival, error))
            return redirect("incoming:arrival", pk=arrival.pk)
        messages.success(request, _("Đã từ chối tiếp nhận văn bản %(code)s.") % {"code": arrival.code})
        return redirect("incoming:arrivals")
    context = _context(request, arrival, refuse_form=form, open_form="refuse")
    return render(request, "incoming/arrival_detail.html", context, status=422)


def _refusal(arrival: Arrival, error: Exception) -> str:
    arrival.refresh_from_db()
    if arrival.state == ArrivalState.WITHDRAWN:
        return _("Bên gửi đã thu hồi văn bản này: không tiếp nhận được nữa.")
    if arrival.state != ArrivalState.AWAITING:
        return _("Văn bản này đã được xử lý (%(state)s).") % {"state": arrival.get_state_display()}
    return str(error)


def exchange_context(user: User, doc: IncomingDocument) -> dict:
    """For the incoming document's page: ``received_from`` (the arrival it was accepted from, with
    ``may_open`` for the clerks who see the arrival pages) and ``replies`` (the issued outgoing documents of the
    agency answering it, oldest first, each with ``may_open`` when ``user`` may see it: a link only then)."""
    from vanthu.outgoing.models import OutgoingDocument  # outgoing depends on incoming, not the reverse
    from vanthu.outgoing.states import OutgoingState
    from vanthu.outgoing.visibility import visible_outgoing

    received_from = None
    if doc.channel == Channel.EXCHANGE:
        received_from = Arrival.objects.filter(document=doc).first()
        if received_from is not None:
            received_from.may_open = arrivals_for(user).filter(pk=received_from.pk).exists()
    replies = list(
        OutgoingDocument.objects.filter(
            replies_to=doc, state__in=(OutgoingState.ISSUED, OutgoingState.RECALLED)
        ).order_by("issued_on", "number", "id")
    )
    if replies:
        seen = set(visible_outgoing(user).filter(pk__in=[r.pk for r in replies]).values_list("pk", flat=True))
        for reply in replies:
            reply.may_open = reply.pk in seen
    return {"received_from": received_from, "replies": replies}
