"""The receiving clerk's pages for electronic documents sent by another agency of the installation: the list of
those waiting, the document with its files, acceptance into an incoming register and refusal with a reason; no one
else sees them."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from vanthu.documents.files import store_upload
from vanthu.incoming import services
from vanthu.incoming.models import Arrival, Channel, IncomingDocument
from vanthu.incoming.states import ArrivalState
from vanthu.notifications.models import Notification
from vanthu.outgoing import services as outgoing
from vanthu.outgoing.models import Recipient
from vanthu.outgoing.services import RecipientSpec
from vanthu.outgoing.states import DeliveryState
from vanthu.registers.models import Register
from vanthu.testing.factories import ExternalAgencyFactory, RegisterFactory, doc_type, draft_outgoing

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n% bao cao\n"
ABSTRACT = "Báo cáo tình hình thiệt hại do bão số 3 trên địa bàn xã"


@pytest.fixture
def arrival(people, agency, outsiders):
    """UBND xã Kỳ Anh sends a báo cáo with a PDF to the UBND tỉnh through the system."""
    sender = ExternalAgencyFactory(
        name="UBND xã Kỳ Anh", code="", internal_agency=outsiders["outsider"].agency
    )
    stored = store_upload(SimpleUploadedFile("bao-cao.pdf", PDF, "application/pdf"), outsiders["outsider"])
    return services.deliver(
        agency=agency,
        sent_by=outsiders["outsider"],
        sender=sender,
        sender_name="",
        code_number="07",
        code_notation="BC-UBND",
        document_date=timezone.localdate(),
        doc_type=doc_type("BC"),
        abstract=ABSTRACT,
        files=[stored],
    )


def test_the_clerk_sees_what_waits_and_the_menu_counts_it(client, people, arrival):
    client.force_login(people["clerk"])
    page = client.get(reverse("incoming:arrivals")).content.decode()
    assert "07/BC-UBND" in page and ABSTRACT in page and "UBND xã Kỳ Anh" in page
    assert re.search(r'id="arrivals-count">1<', page)
    notification = Notification.objects.get(user=people["clerk"])
    assert notification.url == reverse("incoming:arrivals")
    detail = client.get(reverse("incoming:arrival", args=[arrival.pk])).content.decode()
    assert 'id="do-accept"' in detail and 'id="do-refuse"' in detail and "bao-cao.pdf" in detail
    stored = arrival.files.get()
    response = client.get(reverse("incoming:arrival_file", args=[arrival.pk, stored.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_nobody_else_sees_an_arrival(client, people, outsiders, arrival):
    stored = arrival.files.get()
    urls = [
        reverse("incoming:arrivals"),
        reverse("incoming:arrival", args=[arrival.pk]),
        reverse("incoming:arrival_file", args=[arrival.pk, stored.pk]),
    ]
    for who in (
        people["chairman"],
        people["chief"],
        people["head_kt"],
        people["spec_kt"],
        outsiders["outsider"],
    ):
        client.force_login(who)
        for url in urls:
            response = client.get(url)
            # the sender's own clerk has the list page (of their agency, empty), not this arrival
            expected = 200 if who == outsiders["outsider"] and url == urls[0] else 404
            assert response.status_code == expected, (who.username, url)
        assert (
            client.post(reverse("incoming:arrival_refuse", args=[arrival.pk]), {"reason": "x"}).status_code
            == 404
        )
        assert (
            'id="nav-arrivals"' not in client.get(reverse("incoming:list")).content.decode()
            or who.role == "clerk"
        )
    arrival.refresh_from_db()
    assert arrival.state == ArrivalState.AWAITING


def test_accepting_registers_it_with_the_next_number_and_its_files(client, people, register, arrival):
    client.force_login(people["clerk"])
    response = client.post(
        reverse("incoming:arrival_accept", args=[arrival.pk]),
        {"register": register.pk, "received_at": timezone.localtime().strftime("%d/%m/%Y %H:%M")},
        follow=True,
    )
    doc = IncomingDocument.objects.get()
    assert response.redirect_chain[-1][0] == doc.get_absolute_url()
    page = response.content.decode()
    assert f"Đã vào sổ văn bản đến số {doc.number}: 07/BC-UBND." in page
    assert (doc.code, doc.channel, doc.abstract) == ("07/BC-UBND", Channel.EXCHANGE, ABSTRACT)
    assert [f.original_name for f in doc.files.all()] == ["bao-cao.pdf"]
    arrival.refresh_from_db()
    assert arrival.state == ArrivalState.ACCEPTED and arrival.document == doc
    # it leaves the waiting tab and is listed as accepted, with its incoming number
    assert ABSTRACT not in client.get(reverse("incoming:arrivals")).content.decode()
    accepted = client.get(reverse("incoming:arrivals") + "?tab=accepted").content.decode()
    assert ABSTRACT in accepted and f'{doc.get_absolute_url()}">{doc.number}<' in accepted


def test_a_bad_time_keeps_the_form_and_accepts_nothing(client, people, register, arrival):
    client.force_login(people["clerk"])
    response = client.post(
        reverse("incoming:arrival_accept", args=[arrival.pk]),
        {"register": register.pk, "received_at": "32/13/2026"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Thời điểm đến phải có dạng dd/mm/yyyy hh:mm." in page and 'value="32/13/2026"' in page
    assert not IncomingDocument.objects.exists()


def test_refusal_needs_a_reason_and_tells_the_sender(client, people, outsiders, arrival):
    client.force_login(people["clerk"])
    url = reverse("incoming:arrival_refuse", args=[arrival.pk])
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 422 and "Phải ghi lý do từ chối tiếp nhận." in response.content.decode()
    arrival.refresh_from_db()
    assert arrival.state == ArrivalState.AWAITING

    response = client.post(url, {"reason": "Không thuộc thẩm quyền của UBND tỉnh"}, follow=True)
    assert "Đã từ chối tiếp nhận văn bản 07/BC-UBND." in response.content.decode()
    arrival.refresh_from_db()
    assert (arrival.state, arrival.reason) == (ArrivalState.REFUSED, "Không thuộc thẩm quyền của UBND tỉnh")
    refused = client.get(reverse("incoming:arrivals") + "?tab=refused").content.decode()
    assert "Không thuộc thẩm quyền của UBND tỉnh" in refused


def test_a_withdrawn_arrival_can_no_longer_be_accepted(client, people, register, outsiders, arrival):
    client.force_login(people["clerk"])
    page_before = reverse("incoming:arrival", args=[arrival.pk])
    services.withdraw(arrival, outsiders["outsider"], "Gửi nhầm cơ quan")
    page = client.get(page_before).content.decode()
    assert 'id="arrival-withdrawn"' in page and 'id="do-accept"' not in page
    response = client.post(
        reverse("incoming:arrival_accept", args=[arrival.pk]),
        {"register": register.pk, "received_at": timezone.localtime().strftime("%d/%m/%Y %H:%M")},
        follow=True,
    )
    assert "Bên gửi đã thu hồi văn bản này: không tiếp nhận được nữa." in response.content.decode()
    assert not IncomingDocument.objects.exists()


def test_only_the_agency_s_open_incoming_registers_are_offered(client, people, agency, register, arrival):
    secret = RegisterFactory(agency=agency, name="Sổ văn bản đến mật", is_secret=True)
    client.force_login(people["clerk"])
    page = client.get(reverse("incoming:arrival", args=[arrival.pk])).content.decode()
    assert register.name in page and secret.name not in page


def test_nobody_else_may_accept_it(client, people, outsiders, register, arrival):
    """Acting needs the list's right too: a leader, a specialist, the sender's own clerk get a 404."""
    url = reverse("incoming:arrival_accept", args=[arrival.pk])
    when = timezone.localtime().strftime("%d/%m/%Y %H:%M")
    for who, book in (
        (people["chairman"], register),
        (people["spec_kt"], register),
        (outsiders["outsider"], outsiders["register"]),
    ):
        client.force_login(who)
        assert client.post(url, {"register": book.pk, "received_at": when}).status_code == 404, who.username
    arrival.refresh_from_db()
    assert arrival.state == ArrivalState.AWAITING and not IncomingDocument.objects.exists()
    # the agency's administrator deals with arrivals like its clerks
    client.force_login(people["admin"])
    assert ABSTRACT in client.get(reverse("incoming:arrivals")).content.decode()


# --- the whole exchange: an outgoing document of the province reaches the commune through the system -------


def told(user) -> list[str]:
    return list(Notification.objects.filter(user=user).order_by("id").values_list("text", flat=True))


def issue_through(people, **draft) -> object:
    """A draft of cv_kt (Phòng KT), through the default chain (KT head, office chief, chairman), issued."""
    doc = draft_outgoing(people["spec_kt"], proposed_signer=people["chairman"], **draft)
    doc = outgoing.submit(doc, people["spec_kt"])
    while doc.state == "in_review" and not doc.current_step.is_signing:
        doc = outgoing.approve(doc, doc.holder)
    return outgoing.issue(outgoing.sign(doc, doc.holder), people["clerk"])


@pytest.fixture
def province(agency):
    """The province's directory entry (how the commune names it) and its outgoing register."""
    RegisterFactory(agency=agency, name="Sổ văn bản đi", direction=Register.Direction.OUTGOING)
    return ExternalAgencyFactory(name="Ủy ban nhân dân tỉnh Hà Tĩnh", code="", internal_agency=agency)


