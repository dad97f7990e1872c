"""Pages of outgoing documents (văn bản đi): the list with its scopes and filters, and the detail page.

Views are thin: what a user sees is ``visible_outgoing``; which buttons show is ``services.may``; the changes are
made by ``services`` (``views_drafting``, ``views_actions``)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _l

from vanthu.common.deadlines import DeadlineStatus
from vanthu.documents.models import DocumentType
from vanthu.history.services import trail
from vanthu.incoming.visibility import visible_incoming
from vanthu.organization.models import Unit

from . import services
from .forms import VersionForm
from .models import ChainStep, ReviewAction
from .queries import status_of, waiting_for, with_status
from .services.rules import CLERK_ROLES
from .states import NUMBERED_STATES, DeliveryState, OutgoingState
from .views_actions import action_forms
from .visibility import visible_outgoing

PAGE_SIZE = 50

#: Tabs of the list: (key, label); "to_issue" only for the registry.
SCOPES = [
    ("waiting", _l("Chờ tôi xử lý")),
    ("mine", _l("Dự thảo của tôi")),
    ("to_issue", _l("Chờ phát hành")),
    ("issued", _l("Đã phát hành")),
    ("all", _l("Tất cả")),
]


def parse_date(text: str | None) -> date | None:
    """dd/mm/yyyy as typed (ISO accepted from links); None when empty or unreadable."""
    text = (text or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def scopes_for(user) -> list[tuple[str, str]]:
    return [(k, v) for k, v in SCOPES if k != "to_issue" or user.role in CLERK_ROLES]


def scoped(user, scope: str):
    """The documents of one tab, all within ``visible_outgoing``."""
    if scope == "waiting":
        return waiting_for(user)
    qs = visible_outgoing(user)
    if scope == "mine":
        return qs.filter(drafter_id=user.pk)
    if scope == "to_issue":
        return qs.filter(state__in=[OutgoingState.SIGNED, OutgoingState.RESERVED])
    if scope == "issued":
        return qs.filter(state__in=NUMBERED_STATES)
    return qs


def filtered(qs, params):
    """Filters of the list: type, state, text (abstract, notation, number), date range, drafting unit."""
    if q := params.get("q", "").strip():
        text = Q(abstract__icontains=q) | Q(notation__icontains=q)
        number = q.split("/", 1)[0]
        if number.isdigit():
            text |= Q(number=int(number))
        qs = qs.filter(text)
    if (state := params.get("state")) in OutgoingState.values:
        qs = qs.filter(state=state)
    if doc_type := params.get("type"):
        qs = qs.filter(doc_type__code=doc_type)
    if (unit := params.get("unit", "")).isdigit():
        qs = qs.filter(drafting_unit_id=int(unit))
    # the document's date: its issue date once numbered, else the day it was drafted
    if start := parse_date(params.get("from")):
        qs = qs.filter(Q(issued_on__gte=start) | Q(issued_on__isnull=True, created_at__date__gte=start))
    if end := parse_date(params.get("to")):
        qs = qs.filter(Q(issued_on__lte=end) | Q(issued_on__isnull=True, created_at__date__lte=end))
    return qs


def outgoing_list(request: HttpRequest) -> HttpResponse:
    """Danh sách văn bản đi: one tab at a time, filtered, newest first (urgent first in "Chờ tôi xử lý")."""
    user = request.user
    scopes = scopes_for(user)
    scope = request.GET.get("scope") or "all"
    if scope not in dict(scopes):
        scope = "all"
    qs = filtered(scoped(user, scope), request.GET)
    order = ("-urgency", "held_since", "id") if scope == "waiting" else ("-issued_on", "-created_at", "-id")
    qs = (
        with_status(qs, user.agency_id).select_related("doc_type", "drafting_unit", "holder").order_by(*order)
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "scope": scope,
        "scopes": scopes,
        "states": OutgoingState.choices,
        "types": DocumentType.objects.filter(is_active=True),
        "units": Unit.objects.filter(agency_id=user.agency_id, is_active=True),
        "querydict": request.GET,
        "may_draft": services.may_draft(user),
    }
    if request.htmx and request.htmx.target == "outgoing-table":
        return render(request, "outgoing/list.html#table", context)
    return render(request, "outgoing/list.html", context)


def _chain_rows(doc) -> list[dict]:
    """The approval chain's steps with the one holding the document now marked."""
    if not doc.chain_id:
        return []
    steps = ChainStep.objects.filter(chain_id=doc.chain_id).order_by("order")
    current = doc.current_step.order if doc.current_step_id else None
    rows = []
    for step in steps:
        if doc.state in (OutgoingState.IN_REVIEW,) and current is not None:
            done = step.order < current
        else:
            done = doc.state in (OutgoingState.SIGNED, *NUMBERED_STATES)
        rows.append({"step": step, "current": step.pk == doc.current_step_id, "done": done})
    return rows


