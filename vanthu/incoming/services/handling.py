"""Handling an incoming document: present, direct, forward, delegate, progress, complete, return.

Each function runs in one transaction: checks the actor's right, checks the transition in ``states``, writes the
models, appends the history event and notifies the new holders.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vanthu.history.services import record
from vanthu.notifications.services import notify
from vanthu.organization.models import LEADER_ROLES, Role, Unit, User

from ..models import Assignment, DocumentGrant, IncomingDocument
from ..states import (
    DOC_TRANSITIONS,
    AssignmentRole,
    AssignmentState,
    DocState,
    check_assignment_transition,
    check_doc_transition,
)

CLERK_ROLES = frozenset({Role.CLERK, Role.ADMIN})


def _lock(doc: IncomingDocument) -> IncomingDocument:
    return IncomingDocument.objects.select_for_update().get(pk=doc.pk)


def _unit_heads(unit: Unit | None) -> list[User]:
    if unit is None:
        return []
    return list(User.objects.filter(unit=unit, role=Role.UNIT_HEAD, is_active=True))


def _holders(assignment: Assignment) -> list[User]:
    return [assignment.user] if assignment.user_id else _unit_heads(assignment.unit)


def _grant_if_secret(doc: IncomingDocument, users: Iterable[User], actor: User) -> None:
    if not doc.is_secret:
        return
    for user in users:
        DocumentGrant.objects.get_or_create(document=doc, user=user, defaults={"granted_by": actor})


def _same_agency(doc: IncomingDocument, *people: User | Unit | None) -> None:
    for p in people:
        if p is not None and p.agency_id != doc.agency_id:
            raise PermissionDenied(_("Đơn vị, cá nhân được chọn không thuộc cơ quan của văn bản."))


def _set_state(doc: IncomingDocument, state: str, **fields) -> str:
    previous = doc.state
    doc.state = state
    doc.priority = 0 if state == DocState.COMPLETED else doc.urgency
    for name, value in fields.items():
        setattr(doc, name, value)
    doc.save()
    return previous


#: Who may take each document action (the state part is in ``states.DOC_TRANSITIONS``).
_DOC_ACTORS = {
    "present": lambda doc, user: (
        user.role in CLERK_ROLES or (user.role in LEADER_ROLES and doc.presented_to_id == user.pk)
    ),
    "forward": lambda doc, user: user.role in CLERK_ROLES,
    "direct": lambda doc, user: user.role in LEADER_ROLES,
}


def may(action: str, doc: IncomingDocument, user: User) -> bool:
    """Whether ``user`` may take a document action now: the one rule for the page's buttons and the services."""
    sources, _target = DOC_TRANSITIONS[action]
    return doc.state in sources and _DOC_ACTORS[action](doc, user)


def can_act_on(assignment: Assignment, user: User) -> bool:
    """The holder of an assignment: its person, or a head of its unit."""
    if assignment.user_id:
        return assignment.user_id == user.pk
    return user.role == Role.UNIT_HEAD and user.unit_id == assignment.unit_id


@transaction.atomic
def present(doc: IncomingDocument, actor: User, leader: User, note: str = "") -> IncomingDocument:
    """Trình lãnh đạo: the clerk (or a leader passing it on) puts the document before a leader."""
    doc = _lock(doc)
    if not _DOC_ACTORS["present"](doc, actor):
        raise PermissionDenied(_("Bạn không có quyền trình văn bản này."))
    if leader.role not in LEADER_ROLES:
        raise PermissionDenied(_("Chỉ trình văn bản cho lãnh đạo."))
    _same_agency(doc, leader)
    target = check_doc_transition("present", doc.state)
    previous = _set_state(
        doc, target, presented_to=leader, handed_over_at=doc.handed_over_at or timezone.now()
    )
    _grant_if_secret(doc, [leader], actor)
    record(
        doc, "presented", actor, from_state=previous, to_state=target, note=note, to_user=leader.display_name
    )
    notify(
        [leader],
        _("Văn bản đến số %(n)d chờ ý kiến chỉ đạo: %(a)s") % {"n": doc.number, "a": doc.abstract[:200]},
        doc.get_absolute_url(),
    )
    return doc


