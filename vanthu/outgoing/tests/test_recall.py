"""Recall (thu hồi) freezes an issued document and tells its recipients; correction (đính chính) and replacement
(thay thế) are new drafts linked to the issued document, both visible in the history."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from vanthu.history.services import trail
from vanthu.incoming import services as incoming
from vanthu.incoming.states import ArrivalState
from vanthu.incoming.states import TransitionError as IncomingTransitionError
from vanthu.notifications.models import Notification
from vanthu.organization.models import Role
from vanthu.outgoing import services
from vanthu.outgoing.models import AmendKind, Channel
from vanthu.outgoing.services import RecipientSpec
from vanthu.outgoing.states import TRANSITIONS, DeliveryState, OutgoingState, TransitionError
from vanthu.outgoing.visibility import visible_outgoing
from vanthu.testing.factories import UserFactory, draft_file

from .conftest import sign_through

pytestmark = pytest.mark.django_db


def told(user) -> list[str]:
    return list(Notification.objects.filter(user=user).order_by("id").values_list("text", flat=True))


@pytest.fixture
def sent(people, units, out_register, ubnd_entry, stc, issued):
    """A decision sent to Sở Tài chính (in the system) and to Phòng VX."""
    return issued("QĐ", recipients=[RecipientSpec(external=stc["entry"]), RecipientSpec(unit=units["VX"])])


def test_recall_freezes_the_document(people, sent):
    clerk = people["clerk"]
    doc = services.recall(sent, clerk, "Ban hành sai thẩm quyền")
    assert doc.state == OutgoingState.RECALLED and doc.recall_reason == "Ban hành sai thẩm quyền"
    assert doc.recalled_at is not None and doc.code == "01/QĐ-UBND"  # the number stays taken
    event = trail(doc).get(verb="recalled")
    assert (event.actor, event.from_state, event.to_state, event.note) == (
        clerk,
        "issued",
        "recalled",
        "Ban hành sai thẩm quyền",
    )
    everyone = people.values()
    assert not any(services.may(action, doc, user) for action in TRANSITIONS for user in everyone)
    with pytest.raises(TransitionError):
        services.recall(doc, clerk, "Lần nữa")
    with pytest.raises(TransitionError):
        services.amend(doc, people["spec_kt"], AmendKind.REPLACEMENT)
    assert "đã bị thu hồi" in told(people["spec_kt"])[-1] and "đã bị thu hồi" in told(people["chairman"])[-1]


def test_recall_withdraws_a_document_still_waiting_for_the_recipients_clerk(people, sent, stc, units):
    services.recall(sent, people["chairman"], "Sai số liệu")
    recipients = {r.name: r for r in sent.recipients.select_related("arrival")}
    arrival = recipients["Sở Tài chính"].arrival
    assert arrival.state == ArrivalState.WITHDRAWN
    assert {r.state for r in recipients.values()} == {DeliveryState.WITHDRAWN}
    assert "đã bị bên gửi thu hồi" in told(stc["clerk"])[-1]
    assert "đã bị thu hồi" in told(people["head_vx"])[-1]
    with pytest.raises(IncomingTransitionError):
        incoming.accept(arrival, stc["clerk"], register=stc["register"])
    # the unit that received it no longer sees it; the people who made it still do
    assert not visible_outgoing(people["spec_vx"]).filter(pk=sent.pk).exists()
    assert visible_outgoing(people["spec_kt"]).filter(pk=sent.pk).exists()


def test_recall_after_acceptance_tells_the_receiving_agency(people, sent, stc):
    arrival = sent.recipients.get(name="Sở Tài chính").arrival
    received = incoming.accept(arrival, stc["clerk"], register=stc["register"])
    services.recall(sent, people["clerk"], "Thay thế bằng văn bản khác")
    event = trail(received).get(verb="recalled_by_sender")
    assert event.note == "Thay thế bằng văn bản khác"
    assert "đã bị bên gửi thu hồi" in told(stc["clerk"])[-1]
    assert sent.recipients.get(name="Sở Tài chính").state == DeliveryState.WITHDRAWN


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("clerk", True),
        ("chairman", True),
        ("admin", True),
        ("chief", False),
        ("spec_kt", False),
        ("head_kt", False),
    ],
)
def test_who_may_recall(people, sent, who, allowed):
    assert services.may("recall", sent, people[who]) is allowed
    if not allowed:
        with pytest.raises(PermissionDenied):
            services.recall(sent, people[who], "Thu hồi")


def test_the_signer_may_recall_what_they_signed(people, out_register, units, issued):
    deputy = UserFactory(username="pho_vp", agency=people["chief"].agency, role=Role.OFFICE_LEADER)
    doc = issued("TB", proposed_signer=deputy)
    assert doc.signed_by == deputy
    assert services.may("recall", doc, deputy) and not services.may("recall", doc, people["chief"])


def test_a_recall_needs_a_reason(people, sent):
    with pytest.raises(ValidationError):
        services.recall(sent, people["clerk"], " ")


def test_a_correction_is_a_cong_van_linked_to_the_old_document(people, sent, stc, units):
    new = services.amend(sent, people["spec_kt"], AmendKind.CORRECTION)
    assert (new.amends, new.amend_kind, new.doc_type.code, new.state) == (
        sent,
        "correction",
        "cong-van",
        "draft",
    )
    assert new.abstract == "Về việc đính chính Quyết định số 01/QĐ-UBND"
    assert [(r.name, r.channel) for r in new.recipients.all()] == [
        ("Sở Tài chính", "internal"),
        (units["VX"].name, "internal"),
    ]
    assert trail(sent).get(verb="correction_drafted").payload == {"draft": new.pk}
    assert trail(new).get(verb="drafted").payload["amends"] == "01/QĐ-UBND"

    services.add_version(new, people["spec_kt"], draft_file(people["spec_kt"], "dinh-chinh.pdf"))
    new = services.issue(sign_through(new, people), people["clerk"])
    assert new.code == "02/UBND-KT"
    corrected = trail(sent).get(verb="corrected")
    assert corrected.payload["by_code"] == "02/UBND-KT"
    assert sent.amendments.get() == new
    sent.refresh_from_db()
    assert sent.state == OutgoingState.ISSUED  # a correction does not recall the document


def test_a_replacement_keeps_the_type_and_marks_the_old_one_replaced(people, sent):
    colleague = people["spec_kt2"]  # another specialist of the drafting unit
    new = services.amend(sent, colleague, AmendKind.REPLACEMENT, file=draft_file(colleague))
    assert (new.doc_type, new.abstract, new.drafter, new.amend_kind) == (
        sent.doc_type,
        sent.abstract,
        colleague,
        "replacement",
    )
    assert new.proposed_signer == sent.signed_by
    assert trail(sent).filter(verb="replacement_drafted").exists()
    new = services.issue(sign_through(new, people), people["clerk"])
    assert trail(sent).get(verb="replaced").payload["by_code"] == new.code == "02/QĐ-UBND"


def test_who_may_start_an_amendment(people, sent):
    for who in ("spec_kt", "spec_kt2", "head_kt", "chief", "chairman", "clerk"):
        assert services.may("correct", sent, people[who]), who
    for who in ("spec_vx", "head_vx", "spec_th"):
        assert not services.may("replace", sent, people[who]), who
        with pytest.raises(PermissionDenied):
            services.amend(sent, people[who], AmendKind.REPLACEMENT)


@pytest.mark.parametrize("decision", ["accept", "refuse"])
def test_a_recall_keeps_what_the_receiving_clerk_decided_meanwhile(people, sent, stc, monkeypatch, decision):
    """The recall read the recipients before its withdrawal waited for the arrival, which the receiving clerk
    was accepting or refusing at that moment: the recipient keeps that clerk's decision."""
    real_withdraw = incoming.withdraw

    def decided_meanwhile(arrival, actor, reason):
        if decision == "accept":
            incoming.accept(arrival, stc["clerk"], register=stc["register"])
        else:
            incoming.refuse(arrival, stc["clerk"], "Không đúng thẩm quyền")
        return real_withdraw(arrival, actor, reason)

    monkeypatch.setattr(incoming, "withdraw", decided_meanwhile)
    services.recall(sent, people["clerk"], "Sai số liệu")
    recipient = sent.recipients.get(name="Sở Tài chính")
    if decision == "accept":
        assert recipient.state == DeliveryState.WITHDRAWN
        assert recipient.incoming == recipient.arrival.document and recipient.accepted_at is not None
    else:
        assert (recipient.state, recipient.reason) == (DeliveryState.REFUSED, "Không đúng thẩm quyền")


def test_an_amendment_keeps_the_e_mail_addresses_of_the_recipients(people, units, out_register, issued):
    old = issued(
        "TB",
        recipients=[RecipientSpec(name="Ông Nguyễn Văn An", channel=Channel.EMAIL, email="an@example.vn")],
    )
    new = services.amend(old, people["spec_kt"], AmendKind.CORRECTION)
    assert [(r.name, r.channel, r.email) for r in new.recipients.all()] == [
        ("Ông Nguyễn Văn An", "email", "an@example.vn")
    ]
