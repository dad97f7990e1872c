"""Numbering of incoming documents (số đến): in order, per register and year, restarting on 1 January, gap-free."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from vanthu.documents.models import Confidentiality
from vanthu.incoming.models import IncomingDocument
from vanthu.organization.models import Role
from vanthu.registers.models import Counter, Register
from vanthu.registers.services import peek_next_number, take_number
from vanthu.testing.factories import RegisterFactory, UserFactory, register_incoming

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(y, m, d, hh=9, mm=0) -> dt.datetime:
    """A local (Hà Nội time) moment."""
    return dt.datetime(y, m, d, hh, mm, tzinfo=HCM)


def receive(clerk, register, when: dt.datetime, **overrides) -> IncomingDocument:
    overrides.setdefault("document_date", (when - dt.timedelta(days=1)).date())
    return register_incoming(clerk, register, received_at=when, **overrides)


def last_number(register, year) -> int | None:
    return Counter.objects.filter(register=register, year=year).values_list("last_number", flat=True).first()


def test_numbers_one_two_three_in_order(people, register):
    clerk = people["clerk"]
    docs = [receive(clerk, register, at(2026, 3, 2, 8 + i)) for i in range(3)]
    assert [(d.year, d.number) for d in docs] == [(2026, 1), (2026, 2), (2026, 3)]
    assert [d.number for d in IncomingDocument.objects.order_by("number")] == [1, 2, 3]
    assert last_number(register, 2026) == 3
    assert peek_next_number(register, 2026) == 4
    assert peek_next_number(register, 2027) == 1


def test_numbering_restarts_on_1_january(people, register):
    clerk = people["clerk"]
    a = receive(clerk, register, at(2025, 12, 31, 8))
    b = receive(clerk, register, at(2025, 12, 31, 23, 59))
    # 00:05 on 1 January in Hà Nội is still 31 December in UTC: the local year decides
    c = receive(clerk, register, at(2026, 1, 1, 0, 5), document_date=dt.date(2025, 12, 30))
    assert c.received_at.astimezone(dt.UTC).year == 2025
    d = receive(clerk, register, at(2026, 1, 2))
    # a document received on 31/12 but registered after New Year still takes the next 2025 number
    e = receive(clerk, register, at(2025, 12, 31, 16))
    assert [(x.year, x.number) for x in (a, b, c, d, e)] == [
        (2025, 1),
        (2025, 2),
        (2026, 1),
        (2026, 2),
        (2025, 3),
    ]
    assert last_number(register, 2025) == 3 and last_number(register, 2026) == 2


def test_a_rolled_back_registration_does_not_burn_a_number(people, register):
    clerk = people["clerk"]
    assert receive(clerk, register, at(2026, 3, 2)).number == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        doomed = receive(clerk, register, at(2026, 3, 2, 10))
        assert doomed.number == 2
        raise RuntimeError("máy in hỏng, hủy vào sổ")
    assert last_number(register, 2026) == 1
    again = receive(clerk, register, at(2026, 3, 2, 11))
    assert again.number == 2
    assert list(IncomingDocument.objects.order_by("number").values_list("number", flat=True)) == [1, 2]


def test_a_rolled_back_first_registration_of_the_year_leaves_no_counter(people, register):
    """The counter row itself is created in the registering transaction and goes away with it."""
    clerk = people["clerk"]
    with pytest.raises(RuntimeError), transaction.atomic():
        assert receive(clerk, register, at(2027, 1, 4)).number == 1
        raise RuntimeError
    assert last_number(register, 2027) is None
    assert receive(clerk, register, at(2027, 1, 4)).number == 1


def test_a_failure_inside_the_service_after_the_number_was_taken_does_not_burn_it(
    people, register, monkeypatch
):
    clerk = people["clerk"]
    receive(clerk, register, at(2026, 3, 2))

    def broken_record(*args, **kwargs):
        raise RuntimeError("history unavailable")

    monkeypatch.setattr("vanthu.incoming.services.registration.record", broken_record)
    with pytest.raises(RuntimeError):
        receive(clerk, register, at(2026, 3, 2, 10))
    monkeypatch.undo()
    assert not IncomingDocument.objects.filter(number=2).exists()
    assert receive(clerk, register, at(2026, 3, 2, 11)).number == 2


def test_secret_register_has_its_own_sequence(people, register, secret_register):
    clerk = people["clerk"]
    secret = {"confidentiality": Confidentiality.SECRET}
    got = [
        (r.register_id, r.number)
        for r in [
            receive(clerk, register, at(2026, 3, 2, 8)),
            receive(clerk, register, at(2026, 3, 2, 9)),
            receive(clerk, secret_register, at(2026, 3, 2, 10), **secret),
            receive(clerk, register, at(2026, 3, 2, 11)),
            receive(clerk, secret_register, at(2026, 3, 2, 12), **secret),
        ]
    ]
    n, s = register.pk, secret_register.pk
    assert got == [(n, 1), (n, 2), (s, 1), (n, 3), (s, 2)]
    assert last_number(register, 2026) == 3 and last_number(secret_register, 2026) == 2


def test_each_agency_numbers_its_own_register(people, register, other_agency):
    other_clerk = UserFactory(username="vanthu_xa", agency=other_agency, role=Role.CLERK)
    other_register = RegisterFactory(agency=other_agency)
    assert receive(people["clerk"], register, at(2026, 3, 2)).number == 1
    assert receive(other_clerk, other_register, at(2026, 3, 2)).number == 1
    assert receive(people["clerk"], register, at(2026, 3, 2)).number == 2


@pytest.mark.parametrize("role", ["chairman", "chief", "head_kt", "spec_kt", "spec_th"])
def test_a_non_clerk_cannot_register(people, register, role):
    receive(people["clerk"], register, at(2026, 3, 2))
    with pytest.raises(PermissionDenied):
        receive(people[role], register, at(2026, 3, 2, 10))
    assert last_number(register, 2026) == 1
    assert IncomingDocument.objects.count() == 1


def test_the_administrator_may_register(people, register):
    assert receive(people["admin"], register, at(2026, 3, 2)).number == 1


def test_a_clerk_cannot_use_another_agencys_or_an_outgoing_register(people, register, other_agency):
    clerk = people["clerk"]
    foreign = RegisterFactory(agency=other_agency)
    outgoing = RegisterFactory(
        agency=register.agency, name="Sổ văn bản đi", direction=Register.Direction.OUTGOING
    )
    for wrong in (foreign, outgoing):
        with pytest.raises(PermissionDenied):
            receive(clerk, wrong, at(2026, 3, 2))
    assert not Counter.objects.exists()


def test_secret_and_normal_registers_are_not_mixed(people, register, secret_register):
    clerk = people["clerk"]
    with pytest.raises(ValueError):
        receive(clerk, register, at(2026, 3, 2), confidentiality=Confidentiality.SECRET)
    with pytest.raises(ValueError):
        receive(clerk, secret_register, at(2026, 3, 2))
    assert not Counter.objects.exists()


def test_the_unique_constraint_is_the_last_defence(people, register):
    """Were the counter ever set back, a number already given cannot be given again."""
    clerk = people["clerk"]
    receive(clerk, register, at(2026, 3, 2))
    Counter.objects.filter(register=register, year=2026).update(last_number=0)
    with pytest.raises(IntegrityError):
        receive(clerk, register, at(2026, 3, 2, 10))


@pytest.mark.django_db(transaction=True)
def test_take_number_refuses_to_run_outside_a_transaction(register):
    with pytest.raises(RuntimeError):
        take_number(register, 2026)
    assert not Counter.objects.exists()
