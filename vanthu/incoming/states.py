"""States and transitions of an incoming document and of its assignments (the one place states are named)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocState(models.TextChoices):
    """Trạng thái văn bản đến."""

    REGISTERED = "registered", _("Đã vào sổ, chờ trình")
    PRESENTED = "presented", _("Chờ ý kiến chỉ đạo")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    COMPLETED = "completed", _("Hoàn thành")


class ArrivalState(models.TextChoices):
    """Trạng thái văn bản điện tử gửi đến qua hệ thống, chờ văn thư tiếp nhận (status 01/02/03 of the exchange)."""

    AWAITING = "awaiting", _("Chờ tiếp nhận")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    REFUSED = "refused", _("Từ chối tiếp nhận")
    WITHDRAWN = "withdrawn", _("Bên gửi đã thu hồi")


class AssignmentRole(models.TextChoices):
    """Vai trò của đơn vị, cá nhân được giao."""

    LEAD = "lead", _("Chủ trì")
    COOP = "coop", _("Phối hợp")
    INFO = "info", _("Để biết")


class AssignmentState(models.TextChoices):
    """Trạng thái của một phần việc được giao."""

    NEW = "new", _("Chờ xử lý")
    DELEGATED = "delegated", _("Đã phân công")
    DONE = "done", _("Đã xong")
    RETURNED = "returned", _("Đã trả lại")


#: document action -> (states it may start from, state it leads to)
DOC_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "present": (frozenset({DocState.REGISTERED, DocState.PRESENTED}), DocState.PRESENTED),
    "forward": (frozenset({DocState.REGISTERED}), DocState.IN_PROGRESS),
    "direct": (frozenset({DocState.REGISTERED, DocState.PRESENTED}), DocState.IN_PROGRESS),
    "complete": (frozenset({DocState.IN_PROGRESS}), DocState.COMPLETED),
    "return_to_leader": (frozenset({DocState.IN_PROGRESS}), DocState.PRESENTED),
    "return_to_clerk": (frozenset({DocState.IN_PROGRESS}), DocState.REGISTERED),
}

#: assignment action -> (states it may start from, state it leads to, roles it applies to)
ASSIGNMENT_TRANSITIONS: dict[str, tuple[frozenset[str], str, frozenset[str]]] = {
    "delegate": (
        frozenset({AssignmentState.NEW}),
        AssignmentState.DELEGATED,
        frozenset({AssignmentRole.LEAD, AssignmentRole.COOP}),
    ),
    "complete": (frozenset({AssignmentState.NEW}), AssignmentState.DONE, frozenset({AssignmentRole.LEAD})),
    "contribute": (frozenset({AssignmentState.NEW}), AssignmentState.DONE, frozenset({AssignmentRole.COOP})),
    "acknowledge": (frozenset({AssignmentState.NEW}), AssignmentState.DONE, frozenset({AssignmentRole.INFO})),
    "return": (
        frozenset({AssignmentState.NEW}),
        AssignmentState.RETURNED,
        frozenset({AssignmentRole.LEAD, AssignmentRole.COOP}),
    ),
    # a delegated unit assignment comes back to the unit when its specialist returns the document
    "reopen": (frozenset({AssignmentState.DELEGATED}), AssignmentState.NEW, frozenset(AssignmentRole.values)),
    # a delegated unit assignment is finished when its specialist finishes
    "close": (frozenset({AssignmentState.DELEGATED}), AssignmentState.DONE, frozenset(AssignmentRole.values)),
    # every open part ends when the agency issues the reply and the drafter asked to close the handling
    "settle": (
        frozenset({AssignmentState.NEW, AssignmentState.DELEGATED}),
        AssignmentState.DONE,
        frozenset(AssignmentRole.values),
    ),
}


#: arrival action -> (states it may start from, state it leads to)
ARRIVAL_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "accept": (frozenset({ArrivalState.AWAITING}), ArrivalState.ACCEPTED),
    "refuse": (frozenset({ArrivalState.AWAITING}), ArrivalState.REFUSED),
    # the sender recalls the document before the clerk took it in
    "withdraw": (frozenset({ArrivalState.AWAITING}), ArrivalState.WITHDRAWN),
}


class TransitionError(Exception):
    """A state change that is not allowed from the current state; the message is for the user."""


def check_doc_transition(action: str, current: str) -> str:
    sources, target = DOC_TRANSITIONS[action]
    if current not in sources:
        raise TransitionError(
            _("Không thể thực hiện thao tác này khi văn bản đang ở trạng thái “%(state)s”.")
            % {"state": DocState(current).label}
        )
    return target


def check_assignment_transition(action: str, current: str, role: str) -> str:
    sources, target, roles = ASSIGNMENT_TRANSITIONS[action]
    if current not in sources or role not in roles:
        raise TransitionError(
            _("Không thể thực hiện thao tác này với phần việc “%(role)s” đang ở trạng thái “%(state)s”.")
            % {"role": AssignmentRole(role).label, "state": AssignmentState(current).label}
        )
    return target


def check_arrival_transition(action: str, current: str) -> str:
    sources, target = ARRIVAL_TRANSITIONS[action]
    if current not in sources:
        raise TransitionError(
            _("Không thể thực hiện thao tác này khi văn bản đang ở trạng thái “%(state)s”.")
            % {"state": ArrivalState(current).label}
        )
    return target
