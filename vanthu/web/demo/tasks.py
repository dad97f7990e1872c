"""A year of tasks (nhiệm vụ) of the demo province, assigned by its leaders and handled through the services.

``build_tasks`` plans about 1,500 counted tasks assigned over the last twelve months by the Chairman and the
Vice-Chairmen — from incoming documents, meeting conclusions (thông báo kết luận), plans (kế hoạch), the
People's Committee's own directive letters and ad hoc orders — to twenty-odd leads (departments, communes,
units of the Văn phòng), plus the work programme of the current year and a few recurring reports; then replays
each task's story (progress reports, extensions, reminders, completion, withdrawal) through
``vanthu.tasks.services``, so that every task has its real history. Two departments lag clearly (on-time rate
under 50 %), most leads finish on time; the Sở Tài chính, which has accounts, has tasks in every status.

As in ``flows``, the services stamp "now" on what they write: afterwards the moments are set back to the planned
times with ``bulk_update`` on Task, ProgressReport, ExtensionRequest and Reminder. History events keep the time
the seed ran. The random generator has a fixed seed: the tasks depend only on the moment the demo is built.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Max
from django.utils import timezone

from vanthu.notifications.models import Notification
from vanthu.organization.models import Agency, ExternalAgency
from vanthu.organization.services import calendar_for
from vanthu.tasks import services
from vanthu.tasks.models import (
    DeadlineKind,
    ExtensionRequest,
    ProgrammeItem,
    ProgressReport,
    Recurrence,
    Reminder,
    SourceKind,
    Task,
)
from vanthu.tasks.queries import REPORT_STATUSES, filter_status
from vanthu.tasks.services import Source, TaskSpec
from vanthu.tasks.services.deadlines import next_period
from vanthu.tasks.states import TaskState

from . import task_sources as src
from . import task_texts as tx
from .clock import Clock
from .programme import create_programme, plan_programme
from .task_plan import PROFILES, Action, Batch, Cast, TaskPlan, TaskPlanner
from .task_stories import TaskStories

SEED = 2026
#: About how many counted tasks (the programme and the recurring reports included).
TARGET = 1500

__all__ = ["TARGET", "TaskDemo", "build_tasks", "mark_waiting", "task_counts"]


@dataclass
class TaskDemo:
    """What ``build_tasks`` leaves to do once the demo's notifications are quietened: those still waiting for
    someone (left unread)."""

    waiting: dict[int, datetime] = field(default_factory=dict)  # notification id -> moment of its action


class _Stamps:
    """The planned moments of what the services wrote, set back in a few bulk updates at the end."""

    def __init__(self) -> None:
        self.tasks: dict[int, dict[str, datetime | None]] = {}
        self.reports: dict[int, datetime] = {}
        self.requests: dict[int, dict[str, datetime]] = {}
        self.reminders: dict[int, datetime] = {}

    def task(self, pk: int, at: datetime, *, report: bool = False) -> None:
        row = self.tasks.setdefault(pk, {"created_at": at, "updated_at": at, "last_report_at": None})
        row["updated_at"] = max(row["updated_at"], at)
        if report:
            row["last_report_at"] = at

    def apply(self) -> None:
        tasks = [Task(pk=pk, **values) for pk, values in self.tasks.items()]
        Task.objects.bulk_update(tasks, ["created_at", "updated_at", "last_report_at"], batch_size=500)
        reports = [ProgressReport(pk=pk, created_at=at) for pk, at in self.reports.items()]
        ProgressReport.objects.bulk_update(reports, ["created_at"], batch_size=500)
        requests = [ExtensionRequest(pk=pk, **values) for pk, values in self.requests.items()]
        for fields in (["created_at"], ["created_at", "decided_at"]):
            part = [r for r in requests if (r.decided_at is not None) == (len(fields) == 2)]
            ExtensionRequest.objects.bulk_update(part, fields, batch_size=500)
        for pk, at in self.reminders.items():
            Reminder.objects.filter(pk=pk).update(created_at=at, on_date=timezone.localdate(at))


class TaskReplayer:
    """Runs the batches and their actions through the services, in the order they were planned."""

    def __init__(self, cast: Cast, planner: TaskPlanner, rng: random.Random) -> None:
        self.cast = cast
        self.planner = planner
        self.rng = rng
        self.stamps = _Stamps()
        self.waiting: dict[int, datetime] = {}
        self.recent = planner.calendar.add_working_days(planner.last_day, -2)

    def spec(self, plan: TaskPlan) -> TaskSpec:
        return TaskSpec(
            content=plan.content,
            lead_unit=plan.lead.unit,
            lead_external=plan.lead.external,
            coop_units=plan.coop_units,
            coop_externals=plan.coop_externals,
            deadline_kind=plan.deadline_kind,
            deadline=plan.deadline,
            working_days=plan.working_days,
            recurrence=plan.recurrence,
            recurrence_day=plan.recurrence_day,
            field=self.cast.fields.get(plan.field),
            priority=plan.priority,
            item_number=plan.item_number,
            follower=plan.follower,
        )

    def _last_notification(self) -> int:
        return Notification.objects.aggregate(m=Max("pk"))["m"] or 0

    def _keep_unread(self, since: int, at: datetime) -> None:
        for pk in Notification.objects.filter(pk__gt=since).values_list("pk", flat=True):
            self.waiting[pk] = at

    def create(self, batch: Batch) -> list[Task]:
        waits = batch.assigned_on >= self.recent and all(p.outcome == "open" for p in batch.plans)
        mark = self._last_notification() if waits else 0
        tasks = services.create_tasks(
            batch.actor,
            [self.spec(p) for p in batch.plans],
            assigned_by=batch.assigned_by,
            source=batch.source,
            assigned_on=batch.assigned_on,
        )
        if waits:
            self._keep_unread(mark, batch.at)
        for plan, task in zip(batch.plans, tasks, strict=True):
            plan.task = task
            self.stamps.task(task.pk, batch.at)
        return tasks

    def play(self, plan: TaskPlan) -> None:
        task = plan.task
        request = None
        for action in plan.actions:
            waits = action.kind in plan.waiting
            mark = self._last_notification() if waits else 0
            request = getattr(self, f"_{action.kind}")(plan, task, action, request)
            if waits:
                self._keep_unread(mark, action.at)
            self.stamps.task(task.pk, action.at, report=action.kind in ("report", "complete"))

    # one method per kind of action --------------------------------------------------------------------------------
    def _report(self, plan: TaskPlan, task: Task, a: Action, request):
        d = a.data
        report = services.report_progress(task, a.actor, d["text"], d["percent"], report_date=a.at.date())
        self.stamps.reports[report.pk] = a.at
        return request

    def _request(self, plan: TaskPlan, task: Task, a: Action, request):
        request = services.request_extension(task, a.actor, a.data["reason"], a.data["proposed"])
        self.stamps.requests[request.pk] = {"created_at": a.at, "decided_at": None}
        return request

    def _decide(self, plan: TaskPlan, task: Task, a: Action, request):
        # an approved date in a later month moves a programme item there too (the service does it)
        services.decide_extension(request, a.actor, a.data["approve"], a.data["note"])
        self.stamps.requests[request.pk]["decided_at"] = a.at
        return None

    def _remind(self, plan: TaskPlan, task: Task, a: Action, request):
        reminder = services.remind(task, a.actor, a.data["note"])
        self.stamps.reminders[reminder.pk] = a.at
        return request

    def _complete(self, plan: TaskPlan, task: Task, a: Action, request):
        lead = plan.lead
        abbreviation = lead.external.abbreviation if lead.external else "VP"
        code = f"{a.at.timetuple().tm_yday * 2 + self.rng.randint(0, 9)}/BC-{abbreviation or 'UBND'}"
        result = self.rng.choice(tx.RESULTS)
        services.complete_task(task, a.actor, result, report_code=code, completed_on=a.data["day"])
        final = task.reports.filter(kind=ProgressReport.Kind.FINAL).order_by("-pk").values_list("pk")[:1]
        self.stamps.reports[final[0][0]] = a.at
        return request

    def _reopen(self, plan: TaskPlan, task: Task, a: Action, request):
        services.reopen_task(task, a.actor, a.data["reason"])
        return request

    def _cancel(self, plan: TaskPlan, task: Task, a: Action, request):
        services.cancel_task(task, a.actor, a.data["reason"])
        return request

    # recurring reports ----------------------------------------------------------------------------------------
    def recurring(
        self, lead_name: str, field_name: str, content: str, recurrence: str, day_of_month: int
    ) -> None:
        """A recurring report (a series) and its occurrences period by period, each done or still open."""
        planner, clock = self.planner, self.planner.clock
        lead = self.cast.by_name[lead_name]
        assigned_on = planner.working_day_between(
            planner.today - timedelta(days=340), planner.today - timedelta(days=300)
        )
        plan = planner.new_plan(lead, field_name, assigned_on, content)
        plan.deadline_kind, plan.deadline, plan.working_days = DeadlineKind.RECURRING, None, None
        plan.recurrence, plan.recurrence_day = recurrence, day_of_month
        plan.coop_externals, plan.coop_units = [], []
        assigned_by = self.cast.leader_for(field_name)
        code = f"{assigned_on.timetuple().tm_yday * 22}/UBND-{tx.FIELD_UNIT[field_name]}"
        source = Source(
            kind=SourceKind.OUTGOING, code=code, date=assigned_on, abstract=src.RECURRING_ABSTRACT
        )
        batch = Batch(source, assigned_by, assigned_on, planner.moment(assigned_on), plan.follower, [plan])
        series = self.create(batch)[0]
        day = assigned_on
        on_time, late, _open = PROFILES[lead.profile]
        seen: set[int] = set()
        while day <= planner.today:
            occurrence = services.ensure_occurrences(series, day)
            if occurrence is not None and occurrence.pk not in seen:
                seen.add(occurrence.pk)
                at = clock.cap(planner.moment(max(occurrence.assigned_on, assigned_on)), batch.at)
                self.stamps.task(occurrence.pk, at)
                self._occurrence(plan, occurrence, at, on_time, late)
            day = next_period(recurrence, day)

    def _occurrence(
        self, plan: TaskPlan, occurrence: Task, at: datetime, on_time: float, late: float
    ) -> None:
        planner, rng = self.planner, self.rng
        due = occurrence.due_on
        if due >= planner.today:
            return
        roll = rng.random()
        first = max(occurrence.assigned_on, due - timedelta(days=7))
        if roll < on_time:
            done = planner.working_day_between(first, min(due, planner.last_day))
        elif roll < on_time + late or (planner.today - due).days > 40:
            done = planner.working_day_between(
                due + timedelta(days=1), min(due + timedelta(days=12), planner.last_day)
            )
        else:
            return  # still not sent: overdue
        occurrence_plan = TaskPlan(occurrence.content, plan.lead, plan.field, plan.follower)
        occurrence_plan.task = occurrence
        actor = self.cast.actor_for(plan, rng)
        occurrence_plan.actions = [Action("complete", planner.clock.on_day(done, at), actor, {"day": done})]
        self.play(occurrence_plan)


def build_tasks(province, directory: list[ExternalAgency], started: datetime) -> TaskDemo:
    """Plan and replay the year of tasks of ``province`` (an ``office.AgencySetup``)."""
    rng = random.Random(SEED)
    agency = province.agency
    clock = Clock(calendar_for(agency), started, rng)
    cast = Cast(province.users, province.units, directory)
    planner = TaskPlanner(cast, clock, rng)
    stories = TaskStories(planner)
    year = planner.today.year
    programme_batch, items = plan_programme(planner, year)
    stories.outside_story()
    stories.from_incoming(agency)
    stories.from_plans()
    occurrences = sum(12 // (3 if r[3] == Recurrence.QUARTERLY else 1) for r in src.RECURRING)
    stories.fill(TARGET - len(items) - occurrences + 12)  # about a dozen are withdrawn (not counted)
    stories.decide_all()
    stories.special()
    stories.schedule_all()
    for plan in programme_batch.plans:
        planner.schedule(plan, programme_batch)

    replayer = TaskReplayer(cast, planner, rng)
    replayer.create(programme_batch)
    create_programme(agency, year, programme_batch.source, items, programme_batch.assigned_by)
    for plan in programme_batch.plans:
        replayer.play(plan)
    for batch in sorted(stories.batches, key=lambda b: b.at):
        replayer.create(batch)
        for plan in batch.plans:
            replayer.play(plan)
    for recurring in src.RECURRING:
        replayer.recurring(*recurring)
    replayer.stamps.apply()
    return TaskDemo(waiting=replayer.waiting)


def mark_waiting(demo: TaskDemo) -> None:
    """After the demo's notifications were quietened: unread again (at their moment) those that still wait."""
    by_moment: dict[datetime, list[int]] = {}
    for pk, at in demo.waiting.items():
        by_moment.setdefault(at, []).append(pk)
    for at, pks in by_moment.items():
        Notification.objects.filter(pk__in=pks).update(read_at=None, created_at=at)


def task_counts(agency: Agency, today: date | None = None) -> dict[str, int]:
    """Counted tasks of ``agency`` by report status, withdrawn ones and the programme's items."""
    counted = Task.objects.filter(agency=agency, counted=True)
    row = {"total": counted.count()}
    for status in REPORT_STATUSES:
        row[status.value] = filter_status(counted, status, agency.pk, today).count()
    row["cancelled"] = Task.objects.filter(agency=agency, state=TaskState.CANCELLED).count()
    row["programme"] = ProgrammeItem.objects.filter(programme__agency=agency).count()
    return row
