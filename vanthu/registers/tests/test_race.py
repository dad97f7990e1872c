"""Concurrent registration: 20 clerks' sessions × 10 documents, started together, get exactly 1..200.

Runs against whichever database the suite runs on: SQLite (WAL, ``BEGIN IMMEDIATE``, 30 s busy timeout) by
default, PostgreSQL when ``VANTHU_DATABASE_URL`` is set. No retry here: a "database is locked" must fail the test.
"""

from __future__ import annotations

import threading
import time
from collections import Counter as Tally

import pytest
from django.db import connection

from vanthu.documents.models import Confidentiality
from vanthu.documents.services import sync_document_types
from vanthu.incoming.models import IncomingDocument
from vanthu.registers.models import Counter
from vanthu.testing.db import clear_history_before_flush
from vanthu.testing.factories import register_incoming

pytestmark = [pytest.mark.race, pytest.mark.django_db(transaction=True)]

THREADS = 20
EACH = 10


@pytest.fixture(autouse=True)
def _document_types(db):
    """transaction=True flushes the database after each test, data migrations included: put the types back.

    The history is append-only (migration history/0003 adds triggers refusing DELETE). PostgreSQL's flush is a
    TRUNCATE, which row triggers do not see; SQLite's is a DELETE, which they refuse: on SQLite the events are
    removed here, with the triggers lifted for that one statement, before pytest-django flushes.
    """
    sync_document_types()
    yield
    clear_history_before_flush()


def run_together(work, threads: int = THREADS) -> tuple[list[BaseException], float]:
    """Run ``work(i)`` in ``threads`` threads released at the same moment; returns the errors and the seconds."""
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []
    lock = threading.Lock()

    def target(i: int) -> None:
        try:
            barrier.wait(timeout=60)
            work(i)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    pool = [threading.Thread(target=target, args=(i,), name=f"clerk-{i}") for i in range(threads)]
    start = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join(timeout=300)
    elapsed = time.perf_counter() - start
    assert not any(t.is_alive() for t in pool), "a registering thread is stuck"
    return errors, elapsed


def assert_exactly_one_to(n: int, numbers: list[int]) -> None:
    duplicates = sorted(k for k, v in Tally(numbers).items() if v > 1)
    missing = sorted(set(range(1, n + 1)) - set(numbers))
    assert not duplicates, f"numbers given twice: {duplicates[:20]}"
    assert not missing, f"gaps: {missing[:20]}"
    assert sorted(numbers) == list(range(1, n + 1))


def test_200_concurrent_registrations_get_exactly_1_to_200(people, register, capsys):
    clerk = people["clerk"]

    def work(i: int) -> None:
        for j in range(EACH):
            register_incoming(clerk, register, abstract=f"Văn bản của luồng {i}, lần {j}")

    errors, elapsed = run_together(work)
    assert not errors, f"{len(errors)} registrations failed, first: {errors[0]!r}"

    numbers = list(IncomingDocument.objects.filter(register=register).values_list("number", flat=True))
    assert len(numbers) == THREADS * EACH
    assert_exactly_one_to(THREADS * EACH, numbers)
    counter = Counter.objects.get(register=register)
    assert counter.last_number == THREADS * EACH
    with capsys.disabled():
        print(f"\n[race] {connection.vendor}: {THREADS}×{EACH} registrations in {elapsed:.2f} s")


def test_concurrent_registrations_in_two_registers_and_two_years(people, register, secret_register):
    """Half the threads register secret documents, and every other document is dated the year before: four
    independent sequences, each gap-free (the counter rows are created by whichever thread comes first)."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    clerk = people["clerk"]
    hcm = ZoneInfo("Asia/Ho_Chi_Minh")
    years = {2025: dt.datetime(2025, 12, 31, 16, tzinfo=hcm), 2026: dt.datetime(2026, 1, 2, 9, tzinfo=hcm)}

    def work(i: int) -> None:
        secret = i % 2 == 1
        for j in range(EACH):
            register_incoming(
                clerk,
                secret_register if secret else register,
                received_at=years[2025 + j % 2],
                document_date=dt.date(2025, 12, 30),
                confidentiality=Confidentiality.SECRET if secret else Confidentiality.NORMAL,
            )

    errors, _elapsed = run_together(work)
    assert not errors, f"{len(errors)} registrations failed, first: {errors[0]!r}"
    per_sequence = THREADS // 2 * EACH // 2
    for reg in (register, secret_register):
        for year in years:
            numbers = list(
                IncomingDocument.objects.filter(register=reg, year=year).values_list("number", flat=True)
            )
            assert len(numbers) == per_sequence, (reg, year)
            assert_exactly_one_to(per_sequence, numbers)
            assert Counter.objects.get(register=reg, year=year).last_number == per_sequence
