"""Documents sent through the system by another agency of the installation (arrivals) wait for the clerk, who
accepts them into the incoming register or refuses them; the sender may withdraw them. And replies: an incoming
document is marked answered (and, if asked, closed) when the agency issues its reply."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from vanthu.history.services import trail
from vanthu.incoming import services
from vanthu.incoming.models import Arrival, Channel, IncomingDocument
from vanthu.incoming.signals import arrival_accepted, arrival_refused
from vanthu.incoming.states import ArrivalState, AssignmentState, DocState, TransitionError
from vanthu.notifications.models import Notification
from vanthu.testing.factories import ExternalAgencyFactory, doc_type, register_incoming

from .conftest import attach_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def arrival(people, agency, outsiders):
    """UBND xã Kỳ Anh sends a báo cáo to the UBND tỉnh through the system."""
    sender = ExternalAgencyFactory(
        name="UBND xã Kỳ Anh", code="", internal_agency=outsiders["outsider"].agency
    )
    return services.deliver(
        agency=agency,
        sent_by=outsiders["outsider"],
        sender=sender,
        sender_name="",
        code_number="07",
        code_notation="BC-UBND",
        document_date=timezone.localdate(),
        doc_type=doc_type("BC"),
        abstract="Báo cáo tình hình thiệt hại do bão số 3",
        signer_name="Trần Văn Bình",
        signer_position="Chủ tịch",
        reply_due=timezone.localdate() + dt.timedelta(days=5),
    )


def test_an_arrival_waits_outside_the_register(people, agency, arrival):
    assert (arrival.state, arrival.agency, arrival.sender_name, arrival.code) == (
        ArrivalState.AWAITING,
        agency,
        "UBND xã Kỳ Anh",
        "07/BC-UBND",
    )
    assert not IncomingDocument.objects.exists()
    assert "chờ tiếp nhận" in Notification.objects.get(user=people["clerk"]).text
    assert list(services.arrivals_for(people["clerk"])) == [arrival]
    assert list(services.arrivals_for(people["admin"])) == [arrival]
    for other in ("chairman", "chief", "head_kt", "spec_kt"):
        assert not services.arrivals_for(people[other]).exists()
    assert trail(arrival).get().verb == "arrived"


def test_acceptance_registers_it_with_the_next_number(people, register, arrival):
    register_incoming(people["clerk"], register)  # number 1 is taken
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs)

    arrival_accepted.connect(listener)
    try:
        doc = services.accept(arrival, people["clerk"], register=register)
    finally:
        arrival_accepted.disconnect(listener)
    assert (doc.number, doc.channel, doc.code, doc.sender_name) == (
        2,
        Channel.EXCHANGE,
        "07/BC-UBND",
        "UBND xã Kỳ Anh",
    )
    assert (doc.signer_name, doc.reply_due, doc.state) == (
        "Trần Văn Bình",
        arrival.reply_due,
        DocState.REGISTERED,
    )
    arrival.refresh_from_db()
    assert (arrival.state, arrival.document, arrival.decided_by) == (
        ArrivalState.ACCEPTED,
        doc,
        people["clerk"],
    )
    assert [h["document"] for h in heard] == [doc]
    assert [e.verb for e in trail(arrival)] == ["arrived", "accepted"]
    assert trail(doc).get().verb == "registered"


def test_the_files_come_along(people, register, arrival):
    stored = attach_pdf(register_incoming(people["clerk"], register), people["clerk"])
    arrival.files.add(stored)
    doc = services.accept(arrival, people["clerk"], register=register)
    assert list(doc.files.all()) == [stored]


def test_refusal_needs_a_reason_and_is_heard(people, register, arrival):
    with pytest.raises(ValueError):
        services.refuse(arrival, people["clerk"], "")
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs["reason"])

    arrival_refused.connect(listener)
    try:
        services.refuse(arrival, people["clerk"], "Gửi nhầm cơ quan")
    finally:
        arrival_refused.disconnect(listener)
    arrival.refresh_from_db()
    assert arrival.state == ArrivalState.REFUSED and heard == ["Gửi nhầm cơ quan"]
    with pytest.raises(TransitionError):
        services.accept(arrival, people["clerk"], register=register)


@pytest.mark.parametrize("who", ["chairman", "chief", "head_kt", "spec_kt"])
def test_only_the_registry_accepts(people, register, arrival, who):
    with pytest.raises(PermissionDenied):
        services.accept(arrival, people[who], register=register)
    with pytest.raises(PermissionDenied):
        services.refuse(arrival, people[who], "Sai")
    assert Arrival.objects.get().state == ArrivalState.AWAITING


def test_a_clerk_of_another_agency_cannot_accept(outsiders, arrival):
    with pytest.raises(PermissionDenied):
        services.accept(arrival, outsiders["outsider"], register=outsiders["register"])


def test_the_sender_withdraws_a_waiting_document(people, register, arrival, outsiders):
    services.withdraw(arrival, outsiders["outsider"], "Gửi nhầm văn bản")
    arrival.refresh_from_db()
    assert arrival.state == ArrivalState.WITHDRAWN and arrival.reason == "Gửi nhầm văn bản"
    assert "bên gửi thu hồi" in Notification.objects.filter(user=people["clerk"]).first().text
    with pytest.raises(TransitionError):
        services.accept(arrival, people["clerk"], register=register)


def test_withdrawing_an_accepted_document_leaves_it_and_tells_the_clerks(
    people, register, arrival, outsiders
):
    doc = services.accept(arrival, people["clerk"], register=register)
    services.present(doc, people["clerk"], people["chairman"])
    services.withdraw(arrival, outsiders["outsider"], "Văn bản ban hành sai")
    doc.refresh_from_db()
    assert doc.state == DocState.PRESENTED  # the receiving agency decides
    assert trail(doc).get(verb="recalled_by_sender").note == "Văn bản ban hành sai"
    for person in ("clerk", "chairman"):
        assert "bên gửi thu hồi" in Notification.objects.filter(user=people[person]).first().text


# --- replies ----------------------------------------------------------------------------------------------------


def test_a_reply_marks_the_document_answered(people, register):
    doc = register_incoming(people["clerk"], register)
    services.record_reply(doc, people["clerk"], reply_code="12/UBND-KT", replied_on=dt.date(2026, 3, 2))
    doc.refresh_from_db()
    assert doc.reply_code == "12/UBND-KT" and doc.state == DocState.REGISTERED
    assert trail(doc).last().note == "Đã trả lời bằng văn bản số 12/UBND-KT ngày 02/03/2026"


def test_a_reply_may_close_the_handling(people, units, register):
    doc = register_incoming(people["clerk"], register)
    services.direct(
        doc, people["chairman"], direction="KT chủ trì", lead_unit=units["KT"], info_units=[units["VX"]]
    )
    services.delegate(doc.assignments.get(unit=units["KT"]), people["head_kt"], user=people["spec_kt"])
    services.record_reply(
        doc, people["clerk"], reply_code="12/UBND-KT", replied_on=dt.date(2026, 3, 2), close=True
    )
    doc.refresh_from_db()
    assert doc.state == DocState.COMPLETED and doc.completed_on == timezone.localdate()
    assert doc.result == "Đã trả lời bằng văn bản số 12/UBND-KT ngày 02/03/2026"
    assert set(doc.assignments.values_list("state", flat=True)) == {AssignmentState.DONE}
    assert "đã hoàn thành" in Notification.objects.filter(user=people["chairman"]).first().text


def test_a_reply_from_another_agency_is_refused(people, register, outsiders):
    doc = register_incoming(people["clerk"], register)
    with pytest.raises(PermissionDenied):
        services.record_reply(
            doc, outsiders["outsider"], reply_code="01/UBND-VP", replied_on=dt.date(2026, 3, 2)
        )


def test_closing_by_a_reply_reads_no_row_per_open_part(people, units, register):
    def reads(**others) -> int:
        doc = register_incoming(people["clerk"], register)
        services.direct(doc, people["chairman"], direction="KT chủ trì", lead_unit=units["KT"], **others)
        with CaptureQueriesContext(connection) as queries:
            services.record_reply(
                doc, people["clerk"], reply_code="12/UBND-KT", replied_on=dt.date(2026, 3, 2), close=True
            )
        assert set(doc.assignments.values_list("state", flat=True)) == {AssignmentState.DONE}
        return sum(q["sql"].startswith("SELECT") for q in queries.captured_queries)

    assert reads(coop_units=[units["VX"]], info_units=[units["TH"]]) == reads()
