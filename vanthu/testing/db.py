"""Database helpers for tests that commit (``transaction=True``, live server)."""

from __future__ import annotations

import importlib

from django.db import connection


def clear_history_before_flush() -> None:
    """Remove history events so that the flush after a transactional test can run.

    The history is append-only: triggers (migration history/0003) refuse DELETE. PostgreSQL's flush is a TRUNCATE,
    which row triggers do not see; SQLite's is a DELETE, which they refuse, so on SQLite the events are removed
    here with the triggers lifted for that one statement.
    """
    if connection.vendor != "sqlite":
        return
    triggers = importlib.import_module("vanthu.history.migrations.0003_append_only_triggers")
    with connection.cursor() as cursor:
        for sql in triggers.SQLITE_REVERSE:
            cursor.execute(sql)
        cursor.execute("DELETE FROM history_event")
        for sql in triggers.SQLITE:
            cursor.execute(sql)
