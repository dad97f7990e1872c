"""Both search backends run the same tests: Tantivy always, PostgreSQL when the tests run on PostgreSQL."""

from __future__ import annotations

import pytest

BACKENDS = ["tantivy", "postgres"]


@pytest.fixture(params=BACKENDS)
def backend_name(request, settings) -> str:
    if request.param == "postgres":
        request.getfixturevalue("db")
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("the PostgreSQL search backend needs VANTHU_DATABASE_URL=postgresql://…")
    settings.VANTHU_SEARCH_BACKEND = request.param
    return request.param


@pytest.fixture
def make_index(backend_name, tmp_path):
    """An empty index of the backend under test."""

    def make(name: str = "index"):
        if backend_name == "postgres":
            from vanthu.search.pg import PostgresIndex

            index = PostgresIndex()
            index.clear()
            return index
        from vanthu.search.engine import SearchIndex

        return SearchIndex(tmp_path / name)

    return make
