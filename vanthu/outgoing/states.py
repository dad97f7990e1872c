"""States of an outgoing document (văn bản đi / dự thảo) and of its delivery to each recipient: the one place
their names live, with the transitions allowed and who may make each.

The flow: a draft (dự thảo) is submitted to the first step of its approval chain; each step's holder approves
(to the next step), forwards it to another person or returns it to the drafter with comments; the drafter
resubmits; the holder of the signing step signs; the registry clerk (văn thư) issues it with the next number of
its register, or reserves a number for a paper document signed by hand and attaches the scan later. An issued
document may be recalled (frozen). A draft may be cancelled before it is signed.

    DRAFT ──submit──> IN_REVIEW ──approve/forward──> IN_REVIEW ──sign──> SIGNED ──issue──> ISSUED ──recall──> RECALLED
      │                  │  ▲                                              │                   ▲
      │               return│resubmit                                      └─reserve_number─> RESERVED ─attach_scan─┘
      │                  ▼  │                                                                  ▲
      ├───────────── RETURNED                                  DRAFT (paper signed by hand) ───┘
      └──cancel──> CANCELLED <──cancel── RETURNED
"""

from __future__ import annotations

from typing import NamedTuple

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingState(models.TextChoices):
    """Trạng thái văn bản đi."""

    DRAFT = "draft", _("Dự thảo")
    IN_REVIEW = "in_review", _("Đang trình duyệt")
    RETURNED = "returned", _("Bị trả lại")
    SIGNED = "signed", _("Đã ký, chờ phát hành")
    RESERVED = "reserved", _("Đã lấy số, chờ bản ký")
    ISSUED = "issued", _("Đã phát hành")
    RECALLED = "recalled", _("Đã thu hồi")
    CANCELLED = "cancelled", _("Đã hủy")


#: States before signature, while the text may still change (a tuple: same SQL in every process).
DRAFT_STATES: tuple[str, ...] = (OutgoingState.DRAFT, OutgoingState.RETURNED, OutgoingState.IN_REVIEW)
#: States with a number (số) taken from a register.
NUMBERED_STATES: tuple[str, ...] = (OutgoingState.RESERVED, OutgoingState.ISSUED, OutgoingState.RECALLED)


class Actor(models.TextChoices):
    """Who may take an action (the people part of a transition; checked by ``services.rules``)."""

    DRAFTER = "drafter", _("Người soạn thảo")
    KEEPER = "keeper", _("Người đang giữ văn bản (người soạn thảo, người được trình hoặc văn thư)")
    REVIEWER = "reviewer", _("Người được trình ở bước thẩm định, kiểm tra")
    HOLDER = "holder", _("Người được trình")
    SIGNER = "signer", _("Người được trình ở bước ký")
    CLERK = "clerk", _("Văn thư")
    RECALLER = "recaller", _("Người ký, lãnh đạo cơ quan hoặc văn thư")
    AMENDER = "amender", _("Người soạn thảo, đơn vị soạn thảo, lãnh đạo hoặc văn thư")


class Transition(NamedTuple):
    sources: tuple[str, ...]
    target: str | None  # None: the state does not change
    actor: str


S = OutgoingState

#: action -> (states it may start from, state it leads to, who may take it)
TRANSITIONS: dict[str, Transition] = {
    "edit": Transition(DRAFT_STATES, None, Actor.KEEPER),
    "add_version": Transition(DRAFT_STATES, None, Actor.KEEPER),
    "edit_recipients": Transition((*DRAFT_STATES, S.SIGNED, S.RESERVED), None, Actor.KEEPER),
    "submit": Transition((S.DRAFT, S.RETURNED), S.IN_REVIEW, Actor.DRAFTER),
    "approve": Transition((S.IN_REVIEW,), S.IN_REVIEW, Actor.REVIEWER),
    "forward": Transition((S.IN_REVIEW,), S.IN_REVIEW, Actor.HOLDER),
    "return": Transition((S.IN_REVIEW,), S.RETURNED, Actor.HOLDER),
    "sign": Transition((S.IN_REVIEW,), S.SIGNED, Actor.SIGNER),
    "issue": Transition((S.SIGNED,), S.ISSUED, Actor.CLERK),
    # a paper document signed by hand: drafted outside the chain, or signed in it and printed
    "reserve_number": Transition((S.DRAFT, S.SIGNED), S.RESERVED, Actor.CLERK),
    "attach_scan": Transition((S.RESERVED,), S.ISSUED, Actor.CLERK),
    "mark_sent": Transition((S.ISSUED,), None, Actor.CLERK),
    "recall": Transition((S.ISSUED,), S.RECALLED, Actor.RECALLER),
    "cancel": Transition((S.DRAFT, S.RETURNED), S.CANCELLED, Actor.DRAFTER),
    # a new draft linked to an issued document: đính chính (format errors) or thay thế (errors of substance)
    "correct": Transition((S.ISSUED,), None, Actor.AMENDER),
    "replace": Transition((S.ISSUED,), None, Actor.AMENDER),
}


class DeliveryState(models.TextChoices):
    """Trạng thái gửi văn bản tới một nơi nhận."""

    PENDING = "pending", _("Chờ gửi")
    AWAITING = "awaiting", _("Đã gửi, chờ tiếp nhận")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    REFUSED = "refused", _("Bị từ chối")
    SENT = "sent", _("Đã gửi")
    WITHDRAWN = "withdrawn", _("Đã thu hồi")


D = DeliveryState

#: delivery action -> (states it may start from, state it leads to)
DELIVERY_TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    # to an agency of this installation: waits for its clerk
    "deliver": ((D.PENDING,), D.AWAITING),
    # to a unit of the issuing agency: seen at once
    "hand_over": ((D.PENDING,), D.SENT),
    # e-mail or post, once the clerk has sent it
    "mark_sent": ((D.PENDING,), D.SENT),
    "accept": ((D.AWAITING,), D.ACCEPTED),
    "refuse": ((D.AWAITING,), D.REFUSED),
    "withdraw": ((D.PENDING, D.AWAITING, D.ACCEPTED, D.SENT), D.WITHDRAWN),
}

del S, D


class TransitionError(Exception):
    """A change not allowed in the document's current state; the message is for the user."""


def check_transition(action: str, current: str) -> str:
    """The state after ``action`` from ``current``, or TransitionError with a Vietnamese message."""
    sources, target, _actor = TRANSITIONS[action]
    if current not in sources:
        raise TransitionError(
            _("Không thể thực hiện thao tác này khi văn bản đang ở trạng thái “%(state)s”.")
            % {"state": OutgoingState(current).label}
        )
    return target or current


def check_delivery_transition(action: str, current: str) -> str:
    sources, target = DELIVERY_TRANSITIONS[action]
    if current not in sources:
        raise TransitionError(
            _("Không thể thực hiện thao tác này khi nơi nhận đang ở trạng thái “%(state)s”.")
            % {"state": DeliveryState(current).label}
        )
    return target
