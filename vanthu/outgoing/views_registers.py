"""The outgoing register books on screen and on paper: Sổ đăng ký văn bản đi (10 columns) and Sổ gửi văn bản đi
bưu điện (6 columns) of Decree 30 Appendix IV.

One page per book (filters, 100 rows a page, one-click whole years) and ``?format=xlsx|docx|pdf`` for the bound
paper copy, through the shared ``vanthu.documents.registerbook_views`` like the incoming books; what is proper to
the outgoing books is here (the postal book has no register to choose). Open to clerks, leaders and administrators
only (others get 404); rows always come from ``visible_outgoing(user)``. File names are the book's title without
diacritics (ASCII, safe in any Content-Disposition), the register's name for a register other than the default
one, and the dates.
"""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _l

from vanthu.common.text import fold
from vanthu.documents.exports import Cover
from vanthu.documents.registerbook import default_register
from vanthu.documents.registerbook_views import MAX_EXPORT_ROWS, PAGE_SIZE, Book, BookForm, Shelf, book_page
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


class PostalForm(BookForm):
    """The postal book's filters: the days handed to the post and the volume; every postal line of the agency,
    whatever register numbered the document."""

    def __init__(self, params, *, today: date):
        super().__init__(params, registers=Register.objects.none(), default=None, today=today)
        del self.fields["register"]


class OutgoingShelf(Shelf):
    template = TEMPLATE
    books = BOOKS
    print_layout = True

    def visible(self, user) -> QuerySet:
        return visible_outgoing(user)

    def form(self, request: HttpRequest, book: Book, visible: QuerySet, today: date) -> tuple[BookForm, bool]:
        if book.kind != "register":
            return PostalForm(request.GET, today=today), True
        registers = selectable_registers(request.user, visible)
        choices = list(registers)
        form = BookForm(request.GET, registers=registers, default=default_register(choices), today=today)
        return form, bool(choices)

    def queryset(self, book: Book, visible: QuerySet, user, cleaned: dict) -> QuerySet:
        if book.kind == "register":
            return book_queryset(visible, cleaned["register"], cleaned["date_from"], cleaned["date_to"])
        return postal_queryset(visible, user.agency_id, cleaned["date_from"], cleaned["date_to"])

    def years(self, book: Book, visible: QuerySet, user, cleaned: dict) -> list[int]:
        if book.kind == "register":
            return register_years(visible, cleaned["register"])
        return postal_years(visible, user.agency_id)

    def rows(self, book: Book, qs: QuerySet, user) -> list:
        return outgoing_register_rows(qs) if book.kind == "register" else postal_rows(qs)

    def cover(self, book: Book, user, cleaned: dict, rows: list) -> Cover:
        numbers = [r.number for r in rows if book.kind == "register" and r.number is not None]
        return outgoing_book_cover(
            book.kind,
            user.agency,
            cleaned.get("register"),
            cleaned["date_from"],
            cleaned["date_to"],
            numbers=numbers,
            volume=cleaned["volume"],
        )

    def filename(self, book: Book, cleaned: dict, extension: str) -> str:
        return export_filename(
            book, cleaned.get("register"), cleaned["date_from"], cleaned["date_to"], extension
        )


SHELF = OutgoingShelf()


def register_book(request: HttpRequest) -> HttpResponse:
    """Sổ đăng ký văn bản đi (10 columns)."""
    return _book_view(request, BOOKS["register"])


def postal_book(request: HttpRequest) -> HttpResponse:
    """Sổ gửi văn bản đi bưu điện (6 columns)."""
    return _book_view(request, BOOKS["postal"])


def _book_view(request: HttpRequest, book: Book) -> HttpResponse:
    # the limits are read here, at each request, so that they can be changed on this module
    return book_page(request, SHELF, book, page_size=PAGE_SIZE, max_export_rows=MAX_EXPORT_ROWS)


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