@pytest.fixture
def sent_to_commune(people, other_agency, province):
    commune = ExternalAgencyFactory(name="UBND xã Kỳ Anh", code="", internal_agency=other_agency)
    return issue_through(people, recipients=[RecipientSpec(external=commune)])


def test_the_commune_s_clerk_accepts_the_province_s_document_and_the_drafter_hears(
    client, people, outsiders, sent_to_commune
):
    doc = sent_to_commune
    clerk = outsiders["outsider"]
    client.force_login(clerk)
    listing = client.get(reverse("incoming:arrivals")).content.decode()
    assert doc.code == "01/UBND-KT" and "01/UBND-KT" in listing
    assert "Ủy ban nhân dân tỉnh Hà Tĩnh" in listing and doc.abstract in listing
    arrival = Arrival.objects.get()
    assert arrival.agency_id == clerk.agency_id

    response = client.post(
        reverse("incoming:arrival_accept", args=[arrival.pk]),
        {
            "register": outsiders["register"].pk,
            "received_at": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
        },
        follow=True,
    )
    received = IncomingDocument.objects.get()
    assert response.redirect_chain[-1][0] == received.get_absolute_url()
    page = response.content.decode()
    assert "Đã vào sổ văn bản đến số 1: 01/UBND-KT." in page
    assert "Nhận qua hệ thống từ Ủy ban nhân dân tỉnh Hà Tĩnh" in page
    assert reverse("incoming:arrival", args=[arrival.pk]) in page  # the clerk may open the original
    assert (received.agency_id, received.register, received.code) == (
        clerk.agency_id,
        outsiders["register"],
        "01/UBND-KT",
    )
    assert [f.sha256 for f in received.files.all()] == [doc.latest_version.file.sha256]
    # the sender's drafter and issuing clerk are told; the delivery is marked accepted
    expected = "UBND xã Kỳ Anh đã tiếp nhận văn bản số 01/UBND-KT (số đến 1)"
    assert expected in told(people["spec_kt"]) and expected in told(people["clerk"])
    assert Recipient.objects.get().state == DeliveryState.ACCEPTED
    # the commune's leader sees the registered document, not the arrival pages
    client.force_login(outsiders["outsider_leader"])
    page = client.get(received.get_absolute_url()).content.decode()
    assert "Nhận qua hệ thống từ Ủy ban nhân dân tỉnh Hà Tĩnh" in page
    assert reverse("incoming:arrival", args=[arrival.pk]) not in page


