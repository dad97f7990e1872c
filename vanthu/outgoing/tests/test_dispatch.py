"""Sending an issued document: to an agency of the installation (waits for its clerk, who accepts it into its own
incoming register, and the sender hears of it), to a unit of the agency, by e-mail and by post."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vanthu.documents.models import Confidentiality
from vanthu.history.services import trail
from vanthu.incoming import services as incoming
from vanthu.incoming.models import Arrival, IncomingDocument
from vanthu.incoming.models import Channel as IncomingChannel
from vanthu.incoming.states import ArrivalState, DocState
from vanthu.notifications.models import Notification
from vanthu.outgoing import services
from vanthu.outgoing.models import Channel, Placement, PostalDispatch, Recipient
from vanthu.outgoing.services import RecipientSpec
from vanthu.outgoing.states import DeliveryState, TransitionError
from vanthu.outgoing.visibility import visible_outgoing
from vanthu.testing.factories import AgencyFactory, ExternalAgencyFactory, UnitFactory

from .conftest import make_draft, sign_through

pytestmark = pytest.mark.django_db


def told(user) -> list[str]:
    return list(Notification.objects.filter(user=user).order_by("id").values_list("text", flat=True))


@pytest.fixture
def sent(people, units, out_register, ubnd_entry, stc, sxd, issued):
    """A công văn of Phòng KT sent to Sở Tài chính (in the system), Sở Xây dựng (e-mail), Phòng VX (a unit of
    the agency) and Báo Hà Tĩnh (post)."""
    doc = issued(
        "CV",
        recipients=[
            RecipientSpec(external=stc["entry"], placement=Placement.ADDRESSEE),
            RecipientSpec(external=sxd, channel=Channel.EMAIL),
            RecipientSpec(unit=units["VX"]),
            RecipientSpec(name="Báo Hà Tĩnh", channel=Channel.POST),
        ],
    )
    return doc, {r.name: r for r in doc.recipients.all()}


def test_each_recipient_is_served_by_its_channel(people, sent, stc, units):
    doc, by_name = sent
    to_stc, to_sxd, to_vx, to_press = (
        by_name["Sở Tài chính"],
        by_name["Sở Xây dựng"],
        by_name[units["VX"].name],
        by_name["Báo Hà Tĩnh"],
    )
    assert (to_stc.channel, to_stc.state, to_stc.placement) == ("internal", "awaiting", "addressee")
    assert (to_sxd.channel, to_sxd.state, to_sxd.email) == ("email", "pending", "sxd@hatinh.gov.vn")
    assert (to_vx.channel, to_vx.state) == ("internal", "sent")
    assert (to_press.channel, to_press.state) == ("post", "pending")
    line = PostalDispatch.objects.get()
    assert (line.recipient, line.destination, line.sent_on, line.envelopes) == (
        to_press,
        "Báo Hà Tĩnh",
        None,
        1,
    )
    assert doc.copies == 4 + 2
    dispatched = trail(doc).get(verb="dispatched").payload
    assert dispatched == {
        "units": [units["VX"].name],
        "system": ["Sở Tài chính"],
        "email": ["Sở Xây dựng"],
        "post": ["Báo Hà Tĩnh"],
    }
    # the unit's head is told and its people see the document
    assert "Đơn vị nhận văn bản số 01/UBND-KT" in told(people["head_vx"])[-1]
    assert visible_outgoing(people["spec_vx"]).filter(pk=doc.pk).exists()


def test_an_agency_of_the_installation_gets_a_document_waiting_for_its_clerk(people, sent, stc, ubnd_entry):
    doc, by_name = sent
    arrival = by_name["Sở Tài chính"].arrival
    assert arrival.agency == stc["agency"] and arrival.state == ArrivalState.AWAITING
    assert (arrival.sender, arrival.sender_name, arrival.code) == (ubnd_entry, ubnd_entry.name, "01/UBND-KT")
    assert (arrival.document_date, arrival.doc_type, arrival.abstract) == (
        doc.issued_on,
        doc.doc_type,
        doc.abstract,
    )
    assert (arrival.signer_name, arrival.signer_position) == (people["chairman"].display_name, "Chủ tịch")
    assert list(arrival.files.all()) == [doc.latest_version.file]
    assert "chờ tiếp nhận" in told(stc["clerk"])[-1]
    # not in its register yet
    assert not IncomingDocument.objects.filter(agency=stc["agency"]).exists()
    assert list(incoming.arrivals_for(stc["clerk"])) == [arrival]
    assert not incoming.arrivals_for(stc["leader"]).exists()
    assert not incoming.arrivals_for(people["clerk"]).filter(pk=arrival.pk).exists()


def test_acceptance_registers_it_there_and_tells_the_sender(people, sent, stc, ubnd_entry):
    doc, by_name = sent
    recipient = by_name["Sở Tài chính"]
    received = incoming.accept(recipient.arrival, stc["clerk"], register=stc["register"])

    assert (received.agency, received.register, received.number) == (stc["agency"], stc["register"], 1)
    assert (received.channel, received.sender, received.code) == (
        IncomingChannel.EXCHANGE,
        ubnd_entry,
        "01/UBND-KT",
    )
    assert received.state == DocState.REGISTERED and list(received.files.all()) == [doc.latest_version.file]
    recipient.refresh_from_db()
    assert (recipient.state, recipient.incoming) == (DeliveryState.ACCEPTED, received)
    assert recipient.accepted_at is not None
    assert recipient.arrival.state == ArrivalState.ACCEPTED and recipient.arrival.document == received

    event = trail(doc).get(verb="recipient_accepted")
    assert (event.actor, event.from_state, event.to_state) == (stc["clerk"], "awaiting", "accepted")
    assert event.payload == {"recipient": "Sở Tài chính", "incoming_number": 1}
    for sender_side in (people["spec_kt"], people["clerk"]):
        assert "Sở Tài chính đã tiếp nhận văn bản số 01/UBND-KT (số đến 1)" in told(sender_side)[-1]
    # accepted once only
    with pytest.raises(Exception, match="trạng thái"):
        incoming.accept(recipient.arrival, stc["clerk"], register=stc["register"])
    assert IncomingDocument.objects.filter(agency=stc["agency"]).count() == 1


def test_refusal_goes_back_to_the_sender_with_its_reason(people, sent, stc):
    doc, by_name = sent
    recipient = by_name["Sở Tài chính"]
    incoming.refuse(recipient.arrival, stc["clerk"], "Không đúng thẩm quyền giải quyết của Sở")
    recipient.refresh_from_db()
    assert recipient.state == DeliveryState.REFUSED
    assert recipient.reason == "Không đúng thẩm quyền giải quyết của Sở"
    assert trail(doc).get(verb="recipient_refused").note == recipient.reason
    assert "từ chối tiếp nhận" in told(people["spec_kt"])[-1]
    assert not IncomingDocument.objects.filter(agency=stc["agency"]).exists()


@pytest.mark.parametrize("who", ["leader", "sender_clerk"])
def test_only_the_receiving_clerk_accepts(people, sent, stc, who):
    _doc, by_name = sent
    arrival = by_name["Sở Tài chính"].arrival
    actor = stc["leader"] if who == "leader" else people["clerk"]
    with pytest.raises(PermissionDenied):
        incoming.accept(arrival, actor, register=stc["register"])
    with pytest.raises(PermissionDenied):
        incoming.refuse(arrival, actor, "Sai")
    arrival.refresh_from_db()
    assert arrival.state == ArrivalState.AWAITING


def test_the_clerk_records_e_mail_and_post(people, sent):
    doc, by_name = sent
    clerk = people["clerk"]
    services.mark_sent(by_name["Sở Xây dựng"], clerk)
    services.mark_sent(by_name["Báo Hà Tĩnh"], clerk, envelopes=2, receipt="Bưu cục Hà Tĩnh, phiếu 123")
    assert Recipient.objects.get(name="Sở Xây dựng").state == DeliveryState.SENT
    line = PostalDispatch.objects.get()
    assert (line.sent_on, line.envelopes, line.receipt, line.recorded_by) == (
        doc.issued_on,
        2,
        "Bưu cục Hà Tĩnh, phiếu 123",
        clerk,
    )
    assert [e.payload["recipient"] for e in trail(doc).filter(verb="recipient_sent")] == [
        "Sở Xây dựng",
        "Báo Hà Tĩnh",
    ]
    with pytest.raises(TransitionError):  # already sent
        services.mark_sent(by_name["Báo Hà Tĩnh"], clerk)
    with pytest.raises(ValidationError):  # in the system: nothing to record
        services.mark_sent(by_name["Sở Tài chính"], clerk)
    with pytest.raises(PermissionDenied):
        services.mark_sent(by_name["Sở Xây dựng"], people["spec_kt"])


def test_recipients_are_checked_when_named(people, stc, sxd, units, other_agency):
    doc = make_draft(people)
    drafter = people["spec_kt"]
    bad = [
        [RecipientSpec(external=sxd, channel=Channel.INTERNAL)],  # not served by the installation
        [RecipientSpec(name="Ông Nguyễn Văn A", channel=Channel.EMAIL)],  # no address
        [RecipientSpec(name="  ")],  # no name
        [RecipientSpec(unit=units["VX"], external=sxd)],  # both
    ]
    for specs in bad:
        with pytest.raises(ValidationError):
            services.set_recipients(doc, drafter, specs)
    with pytest.raises(PermissionDenied):
        services.set_recipients(doc, drafter, [RecipientSpec(unit=UnitFactory(agency=other_agency))])
    rows = services.set_recipients(
        doc,
        drafter,
        [RecipientSpec(external=stc["entry"]), RecipientSpec(external=sxd), RecipientSpec(name="UBND xã")],
    )
    assert [(r.name, r.channel) for r in rows] == [
        ("Sở Tài chính", "internal"),
        ("Sở Xây dựng", "post"),
        ("UBND xã", "post"),
    ]


def test_a_secret_document_goes_by_post_only(people, stc, units):
    doc = make_draft(people, confidentiality=Confidentiality.SECRET)
    with pytest.raises(ValidationError, match="bưu điện"):
        services.set_recipients(doc, people["spec_kt"], [RecipientSpec(external=stc["entry"])])
    rows = services.set_recipients(
        doc,
        people["spec_kt"],
        [RecipientSpec(external=stc["entry"], channel=Channel.POST), RecipientSpec(unit=units["VX"])],
    )
    assert [r.channel for r in rows] == ["post", "internal"]


def test_the_clerk_completes_the_recipients_before_issuing(people, signed, out_register, stc):
    doc = signed()
    assert not services.may("edit_recipients", doc, people["spec_kt"])
    services.set_recipients(doc, people["clerk"], [RecipientSpec(external=stc["entry"])])
    doc = services.issue(doc, people["clerk"])
    assert Arrival.objects.filter(agency=stc["agency"]).count() == 1
    with pytest.raises(TransitionError):
        services.set_recipients(doc, people["clerk"], [])


def test_issuing_reads_no_agency_per_recipient(people, out_register, ubnd_entry):
    """The agencies of the installation that receive the document come with their recipients."""

    def agency_reads(count: int) -> int:
        specs = []
        for _ in range(count):
            agency = AgencyFactory()
            specs.append(RecipientSpec(external=ExternalAgencyFactory(code="", internal_agency=agency)))
        doc = sign_through(make_draft(people, recipients=specs), people)
        with CaptureQueriesContext(connection) as queries:
            services.issue(doc, people["clerk"])
        assert Arrival.objects.filter(agency__in=[s.external.internal_agency for s in specs]).count() == count
        return sum(q["sql"].startswith('SELECT "organization_agency".') for q in queries.captured_queries)

    assert agency_reads(3) == agency_reads(1)
