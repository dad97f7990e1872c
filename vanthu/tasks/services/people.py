"""Who is told about a task: the holders of its lead, and the people who follow it."""

from __future__ import annotations

from collections.abc import Iterable

from vanthu.organization.models import Role, User

from ..models import Task

#: In an outside agency with accounts, who receives its tasks (its registry and its leaders).
OUTSIDE_RECEIVERS = frozenset({Role.CLERK, Role.AGENCY_LEADER, Role.OFFICE_LEADER})


def lead_holders(task: Task) -> list[User]:
    """The people who answer for the task: the person doing it, the heads of the lead unit, the registry and
    leaders of the lead outside agency (when it has accounts); else the office's follower, who chases by phone.
    Only active accounts: a deactivated person doing it leaves the task to the others (or the follower)."""
    people: list[User] = []
    if task.lead_user_id and task.lead_user.is_active:
        people.append(task.lead_user)
    if task.lead_unit_id:
        people += list(User.objects.filter(unit_id=task.lead_unit_id, role=Role.UNIT_HEAD, is_active=True))
    elif task.lead_external_id and task.lead_external.internal_agency_id:
        people += list(
            User.objects.filter(
                agency_id=task.lead_external.internal_agency_id, role__in=OUTSIDE_RECEIVERS, is_active=True
            )
        )
    if not people and task.follower_id:
        people.append(task.follower)
    return unique(people)


def watchers(task: Task) -> list[User]:
    """The leader who assigned it and the office's follower (active accounts only)."""
    return unique([task.assigned_by, task.follower] if task.follower_id else [task.assigned_by])


def unique(people: Iterable[User | None]) -> list[User]:
    """Each active person once, in order."""
    seen: set[int] = set()
    out = []
    for person in people:
        if person is not None and person.is_active and person.pk not in seen:
            seen.add(person.pk)
            out.append(person)
    return out
