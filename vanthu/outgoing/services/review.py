"""Trình duyệt: submit a draft to its chain; at each step approve, forward or return it; sign it.

Each function runs in one transaction: locks the document, checks the person and the transition, writes the
document and the review row, appends the history event and notifies the new holder.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vanthu.documents.models import StoredFile
from vanthu.history.services import record
from vanthu.organization.models import User

from ..files import PDF
from ..models import OutgoingDocument, Review, ReviewAction, VersionKind
from .base import cap, change_state, clerks_of, label, lock, participate, require, same_agency, tell
from .chains import chain_for, enter, index_of, steps_of
from .drafting import _add_version


def _review(
    doc: OutgoingDocument, actor: User, action: str, comment: str = "", to: User | None = None
) -> Review:
    step = doc.current_step
    return Review.objects.create(
        document=doc,
        round=doc.round,
        step=step,
        step_label=step.title if step else "",
        action=action,
        actor=actor,
        forwarded_to=to,
        comment=comment,
    )


def _hand_to(doc: OutgoingDocument, holder: User, text: str, actor: User) -> None:
    participate(doc, holder)
    tell([holder], text, doc, besides=actor)


def _still_fit(person: User | None, doc: OutgoingDocument) -> bool:
    return person is not None and person.is_active and person.agency_id == doc.agency_id


@transaction.atomic
def submit(doc: OutgoingDocument, actor: User, *, to: User | None = None, note: str = "") -> OutgoingDocument:
    """Trình: the drafter sends the draft into its approval chain.

    The first submission starts at the chain's first step. A returned draft goes back to the step that
    returned it, to the person who asked for the changes, unless the chain starts again from the first step
    (``restart_on_return``).
    """
    doc = lock(doc)
    target = require("submit", doc, actor)
    if not doc.versions.exists():
        raise ValidationError(_("Hãy tải lên tệp dự thảo trước khi trình."), code="file")
    same_agency(doc, to)
    resubmission = doc.chain_id is not None and doc.returned_step_id is not None
    chain = doc.chain if resubmission else chain_for(doc)
    steps = steps_of(chain)
    skipped: list = []
    if resubmission and not chain.restart_on_return:
        step = next((s for s in steps if s.pk == doc.returned_step_id), steps[0])
        returner = doc.returned_by if _still_fit(doc.returned_by, doc) else None
        if returner is not None and (to is None or to.pk == returner.pk):
            holder = returner
        else:  # the returner is gone, or the drafter picks another of the step's people
            step, holder, skipped = enter(doc, steps, index_of(steps, step), to)
    else:
        step, holder, skipped = enter(doc, steps, 0, to)
    previous = change_state(
        doc,
        target,
        chain=chain,
        current_step=step,
        round=doc.round + 1,
        holder=holder,
        held_since=timezone.now(),
        returned_step=None,
        returned_by=None,
    )
    record(
        doc,
        "resubmitted" if resubmission else "submitted",
        actor,
        from_state=previous,
        to_state=target,
        note=note,
        step=step.title,
        to_user=holder.display_name,
        round=doc.round,
        skipped=skipped,
    )
    _hand_to(doc, holder, _("Trình %(what)s: %(step)s") % {"what": label(doc), "step": step.title}, actor)
    return doc


@transaction.atomic
def approve(
    doc: OutgoingDocument, actor: User, *, comment: str = "", to: User | None = None
) -> OutgoingDocument:
    """Đồng ý: the holder of a reviewing step passes the draft to the next step."""
    doc = lock(doc)
    target = require("approve", doc, actor)
    same_agency(doc, to)
    steps = steps_of(doc.chain)
    step, holder, skipped = enter(doc, steps, index_of(steps, doc.current_step) + 1, to)
    _review(doc, actor, ReviewAction.APPROVED, comment)
    previous_step = doc.current_step.title
    previous = change_state(doc, target, current_step=step, holder=holder, held_since=timezone.now())
    record(
        doc,
        "approved",
        actor,
        from_state=previous,
        to_state=target,
        note=comment,
        step=previous_step,
        next_step=step.title,
        to_user=holder.display_name,
        skipped=skipped,
    )
    _hand_to(doc, holder, _("Trình %(what)s: %(step)s") % {"what": label(doc), "step": step.title}, actor)
    return doc


@transaction.atomic
def forward(doc: OutgoingDocument, actor: User, *, to: User, comment: str = "") -> OutgoingDocument:
    """Chuyển: the holder passes the draft to another person at the same step (to check, to sign instead)."""
    doc = lock(doc)
    target = require("forward", doc, actor)
    same_agency(doc, to)
    if not to.is_active or to.pk == actor.pk:
        raise ValidationError(_("Hãy chọn một người khác để chuyển."), code="to")
    _review(doc, actor, ReviewAction.FORWARDED, comment, to)
    previous = change_state(doc, target, holder=to, held_since=timezone.now())
    record(
        doc,
        "forwarded",
        actor,
        from_state=previous,
        to_state=target,
        note=comment,
        step=doc.current_step.title,
        to_user=to.display_name,
    )
    _hand_to(doc, to, _("Chuyển %(what)s: %(c)s") % {"what": label(doc), "c": comment[:200]}, actor)
    return doc


@transaction.atomic
def return_draft(doc: OutgoingDocument, actor: User, comment: str) -> OutgoingDocument:
    """Trả lại: the holder sends the draft back to the drafter with comments (ý kiến) to act on."""
    if not comment.strip():
        raise ValidationError(_("Phải ghi ý kiến khi trả lại dự thảo."), code="comment")
    doc = lock(doc)
    target = require("return", doc, actor)
    _review(doc, actor, ReviewAction.RETURNED, comment)
    step = doc.current_step
    previous = change_state(
        doc,
        target,
        returned_step=step,
        returned_by=actor,
        current_step=None,
        holder=doc.drafter,
        held_since=timezone.now(),
    )
    record(doc, "returned", actor, from_state=previous, to_state=target, note=comment, step=step.title)
    tell(
        [doc.drafter],
        _("%(what)s bị trả lại: %(c)s") % {"what": cap(label(doc)), "c": comment[:200]},
        doc,
        besides=actor,
    )
    return doc


@transaction.atomic
def sign(
    doc: OutgoingDocument,
    actor: User,
    *,
    comment: str = "",
    file: StoredFile | None = None,
    signing_authority: str | None = None,
    authority_of: str | None = None,
    signer_title: str | None = None,
) -> OutgoingDocument:
    """Ký ban hành: the holder of the signing step signs; the document waits for the registry clerk to issue it.

    ``file`` is the signed copy (PDF with the digital signature), kept as a new version. The signing authority
    and title may be set as signed (a deputy signing KT. instead of the proposed signer).
    """
    doc = lock(doc)
    target = require("sign", doc, actor)
    if signer_title is None:
        own = doc.proposed_signer_id == actor.pk and doc.signer_title
        signer_title = doc.signer_title if own else actor.position
    if file is not None and file.content_type != PDF:
        raise ValidationError(_("Bản đã ký phải là tệp PDF."), code="file")
    _review(doc, actor, ReviewAction.SIGNED, comment)
    if file is not None:
        _add_version(doc, actor, file, VersionKind.SIGNED, comment)
    step = doc.current_step.title
    previous = change_state(
        doc,
        target,
        signed_by=actor,
        signed_on=timezone.localdate(),
        signing_authority=doc.signing_authority if signing_authority is None else signing_authority,
        authority_of=doc.authority_of if authority_of is None else authority_of,
        signer_title=signer_title,
        current_step=None,
        holder=None,
        held_since=None,
    )
    record(doc, "signed", actor, from_state=previous, to_state=target, note=comment, step=step)
    tell(clerks_of(doc.agency_id), _("%(what)s đã ký, chờ phát hành") % {"what": cap(label(doc))}, doc)
    tell([doc.drafter], _("%(what)s đã được ký") % {"what": cap(label(doc))}, doc, besides=actor)
    return doc
