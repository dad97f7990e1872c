"""Send notifications: stored in the same transaction, e-mailed by the task queue after commit."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from .models import Notification


def notify(users: Iterable, text: str, url: str = "") -> list[Notification]:
    seen: set[int] = set()
    created = []
    for user in users:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        created.append(Notification.objects.create(user=user, text=text[:500], url=url))
    if created:
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: _enqueue(ids))
    return created


def _enqueue(ids: list[int]) -> None:
    from .tasks import email_notification

    for pk in ids:
        email_notification.enqueue(pk)


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
