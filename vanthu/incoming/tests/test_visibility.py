"""The visibility rule of vanthu/incoming/visibility.py, case by case, as tables.

- leaders, clerks and administrators see every non-secret document of their agency;
- other people see the non-secret documents they or their unit are involved in (an assignment to them or to
  their unit, a presentation to them, registered by them);
- secret documents only by an explicit grant, which the services give to the clerk who registered, the leader
  presented to, the persons assigned and the heads of the units assigned;
- another agency sees nothing; and ``visible_incoming(user)`` is one query.
"""

from __future__ import annotations

import pytest

from vanthu.documents.models import Confidentiality
from vanthu.incoming import services
from vanthu.incoming.models import DocumentGrant, IncomingDocument
from vanthu.incoming.visibility import visible_incoming
from vanthu.organization.models import Role
from vanthu.testing.factories import UserFactory, register_incoming

pytestmark = pytest.mark.django_db


class Ctx:
    def __init__(self, everyone, units, register, secret_register):
        self.p = everyone
        self.units = units
        self.register = register
        self.secret_register = secret_register

    def new(self, secret: bool = False, clerk: str = "clerk") -> IncomingDocument:
        if secret:
            return register_incoming(
                self.p[clerk], self.secret_register, confidentiality=Confidentiality.SECRET
            )
        return register_incoming(self.p[clerk], self.register)


@pytest.fixture
def ctx(everyone, units, register, secret_register):
    return Ctx(everyone, units, register, secret_register)


# --- how a document reaches people; each returns the document --------------------------------------------------


def registered(c, secret=False):
    return c.new(secret)


def presented_to_chairman(c, secret=False):
    doc = c.new(secret)
    services.present(doc, c.p["clerk"], c.p["chairman"])
    return doc


def passed_on_to_chief(c, secret=False):
    doc = presented_to_chairman(c, secret)
    services.present(doc, c.p["chairman"], c.p["chief"], "Đề nghị Chánh VP xem xét")
    return doc


def forwarded_to_kt(c, secret=False):
    doc = c.new(secret)
    services.forward(doc, c.p["clerk"], unit=c.units["KT"])
    return doc


def kt_lead_vx_coop(c, secret=False):
    doc = presented_to_chairman(c, secret)
    services.direct(
        doc, c.p["chairman"], direction="KT chủ trì", lead_unit=c.units["KT"], coop_units=[c.units["VX"]]
    )
    return doc


def kt_lead_vx_info(c, secret=False):
    doc = presented_to_chairman(c, secret)
    services.direct(
        doc, c.p["chairman"], direction="KT chủ trì", lead_unit=c.units["KT"], info_units=[c.units["VX"]]
    )
    return doc


def delegated_to_spec_kt(c, secret=False):
    doc = presented_to_chairman(c, secret)
    services.direct(doc, c.p["chairman"], direction="KT chủ trì", lead_unit=c.units["KT"])
    services.delegate(doc.assignments.get(), c.p["head_kt"], user=c.p["spec_kt"])
    return doc


def spec_vx_personally(c, secret=False):
    doc = presented_to_chairman(c, secret)
    services.direct(doc, c.p["chairman"], direction="Giao cv_vx", lead_user=c.p["spec_vx"])
    return doc


def presented_to_spec_th(c, secret=False):
    """presented_to set directly: the rule counts a presentation to the person, whatever their role."""
    doc = c.new(secret)
    IncomingDocument.objects.filter(pk=doc.pk).update(presented_to=c.p["spec_th"], state="presented")
    return doc


def registered_by_spec_th(c, secret=False):
    """cv_th was a clerk when he registered it, then became a specialist: he still sees what he registered."""
    spec_th = c.p["spec_th"]
    spec_th.role = Role.CLERK
    spec_th.save()
    doc = c.new(secret, clerk="spec_th")
    spec_th.role = Role.SPECIALIST
    spec_th.save()
    return doc


