"""Giao nhiệm vụ: create one task or many at once (a plan's numbered items), sub-tasks, recurring
occurrences; edit and withdraw. Each function runs in one transaction and appends the history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from vanthu.history.services import record
from vanthu.notifications.services import notify
from vanthu.organization.models import LEADER_ROLES, ExternalAgency, Role, Unit, User
from vanthu.organization.services import calendar_for

from ..models import DeadlineKind, Field, Priority, SourceKind, Task
from ..states import OPEN_STATES, TaskState, TransitionError, check_transition
from .deadlines import due_date, next_period, period_deadline, period_start, resolve_deadline
from .people import lead_holders
from .rules import may, may_create

#: Who may be named as the assigning leader of a top-level task.
ASSIGNER_ROLES = LEADER_ROLES | {Role.UNIT_HEAD}


@dataclass
class Source:
    """Nguồn giao: the document (or meeting, programme, plan) the task comes from."""

    kind: str = SourceKind.ADHOC
    incoming: object | None = None  # IncomingDocument
    code: str = ""
    date: date | None = None
    abstract: str = ""


@dataclass
class TaskSpec:
    """What is assigned: one row of the task form or of a plan's list of items."""

    content: str
    lead_unit: Unit | None = None
    lead_external: ExternalAgency | None = None
    lead_user: User | None = None
    coop_units: Sequence[Unit] = field(default_factory=list)
    coop_externals: Sequence[ExternalAgency] = field(default_factory=list)
    deadline_kind: str = DeadlineKind.DATE
    deadline: date | None = None
    working_days: int | None = None
    recurrence: str = ""
    recurrence_day: int | None = None
    field: Field | None = None
    priority: int = Priority.NORMAL
    item_number: str = ""
    follower: User | None = None


def _check_people(agency_id: int, spec: TaskSpec, assigned_by: User, *, sub_task: bool) -> None:
    if not (spec.content or "").strip():
        raise ValidationError(_("Hãy nhập nội dung nhiệm vụ."), code="content")
    if not (spec.lead_unit or spec.lead_external or spec.lead_user):
        raise ValidationError(_("Hãy chọn đơn vị hoặc cơ quan chủ trì."), code="lead")
    if spec.lead_unit and spec.lead_external:
        raise ValidationError(_("Chỉ chọn một đơn vị hoặc một cơ quan chủ trì."), code="lead")
    for unit in [spec.lead_unit, *spec.coop_units]:
        if unit is not None and unit.agency_id != agency_id:
            raise ValidationError(_("Đơn vị được chọn không thuộc cơ quan giao nhiệm vụ."), code="lead")
    for person in (spec.lead_user, spec.follower):
        if (
            person is not None
            and person.agency_id != agency_id
            and not (spec.lead_external and person.agency_id == spec.lead_external.internal_agency_id)
        ):
            raise ValidationError(_("Cán bộ được chọn không thuộc cơ quan giao nhiệm vụ."), code="lead_user")
    if assigned_by.agency_id != agency_id and not sub_task:
        raise ValidationError(_("Lãnh đạo giao phải thuộc cơ quan giao nhiệm vụ."), code="assigned_by")
    if not sub_task and assigned_by.role not in ASSIGNER_ROLES:
        raise ValidationError(_("Người giao nhiệm vụ phải là lãnh đạo."), code="assigned_by")


def _build(
    actor: User,
    spec: TaskSpec,
    *,
    agency_id: int,
    assigned_by: User,
    source: Source,
    assigned_on: date,
    parent: Task | None = None,
) -> Task:
    _check_people(agency_id, spec, assigned_by, sub_task=parent is not None)
    calendar = calendar_for(agency_id)
    deadline = resolve_deadline(
        spec.deadline_kind,
        assigned_on=assigned_on,
        calendar=calendar,
        deadline=spec.deadline,
        working_days=spec.working_days,
        recurrence=spec.recurrence,
        recurrence_day=spec.recurrence_day,
    )
    due = due_date(deadline, calendar)
    if parent is not None and parent.due_on and due and due > parent.due_on:
        raise ValidationError(
            _("Thời hạn nhiệm vụ con không được sau thời hạn nhiệm vụ chính."), code="deadline"
        )
    recurring = spec.deadline_kind == DeadlineKind.RECURRING
    task = Task(
        agency_id=agency_id,
        parent=parent,
        content=spec.content.strip(),
        item_number=(spec.item_number or "").strip()[:20],
        source_kind=source.kind,
        source_incoming=source.incoming,
        source_code=source.code or (getattr(source.incoming, "code", "") if source.incoming else ""),
        source_date=source.date
        or (getattr(source.incoming, "document_date", None) if source.incoming else None),
        source_abstract=(source.abstract or (source.incoming.abstract if source.incoming else ""))[:500],
        assigned_by=assigned_by,
        assigned_on=assigned_on,
        lead_unit=spec.lead_unit,
        lead_external=spec.lead_external,
        lead_user=spec.lead_user,
        follower=spec.follower,
        field=spec.field,
        priority=spec.priority or Priority.NORMAL,
        deadline_kind=spec.deadline_kind,
        deadline=deadline,
        working_days=spec.working_days if spec.deadline_kind == DeadlineKind.WORKING_DAYS else None,
        recurrence=spec.recurrence if recurring else "",
        recurrence_day=spec.recurrence_day if recurring else None,
        due_on=due,
        original_due_on=due,
        created_by=actor,
    )
    task.save()
    if spec.coop_units:
        task.coop_units.set(spec.coop_units)
    if spec.coop_externals:
        task.coop_externals.set(spec.coop_externals)
    record(
        task,
        "assigned",
        actor,
        to_state=TaskState.ASSIGNED,
        note=task.content[:500],
        lead=task.lead_name,
        deadline=deadline.isoformat() if deadline else None,
        assigned_by=assigned_by.display_name,
    )
    return task


