"""The approval chain (trình duyệt): submission, review steps, returns with comments, resubmission, forwarding,
signing, with the review rows, history events and notifications each step leaves."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from vanthu.history.services import trail
from vanthu.notifications.models import Notification
from vanthu.organization.models import Role
from vanthu.outgoing import services
from vanthu.outgoing.files import DOCX, store_draft_file
from vanthu.outgoing.models import (
    ApprovalChain,
    ChainStep,
    DraftVersion,
    Participant,
    ReviewAction,
    StepAssignee,
    StepPurpose,
)
from vanthu.outgoing.states import OutgoingState, TransitionError
from vanthu.testing.factories import UserFactory, doc_type, draft_file

from .conftest import make_draft

pytestmark = pytest.mark.django_db


def verbs(doc):
    return [e.verb for e in trail(doc)]


def told(user) -> list[str]:
    return list(Notification.objects.filter(user=user).order_by("id").values_list("text", flat=True))


def test_the_default_chain_from_draft_to_signature(people):
    drafter, head, chief, chairman = people["spec_kt"], people["head_kt"], people["chief"], people["chairman"]
    doc = make_draft(people)
    assert doc.state == OutgoingState.DRAFT and doc.holder is None

    doc = services.submit(doc, drafter, note="Kính trình")
    assert doc.state == OutgoingState.IN_REVIEW and doc.holder == head and doc.round == 1
    assert doc.current_step.purpose == StepPurpose.CONTENT and doc.held_since is not None
    assert ApprovalChain.objects.filter(agency=doc.agency, doc_type__isnull=True).count() == 1

    doc = services.approve(doc, head, comment="Nội dung đạt")
    assert doc.holder == chief and doc.current_step.purpose == StepPurpose.FORMAT
    doc = services.approve(doc, chief)
    assert doc.holder == chairman and doc.current_step.is_signing

    doc = services.sign(doc, chairman, comment="Đồng ý ban hành")
    assert doc.state == OutgoingState.SIGNED and doc.holder is None and doc.current_step is None
    assert (doc.signed_by, doc.signed_on, doc.signer_title) == (chairman, dt.date.today(), "Chủ tịch")

    assert [(r.actor, r.action) for r in doc.reviews.all()] == [
        (head, ReviewAction.APPROVED),
        (chief, ReviewAction.APPROVED),
        (chairman, ReviewAction.SIGNED),
    ]
    events = list(trail(doc))
    assert [(e.verb, e.from_state, e.to_state) for e in events] == [
        ("drafted", "", "draft"),
        ("submitted", "draft", "in_review"),
        ("approved", "in_review", "in_review"),
        ("approved", "in_review", "in_review"),
        ("signed", "in_review", "signed"),
    ]
    assert [e.actor for e in events] == [drafter, drafter, head, chief, chairman]
    assert events[1].payload["to_user"] == head.display_name
    # every new holder was told; the clerk waits to issue; the drafter hears it was signed
    assert len(told(head)) == len(told(chief)) == len(told(chairman)) == 1
    assert "chờ phát hành" in told(people["clerk"])[0]
    assert "đã được ký" in told(drafter)[-1]
    assert set(Participant.objects.filter(document=doc).values_list("user__username", flat=True)) == {
        "cv_kt",
        "tp_kt",
        "chanhvp",
        "chutich",
    }


def test_a_return_goes_back_to_the_drafter_with_its_comments(people):
    drafter, head, chief = people["spec_kt"], people["head_kt"], people["chief"]
    doc = services.approve(services.submit(make_draft(people), drafter), head)
    comment = "Sửa lại căn cứ pháp lý; bổ sung nơi nhận Sở Tài chính"
    doc = services.return_draft(doc, chief, comment)

    assert doc.state == OutgoingState.RETURNED and doc.holder == drafter
    assert doc.returned_by == chief and doc.returned_step.purpose == StepPurpose.FORMAT
    review = doc.reviews.get(action=ReviewAction.RETURNED)
    assert (review.actor, review.comment, review.round) == (chief, comment, 1)
    assert review.step_label == "Lãnh đạo Văn phòng kiểm tra thể thức"
    event = trail(doc).get(verb="returned")
    assert (event.from_state, event.to_state, event.note) == ("in_review", "returned", comment)
    assert comment in told(drafter)[-1]
    assert services.may("submit", doc, drafter) and not services.may("approve", doc, chief)


def test_resubmission_goes_back_to_the_step_and_the_person_that_returned_it(people):
    drafter, head, chief, chairman = people["spec_kt"], people["head_kt"], people["chief"], people["chairman"]
    doc = services.approve(services.submit(make_draft(people), drafter), head)
    doc = services.return_draft(doc, chief, "Sai thể thức")
    services.add_version(
        doc, drafter, draft_file(drafter, "du-thao-v2.docx", kind="docx"), "Đã sửa theo ý kiến"
    )

    doc = services.submit(doc, drafter)
    assert doc.state == OutgoingState.IN_REVIEW and doc.round == 2
    assert doc.holder == chief and doc.current_step.purpose == StepPurpose.FORMAT
    assert doc.returned_by is None and doc.returned_step is None
    assert verbs(doc)[-2:] == ["version_added", "resubmitted"]
    doc = services.approve(doc, chief)
    assert doc.holder == chairman
    assert [r.round for r in doc.reviews.all()] == [1, 1, 2]


def test_a_chain_may_start_again_from_the_first_step(people):
    drafter, head, chief = people["spec_kt"], people["head_kt"], people["chief"]
    chain = services.ensure_default_chain(people["clerk"].agency)
    chain.restart_on_return = True
    chain.save()
    doc = services.approve(services.submit(make_draft(people), drafter), head)
    doc = services.submit(services.return_draft(doc, chief, "Viết lại"), drafter)
    assert doc.holder == head and doc.current_step.purpose == StepPurpose.CONTENT and doc.round == 2


def test_the_signer_returns_and_gets_the_draft_back(people):
    drafter, chairman = people["spec_kt"], people["chairman"]
    doc = services.submit(make_draft(people), drafter)
    doc = services.approve(doc, doc.holder)
    doc = services.approve(doc, doc.holder)
    doc = services.return_draft(doc, chairman, "Cân nhắc lại mức hỗ trợ")
    doc = services.submit(doc, drafter)
    assert doc.holder == chairman and doc.current_step.is_signing
    assert services.sign(doc, chairman).state == OutgoingState.SIGNED


def test_a_returner_who_left_is_replaced_by_the_step_holder(people):
    drafter, head, chief = people["spec_kt"], people["head_kt"], people["chief"]
    other_chief = UserFactory(
        username="phochanhvp", agency=chief.agency, role=Role.OFFICE_LEADER, position="Phó Chánh Văn phòng"
    )
    doc = services.approve(services.submit(make_draft(people), drafter), head)
    doc = services.return_draft(doc, chief, "Sửa")
    chief.is_active = False
    chief.save()
    doc = services.submit(doc, drafter)
    assert doc.holder == other_chief and doc.current_step.purpose == StepPurpose.FORMAT


def test_a_forwarded_person_returns_and_checks_the_changes(people):
    drafter, head, chief, spec_th = people["spec_kt"], people["head_kt"], people["chief"], people["spec_th"]
    doc = services.approve(services.submit(make_draft(people), drafter), head)
    doc = services.forward(doc, chief, to=spec_th, comment="Đồng chí rà soát thể thức")
    assert doc.holder == spec_th and doc.current_step.purpose == StepPurpose.FORMAT
    assert doc.reviews.last().forwarded_to == spec_th
    assert "rà soát thể thức" in told(spec_th)[-1]

    doc = services.return_draft(doc, spec_th, "Thiếu chữ viết tắt nơi lưu")
    doc = services.submit(doc, drafter)
    assert doc.holder == spec_th
    doc = services.approve(doc, spec_th)
    assert doc.holder == people["chairman"] and doc.current_step.is_signing


def test_a_deputy_signs_instead_of_the_proposed_signer(people):
    chairman = people["chairman"]
    deputy = UserFactory(
        username="phochutich", agency=chairman.agency, role=Role.AGENCY_LEADER, position="Phó Chủ tịch"
    )
    doc = services.submit(
        make_draft(people, signing_authority="TM", authority_of="ỦY BAN NHÂN DÂN"), people["spec_kt"]
    )
    doc = services.approve(doc, doc.holder)
    doc = services.approve(doc, doc.holder)
    doc = services.forward(doc, chairman, to=deputy, comment="Đồng chí Phó Chủ tịch ký")
    doc = services.sign(doc, deputy, signing_authority="KT", authority_of="CHỦ TỊCH")
    assert (doc.signed_by, doc.signer_title, doc.signing_authority, doc.authority_of) == (
        deputy,
        "Phó Chủ tịch",
        "KT",
        "CHỦ TỊCH",
    )


def test_a_specialist_forwarded_at_the_signing_step_cannot_sign(people):
    chairman, spec_th = people["chairman"], people["spec_th"]
    doc = services.submit(make_draft(people), people["spec_kt"])
    doc = services.approve(doc, doc.holder)
    doc = services.approve(doc, doc.holder)
    doc = services.forward(doc, chairman, to=spec_th)
    assert not services.may("sign", doc, spec_th)
    with pytest.raises(PermissionDenied):
        services.sign(doc, spec_th)
    assert services.may("return", doc, spec_th) and services.may("forward", doc, spec_th)


def test_approve_is_not_signing(people):
    doc = services.submit(make_draft(people), people["spec_kt"])
    doc = services.approve(doc, doc.holder)
    doc = services.approve(doc, doc.holder)
    with pytest.raises(PermissionDenied):
        services.approve(doc, people["chairman"])


@pytest.mark.parametrize("who", ["spec_kt", "chief", "chairman", "clerk", "admin", "head_vx"])
def test_only_the_holder_acts_at_a_step(people, who):
    doc = services.submit(make_draft(people), people["spec_kt"])
    assert doc.holder == people["head_kt"]
    for action in (
        lambda: services.approve(doc, people[who]),
        lambda: services.return_draft(doc, people[who], "Không đồng ý"),
        lambda: services.forward(doc, people[who], to=people["spec_kt2"]),
    ):
        with pytest.raises(PermissionDenied):
            action()
    doc.refresh_from_db()
    assert doc.holder == people["head_kt"] and not doc.reviews.exists()


def test_the_head_of_the_unit_drafting_skips_the_content_review(people):
    doc = services.submit(make_draft(people, drafter="head_kt"), people["head_kt"])
    assert doc.holder == people["chief"] and doc.current_step.purpose == StepPurpose.FORMAT
    assert trail(doc).get(verb="submitted").payload["skipped"] == ["Lãnh đạo phòng thẩm định nội dung"]


def test_a_type_specific_chain_is_used_over_the_default(people, agency):
    chain = ApprovalChain.objects.create(agency=agency, doc_type=doc_type("GM"), name="Giấy mời")
    ChainStep.objects.create(
        chain=chain, order=1, purpose="format", assignee=StepAssignee.PERSON, user=people["spec_th"]
    )
    ChainStep.objects.create(
        chain=chain, order=2, purpose="sign", assignee=StepAssignee.ROLE, role=Role.OFFICE_LEADER
    )
    invitation = services.submit(make_draft(people, abbreviation="GM"), people["spec_kt"])
    assert invitation.chain == chain and invitation.holder == people["spec_th"]
    invitation = services.approve(invitation, people["spec_th"])
    assert invitation.holder == people["chief"] and invitation.current_step.is_signing
    letter = services.submit(make_draft(people), people["spec_kt"])
    assert letter.chain.doc_type is None and letter.holder == people["head_kt"]


def test_a_chain_must_end_with_the_signature(people, agency):
    chain = ApprovalChain.objects.create(agency=agency, doc_type=doc_type("TB"), name="Thiếu bước ký")
    ChainStep.objects.create(chain=chain, order=1, purpose="content", assignee=StepAssignee.UNIT_HEAD)
    doc = make_draft(people, abbreviation="TB")
    with pytest.raises(ValidationError):
        services.submit(doc, people["spec_kt"])
    doc.refresh_from_db()
    assert doc.state == OutgoingState.DRAFT


def test_the_signing_step_needs_a_proposed_signer(people):
    doc = make_draft(people, proposed_signer=None)
    doc = services.submit(doc, people["spec_kt"])
    doc = services.approve(doc, people["head_kt"])
    with pytest.raises(ValidationError, match="người ký dự kiến"):
        services.approve(doc, people["chief"])


def test_the_submitter_picks_one_of_the_steps_people(people, agency):
    other_chief = UserFactory(username="phochanhvp", agency=agency, role=Role.OFFICE_LEADER)
    doc = services.submit(make_draft(people), people["spec_kt"])
    with pytest.raises(ValidationError):
        services.approve(doc, people["head_kt"], to=people["spec_th"])
    doc = services.approve(doc, people["head_kt"], to=other_chief)
    assert doc.holder == other_chief


def test_submission_needs_a_file_and_a_return_needs_a_comment(people):
    bare = make_draft(people, file=None)
    with pytest.raises(ValidationError):
        services.submit(bare, people["spec_kt"])
    doc = services.submit(make_draft(people), people["spec_kt"])
    with pytest.raises(ValidationError):
        services.return_draft(doc, people["head_kt"], "  ")


def test_versions_are_kept_and_the_latest_is_marked(people):
    drafter, head = people["spec_kt"], people["head_kt"]
    doc = make_draft(people)
    services.add_version(doc, drafter, draft_file(drafter, "v2.docx", kind="docx"))
    doc = services.submit(doc, drafter)
    with pytest.raises(PermissionDenied):  # in review, only the holder edits
        services.add_version(doc, drafter, draft_file(drafter, "v3.pdf"))
    services.add_version(doc, head, draft_file(head, "v3-tp-sua.pdf"), "Trưởng phòng sửa trực tiếp")
    versions = list(
        DraftVersion.objects.filter(document=doc).values_list("number", "is_latest", "uploaded_by")
    )
    assert versions == [(1, False, drafter.pk), (2, False, drafter.pk), (3, True, head.pk)]
    assert doc.latest_version.note == "Trưởng phòng sửa trực tiếp"
    assert DraftVersion.objects.get(document=doc, number=2).file.content_type == DOCX


def test_only_docx_and_pdf_are_accepted(people):
    with pytest.raises(ValidationError):
        store_draft_file(SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n...."), people["spec_kt"])
    with pytest.raises(ValidationError):
        store_draft_file(SimpleUploadedFile("nen.zip", b"PK\x03\x04 not a docx"), people["spec_kt"])


def test_the_drafter_cancels_a_draft_not_in_review(people):
    drafter = people["spec_kt"]
    in_review = services.submit(make_draft(people), drafter)
    with pytest.raises(TransitionError):
        services.cancel(in_review, drafter, "Không cần nữa")
    draft = make_draft(people)
    with pytest.raises(PermissionDenied):
        services.cancel(draft, people["head_kt"], "Không cần nữa")
    draft = services.cancel(draft, drafter, "Đã gộp vào văn bản khác")
    assert draft.state == OutgoingState.CANCELLED
    assert trail(draft).last().to_state == "cancelled"
    assert not any(services.may(a, draft, drafter) for a in ("submit", "edit", "add_version", "cancel"))


def test_a_deadline_on_a_day_off_is_due_the_next_working_day(people):
    sunday = dt.date(2026, 3, 8)
    doc = make_draft(people, deadline=sunday)
    assert doc.deadline == sunday and doc.due_on == dt.date(2026, 3, 9)
    doc = services.update_draft(doc, people["spec_kt"], deadline=dt.date(2026, 9, 2))  # Quốc khánh
    assert doc.due_on == dt.date(2026, 9, 3)


def test_a_resubmission_goes_only_to_the_returner_or_one_of_the_steps_people(people, agency):
    drafter, head, chief = people["spec_kt"], people["head_kt"], people["chief"]
    other_chief = UserFactory(username="phochanhvp", agency=agency, role=Role.OFFICE_LEADER)
    doc = services.approve(services.submit(make_draft(people), drafter), head)
    doc = services.return_draft(doc, chief, "Sai thể thức")
    with pytest.raises(ValidationError):  # a colleague of the drafter does not check the format
        services.submit(doc, drafter, to=people["spec_kt2"])
    doc.refresh_from_db()
    assert doc.state == OutgoingState.RETURNED and doc.holder == drafter
    assert services.submit(doc, drafter, to=chief).holder == chief

    doc = services.return_draft(doc, chief, "Vẫn sai thể thức")
    doc = services.submit(doc, drafter, to=other_chief)
    assert doc.holder == other_chief and doc.current_step.purpose == StepPurpose.FORMAT


def test_an_edit_keeps_an_abstract(people):
    doc = make_draft(people)
    with pytest.raises(ValidationError):
        services.update_draft(doc, people["spec_kt"], abstract="   ")
    doc.refresh_from_db()
    assert doc.abstract.startswith("Về việc")
    doc = services.update_draft(doc, people["spec_kt"], abstract="  Về việc báo cáo số liệu quý I  ")
    assert doc.abstract == "Về việc báo cáo số liệu quý I"
