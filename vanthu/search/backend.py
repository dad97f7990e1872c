"""One interface for the search backends: ``SearchIndex`` (Tantivy, embedded, the default) and ``PostgresIndex``
(a PostgreSQL table for web nodes on several machines), chosen by ``VANTHU_SEARCH_BACKEND``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

from .engine import Filters, Found, Item


@runtime_checkable
class SearchBackend(Protocol):
    def index(self, items: Iterable[Item]) -> int:
        """Add or replace the items (by key); returns how many were written."""

    def delete(self, keys: Iterable[str]) -> int:
        """Remove the items of ``keys``."""

    def write(self, items: Iterable[Item], delete: Iterable[str] = ()) -> int:
        """Both at once, in one commit."""

    def clear(self) -> None:
        """Remove every item (before a rebuild)."""

    def stamps(self) -> dict[str, str]:
        """Every indexed key with the stamp of the row it was built from (the drift check)."""

    def keys_for_viewer(self, viewer: int) -> set[str]:
        """Every key the index lets ``viewer`` find."""

    def search(
        self,
        text: str,
        viewer: int,
        *,
        kinds: Sequence[str] = (),
        limit: int = 20,
        offset: int = 0,
        by_date: bool = False,
        filters: Filters | None = None,
    ) -> Found:
        """The user's query AND the viewer's permission AND the filters: hits of the page, total, facet counts."""


def open_backend(name: str, path: str = "") -> SearchBackend:
    """The backend called ``name`` ("tantivy" with its index directory ``path``, or "postgres")."""
    if name == "postgres":
        from django.core.exceptions import ImproperlyConfigured
        from django.db import connection

        from .pg import PostgresIndex

        if connection.vendor != "postgresql":
            raise ImproperlyConfigured(
                "VANTHU_SEARCH_BACKEND=postgres needs a PostgreSQL VANTHU_DATABASE_URL"
            )

        return PostgresIndex()
    if name == "tantivy":
        from pathlib import Path

        from .engine import SearchIndex

        return SearchIndex.at(Path(path))
    raise ValueError(f"unknown search backend {name!r}")
