"""Permission matrix of outgoing documents: who sees which document (``visible_outgoing``) and who may take which
action on it (``services.may``), for every role, written as tables that read as the rule they check.

The world (UBND tỉnh of the shared fixtures, plus UBND xã Kỳ Anh):

    draft_kt       draft of cv_kt (Phòng KT), not submitted
    review_kt      cv_kt's draft, approved by tp_kt, held by the Chánh VP (format check)
    signed_kt      cv_kt's draft, signed by the chairman, waiting for the registry
    issued_vx      cv_kt's công văn, issued, sent to Phòng VX
    secret_review  SECRET, cv_kt's draft held by tp_kt (content review)
    secret_signed  SECRET, signed, waiting for the registry
    secret_issued  SECRET, issued by the clerk
    other_doc      a draft of UBND xã Kỳ Anh
"""

from __future__ import annotations

import pytest

from vanthu.documents.models import Confidentiality
from vanthu.organization.models import Role
from vanthu.outgoing import services
from vanthu.outgoing.models import OutgoingDocument
from vanthu.outgoing.services import RecipientSpec
from vanthu.outgoing.states import TRANSITIONS
from vanthu.outgoing.visibility import visible_outgoing
from vanthu.testing.factories import RegisterFactory, UnitFactory, UserFactory, draft_outgoing

from .conftest import make_draft, sign_through

pytestmark = pytest.mark.django_db

DOCS = [
    "draft_kt",
    "review_kt",
    "signed_kt",
    "issued_vx",
    "secret_review",
    "secret_signed",
    "secret_issued",
    "other_doc",
]

# fmt: off
#  user              draft review signed issued s_review s_signed s_issued other
SEES = [
    ("clerk",           1,    1,     1,     1,      0,       1,       1,     0),  # issued secret_issued
    ("clerk2",          1,    1,     1,     1,      0,       1,       0,     0),  # secret: only while waiting
    ("chairman",        1,    1,     1,     1,      1,       1,       1,     0),  # proposed signer of all
    ("chief",           1,    1,     1,     1,      0,       1,       1,     0),  # checked the signed secrets
    ("admin",           1,    1,     1,     1,      0,       0,       0,     0),  # no secret without a part in it
    ("head_kt",         1,    1,     1,     1,      1,       1,       1,     0),  # drafting unit; held secrets
    ("spec_kt",         1,    1,     1,     1,      1,       1,       1,     0),  # the drafter
    ("spec_kt2",        1,    1,     1,     1,      0,       0,       0,     0),  # same unit, no part in secrets
    ("head_vx",         0,    0,     0,     1,      0,       0,       0,     0),  # recipient unit, once issued
    ("spec_vx",         0,    0,     0,     1,      0,       0,       0,     0),
    ("spec_th",         0,    0,     0,     0,      0,       0,       0,     0),  # the clerk's unit: nothing
    ("outsider",        0,    0,     0,     0,      0,       0,       0,     1),  # drafter of the other agency
    ("outsider_leader", 0,    0,     0,     0,      0,       0,       0,     1),  # chairman of the other agency
]
# fmt: on

CELLS = [(row[0], doc, bool(seen)) for row in SEES for doc, seen in zip(DOCS, row[1:], strict=True)]

ISSUED_OFFICE = {"mark_sent", "recall", "correct", "replace"}
NONE: frozenset[str] = frozenset()

#: (document, user) → the actions ``may`` allows; every pair not listed allows none.
ALLOWED = {
    ("draft_kt", "spec_kt"): {"edit", "add_version", "edit_recipients", "submit", "cancel"},
    ("draft_kt", "clerk"): {"reserve_number"},  # a paper document signed by hand
    ("draft_kt", "clerk2"): {"reserve_number"},
    ("draft_kt", "admin"): {"reserve_number"},
    ("review_kt", "chief"): {"edit", "add_version", "edit_recipients", "approve", "forward", "return"},
    ("signed_kt", "clerk"): {"issue", "reserve_number", "edit_recipients"},
    ("signed_kt", "clerk2"): {"issue", "reserve_number", "edit_recipients"},
    ("signed_kt", "admin"): {"issue", "reserve_number", "edit_recipients"},
    ("issued_vx", "clerk"): ISSUED_OFFICE,
    ("issued_vx", "clerk2"): ISSUED_OFFICE,
    ("issued_vx", "admin"): ISSUED_OFFICE,
    ("issued_vx", "chairman"): {"recall", "correct", "replace"},  # agency leader, and the signer
    ("issued_vx", "chief"): {"correct", "replace"},
    ("issued_vx", "head_kt"): {"correct", "replace"},
    ("issued_vx", "spec_kt"): {"correct", "replace"},
    ("issued_vx", "spec_kt2"): {"correct", "replace"},
    ("secret_review", "head_kt"): {"edit", "add_version", "edit_recipients", "approve", "forward", "return"},
    # a secret document: only the people who see it act on it (the administrator does not, clerk2 no longer)
    ("secret_signed", "clerk"): {"issue", "reserve_number", "edit_recipients"},
    ("secret_signed", "clerk2"): {"issue", "reserve_number", "edit_recipients"},
    ("secret_issued", "clerk"): ISSUED_OFFICE,
    ("secret_issued", "chairman"): {"recall", "correct", "replace"},
    ("secret_issued", "chief"): {"correct", "replace"},
    ("secret_issued", "head_kt"): {"correct", "replace"},
    ("secret_issued", "spec_kt"): {"correct", "replace"},
    ("other_doc", "outsider"): {"edit", "add_version", "edit_recipients", "submit", "cancel"},
    ("other_doc", "outsider_leader"): set(),
}
MAY_DOCS = [
    "draft_kt",
    "review_kt",
    "signed_kt",
    "issued_vx",
    "secret_review",
    "secret_signed",
    "secret_issued",
    "other_doc",
]
USERS = [row[0] for row in SEES]


