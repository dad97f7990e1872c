"""The outgoing register books on screen and on paper: Sổ đăng ký văn bản đi (10 columns) and Sổ gửi văn bản đi
bưu điện (6 columns) of Decree 30 Appendix IV.

One page per book (filters, 100 rows a page, one-click whole years) and ``?format=xlsx|docx|pdf`` for the bound
paper copy, like the incoming books (``vanthu.incoming.views_registers``, whose filter form is reused; the postal
book has no register to choose). Open to clerks, leaders and administrators only (others get 404); rows always
come from ``visible_outgoing(user)``. File names are the book's title without diacritics (ASCII, safe in any
Content-Disposition), the register's name for a register other than the default one, and the dates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qsl, urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from vanthu.common.text import fold
from vanthu.documents.exports import FORMATS, Column, ExportError
from vanthu.incoming.registerbook import default_register
from vanthu.incoming.views_registers import DATE_FORMAT, MAX_EXPORT_ROWS, PAGE_SIZE, BookForm
from vanthu.registers.models import Register

from .registerbook import (
    book_queryset,
    outgoing_book_cover,
    outgoing_register_rows,
    postal_columns,
    postal_queryset,
    postal_rows,
    postal_years,
    register_columns,
    register_years,
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


class PostalForm(BookForm):
    """The postal book's filters: the days handed to the post and the volume; every postal line of the agency,
    whatever register numbered the document."""

    def __init__(self, params, *, today: date):
        super().__init__(params, registers=Register.objects.none(), default=None, today=today)
        del self.fields["register"]

    def query(self) -> str:
        c = self.cleaned_data
        return urlencode(
            {
                "date_from": c["date_from"].strftime(DATE_FORMAT),
                "date_to": c["date_to"].strftime(DATE_FORMAT),
                "volume": c["volume"],
            }
        )


def _book_view(request: HttpRequest, book: Book) -> HttpResponse:
    user = request.user
    if not getattr(user, "sees_whole_agency", False) or not user.agency_id:
        raise Http404
    export_format = request.GET.get("format", "")
    if export_format and export_format not in FORMATS:
        raise Http404
    visible = visible_outgoing(user)
    today = timezone.localdate()
    if book.kind == "register":
        registers = selectable_registers(user, visible)
        choices = list(registers)
        form = BookForm(request.GET, registers=registers, default=default_register(choices), today=today)
    else:
        choices = []
        form = PostalForm(request.GET, today=today)
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
        "years": [],
    }
    if not context["has_registers"] or not form.is_valid():
        return render(request, TEMPLATE, context)
    c = form.cleaned_data
    if book.kind == "register":
        qs = book_queryset(visible, c["register"], c["date_from"], c["date_to"])
        years = register_years(visible, c["register"])
    else:
        qs = postal_queryset(visible, user.agency_id, c["date_from"], c["date_to"])
        years = postal_years(visible, user.agency_id)
    query = form.query()
    if export_format:
        return _export(request, book, export_format, qs, c, f"{reverse(book.url_name)}?{query}")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context.update(
        page=page,
        rows=_rows(book, page.object_list),
        query=query,
        years=_year_links(form, years, today),
    )
    return render(request, TEMPLATE, context)


def _year_links(form: BookForm, years: list[int], today: date) -> list[tuple[int, str, bool]]:
    """(year, query string of the whole year, whether it is the range shown) for the years that have entries
    and the current one, most recent first."""
    c = form.cleaned_data
    params = dict(parse_qsl(form.query()))
    links = []
    for year in sorted(set(years) | {today.year}, reverse=True):
        first, last = date(year, 1, 1), date(year, 12, 31)
        params.update(date_from=first.strftime(DATE_FORMAT), date_to=last.strftime(DATE_FORMAT))
        links.append((year, urlencode(params), (c["date_from"], c["date_to"]) == (first, last)))
    return links


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
    register = cleaned.get("register")
    numbers = [r.number for r in rows if book.kind == "register" and r.number is not None]
    cover = outgoing_book_cover(
        book.kind,
        request.user.agency,
        register,
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
    response = HttpResponse(data, content_type=content_type)
    filename = export_filename(book, register, cleaned["date_from"], cleaned["date_to"], extension)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def export_filename(
    book: Book, register: Register | None, date_from: date, date_to: date, extension: str
) -> str:
    """``so-dang-ky-van-ban-di[-<register>]-YYYYMMDD-YYYYMMDD.<ext>``: Vietnamese without diacritics (đ → d),
    ASCII only; the register's name is added for any register but the ordinary default one."""
    parts = [book.filename]
    if register is not None and not (register.is_default and not register.is_secret):
        parts.append(slugify(fold(register.name)) or f"so-{register.pk}")
    parts += [f"{date_from:%Y%m%d}", f"{date_to:%Y%m%d}"]
    return f"{'-'.join(parts)}.{extension}"
