"""The incoming register books on screen and on paper: Sổ đăng ký văn bản đến, Sổ theo dõi giải quyết văn bản đến.

One page per book (filters, 100 rows a page) and ``?format=xlsx|docx|pdf`` for the bound paper copy. Open to
clerks, leaders and administrators only (others get 404); rows always come from ``visible_incoming(user)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

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

from vanthu.documents.exports import FORMATS, Column, ExportError
from vanthu.registers.models import Register

from .registerbook import (
    book_cover,
    book_queryset,
    default_register,
    followup_columns,
    followup_rows,
    incoming_register_rows,
    month_range,
    register_columns,
    selectable_registers,
)
from .visibility import visible_incoming

PAGE_SIZE = 100
#: Beyond this many rows an export is refused: the user is asked for a shorter range (a year of a big agency).
MAX_EXPORT_ROWS = 20_000
TEMPLATE = "incoming/register_book.html"
DATE_FORMAT = "%d/%m/%Y"


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
        _l("Sổ đăng ký văn bản đến"),
        "incoming:register_book",
        "so-dang-ky-van-ban-den",
        register_columns,
    ),
    "followup": Book(
        "followup",
        _l("Sổ theo dõi giải quyết văn bản đến"),
        "incoming:followup_book",
        "so-theo-doi-giai-quyet-van-ban-den",
        followup_columns,
    ),
}


def _date_input() -> forms.DateInput:
    return forms.DateInput(
        format=DATE_FORMAT, attrs={"placeholder": "dd/mm/yyyy", "class": "form-control form-control-sm"}
    )


class BookForm(forms.Form):
    """Which register and which days of receipt (ngày đến); empty fields take the defaults."""

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
        return urlencode(
            {
                "register": c["register"].pk,
                "date_from": c["date_from"].strftime(DATE_FORMAT),
                "date_to": c["date_to"].strftime(DATE_FORMAT),
                "volume": c["volume"],
            }
        )


def register_book(request: HttpRequest) -> HttpResponse:
    """Sổ đăng ký văn bản đến (10 columns)."""
    return _book_view(request, BOOKS["register"])


def followup_book(request: HttpRequest) -> HttpResponse:
    """Sổ theo dõi giải quyết văn bản đến (7 columns)."""
    return _book_view(request, BOOKS["followup"])


def _rows(book: Book, qs, agency_id: int | None) -> list:
    if book.kind == "register":
        return incoming_register_rows(qs)
    return followup_rows(qs, agency_id)


def _book_view(request: HttpRequest, book: Book) -> HttpResponse:
    user = request.user
    if not getattr(user, "sees_whole_agency", False) or not user.agency_id:
        raise Http404
    export_format = request.GET.get("format", "")
    if export_format and export_format not in FORMATS:
        raise Http404
    visible = visible_incoming(user)
    registers = selectable_registers(user, visible)
    choices = list(registers)
    form = BookForm(
        request.GET, registers=registers, default=default_register(choices), today=timezone.localdate()
    )
    columns = book.columns()
    context = {
        "book": book,
        "books": BOOKS.values(),
        "form": form,
        "columns": columns,
        "numbers": [f"({i})" for i in range(1, len(columns) + 1)],
        "has_registers": bool(choices),
        "rows": None,
        "query": "",
    }
    if not choices or not form.is_valid():
        return render(request, TEMPLATE, context)
    c = form.cleaned_data
    qs = book_queryset(visible, c["register"], c["date_from"], c["date_to"])
    query = form.query()
    if export_format:
        return _export(request, book, export_format, qs, c, f"{reverse(book.url_name)}?{query}")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context.update(page=page, rows=_rows(book, page.object_list, user.agency_id), query=query)
    return render(request, TEMPLATE, context)


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
    rows = _rows(book, qs, request.user.agency_id)
    cover = book_cover(
        book.kind,
        request.user.agency,
        cleaned["register"],
        cleaned["date_from"],
        cleaned["date_to"],
        numbers=[r.number for r in rows],
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
