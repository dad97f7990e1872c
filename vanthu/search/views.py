"""The search page: one box, kinds as tabs with counts, relevance or date order, highlighted snippets, paging."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from vanthu.documents.models import DocumentType
from vanthu.organization.models import ExternalAgency, Unit
from vanthu.registers.models import Register

from .engine import Filters
from .models import SavedSearch
from .services import PAGE_SIZE, search

STATUS_LABELS = {
    "open": _l("Chưa hoàn thành"),
    "overdue": _l("Quá hạn"),
    "done": _l("Đã hoàn thành, đã phát hành"),
}
KIND_LABELS = {"incoming": _l("Văn bản đến"), "outgoing": _l("Văn bản đi"), "task": _l("Nhiệm vụ")}


#: the detail page of each kind of item (the URL names its app already has)
DETAIL_URLS = {"incoming": "incoming:detail", "outgoing": "outgoing:detail", "task": "tasks:detail"}


def _url(key: str) -> str | None:
    """The detail page of an indexed key ("incoming:12"); None for a key of no page (not written by vanthu)."""
    kind, _, pk = key.partition(":")
    if kind not in DETAIL_URLS or not pk.isdigit():
        return None
    return reverse(DETAIL_URLS[kind], args=[int(pk)])


def _day(text: str) -> tuple[int | None, bool]:
    """A date typed dd/mm/yyyy (or sent yyyy-mm-dd) as yyyymmdd; (None, False) when it is not a date."""
    text = (text or "").strip()
    if not text:
        return None, True
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return int(datetime.strptime(text, fmt).strftime("%Y%m%d")), True
        except ValueError:
            continue
    return None, False


def _choice(params, name: str, allowed) -> int | None:
    """An id from the query string when it is one of ``allowed`` (a queryset of ids), else None."""
    value = params.get(name, "")
    return int(value) if value.isdigit() and allowed.filter(pk=int(value)).exists() else None


def _registers(user):
    return Register.objects.filter(agency_id=getattr(user, "agency_id", None), is_active=True)


def _units(user):
    return Unit.objects.filter(agency_id=getattr(user, "agency_id", None), is_active=True)


def _filters(params, user) -> tuple[Filters, list[str]]:
    errors = []
    day_from, ok_from = _day(params.get("from", ""))
    day_to, ok_to = _day(params.get("to", ""))
    if not ok_from:
        errors.append(_("“Từ ngày” phải có dạng dd/mm/yyyy."))
    if not ok_to:
        errors.append(_("“Đến ngày” phải có dạng dd/mm/yyyy."))
    codes = set(DocumentType.objects.values_list("code", flat=True))
    doc_type = params.get("type", "")
    status = params.get("status", "")
    return Filters(
        doc_type if doc_type in codes else "",
        day_from,
        day_to,
        params.get("urgent") == "1",
        status if status in STATUS_LABELS else "",
        int(timezone.localdate().strftime("%Y%m%d")),
        register=_choice(params, "register", _registers(user)),
        unit=_choice(params, "unit", _units(user)),
        sender=(params.get("sender") or "").strip()[:200],
    ), errors


def results(request: HttpRequest) -> HttpResponse:
    text = (request.GET.get("q") or "").strip()[:200]
    kind = request.GET.get("kind") or ""
    kind = kind if kind in KIND_LABELS else ""
    by_date = request.GET.get("sort") == "date"
    try:
        page = max(1, int(request.GET.get("page") or 1))
    except ValueError:
        page = 1
    filters, errors = _filters(request.GET, request.user)
    found = None
    if text:
        found = search(
            request.user, text, kinds=[kind] if kind else [], page=page, by_date=by_date, filters=filters
        )
    kept = {
        k: request.GET.get(k, "")
        for k in ("type", "from", "to", "status", "urgent", "register", "unit", "sender", "sort")
        if request.GET.get(k)
    }
    hits = []
    if found:
        for hit in found.hits:
            url = _url(hit.key)
            if url and hit.kind in KIND_LABELS:
                hits.append({"hit": hit, "url": url, "kind_label": KIND_LABELS[hit.kind]})
    pages = (found.total + PAGE_SIZE - 1) // PAGE_SIZE if found else 0
    context = {
        "q": text,
        "kind": kind,
        "by_date": by_date,
        "found": found,
        "hits": hits,
        "page": page,
        "pages": pages,
        # no counts per kind when the backend stopped counting (PostgreSQL, more matches than it counts)
        "facets": [
            (k, label, None if found and found.capped else (found.facets.get(k, 0) if found else 0))
            for k, label in KIND_LABELS.items()
        ],
        "total_all": None if found and found.capped else (sum(found.facets.values()) if found else 0),
        "types": DocumentType.objects.filter(is_active=True).order_by("name"),
        "filters": filters,
        "registers": _registers(request.user).order_by("direction", "name"),
        "units": _units(request.user).order_by("order", "name"),
        "senders": ExternalAgency.objects.order_by("name").values_list("name", flat=True)[:500],
        "statuses": list(STATUS_LABELS.items()),
        "params": request.GET,
        "errors": errors,
        "kept": urlencode(kept),
        "current": urlencode({"q": text, **({"kind": kind} if kind else {}), **kept}),
        "saved": SavedSearch.objects.filter(user=request.user) if request.user.is_authenticated else [],
    }
    return render(request, "search/results.html", context)


@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """Lưu tìm kiếm: the current query string under a name (unique per person)."""
    name = (request.POST.get("name") or "").strip()[:100]
    query = (request.POST.get("query") or "").strip()[:1000]
    back = f"{reverse('search:results')}?{query}"
    if not name or not query:
        messages.error(request, _("Hãy đặt tên cho tìm kiếm cần lưu."))
        return redirect(back)
    try:
        with transaction.atomic():
            SavedSearch.objects.create(user=request.user, name=name, query=query)
    except IntegrityError:
        messages.error(request, _("Bạn đã có tìm kiếm tên “%(name)s”.") % {"name": name})
        return redirect(back)
    messages.success(request, _("Đã lưu tìm kiếm “%(name)s”.") % {"name": name})
    return redirect(back)


@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    saved.delete()
    messages.success(request, _("Đã xóa tìm kiếm “%(name)s”.") % {"name": saved.name})
    return redirect("search:results")
