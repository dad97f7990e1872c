"""Numbering (cấp số): gap-free, never repeated, restarting on 1 January.

A number is taken inside the caller's transaction with one ``UPDATE … SET last_number = last_number + 1``: on
PostgreSQL the row lock makes concurrent takers queue; on SQLite the database is opened with
``transaction_mode=IMMEDIATE`` so each transaction holds the write lock from its start. If the caller's
transaction rolls back, the increment rolls back with it, so no number is ever skipped. A unique constraint on
(register, year, number) in the numbered models is the last defence.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import Counter, Register


def take_number(register: Register, year: int) -> int:
    """Take the next number of ``register`` in ``year``. Must be called inside ``transaction.atomic``."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number() must run inside the transaction that records the document")
    updated = Counter.objects.filter(register=register, year=year).update(last_number=F("last_number") + 1)
    if not updated:
        try:
            with transaction.atomic():
                Counter.objects.create(register=register, year=year, last_number=1)
            return 1
        except IntegrityError:
            Counter.objects.filter(register=register, year=year).update(last_number=F("last_number") + 1)
    return Counter.objects.filter(register=register, year=year).values_list("last_number", flat=True).get()


def peek_next_number(register: Register, year: int) -> int:
    """The number the next document would get (for display only; never reserve with it)."""
    last = Counter.objects.filter(register=register, year=year).values_list("last_number", flat=True).first()
    return (last or 0) + 1


def default_register(agency_id: int, direction: str, secret: bool = False) -> Register | None:
    qs = Register.objects.filter(agency_id=agency_id, direction=direction, is_secret=secret, is_active=True)
    return qs.order_by("-is_default", "id").first()
