"""The outgoing register books on screen and on paper: Sổ đăng ký văn bản đi (10 columns) and Sổ gửi văn bản đi
bưu điện (6 columns) of Decree 30 Appendix IV.

One page per book (filters, 100 rows a page) and ``?format=xlsx|docx|pdf`` for the bound paper copy, like the
incoming books (``vanthu.incoming.views_registers``, whose filter form is reused). Open to clerks, leaders and
administrators only (others get 404); rows always come from ``visible_outgoing(user)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from vanthu.documents.exports import FORMATS, Column, ExportError
from vanthu.incoming.registerbook import default_register
from vanthu.incoming.views_registers import MAX_EXPORT_ROWS, PAGE_SIZE, BookForm

from .registerbook import (
    book_queryset,
    outgoing_book_cover,
    outgoing_register_rows,
    postal_columns,
    postal_queryset,
    postal_rows,
    register_columns,
    selectable_registers,
)
from .visibility import visible_outgoing

TEMPLATE = "outgoing/register_book.html"


@dataclass(frozen=True)
class Book:
    kind: str
    title: str
    url_name: str
    filename: str
    columns: Callable[[], list[Column]]


BOOKS = {
    "register": Book(
        "register",
        _l("Sổ đăng ký văn bản đi"),
        "outgoing:register_book",
        "so-dang-ky-van-ban-di",
        register_columns,
    ),
    "postal": Book(
        "postal",
        _l("Sổ gửi văn bản đi bưu điện"),
        "outgoing:postal_book",
        "so-gui-van-ban-di-buu-dien",
        postal_columns,
    ),
}


def register_book(request: HttpRequest) -> HttpResponse:
    """Sổ đăng ký văn bản đi (10 columns)."""
    return _book_view(request, BOOKS["register"])


def postal_book(request: HttpRequest) -> HttpResponse:
    """Sổ gửi văn bản đi bưu điện (6 columns)."""
    return _book_view(request, BOOKS["postal"])


def _book_view(request: HttpRequest, book: Book) -> HttpResponse:
    user = request.user
    if not getattr(user, "sees_whole_agency", False) or not user.agency_id:
        raise Http404
    export_format = request.GET.get("format", "")
    if export_format and export_format not in FORMATS:
        raise Http404
    visible = visible_outgoing(user)
    registers = selectable_registers(user, visible)
    choices = list(registers)
    params = request.GET
    if book.kind == "postal":  # no register: every postal line of the agency
        params = params.copy()
        params["register"] = str(choices[0].pk) if choices else ""
    form = BookForm(
        params, registers=registers, default=default_register(choices), today=timezone.localdate()
    )
    if book.kind == "postal":
        form.fields["register"].widget = form.fields["register"].hidden_widget()
    columns = book.columns()
    context = {
        "book": book,
        "books": BOOKS.values(),
        "form": form,
        "columns": columns,
        "numbers": [f"({i})" for i in range(1, len(columns) + 1)],
        "has_registers": bool(choices) or book.kind == "postal",
        "rows": None,
        "query": "",
    }
    if book.kind == "postal" and not choices:
        form.fields["register"].required = False
    if not form.is_valid():
        return render(request, TEMPLATE, context)
    c = form.cleaned_data
    if book.kind == "register":
        qs = book_queryset(visible, c["register"], c["date_from"], c["date_to"])
    else:
        qs = postal_queryset(visible, user.agency_id, c["date_from"], c["date_to"])
    query = form.query() if c.get("register") else ""
    if export_format:
        return _export(request, book, export_format, qs, c, f"{reverse(book.url_name)}?{query}")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context.update(page=page, rows=_rows(book, page.object_list), query=query)
    return render(request, TEMPLATE, context)


def _rows(book: Book, qs) -> list:
    return outgoing_register_rows(qs) if book.kind == "register" else postal_rows(qs)


def _export(
    request: HttpRequest, book: Book, export_format: str, qs, cleaned: dict, back: str
) -> HttpResponse:
    count = qs.count()
    if count > MAX_EXPORT_ROWS:
        messages.error(
            request,
            _(
                "Khoảng thời gian đã chọn có %(n)d văn bản, quá %(max)d: vui lòng chọn khoảng ngắn hơn để in sổ."
            )
            % {"n": count, "max": MAX_EXPORT_ROWS},
        )
        return redirect(back)
    rows = _rows(book, qs)
    numbers = [int(r.code.split("/")[0]) for r in rows if book.kind == "register" and r.code[:1].isdigit()]
    cover = outgoing_book_cover(
        book.kind,
        request.user.agency,
        cleaned.get("register") if book.kind == "register" else None,
        cleaned["date_from"],
        cleaned["date_to"],
        numbers=numbers,
        volume=cleaned["volume"],
    )
    writer, content_type, extension = FORMATS[export_format]
    try:
        data = writer(cover, book.columns(), [r.cells() for r in rows])
    except ExportError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    filename = f"{book.filename}-{cleaned['date_from']:%Y%m%d}-{cleaned['date_to']:%Y%m%d}.{extension}"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
