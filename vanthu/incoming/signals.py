"""Signals of the incoming context, for the contexts above it (e.g. outgoing) that must hear what happens here
without this context importing them."""

from __future__ import annotations

from django.dispatch import Signal

#: An arrival was accepted into the incoming register. Arguments: ``arrival``, ``document`` (the new
#: IncomingDocument), ``actor`` (the clerk). Sent inside the accepting transaction.
arrival_accepted = Signal()

#: An arrival was refused. Arguments: ``arrival``, ``actor``, ``reason``. Sent inside the refusing transaction.
arrival_refused = Signal()