def test_the_commune_s_clerk_refuses_with_a_reason_and_the_drafter_hears(
    client, people, outsiders, sent_to_commune
):
    arrival = Arrival.objects.get()
    client.force_login(outsiders["outsider"])
    url = reverse("incoming:arrival_refuse", args=[arrival.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 422 and "Phải ghi lý do từ chối tiếp nhận." in response.content.decode()
    assert not [t for t in told(people["spec_kt"]) if "từ chối" in t]

    long_reason = "Sai cơ quan nhận. " * 40  # over 500 characters: refused, and the text stays in the box
    response = client.post(url, {"reason": long_reason})
    assert response.status_code == 422 and "Sai cơ quan nhận. Sai cơ quan nhận." in response.content.decode()

    client.post(url, {"reason": "Văn bản không thuộc thẩm quyền của xã"})
    expected = "UBND xã Kỳ Anh từ chối tiếp nhận văn bản số 01/UBND-KT: Văn bản không thuộc thẩm quyền của xã"
    assert expected in told(people["spec_kt"])
    assert Recipient.objects.get().state == DeliveryState.REFUSED and not IncomingDocument.objects.exists()


def test_the_incoming_page_shows_the_reply_and_links_it_for_those_who_may_see_it(
    client, people, units, register, province, arrival
):
    """The commune's báo cáo reaches the province; Phòng KT answers it; Phòng VX co-operated on it but does not
    see the answer (drafted by KT, not sent to VX): the number, without the link."""
    doc = services.accept(arrival, people["clerk"], register=register)
    services.direct(
        doc, people["chairman"], direction="KT trả lời", lead_unit=units["KT"], coop_units=[units["VX"]]
    )
    client.force_login(people["spec_kt"])
    page = client.get(doc.get_absolute_url()).content.decode()
    assert "Nhận qua hệ thống từ UBND xã Kỳ Anh" in page and 'id="doc-replies"' not in page

    reply = issue_through(people, replies_to=[doc], recipients=[RecipientSpec(external=arrival.sender)])
    said = f'Đã trả lời bằng văn bản số <a href="{reply.get_absolute_url()}">01/UBND-KT</a> ngày '
    said += reply.issued_on.strftime("%d/%m/%Y")
    for who in ("spec_kt", "clerk", "chairman"):
        client.force_login(people[who])
        assert said in client.get(doc.get_absolute_url()).content.decode(), who

    client.force_login(people["spec_vx"])
    page = client.get(doc.get_absolute_url()).content.decode()
    assert "Đã trả lời bằng văn bản số <strong>01/UBND-KT</strong> ngày" in page
    assert reply.get_absolute_url() not in page
    assert client.get(reply.get_absolute_url()).status_code == 404
    # the answer itself reaches the commune's clerk
    assert Arrival.objects.filter(agency=arrival.sender.internal_agency, code_notation="UBND-KT").exists()
