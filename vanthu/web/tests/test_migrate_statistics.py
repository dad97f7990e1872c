"""After ``migrate`` SQLite has planner statistics (sqlite_stat1): without them the big lists pick bad plans."""

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection


def _has_statistics() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        return cursor.fetchone()[0] == 1


@pytest.mark.django_db
def test_migrate_refreshes_sqlite_statistics():
    if connection.vendor != "sqlite":
        pytest.skip("ANALYZE after migrate concerns SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
    assert not _has_statistics()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert _has_statistics()