def _create_assignment(doc, actor, role, *, unit=None, user=None, deadline=None, instruction="", parent=None):
    assignment = Assignment.objects.create(
        document=doc,
        parent=parent,
        role=role,
        unit=unit,
        user=user,
        deadline=deadline,
        instruction=instruction,
        assigned_by=actor,
    )
    holders = _holders(assignment)
    _grant_if_secret(doc, holders, actor)
    label = AssignmentRole(role).label
    notify(
        holders,
        _("%(role)s xử lý văn bản đến số %(n)d: %(a)s")
        % {"role": label, "n": doc.number, "a": doc.abstract[:200]},
        doc.get_absolute_url(),
    )
    return assignment


@transaction.atomic
def direct(
    doc: IncomingDocument,
    actor: User,
    *,
    direction: str,
    lead_unit: Unit | None = None,
    lead_user: User | None = None,
    coop_units: Iterable[Unit] = (),
    info_units: Iterable[Unit] = (),
    deadline: date | None = None,
) -> IncomingDocument:
    """Cho ý kiến chỉ đạo: a leader names the lead unit or person, co-operating units, units to inform, deadline."""
    doc = _lock(doc)
    if not _DOC_ACTORS["direct"](doc, actor):
        raise PermissionDenied(_("Chỉ lãnh đạo được cho ý kiến chỉ đạo."))
    if (lead_unit is None) == (lead_user is None):
        raise ValueError(_("Chọn một đơn vị hoặc một cá nhân chủ trì."))
    _same_agency(doc, lead_unit, lead_user, *coop_units, *info_units)
    target = check_doc_transition("direct", doc.state)
    now = timezone.now()
    previous = _set_state(
        doc,
        target,
        direction=direction,
        directed_by=actor,
        directed_at=now,
        deadline=deadline,
        presented_to=None,
        handed_over_at=doc.handed_over_at or now,
    )
    _grant_if_secret(doc, [actor], actor)  # the directing leader keeps sight of a secret document
    _create_assignment(
        doc,
        actor,
        AssignmentRole.LEAD,
        unit=lead_unit,
        user=lead_user,
        deadline=deadline,
        instruction=direction,
    )
    lead_unit_id = lead_unit.pk if lead_unit else None
    coop = [u for u in dict.fromkeys(coop_units) if u.pk != lead_unit_id]
    for unit in coop:
        _create_assignment(
            doc, actor, AssignmentRole.COOP, unit=unit, deadline=deadline, instruction=direction
        )
    for unit in dict.fromkeys(info_units):
        if unit.pk != lead_unit_id and unit not in coop:
            _create_assignment(doc, actor, AssignmentRole.INFO, unit=unit, instruction=direction)
    record(
        doc,
        "directed",
        actor,
        from_state=previous,
        to_state=target,
        note=direction,
        lead=(lead_unit or lead_user).__str__(),
        coop=[u.name for u in coop],
        info=[u.name for u in info_units],
        deadline=deadline.isoformat() if deadline else None,
    )
    return doc


@transaction.atomic
def forward(
    doc: IncomingDocument, actor: User, *, unit: Unit, deadline: date | None = None, note: str = ""
) -> IncomingDocument:
    """Chuyển xử lý: the clerk sends the document straight to the unit that handles it."""
    doc = _lock(doc)
    if not _DOC_ACTORS["forward"](doc, actor):
        raise PermissionDenied(_("Chỉ văn thư được chuyển văn bản trực tiếp cho đơn vị."))
    _same_agency(doc, unit)
    target = check_doc_transition("forward", doc.state)
    previous = _set_state(doc, target, deadline=deadline, handed_over_at=doc.handed_over_at or timezone.now())
    _create_assignment(doc, actor, AssignmentRole.LEAD, unit=unit, deadline=deadline, instruction=note)
    record(
        doc,
        "forwarded",
        actor,
        from_state=previous,
        to_state=target,
        note=note,
        unit=unit.name,
        deadline=deadline.isoformat() if deadline else None,
    )
    return doc


