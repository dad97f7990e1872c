"""Read-side queries: computed deadline status, the personal inbox (văn bản chờ xử lý) and its counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vanthu.common.deadlines import (
    DeadlineStatus,
    deadline_status,
    deadline_status_expression,
    due_soon_limit,
)
from vanthu.organization.models import LEADER_ROLES, Role
from vanthu.organization.services import calendar_for

from .models import Assignment, IncomingDocument
from .states import AssignmentRole, AssignmentState, DocState
from .visibility import visible_incoming, visible_when_involved


def status_dates(agency_id: int | None, today: date | None = None) -> tuple[date, date]:
    today = today or timezone.localdate()
    return today, due_soon_limit(today, calendar_for(agency_id), settings.VANTHU_DUE_SOON_WORKING_DAYS)


def with_status(qs: QuerySet, agency_id: int | None, today: date | None = None) -> QuerySet:
    """Annotate ``deadline_status`` (trong hạn, sắp đến hạn, quá hạn…) computed by the database."""
    today, soon = status_dates(agency_id, today)
    return qs.annotate(deadline_status=deadline_status_expression("deadline", "completed_on", today, soon))


def status_of(obj, agency_id: int | None, today: date | None = None) -> DeadlineStatus:
    """The same rule for one document or assignment, in Python."""
    today, soon = status_dates(agency_id, today)
    return deadline_status(obj.deadline, obj.completed_on, today, soon)


def filter_status(qs: QuerySet, status: str, agency_id: int | None, today: date | None = None) -> QuerySet:
    """Restrict to one computed status with plain date conditions (index friendly)."""
    today, soon = status_dates(agency_id, today)
    done = Q(completed_on__isnull=False)
    open_ = Q(completed_on__isnull=True)  # not ~done: the partial index on open documents must match
    conditions = {
        DeadlineStatus.ON_TIME: done & (Q(deadline__isnull=True) | Q(completed_on__lte=F("deadline"))),
        DeadlineStatus.LATE: done & Q(completed_on__gt=F("deadline")),
        DeadlineStatus.NO_DEADLINE: open_ & Q(deadline__isnull=True),
        DeadlineStatus.OVERDUE: open_ & Q(deadline__lt=today),
        DeadlineStatus.DUE_SOON: open_ & Q(deadline__gte=today, deadline__lte=soon),
        DeadlineStatus.WITHIN: open_ & Q(deadline__gt=soon),
    }
    return qs.filter(conditions[DeadlineStatus(status)])


#: the states of a lead part (chủ trì) that still holds its document: all but given back (đã trả lại)
LEAD_PART_STATES = (AssignmentState.NEW, AssignmentState.DELEGATED, AssignmentState.DONE)


def led_by_unit(unit_id: int) -> Q:
    """Documents whose handling is led (chủ trì) by the unit: a top-level lead part, not given back, held by the
    unit or by one of its people (the dashboard counts them per unit; the list filters ``lead_unit`` with it).

    A correlated EXISTS, looked up by document: the list reads the documents in its own order (or the period's
    range) and checks each one's few parts; ``parent IS NULL`` is written so that SQLite does not walk the parent
    index of every assignment instead."""
    parts = Assignment.objects.filter(
        Exact(Coalesce("parent_id", Value(0)), 0),
        Q(unit_id=unit_id) | Q(unit__isnull=True, user__unit_id=unit_id),
        document_id=OuterRef("pk"),
        role=AssignmentRole.LEAD,
        state__in=LEAD_PART_STATES,
    )
    return Q(Exists(parts))


def received_between(date_from: date | None, date_to: date | None) -> Q:
    """Documents received (ngày đến) from ``date_from`` to ``date_to``, local days, both included.

    The first and the last day of the calendar bound nothing (and their limits, in UTC or the day after, would
    fall outside it)."""
    zone = timezone.get_current_timezone()
    condition = Q()
    if date_from and date_from > date.min:
        condition &= Q(received_at__gte=timezone.make_aware(datetime.combine(date_from, time.min), zone))
    if date_to and date_to < date.max:
        end = datetime.combine(date_to + timedelta(days=1), time.min)
        condition &= Q(received_at__lt=timezone.make_aware(end, zone))
    return condition


@dataclass
class InboxSection:
    key: str
    title: str
    items: QuerySet
    count: int


def inbox_sections(user, limit: int = 50) -> list[InboxSection]:
    """Văn bản chờ xử lý of one person, by reason: to present, to direct, for the unit, assigned to me."""
    visible = visible_incoming(user)
    # every section below except the clerk's selects documents the user is involved in
    involved = visible_when_involved(user)
    sections: list[InboxSection] = []

    def add(key: str, title: str, qs: QuerySet) -> None:
        qs = with_status(qs, user.agency_id).select_related("doc_type", "sender")
        sections.append(
            InboxSection(key, str(title), qs.order_by("-priority", "-received_at")[:limit], qs.count())
        )

    if user.role in (Role.CLERK, Role.ADMIN):
        add("to_present", _("Chờ trình, chuyển xử lý"), visible.filter(state=DocState.REGISTERED))
    if user.role in LEADER_ROLES:
        add(
            "to_direct",
            _("Chờ ý kiến chỉ đạo"),
            involved.filter(state=DocState.PRESENTED, presented_to=user, agency_id=user.agency_id),
        )
    open_mine = Q(user_id=user.pk)
    if user.role == Role.UNIT_HEAD and user.unit_id:
        unit_open = Assignment.objects.filter(
            unit_id=user.unit_id, user__isnull=True, state=AssignmentState.NEW
        )
        add(
            "unit",
            _("Đơn vị được giao, chờ phân công"),
            involved.filter(
                pk__in=unit_open.filter(document__agency_id=user.agency_id).values("document_id")
            ),
        )
    mine = Assignment.objects.filter(open_mine, state=AssignmentState.NEW)
    add(
        "mine",
        _("Được giao xử lý"),
        involved.filter(pk__in=mine.filter(document__agency_id=user.agency_id).values("document_id")),
    )
    return sections


def inbox_total(user) -> int:
    return sum(s.count for s in inbox_sections(user, limit=0))


def status_counts(qs: QuerySet, agency_id: int | None) -> dict[str, int]:
    """Counts per computed status, aggregated by the database."""
    rows = with_status(qs.order_by(), agency_id).values("deadline_status").annotate(n=Count("id"))
    counts = {s.value: 0 for s in DeadlineStatus}
    for row in rows:
        counts[row["deadline_status"]] = row["n"]
    return counts


def open_assignments_for(user, doc: IncomingDocument) -> list[Assignment]:
    """The open parts of ``doc`` that ``user`` holds (to show the right action buttons)."""
    from .services import can_act_on

    parts = doc.assignments.filter(state=AssignmentState.NEW).select_related("unit", "user")
    return [a for a in parts if can_act_on(a, user)]


def waiting_arrivals(user) -> int:
    """How many electronic documents wait for the user's agency's clerks to accept (0 for anyone else)."""
    from .services.exchange import arrivals_for
    from .services.registration import REGISTER_ROLES
    from .states import ArrivalState

    if getattr(user, "role", None) not in REGISTER_ROLES:
        return 0
    return arrivals_for(user).filter(state=ArrivalState.AWAITING).count()
