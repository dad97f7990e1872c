"""Who may do what to a task (the people part; the state part is in ``states.TASK_TRANSITIONS``).

One function, ``may(action, task, user)``, asked both by the services (which refuse) and by the pages (which
show only the buttons that will work).
"""

from __future__ import annotations

from vanthu.organization.models import LEADER_ROLES, Role, User

from ..models import Task
from ..states import TASK_TRANSITIONS

#: People of the assigning agency who may record a report on behalf of a lead without an account.
OFFICE_ROLES = frozenset({Role.CLERK, Role.OFFICE_LEADER, Role.ADMIN})


def external_agency_of(user: User) -> int | None:
    """The directory entry (ExternalAgency) of the user's agency, if any: how tasks given to that agency as an
    outside lead reach its people. Looked up once per user object (a request's user)."""
    from vanthu.organization.models import ExternalAgency

    if not user.agency_id:
        return None
    cache = getattr(user, "_external_agency_cache", None)
    if cache is None:
        cache = (
            ExternalAgency.objects.filter(internal_agency_id=user.agency_id)
            .values_list("pk", flat=True)
            .first()
            or 0
        )
        user._external_agency_cache = cache
    return cache or None


def is_lead(task: Task, user: User) -> bool:
    """The person is (a member of) the lead: the lead unit, the person doing it, or the lead outside agency."""
    if task.lead_user_id and task.lead_user_id == user.pk:
        return True
    if task.lead_unit_id and user.unit_id == task.lead_unit_id and user.agency_id == task.agency_id:
        return True
    return bool(task.lead_external_id) and external_agency_of(user) == task.lead_external_id


def may_report_on_behalf(task: Task, user: User) -> bool:
    """Office staff record the lead's reports when the lead has no account (marked "nhập thay")."""
    if user.agency_id != task.agency_id:
        return False
    return task.follower_id == user.pk or user.role in OFFICE_ROLES or task.assigned_by_id == user.pk


def is_assigner(task: Task, user: User) -> bool:
    """The leader who assigned the task, or a People's Committee leader of the assigning agency."""
    if user.agency_id != task.agency_id:
        return False
    return task.assigned_by_id == user.pk or user.role == Role.AGENCY_LEADER


def _lead_or_behalf(task: Task, user: User) -> bool:
    return is_lead(task, user) or may_report_on_behalf(task, user)


def _may_remind(task: Task, user: User) -> bool:
    if user.agency_id != task.agency_id:
        return False
    return user.role in LEADER_ROLES or task.assigned_by_id == user.pk or task.follower_id == user.pk


def _may_edit(task: Task, user: User) -> bool:
    if user.agency_id != task.agency_id:
        return False
    return (
        user.role in LEADER_ROLES
        or user.role == Role.ADMIN
        or task.assigned_by_id == user.pk
        or task.created_by_id == user.pk
        or task.follower_id == user.pk
    )


def _may_split(task: Task, user: User) -> bool:
    """Giao nhiệm vụ con: the lead (head of the lead unit, the outside agency) or whoever may edit the task."""
    if task.parent_id or task.is_series:
        return False
    lead_head = is_lead(task, user) and user.role in (Role.UNIT_HEAD, Role.OFFICE_LEADER, Role.AGENCY_LEADER)
    outside_lead = is_lead(task, user) and user.agency_id != task.agency_id
    return lead_head or outside_lead or _may_edit(task, user)


_ACTORS = {
    "report": _lead_or_behalf,
    "request_extension": _lead_or_behalf,
    "complete": _lead_or_behalf,
    "decide_extension": is_assigner,
    "reopen": is_assigner,
    "cancel": is_assigner,
    "remind": _may_remind,
    "edit": _may_edit,
    "split": _may_split,
}


def may(action: str, task: Task, user: User) -> bool:
    """May ``user`` do ``action`` on ``task`` now (right person and right state)?"""
    if not getattr(user, "is_authenticated", False):
        return False
    if action in TASK_TRANSITIONS and task.state not in TASK_TRANSITIONS[action][0]:
        return False
    if action == "split" and not task.is_open:
        return False
    if task.is_series and action in ("report", "request_extension", "complete"):
        return False
    return _ACTORS[action](task, user)


def may_create(user: User) -> bool:
    """Everyone of an agency may record tasks its leaders assign (the office enters them for the leaders)."""
    return bool(getattr(user, "is_authenticated", False) and user.agency_id)