def _lock_assignment(assignment: Assignment, actor: User) -> Assignment:
    # of=("self",): PostgreSQL refuses FOR UPDATE on the nullable side of the outer joins to unit and user.
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("document", "unit", "user")
        .get(pk=assignment.pk)
    )
    if not can_act_on(assignment, actor):
        raise PermissionDenied(_("Phần việc này không được giao cho bạn hoặc đơn vị bạn phụ trách."))
    return assignment


def _assignment_event(
    assignment: Assignment, verb: str, actor: User, previous: str, note: str = "", **payload
):
    record(
        assignment.document,
        verb,
        actor,
        from_state=previous,
        to_state=assignment.state,
        note=note,
        assignment=assignment.pk,
        role=assignment.role,
        holder=assignment.holder_name,
        **payload,
    )


def _finish(assignment: Assignment, state: str, result: str = "") -> str:
    previous = assignment.state
    now = timezone.now()
    assignment.state = state
    assignment.result = result
    assignment.completed_at = now
    assignment.completed_on = timezone.localdate(now)
    assignment.save()
    return previous


@transaction.atomic
def delegate(
    assignment: Assignment, actor: User, *, user: User, deadline: date | None = None, note: str = ""
) -> Assignment:
    """Phân công: the head of a unit gives the unit's part to one of its specialists, with an internal deadline."""
    assignment = _lock_assignment(assignment, actor)
    if actor.role != Role.UNIT_HEAD:
        raise PermissionDenied(_("Chỉ lãnh đạo phòng được phân công chuyên viên."))
    if user.unit_id != actor.unit_id:
        raise PermissionDenied(_("Chỉ phân công cho cán bộ trong đơn vị của mình."))
    target = check_assignment_transition("delegate", assignment.state, assignment.role)
    previous = assignment.state
    assignment.state = target
    assignment.save()
    child = _create_assignment(
        assignment.document,
        actor,
        assignment.role,
        user=user,
        deadline=deadline or assignment.deadline,
        instruction=note,
        parent=assignment,
    )
    _assignment_event(
        assignment,
        "assigned",
        actor,
        previous,
        note,
        to_user=user.display_name,
        deadline=child.deadline.isoformat() if child.deadline else None,
    )
    return child


@transaction.atomic
def note_progress(assignment: Assignment, actor: User, text: str) -> None:
    """Ghi ý kiến xử lý / tiến độ: a progress note in the trail; no state change."""
    assignment = _lock_assignment(assignment, actor)
    if not assignment.is_open:
        raise PermissionDenied(_("Phần việc đã kết thúc, không ghi thêm tiến độ."))
    record(
        assignment.document,
        "progress",
        actor,
        note=text,
        assignment=assignment.pk,
        holder=assignment.holder_name,
    )


def _close_parents(assignment: Assignment, actor: User, result: str) -> None:
    parent = assignment.parent
    while parent is not None:
        parent = Assignment.objects.select_for_update().get(pk=parent.pk)
        target = check_assignment_transition("close", parent.state, parent.role)
        previous = _finish(parent, target, result)
        _assignment_event(parent, "closed", actor, previous, result)
        parent = parent.parent


