"""The outgoing register (10 columns) and the postal register (6 columns) of Appendix IV; the draft's deadline
status and what waits for each person."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from vanthu.common.deadlines import DeadlineStatus
from vanthu.documents.models import Urgency
from vanthu.outgoing import services
from vanthu.outgoing.models import AmendKind, Channel, OutgoingDocument, Placement, PostalDispatch
from vanthu.outgoing.queries import status_of, waiting_for, with_status
from vanthu.outgoing.registerbook import (
    book_queryset,
    outgoing_register_rows,
    postal_columns,
    postal_rows,
    register_columns,
)
from vanthu.outgoing.services import RecipientSpec
from vanthu.outgoing.visibility import visible_outgoing
from vanthu.testing.factories import draft_file

from .conftest import make_draft, sign_through

pytestmark = pytest.mark.django_db


def test_the_outgoing_register_has_its_ten_columns(people, units, out_register, stc, issued):
    today = timezone.localdate()
    doc = issued(
        "QĐ",
        urgency=Urgency.URGENT,
        signing_authority="KT",
        authority_of="CHỦ TỊCH",
        signer_title="Phó Chủ tịch",
        recipients=[
            RecipientSpec(external=stc["entry"], placement=Placement.ADDRESSEE),
            RecipientSpec(unit=units["VX"]),
            RecipientSpec(name="Báo Hà Tĩnh", channel=Channel.POST),
        ],
    )
    paper = services.reserve_number(
        make_draft(people, abbreviation="TB"), people["clerk"], signed_by=people["chief"]
    )
    rows = outgoing_register_rows(
        book_queryset(visible_outgoing(people["clerk"]), out_register, today, today)
    )
    assert [r.code for r in rows] == ["01/QĐ-UBND", "02/TB-UBND"]
    first = rows[0]
    assert len(register_columns()) == len(first.cells()) == 10
    chairman = people["chairman"].display_name
    assert first.cells() == [
        "01/QĐ-UBND",
        today,
        f"Quyết định: {doc.abstract}",
        f"{chairman} (KT. CHỦ TỊCH — Phó Chủ tịch)",
        f"Sở Tài chính; {units['VX'].name}; Báo Hà Tĩnh",
        "VT, KT",
        5,
        today,
        "",
        "KHẨN",
    ]
    assert (
        rows[1].pk == paper.pk
        and rows[1].note == "Văn bản giấy, chờ bản quét"
        and rows[1].handed_over_on is None
    )


def test_recalled_and_amending_documents_say_so(people, out_register, issued):
    old = issued("QĐ")
    correction = services.amend(
        old, people["spec_kt"], AmendKind.CORRECTION, file=draft_file(people["spec_kt"])
    )
    services.issue(sign_through(correction, people), people["clerk"])
    services.recall(old, people["clerk"], "Sai thẩm quyền")
    today = timezone.localdate()
    rows = outgoing_register_rows(book_queryset(OutgoingDocument.objects.all(), out_register, today, today))
    assert [r.note for r in rows] == ["Đã thu hồi: Sai thẩm quyền", "Đính chính 01/QĐ-UBND"]


def test_the_postal_register_has_its_six_columns(people, out_register, issued):
    doc = issued(
        "CV",
        recipients=[
            RecipientSpec(name="Báo Hà Tĩnh", channel=Channel.POST),
            RecipientSpec(name="Công ty Điện lực Hà Tĩnh", channel=Channel.POST),
        ],
    )
    services.mark_sent(
        doc.recipients.get(name="Báo Hà Tĩnh"), people["clerk"], envelopes=2, receipt="BĐ Hà Tĩnh"
    )
    rows = postal_rows(PostalDispatch.objects.filter(agency=doc.agency))
    assert len(postal_columns()) == len(rows[0].cells()) == 6
    assert [r.cells() for r in rows] == [
        [timezone.localdate(), "01/UBND-KT", "Báo Hà Tĩnh", 2, "BĐ Hà Tĩnh", ""],
        [None, "01/UBND-KT", "Công ty Điện lực Hà Tĩnh", 1, "", ""],
    ]


def test_a_drafts_deadline_status_in_python_and_in_the_database(people, out_register):
    today = dt.date(2026, 3, 4)  # a Wednesday
    cases = {
        "overdue": make_draft(people, deadline=dt.date(2026, 3, 3)),
        "due_soon": make_draft(people, deadline=dt.date(2026, 3, 5)),
        "within": make_draft(people, deadline=dt.date(2026, 3, 20)),
        "none": make_draft(people),
    }
    late = sign_through(make_draft(people, deadline=dt.date(2026, 3, 3)), people)
    OutgoingDocument.objects.filter(pk=late.pk).update(state="issued", issued_on=dt.date(2026, 3, 4))
    cases["late"] = late
    annotated = dict(
        with_status(OutgoingDocument.objects.all(), people["clerk"].agency_id, today).values_list(
            "pk", "deadline_status"
        )
    )
    for expected, doc in cases.items():
        doc.refresh_from_db()
        assert status_of(doc, today) == DeadlineStatus(expected) == annotated[doc.pk], expected


def test_what_waits_for_each_person(people, out_register):
    drafter, head, clerk = people["spec_kt"], people["head_kt"], people["clerk"]
    in_review = services.submit(make_draft(people), drafter)
    returned = services.return_draft(services.submit(make_draft(people), drafter), head, "Sửa")
    signed = sign_through(make_draft(people), people)
    reserved = services.reserve_number(make_draft(people), clerk, signed_by=people["chairman"])
    make_draft(people)  # a draft nobody waits for
    assert set(waiting_for(head)) == {in_review}
    assert set(waiting_for(drafter)) == {returned}
    assert set(waiting_for(clerk)) == {signed, reserved}
    assert not waiting_for(people["chief"]).exists()