def _announce(tasks: Sequence[Task]) -> None:
    by_person: dict[int, tuple[User, list[Task]]] = {}
    for task in tasks:
        for person in lead_holders(task):
            by_person.setdefault(person.pk, (person, []))[1].append(task)
    for person, theirs in by_person.values():
        if len(theirs) == 1:
            text = _("Được giao nhiệm vụ: %(content)s") % {"content": theirs[0].content[:300]}
            notify([person], text, theirs[0].get_absolute_url())
        else:
            from django.urls import reverse

            text = _("Được giao %(count)d nhiệm vụ mới") % {"count": len(theirs)}
            notify([person], text, reverse("tasks:list") + "?scope=mine")


def create_task(
    actor: User,
    spec: TaskSpec,
    *,
    assigned_by: User | None = None,
    source: Source | None = None,
    assigned_on: date | None = None,
    parent: Task | None = None,
) -> Task:
    """Giao một nhiệm vụ (or, with ``parent``, a sub-task). Raises ValidationError/PermissionDenied."""
    return create_tasks(
        actor, [spec], assigned_by=assigned_by, source=source, assigned_on=assigned_on, parent=parent
    )[0]


def create_tasks(
    actor: User,
    specs: Sequence[TaskSpec],
    *,
    assigned_by: User | None = None,
    source: Source | None = None,
    assigned_on: date | None = None,
    parent: Task | None = None,
) -> list[Task]:
    """Giao nhiều nhiệm vụ một lần (the numbered items of a plan): all or nothing.

    A ValidationError names the row (``Dòng 3: …``) so the screen can show it next to that row.
    """
    if parent is not None:
        if not may("split", parent, actor):
            raise PermissionDenied(_("Bạn không có quyền giao nhiệm vụ con cho nhiệm vụ này."))
        agency_id = parent.agency_id
        assigned_by = actor
        source = source or Source(
            kind=parent.source_kind,
            incoming=parent.source_incoming,
            code=parent.source_code,
            date=parent.source_date,
            abstract=parent.source_abstract,
        )
    else:
        if not may_create(actor):
            raise PermissionDenied(_("Bạn không có quyền giao nhiệm vụ."))
        agency_id = actor.agency_id
        assigned_by = assigned_by or actor
    if not specs:
        raise ValidationError(_("Chưa có nhiệm vụ nào để giao."), code="empty")
    source = source or Source()
    assigned_on = assigned_on or timezone.localdate()
    created: list[Task] = []
    with transaction.atomic():
        for index, spec in enumerate(specs, start=1):
            try:
                task = _build(
                    actor,
                    spec,
                    agency_id=agency_id,
                    assigned_by=assigned_by,
                    source=source,
                    assigned_on=assigned_on,
                    parent=parent,
                )
            except ValidationError as error:
                if len(specs) == 1:
                    raise
                raise ValidationError(
                    _("Dòng %(row)d: %(message)s") % {"row": index, "message": " ".join(error.messages)},
                    code=getattr(error, "code", None),
                    params={"row": index},
                ) from error
            created.append(task)
            if task.is_series:
                ensure_occurrences(task, assigned_on)
        if parent is not None:
            record(parent, "split", actor, note=_("Giao %(count)d nhiệm vụ con") % {"count": len(created)})
        _announce(created)
    return created


