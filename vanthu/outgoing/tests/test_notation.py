"""Ký hiệu of outgoing documents, rule by rule (DOMAIN.md §1.3; Decree 30 Appendix I, II.3; Điều 15)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from vanthu.common.doctypes import DOCUMENT_TYPES
from vanthu.common.notation import parse_code
from vanthu.documents.models import DocumentType
from vanthu.outgoing import services
from vanthu.outgoing.models import NumberingRule, NumberingScope
from vanthu.outgoing.numbering import NumberingError, build_notation, format_code
from vanthu.registers.models import Register
from vanthu.testing.factories import RegisterFactory, doc_type, draft_outgoing

from .conftest import make_draft, sign_through


@pytest.mark.parametrize(
    ("abbreviation", "expected"),
    [
        ("QĐ", "QĐ-UBND"),  # Quyết định
        ("TB", "TB-UBND"),  # Thông báo
        ("CT", "CT-UBND"),  # Chỉ thị
        ("KH", "KH-UBND"),  # Kế hoạch
        ("CTr", "CTr-UBND"),  # mixed case kept: Chương trình
        ("TTr", "TTr-UBND"),  # Tờ trình
        ("QyĐ", "QyĐ-UBND"),  # Quy định
        ("GM", "GM-UBND"),  # Giấy mời
    ],
)
def test_a_typed_document_is_type_abbreviation_then_agency(abbreviation, expected):
    assert build_notation(type_abbreviation=abbreviation, agency_abbreviation="UBND") == expected


def test_a_cong_van_is_agency_then_drafting_unit():
    assert (
        build_notation(type_abbreviation="", agency_abbreviation="UBND", unit_abbreviation="TH") == "UBND-TH"
    )
    assert build_notation(type_abbreviation="", agency_abbreviation="BNV", unit_abbreviation="VP") == "BNV-VP"


def test_a_cong_van_needs_the_units_abbreviation():
    with pytest.raises(NumberingError):
        build_notation(type_abbreviation="", agency_abbreviation="UBND", unit_abbreviation="")


def test_the_agency_needs_an_abbreviation():
    with pytest.raises(NumberingError):
        build_notation(type_abbreviation="QĐ", agency_abbreviation="")


def test_a_normative_document_carries_the_year():
    notation = build_notation(type_abbreviation="QĐ", agency_abbreviation="UBND", year=2026)
    assert notation == "2026/QĐ-UBND"
    assert format_code(5, notation) == "05/2026/QĐ-UBND"


@pytest.mark.parametrize(
    ("number", "code"), [(1, "01/QĐ-UBND"), (9, "09/QĐ-UBND"), (10, "10/QĐ-UBND"), (1182, "1182/QĐ-UBND")]
)
def test_numbers_below_ten_have_a_leading_zero(number, code):
    assert format_code(number, "QĐ-UBND") == code


def test_every_code_parses_back_with_the_common_parser():
    for number, notation, year, type_abbr, issuer, unit in [
        (123, "QĐ-UBND", None, "QĐ", "UBND", None),
        (45, "UBND-TH", None, None, "UBND", "TH"),
        (5, "2026/QĐ-UBND", 2026, "QĐ", "UBND", None),
    ]:
        parsed = parse_code(format_code(number, notation))
        assert (parsed.year, parsed.type_abbreviation, parsed.issuer, parsed.unit) == (
            year,
            type_abbr,
            issuer,
            unit,
        )
        assert parsed.full == format_code(number, notation)


def test_every_type_with_an_abbreviation_makes_a_valid_notation():
    for t in DOCUMENT_TYPES:
        notation = build_notation(
            type_abbreviation=t.abbreviation, agency_abbreviation="UBND", unit_abbreviation="TH"
        )
        expected = f"{t.abbreviation}-UBND" if t.abbreviation else "UBND-TH"
        assert notation == expected, t.name


# --- on issued documents ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_issued_cong_van_of_the_kt_unit(people, out_register, signed):
    doc = services.issue(signed("CV"), people["clerk"])
    assert (doc.notation, doc.code) == ("UBND-KT", "01/UBND-KT")


@pytest.mark.django_db
def test_issued_cong_van_of_the_vx_unit(people, out_register, signed):
    doc = services.issue(signed("CV", drafter="spec_vx"), people["clerk"])
    assert doc.code == "01/UBND-VX"


@pytest.mark.django_db
def test_thu_cong_is_numbered_like_a_cong_van(people, out_register):
    thu_cong = DocumentType.objects.get(code="thu-cong")
    draft = draft_outgoing(people["spec_kt"], doc_type=thu_cong, proposed_signer=people["chairman"])
    doc = services.issue(sign_through(draft, people), people["clerk"])
    assert doc.code == "01/UBND-KT"


@pytest.mark.django_db
def test_issued_normative_decision_carries_the_year(people, agency, signed):
    qppl = RegisterFactory(
        agency=agency, name="Sổ QĐ quy phạm", direction=Register.Direction.OUTGOING, is_default=False
    )
    NumberingRule.objects.create(
        agency=agency, doc_type=doc_type("QĐ"), scope=NumberingScope.NORMATIVE, register=qppl
    )
    doc = services.issue(signed("QĐ", is_normative=True), people["clerk"], issued_on=dt.date(2026, 3, 2))
    assert (doc.notation, doc.code, doc.register) == ("2026/QĐ-UBND", "01/2026/QĐ-UBND", qppl)


@pytest.mark.django_db
def test_an_individual_decision_has_no_year(people, out_register, signed):
    doc = services.issue(signed("QĐ"), people["clerk"])
    assert doc.code == "01/QĐ-UBND"


@pytest.mark.django_db
def test_the_agency_abbreviation_comes_from_the_agency(people, agency, out_register, signed):
    agency.abbreviation = "VPUBND"
    agency.save()
    doc = services.issue(signed("TB"), people["clerk"])
    assert doc.code == "01/TB-VPUBND"


@pytest.mark.django_db
def test_only_decisions_and_resolutions_can_be_normative(people):
    with pytest.raises(ValidationError):
        make_draft(people, abbreviation="TB", is_normative=True)
    assert make_draft(people, abbreviation="NQ", is_normative=True).is_normative
