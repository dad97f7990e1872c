"""States of a task (nhiệm vụ) and of an extension request, and which transitions are allowed.

The one place the state names live. The deadline status (trong hạn, quá hạn, hoàn thành đúng hạn…) is not a
state: it is computed from the dates (``vanthu.common.deadlines``), never typed.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskState(models.TextChoices):
    """Trạng thái thực hiện nhiệm vụ."""

    ASSIGNED = "assigned", _("Đã giao, chưa báo cáo")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    COMPLETED = "completed", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Đã thu hồi")


#: a tuple, not a set: ``state__in=OPEN_STATES`` then writes the same SQL in every process (plans, partial indexes)
OPEN_STATES: tuple[str, ...] = (TaskState.ASSIGNED, TaskState.IN_PROGRESS)


class ExtensionState(models.TextChoices):
    """Trạng thái đề nghị gia hạn."""

    PENDING = "pending", _("Chờ ý kiến")
    APPROVED = "approved", _("Đồng ý")
    REFUSED = "refused", _("Từ chối")


#: task action -> (states it may start from, state it leads to; None keeps the state)
TASK_TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "report": (OPEN_STATES, TaskState.IN_PROGRESS),
    "request_extension": (OPEN_STATES, None),
    "decide_extension": (OPEN_STATES, None),
    "complete": (OPEN_STATES, TaskState.COMPLETED),
    "reopen": ((TaskState.COMPLETED,), TaskState.IN_PROGRESS),
    "cancel": (OPEN_STATES, TaskState.CANCELLED),
    "remind": (OPEN_STATES, None),
    "edit": (OPEN_STATES, None),
}


class TransitionError(Exception):
    """A change not allowed in the task's current state; the message is for the user."""


def check_transition(action: str, current: str) -> str:
    """The state after ``action`` from ``current``, or TransitionError with a Vietnamese message."""
    sources, target = TASK_TRANSITIONS[action]
    if current not in sources:
        raise TransitionError(
            _("Không thể thực hiện thao tác này khi nhiệm vụ đang ở trạng thái “%(state)s”.")
            % {"state": TaskState(current).label}
        )
    return target or current
