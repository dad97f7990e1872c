"""Concurrent issuing: N clerks' sessions issue N signed documents at the same moment, each in its own database
connection, and get exactly the numbers 1..N of the register (no duplicate, no gap).

The approach of ``registers/tests/test_race.py`` (threads released together by a barrier, no retry: a
"database is locked" must fail the test), on whichever database the suite runs: SQLite (WAL, BEGIN IMMEDIATE)
or PostgreSQL (row lock on the counter) when ``VANTHU_DATABASE_URL`` is set.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils import timezone

from vanthu.documents.services import sync_document_types
from vanthu.organization.models import Role
from vanthu.outgoing import services
from vanthu.outgoing.models import NumberingRule, NumberingScope, OutgoingDocument
from vanthu.registers.models import Counter, Register
from vanthu.registers.tests.test_race import assert_exactly_one_to, run_together
from vanthu.testing.db import clear_history_before_flush
from vanthu.testing.factories import RegisterFactory, UserFactory, doc_type

from .conftest import make_draft, sign_through

pytestmark = [pytest.mark.race, pytest.mark.django_db(transaction=True)]

THREADS = 12


@pytest.fixture(autouse=True)
def _document_types(db):
    """transaction=True flushes the database after each test (data migrations included): put the types back;
    the append-only history is cleared before the flush on SQLite (see ``testing.db``)."""
    sync_document_types()
    yield
    clear_history_before_flush()


@pytest.fixture
def clerks(agency, units, people):
    """One clerk per thread (each thread has its own session and connection)."""
    return [people["clerk"]] + [
        UserFactory(username=f"vanthu{i}", agency=agency, unit=units["TH"], role=Role.CLERK)
        for i in range(1, THREADS)
    ]


def test_concurrent_issues_get_exactly_1_to_n(people, out_register, clerks, capsys):
    docs = [
        sign_through(make_draft(people, abbreviation="CV" if i % 2 else "KH"), people) for i in range(THREADS)
    ]

    def work(i: int) -> None:
        services.issue(OutgoingDocument.objects.get(pk=docs[i].pk), clerks[i])

    errors, elapsed = run_together(work, THREADS)
    assert not errors, f"{len(errors)} issues failed, first: {errors[0]!r}"
    year = timezone.localdate().year
    numbers = list(
        OutgoingDocument.objects.filter(register=out_register, year=year).values_list("number", flat=True)
    )
    assert len(numbers) == THREADS
    assert_exactly_one_to(THREADS, numbers)
    assert Counter.objects.get(register=out_register, year=year).last_number == THREADS
    assert OutgoingDocument.objects.filter(state="issued").count() == THREADS
    with capsys.disabled():
        print(f"\n[race] {connection.vendor}: {THREADS} concurrent issues in {elapsed:.2f} s")


def test_concurrent_issues_and_reservations_in_separate_sequences(agency, people, out_register, clerks):
    """Half the threads issue decisions (their own register), the others issue công văn or reserve numbers for
    paper documents in the shared register: two independent sequences, each gap-free."""
    qd_register = RegisterFactory(
        agency=agency, name="Sổ quyết định", direction=Register.Direction.OUTGOING, is_default=False
    )
    NumberingRule.objects.create(
        agency=agency, doc_type=doc_type("QĐ"), scope=NumberingScope.NORMAL, register=qd_register
    )
    docs = []
    for i in range(THREADS):
        if i % 2 == 0:
            docs.append(sign_through(make_draft(people, abbreviation="QĐ"), people))
        elif i % 4 == 1:
            docs.append(sign_through(make_draft(people), people))
        else:
            docs.append(make_draft(people))  # paper: the clerk reserves its number

    def work(i: int) -> None:
        doc = OutgoingDocument.objects.get(pk=docs[i].pk)
        if doc.state == "draft":
            services.reserve_number(doc, clerks[i], signed_by=people["chairman"])
        else:
            services.issue(doc, clerks[i])

    errors, _elapsed = run_together(work, THREADS)
    assert not errors, f"{len(errors)} failed, first: {errors[0]!r}"
    for register in (qd_register, out_register):
        numbers = list(OutgoingDocument.objects.filter(register=register).values_list("number", flat=True))
        assert len(numbers) == THREADS // 2, register
        assert_exactly_one_to(THREADS // 2, numbers)
