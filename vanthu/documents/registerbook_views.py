"""The register books on screen and on paper, incoming and outgoing alike: the filter form (register, days,
volume), one page of 100 rows, one-click whole years, and ``?format=xlsx|docx|pdf`` for the bound paper copy.

Each side describes its books with a ``Shelf`` (``vanthu.incoming.views_registers``,
``vanthu.outgoing.views_registers``): the documents the user may see, the form, the queryset, the rows, the cover
and the file name; the page itself is ``book_page`` with the template ``documents/register_book.html``, which
each side extends with its own columns. Open to clerks, leaders and administrators only (others get 404).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qsl, urlencode

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from vanthu.documents.exports import FORMATS, Column, Cover, ExportError
from vanthu.documents.registerbook import month_range
from vanthu.registers.models import Register

PAGE_SIZE = 100
#: Beyond this many rows an export is refused: the user is asked for a shorter range (a year of a big agency).
MAX_EXPORT_ROWS = 20_000
DATE_FORMAT = "%d/%m/%Y"


@dataclass(frozen=True)
class Book:
    """One book of a shelf: its tab, its URL and its columns (on screen and on paper)."""

    kind: str
    title: str
    url_name: str
    filename: str
    columns: Callable[[], list[Column]]


def _date_input() -> forms.DateInput:
    return forms.DateInput(
        format=DATE_FORMAT, attrs={"placeholder": "dd/mm/yyyy", "class": "form-control form-control-sm"}
    )


class BookForm(forms.Form):
    """Which register and which days; empty fields take the defaults (the default register, the current month,
    volume 1). A book without registers deletes the ``register`` field."""

    register = forms.ModelChoiceField(
        label=_l("Sổ văn bản"),
        queryset=Register.objects.none(),
        empty_label=None,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
        error_messages={"invalid_choice": _l("Sổ văn bản không có hoặc bạn không được xem sổ này.")},
    )
    date_from = forms.DateField(label=_l("Từ ngày"), widget=_date_input())
    date_to = forms.DateField(label=_l("Đến ngày"), widget=_date_input())
    volume = forms.IntegerField(
        label=_l("Quyển số"),
        min_value=1,
        max_value=999,
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
    )

    def __init__(self, params, *, registers: QuerySet[Register], default: Register | None, today: date):
        first, last = month_range(today)
        defaults = {
            "register": str(default.pk) if default else "",
            "date_from": first.strftime(DATE_FORMAT),
            "date_to": last.strftime(DATE_FORMAT),
            "volume": "1",
        }
        data = {key: (params.get(key) or "").strip() or value for key, value in defaults.items()}
        super().__init__(data)
        self.fields["register"].queryset = registers

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("“Đến ngày” phải sau hoặc trùng “Từ ngày”."))
        if not cleaned.get("volume"):
            cleaned["volume"] = 1
        return cleaned

    def query(self) -> str:
        """The chosen filters as a query string (for paging, tabs and export links)."""
        c = self.cleaned_data
        params = {"register": c["register"].pk} if "register" in self.fields else {}
        params.update(
            date_from=c["date_from"].strftime(DATE_FORMAT),
            date_to=c["date_to"].strftime(DATE_FORMAT),
            volume=c["volume"],
        )
        return urlencode(params)


class Shelf:
    """The books of one side and what differs between the sides; ``book_page`` does the rest.

    ``print_layout``: the page prints as the book (no tabs, filters or buttons on paper, the range on top);
    ``page_ends``: the pager has first and last page links too.
    """

    template: str
    books: dict[str, Book]
    print_layout: bool = False
    page_ends: bool = False

    def visible(self, user) -> QuerySet:
        """The documents ``user`` may see."""
        raise NotImplementedError

    def form(self, request: HttpRequest, book: Book, visible: QuerySet, today: date) -> tuple[BookForm, bool]:
        """The bound filter form of ``book`` and whether there is anything to choose (False: no register)."""
        raise NotImplementedError

    def queryset(self, book: Book, visible: QuerySet, user, cleaned: dict) -> QuerySet:
        """The entries of the chosen register and days, in the order of the book."""
        raise NotImplementedError

    def rows(self, book: Book, qs: QuerySet, user) -> list:
        """The lines of ``qs`` (each with ``cells()`` for the paper copy)."""
        raise NotImplementedError

    def cover(self, book: Book, user, cleaned: dict, rows: list) -> Cover:
        raise NotImplementedError

    def filename(self, book: Book, cleaned: dict, extension: str) -> str:
        raise NotImplementedError

    def years(self, book: Book, visible: QuerySet, user, cleaned: dict) -> list[int] | None:
        """The years that have entries, for the whole-year links (None: no such links)."""
        return None


def book_page(
    request: HttpRequest,
    shelf: Shelf,
    book: Book,
    *,
    page_size: int = PAGE_SIZE,
    max_export_rows: int = MAX_EXPORT_ROWS,
) -> HttpResponse:
    """The page of ``book`` (404 for anyone but clerks, leaders and administrators of an agency), or its paper
    copy with ``?format=``."""
    user = request.user
    if not getattr(user, "sees_whole_agency", False) or not user.agency_id:
        raise Http404
    export_format = request.GET.get("format", "")
    if export_format and export_format not in FORMATS:
        raise Http404
    visible = shelf.visible(user)
    today = timezone.localdate()
    form, has_registers = shelf.form(request, book, visible, today)
    columns = book.columns()
    context = {
        "book": book,
        "books": shelf.books.values(),
        "form": form,
        "columns": columns,
        "numbers": [f"({i})" for i in range(1, len(columns) + 1)],
        "has_registers": has_registers,
        "rows": None,
        "query": "",
        "years": [],
        "print_layout": shelf.print_layout,
        "page_ends": shelf.page_ends,
    }
    if not has_registers or not form.is_valid():
        return render(request, shelf.template, context)
    c = form.cleaned_data
    qs = shelf.queryset(book, visible, user, c)
    query = form.query()
    if export_format:
        back = f"{reverse(book.url_name)}?{query}"
        return _export(request, shelf, book, export_format, qs, c, back, max_export_rows)
    page = Paginator(qs, page_size).get_page(request.GET.get("page"))
    years = shelf.years(book, visible, user, c)
    context.update(
        page=page,
        rows=shelf.rows(book, page.object_list, user),
        query=query,
        years=year_links(form, years, today) if years is not None else [],
    )
    return render(request, shelf.template, context)


def year_links(form: BookForm, years: list[int], today: date) -> list[tuple[int, str, bool]]:
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


def _export(
    request: HttpRequest,
    shelf: Shelf,
    book: Book,
    export_format: str,
    qs: QuerySet,
    cleaned: dict,
    back: str,
    max_rows: int,
) -> HttpResponse:
    count = qs.count()
    if count > max_rows:
        messages.error(
            request,
            _(
                "Khoảng thời gian đã chọn có %(n)d văn bản, quá %(max)d: vui lòng chọn khoảng ngắn hơn để in sổ."
            )
            % {"n": count, "max": max_rows},
        )
        return redirect(back)
    rows = shelf.rows(book, qs, request.user)
    cover = shelf.cover(book, request.user, cleaned, rows)
    writer, content_type, extension = FORMATS[export_format]
    try:
        data = writer(cover, book.columns(), [r.cells() for r in rows])
    except ExportError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    response = HttpResponse(data, content_type=content_type)
    filename = shelf.filename(book, cleaned, extension)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
