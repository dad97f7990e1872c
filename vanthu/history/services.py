"""Record and read history events."""

from __future__ import annotations

from typing import Any

from django.db import models

from .models import Event


def record(
    obj: models.Model,
    verb: str,
    actor=None,
    *,
    from_state: str = "",
    to_state: str = "",
    note: str = "",
    **payload: Any,
) -> Event:
    """Append one event to the history of ``obj``; never updates an existing event."""
    return Event.objects.create(
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        verb=verb,
        actor=actor if getattr(actor, "pk", None) else None,
        from_state=from_state or "",
        to_state=to_state or "",
        note=note or "",
        payload=payload,
    )


def trail(obj: models.Model) -> models.QuerySet[Event]:
    """The full trail of an object, oldest first, with actors loaded."""
    return Event.objects.for_object(obj).select_related("actor", "actor__unit")
