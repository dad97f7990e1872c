"""The search page: one box, kinds as tabs with counts, relevance or date order, highlighted snippets, paging."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _l

from .services import PAGE_SIZE, search

KIND_LABELS = {"incoming": _l("Văn bản đến"), "outgoing": _l("Văn bản đi"), "task": _l("Nhiệm vụ")}


def _url(key: str) -> str:
    kind, _, pk = key.partition(":")
    return {"incoming": "/van-ban-den/{}/", "outgoing": "/van-ban-di/{}/", "task": "/nhiem-vu/{}/"}[
        kind
    ].format(pk)


def results(request: HttpRequest) -> HttpResponse:
    text = (request.GET.get("q") or "").strip()[:200]
    kind = request.GET.get("kind") or ""
    kind = kind if kind in KIND_LABELS else ""
    by_date = request.GET.get("sort") == "date"
    try:
        page = max(1, int(request.GET.get("page") or 1))
    except ValueError:
        page = 1
    found = (
        search(request.user, text, kinds=[kind] if kind else [], page=page, by_date=by_date) if text else None
    )
    hits = []
    if found:
        for hit in found.hits:
            hits.append({"hit": hit, "url": _url(hit.key), "kind_label": KIND_LABELS[hit.kind]})
    pages = (found.total + PAGE_SIZE - 1) // PAGE_SIZE if found else 0
    context = {
        "q": text,
        "kind": kind,
        "by_date": by_date,
        "found": found,
        "hits": hits,
        "page": page,
        "pages": pages,
        "facets": [(k, label, found.facets.get(k, 0) if found else 0) for k, label in KIND_LABELS.items()],
        "total_all": sum(found.facets.values()) if found else 0,
    }
    return render(request, "search/results.html", context)
