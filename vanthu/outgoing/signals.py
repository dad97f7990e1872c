"""Hear from the incoming context what a receiving agency did with a document sent to it."""

from __future__ import annotations

from django.dispatch import receiver

from vanthu.incoming.signals import arrival_accepted, arrival_refused


@receiver(arrival_accepted)
def _arrival_accepted(sender, arrival, document, actor, **kwargs) -> None:
    from .services.dispatch import on_accepted

    on_accepted(arrival, document, actor)


@receiver(arrival_refused)
def _arrival_refused(sender, arrival, actor, reason, **kwargs) -> None:
    from .services.dispatch import on_refused

    on_refused(arrival, actor, reason)
