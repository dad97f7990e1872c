"""Background jobs of the search index (Django Tasks API): a failed job keeps its keys and can be retried."""

from __future__ import annotations

from django_tasks import task


@task()
def reindex_keys(keys: list[str]) -> int:
    from .services import reindex_keys as run

    return run(keys)


@task()
def reindex_viewer(user_id: int) -> int:
    from .services import reindex_viewer as run

    return run(user_id)