@pytest.fixture
def everyone(people, other_agency):
    unit = UnitFactory(agency=other_agency, name="Văn phòng HĐND-UBND xã", abbreviation="VP")
    return {
        **people,
        "clerk2": UserFactory(
            username="vanthu2", agency=people["clerk"].agency, unit=people["clerk"].unit, role=Role.CLERK
        ),
        "outsider": UserFactory(username="cv_xa", agency=other_agency, unit=unit, role=Role.SPECIALIST),
        "outsider_leader": UserFactory(username="chutich_xa", agency=other_agency, role=Role.AGENCY_LEADER),
    }


@pytest.fixture
def world(everyone, units, out_register, out_secret_register, other_agency):
    p = everyone
    secret = {"confidentiality": Confidentiality.SECRET}
    docs = {"draft_kt": make_draft(p)}

    review = services.submit(make_draft(p), p["spec_kt"])
    docs["review_kt"] = services.approve(review, p["head_kt"])
    docs["signed_kt"] = sign_through(make_draft(p), p)
    docs["issued_vx"] = services.issue(
        sign_through(make_draft(p, recipients=[RecipientSpec(unit=units["VX"])]), p), p["clerk"]
    )
    docs["secret_review"] = services.submit(make_draft(p, **secret), p["spec_kt"])
    docs["secret_signed"] = sign_through(make_draft(p, **secret), p)
    docs["secret_issued"] = services.issue(sign_through(make_draft(p, **secret), p), p["clerk"])
    RegisterFactory(agency=other_agency, direction="out")
    docs["other_doc"] = draft_outgoing(p["outsider"])
    return {key: OutgoingDocument.objects.get(pk=doc.pk) for key, doc in docs.items()}


def test_the_world_is_as_described(world, everyone):
    assert world["review_kt"].holder == everyone["chief"]
    assert world["secret_review"].holder == everyone["head_kt"]
    assert world["secret_issued"].issued_by == everyone["clerk"]
    assert {d: world[d].state for d in DOCS} == {
        "draft_kt": "draft",
        "review_kt": "in_review",
        "signed_kt": "signed",
        "issued_vx": "issued",
        "secret_review": "in_review",
        "secret_signed": "signed",
        "secret_issued": "issued",
        "other_doc": "draft",
    }


@pytest.mark.parametrize("user", USERS)
def test_visible_outgoing_lists_exactly_what_each_person_may_see(world, everyone, user):
    expected = {doc for u, doc, seen in CELLS if u == user and seen}
    ids = {world[d].pk: d for d in DOCS}
    got = {ids[pk] for pk in visible_outgoing(everyone[user]).values_list("pk", flat=True)}
    assert got == expected


@pytest.mark.parametrize("user", USERS)
def test_the_one_document_rule_agrees_with_the_list(world, everyone, user):
    """The detail page asks for one document (``pk``): hidden means 404."""
    got = {doc: visible_outgoing(everyone[user], pk=world[doc].pk).exists() for doc in DOCS}
    assert got == {doc: seen for u, doc, seen in CELLS if u == user}


def test_nobody_anonymous_or_without_agency_sees_anything(world, agency):
    from django.contrib.auth.models import AnonymousUser

    assert not visible_outgoing(AnonymousUser()).exists()
    assert not visible_outgoing(UserFactory(username="khach", agency=None)).exists()


@pytest.mark.parametrize("user", USERS)
def test_may_allows_exactly_the_listed_actions(world, everyone, user):
    got = {doc: {a for a in TRANSITIONS if services.may(a, world[doc], everyone[user])} for doc in MAY_DOCS}
    assert got == {doc: set(ALLOWED.get((doc, user), NONE)) for doc in MAY_DOCS}


@pytest.mark.parametrize("user", USERS)
def test_the_services_refuse_exactly_what_may_refuses(world, everyone, user):
    """The services check with ``require``: it passes where ``may`` allows and refuses everywhere else."""
    from django.core.exceptions import PermissionDenied

    from vanthu.outgoing.services.base import require
    from vanthu.outgoing.states import TransitionError

    for doc in MAY_DOCS:
        for action in TRANSITIONS:
            try:
                require(action, world[doc], everyone[user])
                passed = True
            except (PermissionDenied, TransitionError):
                passed = False
            assert passed is services.may(action, world[doc], everyone[user]), (doc, action)


@pytest.mark.parametrize("user", USERS)
def test_whoever_may_act_sees_the_document(world, everyone, user):
    seen = {doc for u, doc, s in CELLS if u == user and s}
    for doc in MAY_DOCS:
        if any(services.may(a, world[doc], everyone[user]) for a in TRANSITIONS):
            assert doc in seen, doc


def test_an_inactive_person_may_do_nothing(world, everyone):
    drafter = everyone["spec_kt"]
    drafter.is_active = False
    drafter.save()
    assert not any(services.may(a, world["draft_kt"], drafter) for a in TRANSITIONS)


def test_may_draft(everyone):
    from vanthu.outgoing.services import may_draft

    assert may_draft(everyone["spec_kt"]) and may_draft(everyone["chairman"]) and may_draft(everyone["clerk"])
    assert not may_draft(everyone["admin"])  # no unit, not a leader