def _events(doc) -> list:
    events = list(trail(doc))
    for e in events:
        e.from_label = OutgoingState(e.from_state).label if e.from_state in OutgoingState.values else ""
        e.to_label = OutgoingState(e.to_state).label if e.to_state in OutgoingState.values else ""
        if e.verb.startswith("recipient_") or e.from_state == e.to_state:  # no change of the document's state
            e.from_label = e.to_label = ""
    return events


def detail_context(request: HttpRequest, doc, bound: dict | None = None) -> dict:
    user = request.user
    reviews = list(doc.reviews.select_related("actor", "forwarded_to").order_by("at", "id"))
    returned = next((r for r in reversed(reviews) if r.action == ReviewAction.RETURNED), None)
    replies = list(doc.replies_to.select_related("doc_type").order_by("received_at"))
    seen_replies = set(
        visible_incoming(user).filter(pk__in=[d.pk for d in replies]).values_list("pk", flat=True)
    )
    linked = visible_outgoing(user)
    amends = linked.filter(pk=doc.amends_id).first() if doc.amends_id else None
    amendments = list(linked.filter(amends=doc).select_related("doc_type").order_by("created_at"))
    may = {
        action: services.may(action, doc, user)
        for action in ("edit", "add_version", "edit_recipients", "correct", "replace")
    }
    return {
        "doc": doc,
        "status": status_of(doc) if doc.state != OutgoingState.CANCELLED else None,
        "versions": list(doc.versions.select_related("file", "uploaded_by").order_by("-number")),
        "chain_rows": _chain_rows(doc),
        "reviews": reviews,
        "returned_review": returned if doc.state == OutgoingState.RETURNED else None,
        "is_drafter": doc.drafter_id == user.pk,
        "replies": [(d, d.pk in seen_replies) for d in replies],
        "recipients": list(doc.recipients.select_related("unit", "external", "incoming")),
        "DeliveryState": DeliveryState,
        "amends": amends,
        "amends_hidden": bool(doc.amends_id and amends is None),
        "amendments": amendments,
        "events": _events(doc),
        "may": may,
        "may_edit_page": may["edit"] or may["edit_recipients"],
        "forms": action_forms(doc, user, bound),
        "version_form": VersionForm() if may["add_version"] else None,
        "open_action": (bound or {}).get("action"),
        "overdue": DeadlineStatus.OVERDUE,
    }


def get_visible(user, pk: int):
    return get_object_or_404(
        visible_outgoing(user, pk=pk).select_related(
            "agency",
            "doc_type",
            "drafting_unit",
            "drafter",
            "proposed_signer",
            "holder",
            "current_step",
            "chain",
            "signed_by",
            "issued_by",
            "register",
            "returned_by",
        )
    )


def outgoing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_visible(request.user, pk)
    return render(request, "outgoing/detail.html", detail_context(request, doc))
