"""Fixtures of the outgoing tests: the outgoing registers, the agencies of the installation that receive
documents, and a helper that walks a draft through the default approval chain.

The default chain (created on first submission): the head of the drafting unit checks the content, an office
leader (Chánh Văn phòng) checks the format, the proposed signer (Chủ tịch) signs.
"""

from __future__ import annotations

import pytest

from vanthu.organization.models import Role
from vanthu.outgoing import services
from vanthu.registers.models import Register
from vanthu.testing.factories import (
    AgencyFactory,
    ExternalAgencyFactory,
    RegisterFactory,
    UnitFactory,
    UserFactory,
    doc_type,
    draft_outgoing,
)


@pytest.fixture
def out_register(agency):
    """Sổ văn bản đi: the agency's default outgoing register (one shared sequence unless rules split it)."""
    return RegisterFactory(agency=agency, name="Sổ văn bản đi", direction=Register.Direction.OUTGOING)


@pytest.fixture
def out_secret_register(agency):
    return RegisterFactory(
        agency=agency, name="Sổ văn bản đi mật", direction=Register.Direction.OUTGOING, is_secret=True
    )


@pytest.fixture
def stc(db):
    """Sở Tài chính: another agency of the installation, in the directory, with a clerk and a register."""
    agency = AgencyFactory(name="Sở Tài chính tỉnh Hà Tĩnh", abbreviation="STC", code="000.10.00.H42")
    office = UnitFactory(agency=agency, name="Văn phòng Sở", abbreviation="VP")
    return {
        "agency": agency,
        "entry": ExternalAgencyFactory(
            name="Sở Tài chính", abbreviation="STC", code="", internal_agency=agency
        ),
        "clerk": UserFactory(username="vanthu.stc", agency=agency, unit=office, role=Role.CLERK),
        "leader": UserFactory(username="gd.stc", agency=agency, role=Role.AGENCY_LEADER),
        "register": RegisterFactory(agency=agency, name="Sổ văn bản đến Sở Tài chính"),
    }


@pytest.fixture
def ubnd_entry(agency):
    """The issuing agency's own directory entry (how receiving agencies name it)."""
    return ExternalAgencyFactory(
        name="Ủy ban nhân dân tỉnh Hà Tĩnh", abbreviation="UBND", code="", internal_agency=agency
    )


@pytest.fixture
def sxd(db):
    """Sở Xây dựng: in the directory, not served by this installation (e-mail or post)."""
    return ExternalAgencyFactory(name="Sở Xây dựng", abbreviation="SXD", code="", email="sxd@hatinh.gov.vn")


def make_draft(people, drafter: str = "spec_kt", abbreviation: str = "CV", **overrides):
    """A draft of ``people[drafter]`` (công văn by default), proposed to be signed by the chairman."""
    overrides.setdefault("proposed_signer", people["chairman"])
    return draft_outgoing(people[drafter], doc_type=doc_type(abbreviation), **overrides)


def sign_through(doc, people):
    """Submit ``doc`` and walk it through the default chain to the chairman's signature."""
    drafter = doc.drafter
    doc = services.submit(doc, drafter)
    while doc.state == "in_review" and not doc.current_step.is_signing:
        doc = services.approve(doc, doc.holder)
    return services.sign(doc, doc.holder)


@pytest.fixture
def signed(people, out_register):
    """Build a signed document ready to issue (``signed(abbreviation="QĐ", …)``)."""

    def build(abbreviation: str = "CV", drafter: str = "spec_kt", **overrides):
        return sign_through(make_draft(people, drafter, abbreviation, **overrides), people)

    return build


@pytest.fixture
def issued(signed, people):
    """Build an issued document (``issued(abbreviation="QĐ", recipients=[…], …)``)."""

    def build(abbreviation: str = "CV", issued_on=None, **overrides):
        return services.issue(signed(abbreviation, **overrides), people["clerk"], issued_on=issued_on)

    return build
