"""Numbering of outgoing documents (cấp số văn bản đi), rule by rule (DOMAIN.md §1.3, Decree 30 Điều 15):

- the head of the agency sets the scheme: one shared sequence, or several by type (NumberingRule);
- secret documents have their own sequence (the secret register);
- normative documents have one sequence per type, and the year in their number;
- numbers start at 01 on 1 January, are unique within the year, never repeat and never skip.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone

from vanthu.documents.models import Confidentiality
from vanthu.history.services import trail
from vanthu.outgoing import services
from vanthu.outgoing.models import NumberingRule, NumberingScope, OutgoingDocument
from vanthu.outgoing.numbering import NumberingError
from vanthu.outgoing.states import OutgoingState, TransitionError
from vanthu.registers.models import Counter, Register
from vanthu.registers.services import peek_next_number
from vanthu.testing.factories import RegisterFactory, doc_type, draft_file

from .conftest import make_draft

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1
THIS_YEAR = LAST_YEAR + 1


def outgoing_register(agency, name, *, secret=False, default=False):
    return RegisterFactory(
        agency=agency, name=name, direction=Register.Direction.OUTGOING, is_secret=secret, is_default=default
    )


def rule(agency, register, abbreviation=None, scope=NumberingScope.NORMAL):
    found = NumberingRule(
        agency=agency,
        doc_type=doc_type(abbreviation) if abbreviation else None,
        scope=scope,
        register=register,
    )
    found.full_clean()
    found.save()
    return found


def codes(docs):
    return [d.code for d in docs]


def test_one_shared_sequence_by_default(people, out_register, issued):
    """Without rules every type takes the next number of the default outgoing register."""
    docs = [issued(a) for a in ("CV", "KH", "QĐ", "CV", "TB")]
    assert codes(docs) == ["01/UBND-KT", "02/KH-UBND", "03/QĐ-UBND", "04/UBND-KT", "05/TB-UBND"]
    assert {d.register for d in docs} == {out_register}
    assert Counter.objects.get(register=out_register, year=timezone.localdate().year).last_number == 5


def test_separate_sequences_per_type_and_a_shared_one_for_the_rest(people, agency, issued):
    """Bình Dương practice: QĐ, TB and CT have their own counters; KH and công văn interleave in the shared one."""
    shared = outgoing_register(agency, "Sổ công văn đi", default=True)
    for abbreviation in ("QĐ", "TB", "CT"):
        rule(agency, outgoing_register(agency, f"Sổ {abbreviation}"), abbreviation)
    rule(agency, shared)  # every other type
    docs = [issued(a) for a in ("QĐ", "CV", "KH", "QĐ", "TB", "CV", "CT", "TB", "KH")]
    assert codes(docs) == [
        "01/QĐ-UBND",
        "01/UBND-KT",
        "02/KH-UBND",
        "02/QĐ-UBND",
        "01/TB-UBND",
        "03/UBND-KT",
        "01/CT-UBND",
        "02/TB-UBND",
        "04/KH-UBND",
    ]
    assert {d.register.name for d in docs if d.doc_type.abbreviation in ("KH", "")} == {"Sổ công văn đi"}


def test_a_type_rule_without_a_catch_all_falls_back_to_the_default_register(
    people, agency, out_register, issued
):
    rule(agency, outgoing_register(agency, "Sổ QĐ"), "QĐ")
    assert codes([issued("QĐ"), issued("CV"), issued("QĐ"), issued("TB")]) == [
        "01/QĐ-UBND",
        "01/UBND-KT",
        "02/QĐ-UBND",
        "02/TB-UBND",
    ]


def test_secret_documents_are_numbered_in_the_secret_register(
    people, out_register, out_secret_register, issued
):
    secret = {"confidentiality": Confidentiality.SECRET}
    docs = [issued("CV"), issued("QĐ", **secret), issued("CV"), issued("CV", **secret)]
    assert [(d.register, d.number) for d in docs] == [
        (out_register, 1),
        (out_secret_register, 1),
        (out_register, 2),
        (out_secret_register, 2),
    ]
    assert codes(docs) == ["01/UBND-KT", "01/QĐ-UBND", "02/UBND-KT", "02/UBND-KT"]


def test_a_secret_document_without_a_secret_register_is_not_numbered(people, out_register, signed):
    doc = signed("CV", confidentiality=Confidentiality.SECRET)
    with pytest.raises(NumberingError):
        services.issue(doc, people["clerk"])
    doc.refresh_from_db()
    assert doc.state == OutgoingState.SIGNED and doc.number is None
    assert not Counter.objects.exists()


def test_secret_rules_map_types_to_secret_registers(
    people, agency, out_register, out_secret_register, issued
):
    secret_qd = outgoing_register(agency, "Sổ QĐ mật", secret=True)
    rule(agency, secret_qd, "QĐ", NumberingScope.SECRET)
    secret = {"confidentiality": Confidentiality.TOP_SECRET}
    docs = [issued("QĐ", **secret), issued("CV", **secret), issued("QĐ", **secret)]
    assert [(d.register.name, d.number) for d in docs] == [
        ("Sổ QĐ mật", 1),
        ("Sổ văn bản đi mật", 1),
        ("Sổ QĐ mật", 2),
    ]


def test_normative_documents_have_one_sequence_per_type_with_the_year(people, agency, out_register, issued):
    rule(agency, outgoing_register(agency, "Sổ QĐ QPPL"), "QĐ", NumberingScope.NORMATIVE)
    rule(agency, outgoing_register(agency, "Sổ NQ QPPL"), "NQ", NumberingScope.NORMATIVE)
    normative = {"is_normative": True}
    docs = [
        issued("QĐ"),
        issued("QĐ", **normative),
        issued("QĐ"),
        issued("NQ", **normative),
        issued("QĐ", **normative),
    ]
    year = timezone.localdate().year
    assert codes(docs) == [
        "01/QĐ-UBND",
        f"01/{year}/QĐ-UBND",
        "02/QĐ-UBND",
        f"01/{year}/NQ-UBND",
        f"02/{year}/QĐ-UBND",
    ]


def test_a_normative_document_needs_its_own_register(people, out_register, signed):
    """The default register is shared: a normative document is never numbered in it."""
    doc = signed("QĐ", is_normative=True)
    with pytest.raises(NumberingError, match="quy phạm pháp luật"):
        services.issue(doc, people["clerk"])
    assert not Counter.objects.exists()


@pytest.mark.parametrize(
    ("scope", "abbreviation", "secret", "direction"),
    [
        (NumberingScope.NORMATIVE, None, False, Register.Direction.OUTGOING),  # normative: per type
        (NumberingScope.NORMAL, "QĐ", True, Register.Direction.OUTGOING),  # normal types in a secret register
        (
            NumberingScope.SECRET,
            "QĐ",
            False,
            Register.Direction.OUTGOING,
        ),  # secret types in a normal register
        (NumberingScope.NORMAL, "QĐ", False, Register.Direction.INCOMING),  # an incoming register
    ],
)
def test_wrong_rules_are_refused(agency, scope, abbreviation, secret, direction):
    register = RegisterFactory(agency=agency, direction=direction, is_secret=secret)
    bad = NumberingRule(
        agency=agency,
        doc_type=doc_type(abbreviation) if abbreviation else None,
        scope=scope,
        register=register,
    )
    with pytest.raises(ValidationError):
        bad.full_clean()


def test_a_normative_register_is_not_shared_with_another_type(agency):
    register = outgoing_register(agency, "Sổ QĐ QPPL")
    rule(agency, register, "QĐ", NumberingScope.NORMATIVE)
    with pytest.raises(ValidationError):
        rule(agency, register, "NQ", NumberingScope.NORMATIVE)
    with pytest.raises(ValidationError):
        rule(agency, register, "TB")


def test_another_agencys_register_is_refused(agency, other_agency):
    foreign = RegisterFactory(agency=other_agency, direction=Register.Direction.OUTGOING)
    with pytest.raises(ValidationError):
        NumberingRule(agency=agency, scope=NumberingScope.NORMAL, register=foreign).full_clean()


def test_numbering_restarts_on_1_january(people, out_register, issued):
    clerk_dates = [
        dt.date(LAST_YEAR, 12, 30),
        dt.date(LAST_YEAR, 12, 31),
        dt.date(THIS_YEAR, 1, 1),
        dt.date(THIS_YEAR, 1, 1),
        dt.date(
            LAST_YEAR, 12, 31
        ),  # signed on the 31st, issued dated the 31st after New Year: last year's next
    ]
    docs = [issued("QĐ", issued_on=d) for d in clerk_dates]
    assert [(d.year, d.number) for d in docs] == [
        (LAST_YEAR, 1),
        (LAST_YEAR, 2),
        (THIS_YEAR, 1),
        (THIS_YEAR, 2),
        (LAST_YEAR, 3),
    ]
    assert codes(docs) == ["01/QĐ-UBND", "02/QĐ-UBND", "01/QĐ-UBND", "02/QĐ-UBND", "03/QĐ-UBND"]
    assert peek_next_number(out_register, THIS_YEAR) == 3


def test_the_year_of_a_normative_number_is_the_year_of_issue(people, agency, issued):
    rule(agency, outgoing_register(agency, "Sổ QĐ QPPL"), "QĐ", NumberingScope.NORMATIVE)
    before = issued("QĐ", is_normative=True, issued_on=dt.date(LAST_YEAR, 12, 31))
    after = issued("QĐ", is_normative=True, issued_on=dt.date(THIS_YEAR, 1, 1))
    assert before.code == f"01/{LAST_YEAR}/QĐ-UBND" and after.code == f"01/{THIS_YEAR}/QĐ-UBND"


def test_no_issue_in_the_future(people, out_register, signed):
    with pytest.raises(ValidationError):
        services.issue(signed(), people["clerk"], issued_on=timezone.localdate() + dt.timedelta(days=1))
    assert not Counter.objects.exists()


def test_a_failure_after_the_number_was_taken_does_not_burn_it(people, out_register, signed, monkeypatch):
    clerk = people["clerk"]
    assert services.issue(signed(), clerk).number == 1
    doomed = signed()

    def broken_send(*args, **kwargs):
        raise RuntimeError("mất kết nối khi gửi")

    monkeypatch.setattr("vanthu.outgoing.services.dispatch.send", broken_send)
    with pytest.raises(RuntimeError):
        services.issue(doomed, clerk)
    monkeypatch.undo()
    doomed.refresh_from_db()
    assert doomed.state == OutgoingState.SIGNED and doomed.number is None
    assert Counter.objects.get(register=out_register).last_number == 1
    assert services.issue(doomed, clerk).number == 2


def test_the_unique_constraint_is_the_last_defence(people, out_register, signed):
    services.issue(signed(), people["clerk"])
    Counter.objects.filter(register=out_register).update(last_number=0)
    with pytest.raises(IntegrityError):
        services.issue(signed(), people["clerk"])


@pytest.mark.parametrize("role", ["spec_kt", "head_kt", "chief", "chairman"])
def test_only_the_registry_issues(people, out_register, signed, role):
    doc = signed()
    with pytest.raises(PermissionDenied):
        services.issue(doc, people[role])
    assert not Counter.objects.exists()


def test_an_unsigned_draft_cannot_be_issued(people, out_register):
    doc = make_draft(people)
    with pytest.raises(TransitionError):
        services.issue(doc, people["clerk"])


def test_the_issued_document_records_its_number_in_the_history(people, out_register, issued):
    doc = issued("QĐ")
    event = trail(doc).get(verb="issued")
    assert (event.actor, event.from_state, event.to_state) == (people["clerk"], "signed", "issued")
    assert event.payload["code"] == "01/QĐ-UBND" and event.payload["number"] == 1
    assert doc.issued_by == people["clerk"] and doc.issued_on == timezone.localdate()


# --- a number reserved for a paper document signed by hand ---------------------------------------------------


def test_reserved_number_comes_from_the_same_sequence_and_the_scan_issues_it(people, out_register, issued):
    clerk = people["clerk"]
    first = issued("CV")
    paper = make_draft(people, abbreviation="QĐ")  # drafted and signed on paper
    paper = services.reserve_number(paper, clerk, signed_by=people["chairman"])
    third = issued("CV")
    assert (first.number, paper.number, third.number) == (1, 2, 3)
    assert paper.state == OutgoingState.RESERVED and paper.reserved and paper.code == "02/QĐ-UBND"
    assert paper.signed_by == people["chairman"] and paper.issued_by == clerk

    scan = draft_file(clerk, "ban-quet.pdf")
    paper = services.attach_scan(paper, clerk, scan, page_count=3)
    assert paper.state == OutgoingState.ISSUED and paper.number == 2 and paper.page_count == 3
    assert paper.latest_version.kind == "scan" and paper.latest_version.file == scan
    assert [e.verb for e in trail(paper)][-3:] == ["number_reserved", "scan_attached", "dispatched"]


def test_a_signed_document_may_have_its_number_reserved_for_the_paper_copy(people, out_register, signed):
    doc = services.reserve_number(signed("TB"), people["clerk"])
    assert doc.state == OutgoingState.RESERVED and doc.code == "01/TB-UBND"
    assert doc.signed_by == people["chairman"]


def test_the_scan_must_be_a_pdf(people, out_register):
    clerk = people["clerk"]
    doc = services.reserve_number(make_draft(people), clerk, signed_by=people["chairman"])
    with pytest.raises(ValidationError):
        services.attach_scan(doc, clerk, draft_file(clerk, "ban-quet.docx", kind="docx"))


def test_only_the_registry_reserves_numbers(people, out_register):
    doc = make_draft(people)
    with pytest.raises(PermissionDenied):
        services.reserve_number(doc, people["spec_kt"], signed_by=people["chairman"])
    assert not OutgoingDocument.objects.filter(number__isnull=False).exists()