HOW = {
    f.__name__: f
    for f in [
        registered,
        presented_to_chairman,
        passed_on_to_chief,
        forwarded_to_kt,
        kt_lead_vx_coop,
        kt_lead_vx_info,
        delegated_to_spec_kt,
        spec_vx_personally,
        presented_to_spec_th,
        registered_by_spec_th,
    ]
}

AGENCY_WIDE = ["clerk", "clerk2", "chairman", "chief", "admin"]
OTHERS = ["head_kt", "spec_kt", "spec_kt2", "head_vx", "spec_vx", "spec_th"]

# fmt: off
# Non-secret documents, people who do not see the whole agency.
#  how the document reached people   head_kt spec_kt spec_kt2 head_vx spec_vx spec_th
INVOLVED = [
    ("registered",                      0,      0,      0,       0,      0,      0),
    ("presented_to_chairman",           0,      0,      0,       0,      0,      0),
    ("forwarded_to_kt",                 1,      1,      1,       0,      0,      0),
    ("kt_lead_vx_coop",                 1,      1,      1,       1,      1,      0),
    ("kt_lead_vx_info",                 1,      1,      1,       1,      1,      0),
    ("delegated_to_spec_kt",            1,      1,      1,       0,      0,      0),
    ("spec_vx_personally",              0,      0,      0,       0,      1,      0),   # a person, not the unit
    ("presented_to_spec_th",            0,      0,      0,       0,      0,      1),
    ("registered_by_spec_th",           0,      0,      0,       0,      0,      1),
]

# Secret documents: only explicit grants, whatever the role.
#  how                         clerk clerk2 chairman chief admin head_kt spec_kt spec_kt2 head_vx spec_vx spec_th
SECRET = [
    ("registered",                1,    0,     0,       0,    0,     0,      0,      0,       0,      0,      0),
    ("presented_to_chairman",     1,    0,     1,       0,    0,     0,      0,      0,       0,      0,      0),
    ("passed_on_to_chief",        1,    0,     1,       1,    0,     0,      0,      0,       0,      0,      0),
    ("forwarded_to_kt",           1,    0,     0,       0,    0,     1,      0,      0,       0,      0,      0),
    ("kt_lead_vx_coop",           1,    0,     1,       0,    0,     1,      0,      0,       1,      0,      0),
    ("kt_lead_vx_info",           1,    0,     1,       0,    0,     1,      0,      0,       1,      0,      0),
    ("delegated_to_spec_kt",      1,    0,     1,       0,    0,     1,      1,      0,       0,      0,      0),
    ("spec_vx_personally",        1,    0,     1,       0,    0,     0,      0,      0,       0,      1,      0),
    ("presented_to_spec_th",      1,    0,     0,       0,    0,     0,      0,      0,       0,      0,      0),   # no grant: not seen
    ("registered_by_spec_th",     0,    0,     0,       0,    0,     0,      0,      0,       0,      0,      1),
]
# fmt: on
SECRET_USERS = AGENCY_WIDE + OTHERS


def sees(user, doc) -> bool:
    return visible_incoming(user).filter(pk=doc.pk).exists()


@pytest.mark.parametrize("how", list(HOW))
def test_agency_wide_roles_see_every_non_secret_document(ctx, how):
    doc = HOW[how](ctx)
    for user in AGENCY_WIDE:
        assert sees(ctx.p[user], doc), user


def as_cases(table, users):
    return [pytest.param(row[0], dict(zip(users, row[1:], strict=True)), id=row[0]) for row in table]


@pytest.mark.parametrize(("how", "expected"), as_cases(INVOLVED, OTHERS))
def test_others_see_what_they_or_their_unit_are_involved_in(ctx, how, expected):
    doc = HOW[how](ctx)
    assert {u: int(sees(ctx.p[u], doc)) for u in OTHERS} == expected


