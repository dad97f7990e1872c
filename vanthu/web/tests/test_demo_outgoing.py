"""The demo's outgoing documents: numbered as a UBND numbers them (no gap, no duplicate, in issue order), replies
linked to the incoming documents they answer, something waiting at every step of the chain, an arrival waiting
for Sở Tài chính's clerk.

The demo is built once for the module inside a transaction rolled back at the end.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from vanthu.incoming.models import Arrival, Assignment, IncomingDocument
from vanthu.incoming.queries import waiting_arrivals
from vanthu.incoming.states import ArrivalState, DocState
from vanthu.organization.models import Agency, User
from vanthu.outgoing.models import OutgoingDocument, Review
from vanthu.outgoing.queries import waiting_for
from vanthu.outgoing.states import NUMBERED_STATES, OutgoingState
from vanthu.registers.models import Register
from vanthu.web.demo import build_demo
from vanthu.web.demo.people import OUTSIDE, PROVINCE

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    files = tmp_path_factory.mktemp("files")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=files, PASSWORD_HASHERS=fast):
        with transaction.atomic():
            result = build_demo(count=40)
            yield result
            transaction.set_rollback(True)


@pytest.fixture
def province(demo) -> Agency:
    return Agency.objects.get(code=PROVINCE["code"])


def test_every_register_counts_from_one_without_gap_in_issue_order(province, demo):
    registers = Register.objects.filter(agency=province, direction=Register.Direction.OUTGOING)
    assert {r.name for r in registers} >= {"Sổ văn bản đi", "Sổ quyết định cá biệt", "Sổ văn bản đi mật"}
    total = 0
    for register in registers:
        docs = list(
            OutgoingDocument.objects.filter(register=register, state__in=NUMBERED_STATES).order_by("number")
        )
        numbers = [d.number for d in docs]
        assert numbers == list(range(1, len(numbers) + 1)), register.name
        dates = [d.issued_on for d in docs]
        assert dates == sorted(dates), register.name  # numbers follow the issue dates
        total += len(docs)
    assert total >= 30
    assert demo.outgoing["Sổ văn bản đi"] > 0 and demo.outgoing["drafts"] >= 8


def test_notations_look_like_a_ubnd_s(province):
    codes = set(
        OutgoingDocument.objects.filter(agency=province, number__isnull=False).values_list(
            "notation", flat=True
        )
    )
    assert any(c.startswith("UBND-") for c in codes)  # công văn: agency + drafting unit
    assert "QĐ-UBND" in codes
    normative = OutgoingDocument.objects.filter(agency=province, is_normative=True, number__isnull=False)
    for doc in normative:
        assert doc.code == f"{doc.number:02d}/{doc.year}/QĐ-UBND"


def test_replies_are_linked_and_the_incoming_show_them(province):
    answered = IncomingDocument.objects.filter(agency=province).exclude(reply_code="")
    assert answered.exists()
    for doc in answered:
        codes = doc.reply_code.split("; ")
        replies = OutgoingDocument.objects.filter(agency=province, replies_to=doc)
        assert {r.code for r in replies} == set(codes)


def test_something_waits_at_every_step(province):
    users = {u.username: u for u in User.objects.filter(agency=province)}
    heads = [u for u in users.values() if u.role == "unit_head"]
    assert any(waiting_for(u).exists() for u in heads)
    assert any(waiting_for(u).exists() for u in users.values() if u.role == "office_leader")
    assert any(waiting_for(users[name]).exists() for name in ("chutich", "pct.tran", "pct.le", "pct.nguyen"))
    assert OutgoingDocument.objects.filter(agency=province, state=OutgoingState.SIGNED).count() >= 2
    to_issue = waiting_for(users["vanthu1"])
    assert to_issue.filter(state=OutgoingState.SIGNED).count() >= 2  # the clerk has something to issue
    # a paper document: its number reserved by the clerk, its scan attached
    assert OutgoingDocument.objects.filter(
        agency=province, number__isnull=False, versions__kind="scan"
    ).exists()
    assert OutgoingDocument.objects.filter(agency=province, state=OutgoingState.RETURNED).exists()
    assert OutgoingDocument.objects.filter(agency=province, state=OutgoingState.RECALLED).exists()
    assert OutgoingDocument.objects.filter(
        agency=province, amends__isnull=False, number__isnull=False
    ).exists()


def test_s_tai_chinh_received_some_and_one_waits(demo):
    stc = Agency.objects.get(code=OUTSIDE["code"])
    arrivals = Arrival.objects.filter(agency=stc)
    assert arrivals.filter(state=ArrivalState.AWAITING).count() == 1
    accepted = arrivals.filter(state=ArrivalState.ACCEPTED)
    assert accepted.exists() and all(a.document.agency_id == stc.pk for a in accepted)


def test_s_tai_chinh_s_clerk_sees_the_waiting_arrival():
    stc = Agency.objects.get(code=OUTSIDE["code"])
    clerk = User.objects.filter(agency=stc, role="clerk").first()
    assert clerk is not None
    assert waiting_arrivals(clerk) == 1


def test_the_year_is_back_dated(province, demo):
    """Nothing of the issued year looks done at the time of the seed: reviews, deliveries, closures."""
    issued = OutgoingDocument.objects.filter(agency=province, state=OutgoingState.ISSUED)
    assert issued.count() >= 30
    first = issued.order_by("issued_on").first()
    assert first.issued_on.month <= 2 and first.issued_at.date() == first.issued_on
    assert first.created_at < first.issued_at
    reviews = list(Review.objects.filter(document=first))
    assert reviews and all(first.created_at < r.at < first.issued_at for r in reviews)
    for r in first.recipients.all():
        assert r.sent_at is None or r.sent_at == first.issued_at
    # the incoming documents a reply closed were completed on the day the reply was issued
    links = OutgoingDocument.replies_to.through.objects.filter(
        outgoingdocument__agency=province,
        outgoingdocument__close_replied=True,
        outgoingdocument__number__isnull=False,
    ).select_related("outgoingdocument", "incomingdocument")
    assert links.exists()
    today = timezone.localdate()
    closed_by_reply = 0
    for link in links:
        doc, reply = link.incomingdocument, link.outgoingdocument
        assert doc.state == DocState.COMPLETED, doc.code
        assert doc.completed_on < today, doc.code  # not at the time of the seed
        assert not Assignment.objects.filter(document=doc, completed_on__gte=today).exists(), doc.code
        closed_by_reply += doc.completed_on == reply.issued_on
    assert closed_by_reply > 0
    # Sở Tài chính registered what it accepted when it arrived, in the order of arrival
    stc = Agency.objects.get(code=OUTSIDE["code"])
    accepted = list(
        Arrival.objects.filter(agency=stc, state=ArrivalState.ACCEPTED).select_related("document")
    )
    assert accepted
    for arrival in accepted:
        assert arrival.arrived_at < arrival.decided_at == arrival.document.received_at
    by_number = [a.arrived_at for a in sorted(accepted, key=lambda a: a.document.number)]
    assert by_number == sorted(by_number)


def test_the_words_of_a_draft_s_file_are_found(province, demo):
    from vanthu.organization.models import User
    from vanthu.search import services

    chairman = User.objects.get(username="chutich")
    services.reindex_all()  # each test has its own index directory
    found = services.search(chairman, "don vi soan thao ban so")  # written only in the drafts' PDF files
    assert found.total > 0 and all(h.kind == "outgoing" for h in found.hits)
