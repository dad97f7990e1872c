"""Replies (văn bản trả lời): issuing an outgoing document marks the incoming documents it answers answered with
its number; their handling is closed too when the drafter asked for it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from vanthu.history.services import trail
from vanthu.incoming import services as incoming
from vanthu.incoming.models import IncomingDocument
from vanthu.incoming.registerbook import followup_rows
from vanthu.incoming.states import AssignmentState, DocState
from vanthu.outgoing import services
from vanthu.testing.factories import register_incoming

from .conftest import make_draft, sign_through

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(people, units, register):
    """An incoming document directed to Phòng KT (lead) with Phòng VX co-operating, delegated to cv_kt."""
    doc = register_incoming(people["clerk"], register, abstract="Về việc đề nghị bố trí vốn đối ứng")
    incoming.direct(
        doc,
        people["chairman"],
        direction="KT tham mưu trả lời",
        lead_unit=units["KT"],
        coop_units=[units["VX"]],
    )
    incoming.delegate(doc.assignments.get(unit=units["KT"]), people["head_kt"], user=people["spec_kt"])
    doc.refresh_from_db()
    return doc


def reply(people, asked, *, close: bool):
    draft = make_draft(people, replies_to=[asked], close_replied=close)
    return services.issue(sign_through(draft, people), people["clerk"])


def test_the_answered_document_gets_the_replys_number(people, out_register, asked):
    out = reply(people, asked, close=False)
    asked.refresh_from_db()
    assert asked.reply_code == out.code == "01/UBND-KT"
    assert asked.state == DocState.IN_PROGRESS  # the drafter did not ask to close it
    event = trail(asked).get(verb="answered")
    assert (event.actor, event.payload["reply_code"]) == (people["clerk"], "01/UBND-KT")
    (row,) = followup_rows(IncomingDocument.objects.filter(pk=asked.pk), asked.agency_id)
    assert row.reply == "01/UBND-KT"


def test_the_handling_is_closed_when_the_drafter_asked(people, out_register, asked):
    reply(people, asked, close=True)
    asked.refresh_from_db()
    assert asked.state == DocState.COMPLETED and asked.completed_on is not None
    assert asked.result.startswith("Đã trả lời bằng văn bản số 01/UBND-KT ngày ")
    assert set(asked.assignments.values_list("state", flat=True)) == {AssignmentState.DONE}
    verbs = [e.verb for e in trail(asked)]
    assert verbs[-5:] == ["answered", "settled", "settled", "settled", "document_completed"]


def test_two_replies_are_both_recorded(people, out_register, asked):
    reply(people, asked, close=False)
    reply(people, asked, close=False)
    asked.refresh_from_db()
    assert asked.reply_code == "01/UBND-KT; 02/UBND-KT"


def test_one_cannot_reply_to_a_document_one_cannot_see(people, register):
    hidden = register_incoming(people["clerk"], register)  # nobody of Phòng KT is involved
    with pytest.raises(PermissionDenied):
        make_draft(people, replies_to=[hidden])


def test_a_reply_to_a_registered_document_marks_it_without_closing(people, units, out_register, register):
    """Its handling never started (not directed yet): it is marked answered, not completed."""
    fresh = register_incoming(people["clerk"], register)
    draft = make_draft(
        people, drafter="chief", drafting_unit=units["KT"], replies_to=[fresh], close_replied=True
    )
    out = services.issue(sign_through(draft, people), people["clerk"])
    fresh.refresh_from_db()
    assert fresh.reply_code == out.code and fresh.state == DocState.REGISTERED
