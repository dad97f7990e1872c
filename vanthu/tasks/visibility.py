"""Who sees which task: one reusable queryset, used by every list, count, dashboard, export and detail view.

- In the assigning agency, leaders, clerks and administrators see every task of the agency.
- Other people of the assigning agency see the tasks they are involved in: led or co-operated by their unit,
  given to them as the person doing it, followed (theo dõi) by them, assigned or created by them.
- People of another agency in the installation (e.g. Sở Tài chính, UBND xã, linked to the directory entry the
  task names) see only the tasks their agency leads or co-operates on.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import Task
from .services.rules import external_agency_of


def visible_tasks(user, pk: int | None = None) -> QuerySet[Task]:
    """The tasks ``user`` may see, as one query (with ``pk``: the same rule for that one task)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "agency_id", None):
        return Task.objects.none()
    tasks = Task.objects.all() if pk is None else Task.objects.filter(pk=pk)
    own_agency = Q(agency_id=user.agency_id)
    external_id = external_agency_of(user)
    as_outside = Q()
    if external_id is not None:
        as_outside = Q(lead_external_id=external_id) | Q(
            pk__in=Task.coop_externals.through.objects.filter(externalagency_id=external_id).values("task_id")
        )
    if user.sees_whole_agency:
        return tasks.filter(own_agency | as_outside) if external_id else tasks.filter(own_agency)
    involved = (
        Q(lead_user_id=user.pk)
        | Q(follower_id=user.pk)
        | Q(assigned_by_id=user.pk)
        | Q(created_by_id=user.pk)
    )
    if user.unit_id:
        involved |= Q(lead_unit_id=user.unit_id) | Q(
            pk__in=Task.coop_units.through.objects.filter(unit_id=user.unit_id).values("task_id")
        )
    condition = own_agency & involved
    return tasks.filter(condition | as_outside) if external_id else tasks.filter(condition)


def is_outside_user(user, task: Task) -> bool:
    """True for a person of another agency (the lead or a co-operating agency), not of the assigning one."""
    return user.agency_id != task.agency_id