@pytest.mark.parametrize(("how", "expected"), as_cases(SECRET, SECRET_USERS))
def test_secret_documents_only_by_grant(ctx, how, expected):
    doc = HOW[how](ctx, secret=True)
    assert {u: int(sees(ctx.p[u], doc)) for u in SECRET_USERS} == expected
    granted = set(DocumentGrant.objects.filter(document=doc).values_list("user__username", flat=True))
    assert granted == {ctx.p[u].username for u, seen in expected.items() if seen}


def test_an_explicit_grant_opens_one_secret_document_and_no_other(ctx):
    first, second = registered(ctx, secret=True), registered(ctx, secret=True)
    spec_vx = ctx.p["spec_vx"]
    DocumentGrant.objects.create(document=first, user=spec_vx, granted_by=ctx.p["clerk"])
    assert set(visible_incoming(spec_vx)) == {first}
    assert not sees(spec_vx, second)


def test_a_grant_never_crosses_agencies(ctx, outsiders):
    """Even a grant row for someone of another agency (never made by the services) does not open the document."""
    doc = registered(ctx, secret=True)
    plain = registered(ctx)
    for key in ("outsider", "outsider_leader"):
        DocumentGrant.objects.create(document=doc, user=ctx.p[key])
        assert not sees(ctx.p[key], doc)
        assert not sees(ctx.p[key], plain)


def test_other_agency_sees_nothing_and_is_not_seen(ctx, outsiders, other_agency):
    ours = [HOW[how](ctx) for how in HOW] + [HOW[how](ctx, secret=True) for how in HOW]
    theirs = register_incoming(ctx.p["outsider"], outsiders["register"])
    outsider_admin = UserFactory(username="quantri_xa", agency=other_agency, role=Role.ADMIN)
    for user in (ctx.p["outsider"], ctx.p["outsider_leader"], outsider_admin):
        assert list(visible_incoming(user)) == [theirs]
    for key in AGENCY_WIDE + OTHERS:
        visible = set(visible_incoming(ctx.p[key]))
        assert theirs not in visible
        assert visible <= set(ours)


def test_no_agency_or_anonymous_sees_nothing(ctx, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    registered(ctx)
    superuser = UserFactory(username="root", agency=None, role=Role.ADMIN, is_superuser=True, is_staff=True)
    for user in (AnonymousUser(), superuser):
        with django_assert_num_queries(0):
            assert list(visible_incoming(user)) == []


def test_each_document_once_however_many_ways_one_is_involved(ctx):
    """Lead unit, delegated to the person, also presented to and registered by: one row, not four."""
    doc = delegated_to_spec_kt(ctx)
    IncomingDocument.objects.filter(pk=doc.pk).update(
        created_by=ctx.p["spec_kt"], presented_to=ctx.p["spec_kt"]
    )
    assert list(visible_incoming(ctx.p["spec_kt"])) == [doc]
    assert visible_incoming(ctx.p["spec_kt"]).count() == 1


@pytest.mark.parametrize("user", AGENCY_WIDE + OTHERS + ["outsider"])
def test_visible_incoming_is_one_query(ctx, user, django_assert_num_queries):
    for how in HOW:
        HOW[how](ctx)
        HOW[how](ctx, secret=True)
    person = type(ctx.p[user]).objects.get(pk=ctx.p[user].pk)  # fresh, nothing cached on the instance
    with django_assert_num_queries(1):
        docs = list(visible_incoming(person))
    assert all(d.agency_id == person.agency_id for d in docs)
    with django_assert_num_queries(1):
        visible_incoming(person).count()


def test_a_leader_who_directs_a_secret_document_keeps_seeing_it(ctx):
    """A leader may direct a registered document without it being presented to him: he still sees it afterwards."""
    doc = ctx.new(True)
    assert not sees(ctx.p["chief"], doc)
    services.direct(doc, ctx.p["chief"], direction="Giao Phòng KT", lead_unit=ctx.units["KT"])
    assert sees(ctx.p["chief"], doc)
