"""The incoming register books on screen and on paper: Sổ đăng ký văn bản đến, Sổ theo dõi giải quyết văn bản đến.

One page per book (filters, 100 rows a page) and ``?format=xlsx|docx|pdf`` for the bound paper copy, through the
shared ``vanthu.documents.registerbook_views``; what is proper to the incoming books is here: their columns, rows
and cover, the days of receipt (ngày đến). Open to clerks, leaders and administrators only (others get 404); rows
always come from ``visible_incoming(user)``.
"""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _l

from vanthu.documents.exports import Cover
from vanthu.documents.registerbook_views import (
    MAX_EXPORT_ROWS,
    PAGE_SIZE,
    Book,
    BookForm,
    Shelf,
    book_page,
)

from .registerbook import (
    book_cover,
    book_queryset,
    default_register,
    followup_columns,
    followup_rows,
    incoming_register_rows,
    register_columns,
    selectable_registers,
)
from .visibility import visible_incoming

TEMPLATE = "incoming/register_book.html"

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


class IncomingShelf(Shelf):
    template = TEMPLATE
    books = BOOKS
    page_ends = True

    def visible(self, user) -> QuerySet:
        return visible_incoming(user)

    def form(self, request: HttpRequest, book: Book, visible: QuerySet, today: date) -> tuple[BookForm, bool]:
        registers = selectable_registers(request.user, visible)
        choices = list(registers)
        form = BookForm(request.GET, registers=registers, default=default_register(choices), today=today)
        return form, bool(choices)

    def queryset(self, book: Book, visible: QuerySet, user, cleaned: dict) -> QuerySet:
        return book_queryset(visible, cleaned["register"], cleaned["date_from"], cleaned["date_to"])

    def rows(self, book: Book, qs: QuerySet, user) -> list:
        if book.kind == "register":
            return incoming_register_rows(qs)
        return followup_rows(qs, user.agency_id)

    def cover(self, book: Book, user, cleaned: dict, rows: list) -> Cover:
        return book_cover(
            book.kind,
            user.agency,
            cleaned["register"],
            cleaned["date_from"],
            cleaned["date_to"],
            numbers=[r.number for r in rows],
            volume=cleaned["volume"],
        )

    def filename(self, book: Book, cleaned: dict, extension: str) -> str:
        return f"{book.filename}-{cleaned['date_from']:%Y%m%d}-{cleaned['date_to']:%Y%m%d}.{extension}"


SHELF = IncomingShelf()


def register_book(request: HttpRequest) -> HttpResponse:
    """Sổ đăng ký văn bản đến (10 columns)."""
    return _book_view(request, BOOKS["register"])


def followup_book(request: HttpRequest) -> HttpResponse:
    """Sổ theo dõi giải quyết văn bản đến (7 columns)."""
    return _book_view(request, BOOKS["followup"])


def _book_view(request: HttpRequest, book: Book) -> HttpResponse:
    # the limits are read here, at each request, so that they can be changed on this module
    return book_page(request, SHELF, book, page_size=PAGE_SIZE, max_export_rows=MAX_EXPORT_ROWS)
