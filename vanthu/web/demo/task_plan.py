"""What happens to each demo task, by whom and when: a plan of service calls (nothing is written here).

``Cast`` knows who is who (leaders, the Văn phòng's specialists who follow tasks, the leads and who acts for
them); ``TaskPlanner`` turns a task that was assigned into dates — its deadline, whether and when it was
finished — following the habits of its lead (most leads finish on time, a few lag), then into the list of
actions (progress reports, extension requests and decisions, reminders, completion, withdrawal) that
``tasks.TaskReplayer`` replays through the task services.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings

from vanthu.common.deadlines import due_soon_limit
from vanthu.organization.models import ExternalAgency, Role, Unit, User
from vanthu.tasks.models import DeadlineKind, Field, Priority
from vanthu.tasks.services import Source
from vanthu.tasks.services.deadlines import due_date, resolve_deadline

from . import task_texts as tx
from .clock import Clock
from .people import AGENCY_LEADER_FIELDS

#: Of the tasks whose deadline has passed: (finished on time, finished late, still open) by kind of lead.
PROFILES: dict[str, tuple[float, float, float]] = {
    "office": (0.95, 0.04, 0.01),
    "good": (0.9, 0.05, 0.05),
    "behind": (0.68, 0.2, 0.12),
    "lagging": (0.15, 0.55, 0.3),
}
#: A lead that is mostly on time leaves a task open past its deadline only recently (days).
OVERDUE_AGE = {"office": 20, "good": 60, "behind": 90, "lagging": 400}


@dataclass(frozen=True)
class Lead:
    name: str
    external: ExternalAgency | None = None
    unit: Unit | None = None
    fields: tuple[str, ...] = ()
    weight: float = 1.0
    profile: str = "good"
    actors: tuple[User, ...] = ()  # people who act as the lead; none: the follower records on its behalf
    local: bool = False


@dataclass
class Action:
    kind: str  # report, request, decide, remind, complete, reopen, cancel
    at: datetime
    actor: User
    data: dict = field(default_factory=dict)


@dataclass(eq=False)
class TaskPlan:
    content: str
    lead: Lead
    field: str
    follower: User
    priority: int = Priority.NORMAL
    deadline_kind: str = DeadlineKind.DATE
    deadline: date | None = None
    working_days: int | None = None
    recurrence: str = ""
    recurrence_day: int | None = None
    item_number: str = ""
    coop_externals: list[ExternalAgency] = field(default_factory=list)
    coop_units: list[Unit] = field(default_factory=list)
    due_on: date | None = None
    outcome: str = "open"  # on_time, late, open, cancelled
    done_on: date | None = None
    extension: str = (
        ""  # approved (asked before the deadline), overdue (approved once overdue), refused, pending
    )
    proposed: date | None = None  # the date asked for, when it is fixed (a programme item moved to a month)
    reminders: int = 0
    reopen: bool = False
    actions: list[Action] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # kinds of actions whose notifications stay unread
    fixed: bool = False  # outcome chosen by hand (the story of the agency with accounts)
    task: object | None = None  # the Task, once created


@dataclass(eq=False)
class Batch:
    """One create_tasks call: the tasks of one document (or one ad hoc task), assigned together."""

    source: Source
    assigned_by: User
    assigned_on: date
    at: datetime
    actor: User  # who enters them (a specialist of the Văn phòng)
    plans: list[TaskPlan]


class Cast:
    """Who is who among the people, units and agencies of the demo, for the task plans."""

    def __init__(
        self, users: dict[str, User], units: dict[str, Unit], directory: list[ExternalAgency]
    ) -> None:
        self.users = users
        self.units = units
        self.fields = {f.name: f for f in Field.objects.all()}
        self.chairman = users["chutich"]
        self.leader_of_unit = {u: name for name, abbrs in AGENCY_LEADER_FIELDS.items() for u in abbrs}
        self.specialists: dict[str, list[User]] = {}
        self.heads: dict[str, User] = {}
        for user in users.values():
            if user.unit_id and user.role == Role.SPECIALIST:
                self.specialists.setdefault(user.unit.abbreviation, []).append(user)
            elif user.unit_id and user.role == Role.UNIT_HEAD:
                self.heads[user.unit.abbreviation] = user
        for people in self.specialists.values():
            people.sort(key=lambda u: u.username)
        self.leads = self._leads(directory)
        self.by_name = {lead.name: lead for lead in self.leads}

    def _leads(self, directory: list[ExternalAgency]) -> list[Lead]:
        accounts: dict[int, list[User]] = {}
        for user in User.objects.filter(
            agency__in=[e.internal_agency_id for e in directory if e.internal_agency_id],
            role__in=(Role.CLERK, Role.AGENCY_LEADER),
        ).order_by("role", "username"):
            # the registry reports most often, the head of the agency sometimes
            accounts.setdefault(user.agency_id, []).extend([user] * (3 if user.role == Role.CLERK else 1))
        leads = []
        for entry in directory:
            actors = tuple(accounts.get(entry.internal_agency_id, ()))
            if entry.name in tx.AGENCY_LEADS:
                weight, fields = tx.AGENCY_LEADS[entry.name]
                leads.append(Lead(entry.name, entry, None, fields, weight, self._profile(entry.name), actors))
            elif entry.name.startswith(tx.LOCAL_PREFIX) and entry.code.endswith(".H42") and entry.parent_id:
                fields = tuple(dict.fromkeys(f for f, _text in tx.LOCAL_TASKS))
                profile = self._profile(entry.name)
                leads.append(
                    Lead(entry.name, entry, None, fields, tx.LOCAL_WEIGHT, profile, actors, local=True)
                )
        for abbr, (weight, fields) in tx.UNIT_LEADS.items():
            unit = self.units[abbr]
            actors = tuple([self.heads[abbr]] + self.specialists.get(abbr, []))
            leads.append(Lead(unit.name, None, unit, fields, weight, "office", actors))
        return leads

    @staticmethod
    def _profile(name: str) -> str:
        return "lagging" if name in tx.LAGGING else "behind" if name in tx.BEHIND else "good"

    def leader_for(self, field_name: str) -> User:
        return self.users[self.leader_of_unit.get(tx.FIELD_UNIT[field_name], "chutich")]

    def follower_for(self, field_name: str, rng: random.Random) -> User:
        return rng.choice(self.specialists[tx.FIELD_UNIT[field_name]])

    def leads_for(self, field_name: str, *, local: bool = True) -> list[Lead]:
        return [lead for lead in self.leads if field_name in lead.fields and (local or not lead.local)]

    def actor_for(self, plan: TaskPlan, rng: random.Random) -> User:
        """Who reports for the lead: one of its people, or the follower on its behalf."""
        return rng.choice(plan.lead.actors) if plan.lead.actors else plan.follower


class TaskPlanner:
    """Dates and actions of the demo tasks, relative to the clock's today."""

    def __init__(self, cast: Cast, clock: Clock, rng: random.Random) -> None:
        self.cast = cast
        self.clock = clock
        self.rng = rng
        self.calendar = clock.calendar
        self.today = clock.today
        self.last_day = clock.last_day
        self.soon = due_soon_limit(self.today, self.calendar, settings.VANTHU_DUE_SOON_WORKING_DAYS)

    def moment(self, day: date) -> datetime:
        """A moment of office hours on ``day``, not later than the clock's limit."""
        return min(self.clock.random_time(day), self.clock.limit)

    # choosing ---------------------------------------------------------------------------------------------------
    def pick_lead(self, field_name: str | None = None) -> Lead:
        leads = self.cast.leads_for(field_name) if field_name else self.cast.leads
        if field_name and self.rng.random() > 0.15:  # mostly the department in charge, sometimes a commune
            leads = [lead for lead in leads if not lead.local] or leads
        return self.rng.choices(leads, [lead.weight for lead in leads])[0]

    def core(self, lead: Lead, field_name: str, day: date) -> str:
        """What is to be done, in a few words (a template of the field, or of a commune's work)."""
        if lead.local:
            texts = [text for f, text in tx.LOCAL_TASKS if f == field_name] or [t for _f, t in tx.LOCAL_TASKS]
        else:
            texts = list(tx.FIELD_TASKS[field_name])
        return self.rng.choice(texts).format(
            month=day.month, year=day.year, prev=day.year - 1, next=day.year + 1
        )

    def content(self, lead: Lead, field_name: str, day: date, core: str | None = None) -> str:
        """The task as the leader words it: an opening, what is to be done, how to report."""
        rng = self.rng
        text = core or self.core(lead, field_name, day)
        opening = rng.choice(tx.OPENINGS)
        if opening:
            text = opening + text[:1].lower() + text[1:]
        return text + rng.choice(tx.CLOSINGS)

    def coops(self, plan: TaskPlan) -> None:
        """Co-operating agencies (often the Sở Tài chính for money matters) and, rarely, a unit of the office."""
        rng = self.rng
        if rng.random() < 0.3:
            others = [lead for lead in self.cast.leads if lead.external and lead is not plan.lead]
            weights = [
                lead.weight
                * (4 if lead.name == "Sở Tài chính" and plan.field in (tx.TC, tx.KHDT, tx.NN) else 1)
                for lead in others
            ]
            chosen = {rng.choices(others, weights)[0].external for _ in range(rng.choice((1, 1, 2, 3)))}
            plan.coop_externals = sorted(chosen, key=lambda e: e.name)
        if rng.random() < 0.06 and plan.lead.unit is None:
            plan.coop_units = [self.cast.units[tx.FIELD_UNIT[plan.field]]]

    def new_plan(self, lead: Lead, field_name: str, day: date, content: str | None = None) -> TaskPlan:
        rng = self.rng
        plan = TaskPlan(
            content=content or self.content(lead, field_name, day),
            lead=lead,
            field=field_name,
            follower=self.cast.follower_for(field_name, rng),
            priority=rng.choices(list(Priority.values), (75, 19, 6))[0],
        )
        self.coops(plan)
        self.set_deadline(plan, day)
        return plan

    def set_deadline(self, plan: TaskPlan, day: date) -> None:
        rng = self.rng
        kind = rng.choices((DeadlineKind.DATE, DeadlineKind.WORKING_DAYS, DeadlineKind.NONE), (80, 16, 4))[0]
        plan.deadline_kind = kind
        if kind == DeadlineKind.DATE:
            span = rng.randint(3, 10) if plan.priority == Priority.URGENT else rng.randint(10, 60)
            plan.deadline = day + timedelta(days=span)
        elif kind == DeadlineKind.WORKING_DAYS:
            plan.working_days = rng.randint(3, 7) if plan.priority == Priority.URGENT else rng.randint(5, 20)
        self.resolve(plan, day)

    def resolve(self, plan: TaskPlan, day: date) -> None:
        """The deadline and due date the service will compute (same functions, same calendar)."""
        deadline = resolve_deadline(
            plan.deadline_kind,
            assigned_on=day,
            calendar=self.calendar,
            deadline=plan.deadline,
            working_days=plan.working_days,
            recurrence=plan.recurrence,
            recurrence_day=plan.recurrence_day,
        )
        plan.due_on = due_date(deadline, self.calendar)

    # outcome ------------------------------------------------------------------------------------------------------
    def working_day_between(self, lo: date, hi: date, toward_hi: bool = False) -> date:
        """A working day in [lo, hi] (hi if none), later ones more likely when ``toward_hi``."""
        days = (hi - lo).days
        if days <= 0:
            return hi
        x = self.rng.triangular(0, days, days) if toward_hi else self.rng.uniform(0, days)
        day = lo + timedelta(days=round(x))
        while not self.calendar.is_working_day(day) and day < hi:
            day += timedelta(days=1)
        return min(day, hi)

    def decide(self, plan: TaskPlan, assigned_on: date) -> None:
        """Finished on time, late, or still open — as the lead usually does."""
        rng, last = self.rng, self.last_day
        due = plan.due_on
        first = assigned_on + timedelta(days=1) if assigned_on < last else assigned_on
        if due is None:
            age = (last - assigned_on).days
            if rng.random() < min(0.75, age / 60):
                plan.outcome = "on_time"
                plan.done_on = self.working_day_between(first, min(last, assigned_on + timedelta(days=90)))
            return
        if due >= self.today:  # not yet due: some finish early
            span = max((due - assigned_on).days, 1)
            elapsed = (self.today - assigned_on).days
            keen = PROFILES[plan.lead.profile][0]  # a lead that is often late rarely finishes early
            if elapsed > 2 and rng.random() < 0.4 * keen * elapsed / span:
                plan.outcome = "on_time"
                plan.done_on = self.working_day_between(first, last)
            return
        on_time, late, _open = PROFILES[plan.lead.profile]
        roll = rng.random()
        if roll < on_time or due < first:
            plan.outcome = "on_time"
            plan.done_on = self.working_day_between(first, min(due, last), toward_hi=True)
        elif roll < on_time + late or (self.today - due).days > OVERDUE_AGE[plan.lead.profile]:
            late_by = int(rng.triangular(1, 45, 4))
            plan.outcome = "late"
            plan.done_on = self.working_day_between(
                due + timedelta(days=1), min(due + timedelta(days=late_by), last)
            )
            if plan.done_on <= due:
                plan.outcome, plan.done_on = "open", None
        else:
            plan.outcome = "open"  # overdue

    # actions ----------------------------------------------------------------------------------------------------
    def schedule(self, plan: TaskPlan, batch: Batch) -> None:
        """The actions of one task, in time order, after it was assigned at ``batch.at``."""
        rng, clock = self.rng, self.clock
        start = batch.at
        actor = self.cast.actor_for(plan, rng)
        acts: list[Action] = []
        self._extension(plan, batch, acts, actor)  # may move the deadline (and so what "done" means)
        done_at = clock.on_day(plan.done_on, acts[-1].at if acts else start) if plan.done_on else None
        end = done_at or clock.limit
        cancel_at = None
        if plan.outcome == "cancelled":
            cancel_at = clock.on_day(self.cancel_day(plan, batch.assigned_on), start)
            end = cancel_at
        if acts:
            end = min(end, acts[0].at)  # progress reports come before the extension request
        if plan.outcome in ("on_time", "late"):
            n = rng.choices((0, 1, 2), (45, 40, 15))[0]
        else:
            n = rng.choices((0, 1, 2, 3), (28, 37, 25, 10))[0]
        if end - start < timedelta(hours=6):
            n = 0
        notes = sorted(rng.sample(range(len(tx.PROGRESS_NOTES)), n))
        times = sorted(clock.between(start, end) for _ in range(n))
        for i, t in zip(notes, times, strict=True):
            percent, text = tx.PROGRESS_NOTES[i]
            if plan.due_on and t.date() > plan.due_on:
                text = rng.choice(tx.LATE_PROGRESS_NOTES)
            acts.append(Action("report", t, actor, {"text": text, "percent": percent}))
        for _ in range(plan.reminders):
            acts.append(self._reminder(plan, batch))
        if plan.reopen and done_at is not None:
            first_done = clock.on_day(self.working_day_between(batch.assigned_on, plan.done_on), start)
            if first_done < done_at - timedelta(days=2) and (not times or first_done > times[-1]):
                reopen_at = clock.between(first_done, done_at)
                reason = rng.choice(tx.REOPEN_REASONS)
                acts.append(Action("complete", first_done, actor, {"day": first_done.date()}))
                acts.append(Action("reopen", reopen_at, batch.assigned_by, {"reason": reason}))
        if done_at is not None:
            acts.append(Action("complete", done_at, actor, {"day": plan.done_on}))
        if cancel_at is not None:
            reason = rng.choice(tx.CANCEL_REASONS)
            acts.append(Action("cancel", cancel_at, batch.assigned_by, {"reason": reason}))
        plan.actions = sorted(acts, key=lambda a: a.at)

    def cancel_day(self, plan: TaskPlan, assigned_on: date) -> date:
        hi = min(self.last_day, plan.due_on or self.last_day, assigned_on + timedelta(days=30))
        return self.working_day_between(min(assigned_on + timedelta(days=2), hi), hi)

    def _reminder(self, plan: TaskPlan, batch: Batch) -> Action:
        """A leader chases an overdue task; a recent reminder still waits for an answer (left unread)."""
        lo = plan.due_on + timedelta(days=1)
        recent = self.calendar.add_working_days(self.last_day, -3)
        latest = plan.fixed or self.rng.random() < 0.4
        day = self.working_day_between(max(lo, recent) if latest else lo, self.last_day)
        if "remind" not in plan.waiting and day >= recent:
            plan.waiting.append("remind")
        who = batch.assigned_by if self.rng.random() < 0.7 else self.cast.users["cvp"]
        at = self.clock.on_day(day, batch.at)
        return Action("remind", at, who, {"note": self.rng.choice(tx.REMINDER_NOTES)})

    def _extension(self, plan: TaskPlan, batch: Batch, acts: list[Action], actor: User) -> None:
        """Xin gia hạn: asked before the deadline or once overdue; approved, refused or still pending.

        The services accept only a proposed date from today on, so extensions are of the last weeks.
        """
        if not plan.extension or plan.due_on is None:
            return
        rng, clock, cal = self.rng, self.clock, self.calendar
        kind = plan.extension
        due = plan.due_on
        if plan.proposed is not None:  # moved to a later month, asked around the end of the planned one
            lo = max(batch.assigned_on, due - timedelta(days=12))
            day = self.working_day_between(
                min(lo, self.last_day), min(due + timedelta(days=5), self.last_day)
            )
        elif kind == "pending":
            day = self.working_day_between(
                max(batch.assigned_on, cal.add_working_days(self.last_day, -3)), self.last_day
            )
        elif kind == "approved":
            day = self.working_day_between(
                max(batch.assigned_on, due - timedelta(days=10)), min(due, self.last_day)
            )
        else:  # asked once overdue
            day = self.working_day_between(min(due + timedelta(days=1), self.last_day), self.last_day)
        asked = clock.on_day(day, batch.at)
        base = max(due, self.today)
        proposed = plan.proposed or base + timedelta(days=rng.randint(10, 30))
        acts.append(
            Action(
                "request", asked, actor, {"reason": rng.choice(tx.EXTENSION_REASONS), "proposed": proposed}
            )
        )
        if kind == "pending":
            plan.waiting.append("request")
            return
        decided = clock.after(asked, (0, 2), (20, 180))
        if decided.date() > self.last_day:  # asked late on the last working day: answered the same evening
            decided = clock.cap(asked + timedelta(minutes=rng.randint(10, 40)), asked)
        if kind == "refused":
            acts.append(
                Action(
                    "decide",
                    decided,
                    batch.assigned_by,
                    {"approve": False, "note": rng.choice(tx.REFUSAL_NOTES)},
                )
            )
            return
        note = rng.choice(tx.APPROVAL_NOTES)
        acts.append(Action("decide", decided, batch.assigned_by, {"approve": True, "note": note}))
        plan.due_on = due_date(proposed, cal)
        if plan.done_on is not None and plan.done_on < decided.date():
            plan.done_on = None
            plan.outcome = "open"