def ensure_occurrences(series: Task, today: date) -> Task | None:
    """The occurrence of a recurring task for the period containing ``today`` (the next period's, when this
    period's deadline had passed before the series began). Idempotent: one occurrence per period."""
    if not series.is_series or not series.is_open:
        return None
    start = period_start(series.recurrence, today)
    deadline = period_deadline(series.recurrence, start, series.recurrence_day)
    if deadline < series.assigned_on:
        start = next_period(series.recurrence, start)
        deadline = period_deadline(series.recurrence, start, series.recurrence_day)
    existing = Task.objects.filter(series=series, period_start=start).first()
    if existing is not None:
        return existing
    calendar = calendar_for(series.agency_id)
    occurrence = Task(
        agency_id=series.agency_id,
        series=series,
        period_start=start,
        content=series.content,
        item_number=series.item_number,
        source_kind=series.source_kind,
        source_incoming_id=series.source_incoming_id,
        source_code=series.source_code,
        source_date=series.source_date,
        source_abstract=series.source_abstract,
        assigned_by_id=series.assigned_by_id,
        assigned_on=max(start, series.assigned_on),
        lead_unit_id=series.lead_unit_id,
        lead_external_id=series.lead_external_id,
        lead_user_id=series.lead_user_id,
        follower_id=series.follower_id,
        field_id=series.field_id,
        priority=series.priority,
        deadline_kind=DeadlineKind.DATE,
        deadline=deadline,
        due_on=due_date(deadline, calendar),
        original_due_on=due_date(deadline, calendar),
        created_by_id=series.created_by_id,
    )
    with transaction.atomic():
        if Task.objects.filter(series=series, period_start=start).exists():
            return Task.objects.get(series=series, period_start=start)
        occurrence.save()
        occurrence.coop_units.set(series.coop_units.all())
        occurrence.coop_externals.set(series.coop_externals.all())
        record(
            occurrence,
            "assigned",
            None,
            to_state=TaskState.ASSIGNED,
            note=_("Kỳ %(period)s") % {"period": f"{start:%m/%Y}"},
        )
    return occurrence


#: Fields an edit may change (the deadline changes only through an extension).
EDITABLE = (
    "content",
    "item_number",
    "lead_unit",
    "lead_external",
    "lead_user",
    "follower",
    "field",
    "priority",
)


def edit_task(task: Task, actor: User, **changes) -> Task:
    """Sửa thông tin nhiệm vụ (not its deadline). Records which fields changed, old → new."""
    if not may("edit", task, actor):
        raise PermissionDenied(_("Bạn không có quyền sửa nhiệm vụ này."))
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        check_transition("edit", task.state)
        coop_units = changes.pop("coop_units", None)
        coop_externals = changes.pop("coop_externals", None)
        diff = {}
        for name, value in changes.items():
            if name not in EDITABLE:
                raise ValueError(name)
            old = getattr(task, name)
            if old != value:
                diff[name] = [str(old or ""), str(value or "")]
                setattr(task, name, value)
        spec = TaskSpec(
            content=task.content,
            lead_unit=task.lead_unit,
            lead_external=task.lead_external,
            lead_user=task.lead_user,
            coop_units=list(coop_units if coop_units is not None else task.coop_units.all()),
            follower=task.follower,
        )
        _check_people(task.agency_id, spec, task.assigned_by, sub_task=True)
        task.save()
        if coop_units is not None:
            task.coop_units.set(coop_units)
        if coop_externals is not None:
            task.coop_externals.set(coop_externals)
        if diff or coop_units is not None or coop_externals is not None:
            record(task, "edited", actor, note=", ".join(diff), changes=diff)
    return task


def cancel_task(task: Task, actor: User, reason: str) -> Task:
    """Thu hồi nhiệm vụ: it leaves every count and list of open work; the reason is kept. Withdrawn with it:
    the open occurrences of a series, and the open sub-tasks given out for the task or for those occurrences."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Hãy nêu lý do thu hồi nhiệm vụ."), code="reason")
    if not may("cancel", task, actor):
        raise PermissionDenied(_("Chỉ lãnh đạo giao nhiệm vụ mới thu hồi được nhiệm vụ."))
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        previous = task.state
        task.state = check_transition("cancel", previous)
        task.save()
        told = lead_holders(task)
        withdrawn_occurrence = Q(parent__series=task, parent__state__in=OPEN_STATES)
        children = Task.objects.filter(
            Q(series=task) | Q(parent=task) | withdrawn_occurrence, state__in=OPEN_STATES
        )
        for child in children.select_related("lead_user", "lead_external", "follower"):
            child_previous = child.state
            child.state = TaskState.CANCELLED
            child.save()
            record(
                child,
                "cancelled",
                actor,
                from_state=child_previous,
                to_state=TaskState.CANCELLED,
                note=reason,
            )
            if child.parent_id:  # an occurrence has the series' lead, already told
                told += lead_holders(child)
        record(task, "cancelled", actor, from_state=previous, to_state=task.state, note=reason)
        notify(
            told,
            _("Nhiệm vụ đã được thu hồi: %(content)s") % {"content": task.content[:300]},
            task.get_absolute_url(),
        )
    return task


__all__ = [
    "Source",
    "TaskSpec",
    "TransitionError",
    "cancel_task",
    "create_task",
    "create_tasks",
    "edit_task",
    "ensure_occurrences",
]
