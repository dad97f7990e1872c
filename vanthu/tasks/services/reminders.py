"""Đôn đốc: automatic reminders (N working days before the deadline, then each working day overdue) and
reminders a leader sends with a note.

The automatic run is a background job (``tasks.jobs.daily_task_jobs``), never a page view. It is idempotent:
a reminder row per (task, kind, day) is unique, runs of one agency are serialised (a row lock on the agency on
PostgreSQL, the immediate write transaction on SQLite), and a task already reminded today is skipped — so a
job that runs twice sends nothing twice. Nothing is sent on days off. Each person gets one summary
notification per kind and run, not one per task.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vanthu.history.services import record
from vanthu.notifications.services import notify
from vanthu.organization.models import Agency, ExternalAgency, Role, User
from vanthu.organization.services import calendar_for

from ..models import Reminder, Task
from ..states import OPEN_STATES, check_transition
from .people import OUTSIDE_RECEIVERS, lead_holders
from .rules import may


@dataclass
class ReminderRun:
    """What one run sent (printed by the command and the benchmark)."""

    day: date
    agencies: int = 0
    skipped_day_off: int = 0
    due_soon: int = 0
    overdue: int = 0
    people: int = 0
    per_agency: dict[int, dict[str, int]] = field(default_factory=dict)


def _open(agency_id: int) -> QuerySet[Task]:
    return Task.objects.filter(
        agency_id=agency_id, completed_on__isnull=True, state__in=OPEN_STATES, due_on__isnull=False
    )


class _Recipients:
    """Resolves the holders of many tasks with three queries instead of one per task."""

    def __init__(self, agency_id: int) -> None:
        self.heads: dict[int, list[int]] = defaultdict(list)
        for pk, unit_id in User.objects.filter(
            agency_id=agency_id, role=Role.UNIT_HEAD, is_active=True, unit__isnull=False
        ).values_list("pk", "unit_id"):
            self.heads[unit_id].append(pk)
        internal = dict(
            ExternalAgency.objects.filter(internal_agency__isnull=False).values_list(
                "pk", "internal_agency_id"
            )
        )
        by_agency: dict[int, list[int]] = defaultdict(list)
        for pk, user_agency in User.objects.filter(
            agency_id__in=set(internal.values()), role__in=OUTSIDE_RECEIVERS, is_active=True
        ).values_list("pk", "agency_id"):
            by_agency[user_agency].append(pk)
        self.outside = {ext: by_agency.get(agency, []) for ext, agency in internal.items()}

    def of(
        self, lead_unit: int | None, lead_external: int | None, lead_user: int | None, follower: int | None
    ) -> list[int]:
        """The ids ``people.lead_holders`` would give; pass ``lead_user`` and ``follower`` only when active."""
        people = [lead_user] if lead_user else []
        if lead_unit:
            people += self.heads.get(lead_unit, [])
        elif lead_external:
            people += self.outside.get(lead_external, [])
        if not people and follower:
            people.append(follower)
        return list(dict.fromkeys(people))


def _summaries(kind: str, per_person: dict[int, list[tuple[int, str, date]]]) -> int:
    users = {u.pk: u for u in User.objects.filter(pk__in=per_person)}
    list_url = reverse("tasks:list")
    for user_id, items in per_person.items():
        if len(items) == 1:
            pk, content, due = items[0]
            url = reverse("tasks:detail", args=[pk])
            if kind == Reminder.Kind.OVERDUE:
                text = _("Đôn đốc: nhiệm vụ quá hạn từ %(date)s: %(content)s")
            else:
                text = _("Nhắc việc: nhiệm vụ đến hạn ngày %(date)s: %(content)s")
            text = text % {"date": f"{due:%d/%m/%Y}", "content": content[:250]}
        else:
            status = "overdue" if kind == Reminder.Kind.OVERDUE else "due_soon"
            url = f"{list_url}?scope=mine&status={status}"
            if kind == Reminder.Kind.OVERDUE:
                text = _("Đôn đốc: %(count)d nhiệm vụ đã quá hạn, đề nghị khẩn trương thực hiện")
            else:
                text = _("Nhắc việc: %(count)d nhiệm vụ sắp đến hạn")
            text = text % {"count": len(items)}
        notify([users[user_id]], text, url)
    return len(per_person)


def _remind_agency(agency_id: int, today: date, days_before: int, run: ReminderRun) -> None:
    calendar = calendar_for(agency_id)
    target = calendar.add_working_days(today, days_before)
    with transaction.atomic():
        # one run at a time per agency (PostgreSQL; SQLite's immediate transaction already serialises)
        list(Agency.objects.select_for_update().filter(pk=agency_id).values_list("pk", flat=True))
        tasks = _open(agency_id)
        overdue = tasks.filter(due_on__lt=today).exclude(
            Exists(Reminder.objects.filter(task=OuterRef("pk"), kind=Reminder.Kind.OVERDUE, on_date=today))
        )
        soon = tasks.filter(due_on__gte=today, due_on__lte=target).exclude(
            Exists(
                Reminder.objects.filter(
                    task=OuterRef("pk"), kind=Reminder.Kind.DUE_SOON, due_on=OuterRef("due_on")
                )
            )
        )
        recipients = _Recipients(agency_id)
        counts = {}
        columns = (
            "pk",
            "content",
            "due_on",
            "lead_unit_id",
            "lead_external_id",
            "lead_user_id",
            "lead_user__is_active",
            "follower_id",
            "follower__is_active",
        )
        for kind, qs in ((Reminder.Kind.OVERDUE, overdue), (Reminder.Kind.DUE_SOON, soon)):
            per_person: dict[int, list[tuple[int, str, date]]] = defaultdict(list)
            rows = []
            for row in qs.values_list(*columns, named=True).iterator(2000):
                people = recipients.of(
                    row.lead_unit_id,
                    row.lead_external_id,
                    row.lead_user_id if row.lead_user__is_active else None,
                    row.follower_id if row.follower__is_active else None,
                )
                for person in people:
                    per_person[person].append((row.pk, row.content, row.due_on))
                rows.append(
                    Reminder(
                        task_id=row.pk, kind=kind, on_date=today, due_on=row.due_on, recipients=len(people)
                    )
                )
            Reminder.objects.bulk_create(rows, batch_size=1000)
            run.people += _summaries(kind, per_person)
            counts[kind.value] = len(rows)
        run.overdue += counts[Reminder.Kind.OVERDUE.value]
        run.due_soon += counts[Reminder.Kind.DUE_SOON.value]
        run.per_agency[agency_id] = counts
        run.agencies += 1


def send_due_reminders(today: date | None = None, days_before: int | None = None) -> ReminderRun:
    """Gửi nhắc việc tự động for every agency whose calendar says ``today`` is a working day."""
    today = today or timezone.localdate()
    days_before = settings.VANTHU_REMINDER_WORKING_DAYS if days_before is None else days_before
    run = ReminderRun(day=today)
    agency_ids = Agency.objects.filter(is_active=True).values_list("pk", flat=True)
    with translation.override(settings.LANGUAGE_CODE):
        for agency_id in agency_ids:
            if not calendar_for(agency_id).is_working_day(today):
                run.skipped_day_off += 1
                continue
            _remind_agency(agency_id, today, days_before, run)
    return run


def _manual_text(actor: User, content: str, note: str) -> str:
    text = _("%(leader)s đôn đốc: %(content)s") % {"leader": actor.display_name, "content": content[:200]}
    return f"{text} — {note}" if note else text


def _manual_reminder(task: Task, actor: User, note: str, people: list[User]) -> Reminder:
    """The reminder row and the history event of one task a leader chases (the notification is the caller's)."""
    reminder = Reminder.objects.create(
        task=task,
        kind=Reminder.Kind.MANUAL,
        on_date=timezone.localdate(),
        due_on=task.due_on,
        sent_by=actor,
        note=note,
        recipients=len(people),
    )
    record(task, "reminded", actor, note=note, recipients=[p.display_name for p in people])
    return reminder


def remind(task: Task, actor: User, note: str = "") -> Reminder:
    """Lãnh đạo đôn đốc: a reminder with a note, sent now to the lead's holders and recorded on the task."""
    check_transition("remind", task.state)
    if not may("remind", task, actor):
        raise PermissionDenied(_("Bạn không có quyền đôn đốc nhiệm vụ này."))
    note = (note or "").strip()
    with transaction.atomic():
        people = lead_holders(task)
        if not people:
            raise ValidationError(
                _("Đơn vị chủ trì chưa có người nhận thông báo trên hệ thống."), code="nobody"
            )
        reminder = _manual_reminder(task, actor, note, people)
        notify(people, _manual_text(actor, task.content, note), task.get_absolute_url())
    return reminder


def _active_pk(person: User | None) -> int | None:
    return person.pk if person is not None and person.is_active else None


def remind_all(tasks: QuerySet[Task], actor: User, note: str = "") -> int:
    """Đôn đốc several tasks at once (e.g. every overdue task of a lagging unit): each task is reminded and
    recorded as by ``remind``, skipping those the actor may not remind or whose lead has nobody to tell; each
    person gets one notification for all their tasks, not one per task. Returns how many tasks."""
    note = (note or "").strip()
    chosen = [t for t in tasks.select_related("lead_user", "follower")[:500] if may("remind", t, actor)]
    if not chosen:
        return 0
    # the tasks the actor may remind are of the actor's agency: its holders are resolved in a few queries
    recipients = _Recipients(actor.agency_id)
    holders = {
        task.pk: recipients.of(
            task.lead_unit_id, task.lead_external_id, _active_pk(task.lead_user), _active_pk(task.follower)
        )
        for task in chosen
    }
    users = User.objects.in_bulk({pk for ids in holders.values() for pk in ids})
    per_person: dict[int, list[Task]] = defaultdict(list)
    sent = 0
    with transaction.atomic():
        for task in chosen:
            people = [users[pk] for pk in holders[task.pk]]
            if not people:
                continue
            _manual_reminder(task, actor, note, people)
            sent += 1
            for person in people:
                per_person[person.pk].append(task)
        for user_id, theirs in per_person.items():
            if len(theirs) == 1:
                text, url = _manual_text(actor, theirs[0].content, note), theirs[0].get_absolute_url()
            else:
                text = _("%(leader)s đôn đốc %(count)d nhiệm vụ") % {
                    "leader": actor.display_name,
                    "count": len(theirs),
                }
                text, url = (f"{text} — {note}" if note else text), reverse("tasks:list") + "?scope=mine"
            notify([users[user_id]], text, url)
    return sent