@transaction.atomic
def complete(assignment: Assignment, actor: User, result: str) -> IncomingDocument:
    """Hoàn thành: the lead finishes with a result; the document is completed."""
    assignment = _lock_assignment(assignment, actor)
    target = check_assignment_transition("complete", assignment.state, assignment.role)
    previous = _finish(assignment, target, result)
    _assignment_event(assignment, "completed", actor, previous, result)
    _close_parents(assignment, actor, result)
    doc = _lock(assignment.document)
    doc_target = check_doc_transition("complete", doc.state)
    now = timezone.now()
    doc_previous = _set_state(
        doc, doc_target, completed_at=now, completed_on=timezone.localdate(now), result=result
    )
    record(doc, "document_completed", actor, from_state=doc_previous, to_state=doc_target, note=result)
    notify(
        [u for u in (doc.directed_by, doc.created_by) if u and u.pk != actor.pk],
        _("Văn bản đến số %(n)d đã hoàn thành: %(r)s") % {"n": doc.number, "r": result[:200]},
        doc.get_absolute_url(),
    )
    return doc


@transaction.atomic
def contribute(assignment: Assignment, actor: User, text: str) -> Assignment:
    """Cho ý kiến phối hợp: a co-operating unit gives its input and its part is done."""
    assignment = _lock_assignment(assignment, actor)
    target = check_assignment_transition("contribute", assignment.state, assignment.role)
    previous = _finish(assignment, target, text)
    _assignment_event(assignment, "contributed", actor, previous, text)
    _close_parents(assignment, actor, text)
    return assignment


@transaction.atomic
def acknowledge(assignment: Assignment, actor: User) -> Assignment:
    """Đã xem: a unit that only needs to know confirms it has read the document."""
    assignment = _lock_assignment(assignment, actor)
    target = check_assignment_transition("acknowledge", assignment.state, assignment.role)
    previous = _finish(assignment, target)
    _assignment_event(assignment, "acknowledged", actor, previous)
    return assignment


@transaction.atomic
def return_assignment(assignment: Assignment, actor: User, reason: str) -> Assignment:
    """Trả lại: the holder sends its part back with a reason.

    A specialist's return goes back to the head of the unit; a lead unit's return sends the document back to the
    leader who directed it (or to the clerk who forwarded it), and the other open parts are withdrawn.
    """
    if not reason.strip():
        raise ValueError(_("Phải ghi lý do trả lại."))
    assignment = _lock_assignment(assignment, actor)
    target = check_assignment_transition("return", assignment.state, assignment.role)
    previous = _finish(assignment, target, reason)
    _assignment_event(assignment, "returned", actor, previous, reason)
    if assignment.parent_id:
        parent = Assignment.objects.select_for_update().get(pk=assignment.parent_id)
        parent_previous = parent.state
        parent.state = check_assignment_transition("reopen", parent.state, parent.role)
        parent.save()
        _assignment_event(parent, "reopened", actor, parent_previous, reason)
        notify(
            _holders(parent),
            _("Văn bản đến số %(n)d bị trả lại: %(r)s") % {"n": parent.document.number, "r": reason[:200]},
            parent.document.get_absolute_url(),
        )
        return assignment
    if assignment.role != AssignmentRole.LEAD:
        return assignment
    doc = _lock(assignment.document)
    for other in Assignment.objects.select_for_update().filter(
        document=doc, state__in=[AssignmentState.NEW, AssignmentState.DELEGATED]
    ):
        other_previous = _finish(other, AssignmentState.RETURNED, reason)
        _assignment_event(other, "withdrawn", actor, other_previous, reason)
    if doc.directed_by_id:
        doc_target = check_doc_transition("return_to_leader", doc.state)
        doc_previous = _set_state(doc, doc_target, presented_to=doc.directed_by)
        back_to = [doc.directed_by]
    else:
        doc_target = check_doc_transition("return_to_clerk", doc.state)
        doc_previous = _set_state(doc, doc_target)
        back_to = [doc.created_by]
    record(doc, "document_returned", actor, from_state=doc_previous, to_state=doc_target, note=reason)
    notify(
        back_to,
        _("Văn bản đến số %(n)d bị trả lại: %(r)s") % {"n": doc.number, "r": reason[:200]},
        doc.get_absolute_url(),
    )
    return assignment
