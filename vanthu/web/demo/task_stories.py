"""Where the demo tasks come from and what happens to them: the batches (one per document, meeting, plan or
ad hoc order) and the choice of which tasks are extended, chased, withdrawn or reopened.

Nothing is written here; ``tasks.build_tasks`` replays the plans through the services.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from vanthu.incoming.models import Assignment, IncomingDocument
from vanthu.incoming.states import AssignmentRole, DocState
from vanthu.organization.models import Agency, Role
from vanthu.tasks.models import DeadlineKind, SourceKind
from vanthu.tasks.services import Source

from . import task_sources as src
from . import task_texts as tx
from .task_plan import Batch, TaskPlan, TaskPlanner

#: The outside agency with accounts whose story is told in every status.
OUTSIDE_LEAD = "Sở Tài chính"


class _Numbers:
    """Numbers of documents of the People's Committee, growing through each year like a real register."""

    RATES = {"TB": 1.3, "KH": 1.0, "CV": 22.0}

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[tuple[str, int, int]] = set()

    def next(self, kind: str, day: date) -> int:
        n = max(1, int(day.timetuple().tm_yday * self.RATES[kind]) + self.rng.randint(0, 6))
        while (kind, day.year, n) in self.used:
            n += 1
        self.used.add((kind, day.year, n))
        return n


class TaskStories:
    """Plans the batches of tasks (who assigns what to whom, when) and what then happens to each."""

    def __init__(self, planner: TaskPlanner) -> None:
        self.planner = planner
        self.rng = planner.rng
        self.cast = planner.cast
        self.clock = planner.clock
        self.numbers = _Numbers(self.rng)
        cal, last = planner.calendar, planner.last_day
        start = planner.today - timedelta(days=365)
        self.days = [
            start + timedelta(days=i)
            for i in range((last - start).days + 1)
            if cal.is_working_day(start + timedelta(days=i))
        ]
        # a little busier lately (more work, and old tasks are archived away from the lists)
        self.day_weights = [0.75 + 0.5 * i / len(self.days) for i in range(len(self.days))]
        self.batches: list[Batch] = []

    # where tasks come from ----------------------------------------------------------------------------------
    def _day(self) -> date:
        return self.rng.choices(self.days, self.day_weights)[0]

    def _assigner(self, field_name: str):
        return self.cast.chairman if self.rng.random() < 0.2 else self.cast.leader_for(field_name)

    def _batch(self, source: Source, assigned_by, day: date, plans: list[TaskPlan], at=None) -> Batch:
        actor = plans[0].follower
        batch = Batch(source, assigned_by, day, at or self.planner.moment(day), actor, plans)
        self.batches.append(batch)
        return batch

    def count(self) -> int:
        return sum(len(b.plans) for b in self.batches)

    def from_incoming(self, agency: Agency) -> None:
        """Tasks the leaders gave when directing incoming documents (some documents give two)."""
        docs = list(
            IncomingDocument.objects.filter(
                agency=agency,
                confidentiality=0,
                directed_at__isnull=False,
                state__in=(DocState.IN_PROGRESS, DocState.COMPLETED),
            )
            .select_related("directed_by")
            .order_by("directed_at", "pk")
        )
        units = dict(
            Assignment.objects.filter(document__in=docs, role=AssignmentRole.LEAD, unit__isnull=False)
            .order_by("assigned_at")
            .values_list("document_id", "unit__abbreviation")
        )
        rng, planner = self.rng, self.planner
        for doc in docs:
            if rng.random() > 0.45:
                continue
            day = timezone.localdate(doc.directed_at)
            plans = self._incoming_plans(doc, units.get(doc.pk, "TH"), day)
            if doc.deadline and doc.deadline >= day + timedelta(days=3) and rng.random() < 0.7:
                plans[0].deadline_kind, plans[0].deadline, plans[0].working_days = (
                    DeadlineKind.DATE,
                    doc.deadline,
                    None,
                )
                planner.resolve(plans[0], day)
            by = doc.directed_by
            assigned_by = by if by and by.role == Role.AGENCY_LEADER else self.cast.leader_for(plans[0].field)
            at = self.clock.cap(doc.directed_at + timedelta(minutes=rng.randint(10, 120)), doc.directed_at)
            self._batch(Source(kind=SourceKind.INCOMING, incoming=doc), assigned_by, day, plans, at)

    def _incoming_plans(self, doc: IncomingDocument, unit: str, day: date) -> list[TaskPlan]:
        """A department's proposal goes back to it (or to the department that appraises it); a commune's request
        to the department in charge; a ministry's document to the department of its field (sometimes two)."""
        rng, planner = self.rng, self.planner
        sender = self.cast.by_name.get(doc.sender_name)
        fields = tx.UNIT_FIELDS.get(unit, (tx.TH,))
        if sender is not None and not sender.local:
            field_name = rng.choice(sender.fields)
            if rng.random() < 0.6:
                return [
                    planner.new_plan(sender, field_name, day, rng.choice(src.INCOMING_OWN) + doc.abstract)
                ]
            lead = planner.pick_lead(field_name)
            if lead is not sender:
                opening = src.INCOMING_REVIEW[0].format(sender=sender.name)
                return [planner.new_plan(lead, field_name, day, opening + doc.abstract)]
            return [planner.new_plan(sender, field_name, day, rng.choice(src.INCOMING_OWN) + doc.abstract)]
        if sender is not None:  # a commune or ward asks the province
            field_name = rng.choice(fields)
            lead = rng.choice(self.cast.leads_for(field_name, local=False))
            opening = src.INCOMING_REVIEW[1].format(sender=sender.name.replace("Ủy ban nhân dân", "UBND"))
            return [planner.new_plan(lead, field_name, day, opening + doc.abstract)]
        field_name = src.SENDER_FIELDS.get(doc.sender_name) or rng.choice(fields)
        lead = planner.pick_lead(field_name)
        plans = [planner.new_plan(lead, field_name, day, rng.choice(src.INCOMING_OPENINGS) + doc.abstract)]
        if rng.random() < 0.25:
            other = planner.pick_lead(field_name)
            if other is not lead:
                plans.append(planner.new_plan(other, field_name, day, src.INCOMING_SECOND + doc.abstract))
        return plans

    def from_plans(self) -> None:
        """Kế hoạch: the numbered items of a plan, each to its own lead, given in one go."""
        rng, planner = self.rng, self.planner
        early = [d for d in self.days if d.month <= 4 and d.year == planner.today.year] or self.days
        for title, items in src.PLANS:
            day = rng.choice(early)
            fields = [f for f, _text in items]
            plans = []
            for i, (field_name, text) in enumerate(items, start=1):
                lead = planner.pick_lead(field_name)
                core = text.format(year=day.year, next=day.year + 1)
                plan = planner.new_plan(lead, field_name, day, planner.content(lead, field_name, day, core))
                plan.item_number = str(i)
                if rng.random() < 0.85:  # plans run for months
                    plan.deadline_kind, plan.working_days = DeadlineKind.DATE, None
                    plan.deadline = day + timedelta(days=rng.randint(45, 200))
                    planner.resolve(plan, day)
                plans.append(plan)
            number = self.numbers.next("KH", day)
            source = Source(
                kind=SourceKind.PLAN, code=f"{number}/KH-UBND", date=day, abstract=title.format(year=day.year)
            )
            self._batch(source, self._assigner(fields[0]), day, plans)

    def from_conclusion(self) -> None:
        """Thông báo kết luận: what a leader concluded at a meeting, two to five tasks to different leads."""
        rng, planner = self.rng, self.planner
        subject, fields = rng.choice(src.MEETINGS)
        day = self._day()
        subject = subject.format(month=day.month, year=day.year)
        leader = self.cast.chairman if "phiên họp" in subject else self._assigner(fields[0])
        plans: list[TaskPlan] = []
        used = set()
        for i in range(rng.randint(2, 5)):
            field_name = fields[i % len(fields)] if i < len(fields) else rng.choice(fields)
            lead = planner.pick_lead(field_name)
            if lead.name in used:
                continue
            used.add(lead.name)
            plan = planner.new_plan(lead, field_name, day)
            plan.item_number = str(len(plans) + 1)
            plans.append(plan)
        number = self.numbers.next("TB", day)
        abstract = f"Kết luận của {leader.position} {leader.display_name} tại {subject}"
        source = Source(kind=SourceKind.CONCLUSION, code=f"{number}/TB-UBND", date=day, abstract=abstract)
        self._batch(source, leader, day, plans)

    def from_letter(self) -> None:
        """Văn bản chỉ đạo: a letter of the People's Committee (công văn UBND-KT…) giving one or two tasks."""
        rng, planner = self.rng, self.planner
        lead = planner.pick_lead()
        field_name = rng.choice(lead.fields)
        day = self._day()
        core = planner.core(lead, field_name, day)
        plans = [planner.new_plan(lead, field_name, day, planner.content(lead, field_name, day, core))]
        if rng.random() < 0.2:
            other = planner.pick_lead(field_name)
            if other is not lead:
                plans.append(
                    planner.new_plan(other, field_name, day, planner.content(other, field_name, day, core))
                )
        unit = tx.FIELD_UNIT[field_name]
        number = self.numbers.next("CV", day)
        abstract = "V/v " + core[:1].lower() + core[1:]
        source = Source(kind=SourceKind.OUTGOING, code=f"{number}/UBND-{unit}", date=day, abstract=abstract)
        self._batch(source, self._assigner(field_name), day, plans)

    def ad_hoc(self) -> None:
        rng, planner = self.rng, self.planner
        lead = planner.pick_lead()
        field_name = rng.choice(lead.fields)
        day = self._day()
        source = Source(kind=SourceKind.ADHOC, abstract=rng.choice(src.ADHOC_OCCASIONS))
        self._batch(source, self._assigner(field_name), day, [planner.new_plan(lead, field_name, day)])

    def fill(self, target: int) -> None:
        """Conclusions, letters and ad hoc tasks until about ``target`` tasks are planned."""
        left = max(0, target - self.count())
        goals = ((self.from_conclusion, 0.38), (self.from_letter, 0.40), (self.ad_hoc, 0.22))
        base = self.count()
        reached = 0.0
        for make, share in goals:
            reached += share
            while self.count() < base + left * reached:
                make()

    def outside_story(self) -> None:
        """The Sở Tài chính (which has accounts): one task in each status, plus an extension it waits for."""
        planner, cal, rng = self.planner, self.planner.calendar, self.rng
        lead = self.cast.by_name[OUTSIDE_LEAD]
        last, today = planner.last_day, planner.today

        def ago(n: int) -> date:
            return cal.add_working_days(last, -n)

        cases = (  # (assigned, deadline, outcome, done, extras)
            (ago(60), ago(45), "on_time", ago(47), {}),
            (ago(80), ago(60), "late", ago(50), {}),
            (ago(30), ago(12), "open", None, {"reminders": 1}),
            (ago(12), planner.soon, "open", None, {}),
            (ago(15), today + timedelta(days=20), "open", None, {"extension": "pending"}),
            (ago(20), None, "open", None, {}),
            (ago(35), ago(5), "cancelled", None, {}),
            (last, today + timedelta(days=25), "open", None, {}),
        )
        for day, deadline, outcome, done, extras in cases:
            field_name = rng.choice(lead.fields)
            plan = planner.new_plan(lead, field_name, day)
            plan.deadline_kind = DeadlineKind.DATE if deadline else DeadlineKind.NONE
            plan.deadline, plan.working_days = deadline, None
            planner.resolve(plan, day)
            plan.outcome, plan.done_on, plan.fixed = outcome, done, True
            for name, value in extras.items():
                setattr(plan, name, value)
            number = self.numbers.next("CV", day)
            unit = tx.FIELD_UNIT[field_name]
            source = Source(kind=SourceKind.OUTGOING, code=f"{number}/UBND-{unit}", date=day)
            self._batch(source, self.cast.leader_for(field_name), day, [plan])

    # what happens ------------------------------------------------------------------------------------------------
    def decide_all(self) -> None:
        for batch in self.batches:
            for plan in batch.plans:
                if not plan.fixed:
                    self.planner.decide(plan, batch.assigned_on)

    def special(self) -> None:
        """Extensions (approved, approved once overdue, refused, pending), reminders, withdrawals, reopenings."""
        rng, today, last = self.rng, self.planner.today, self.planner.last_day
        free = [(p, b) for b in self.batches for p in b.plans if not p.fixed]

        def pick(n: int, test, weight=lambda p: 1.0) -> list[tuple[TaskPlan, Batch]]:
            candidates = [
                (p, b) for p, b in free if test(p, b) and not p.extension and p.outcome != "cancelled"
            ]
            chosen: list[tuple[TaskPlan, Batch]] = []
            while candidates and len(chosen) < n:
                one = rng.choices(candidates, [weight(p) for p, _b in candidates])[0]
                candidates.remove(one)
                chosen.append(one)
            return chosen

        def overdue(p: TaskPlan, lo: int, hi: int) -> bool:
            return p.outcome == "open" and p.due_on is not None and lo <= (today - p.due_on).days <= hi

        soon = [(p, b) for p, b in free if p.due_on and 0 <= (p.due_on - today).days <= 15]
        for p, _b in pick(10, lambda p, b: (p, b) in soon and b.assigned_on <= last - timedelta(days=7)):
            p.extension = "approved"
        for p, _b in pick(8, lambda p, b: overdue(p, 3, 30)):
            p.extension = "overdue"
        lagging = lambda p: 4.0 if p.lead.profile == "lagging" else 1.0  # noqa: E731
        for p, _b in pick(6, lambda p, b: overdue(p, 2, 40), lagging):
            p.extension = "refused"
        for p, _b in pick(
            4,
            lambda p, b: (
                p.outcome == "open" and p.due_on is not None and p.due_on > today - timedelta(days=20)
            ),
        ):
            p.extension = "pending"
        reminded = [(p, b) for p, b in free if overdue(p, 3, 400) and p.extension in ("", "refused")]
        for p, _b in rng.sample(reminded, min(15, len(reminded))):
            p.reminders = 1 if rng.random() < 0.8 else 2
        for p, _b in pick(12, lambda p, b: b.assigned_on <= last - timedelta(days=14) and not p.reminders):
            p.outcome, p.done_on = "cancelled", None
        for p, _b in pick(
            3,
            lambda p, b: (
                p.outcome in ("on_time", "late")
                and p.done_on <= last - timedelta(days=10)
                and (p.done_on - b.assigned_on).days >= 12
            ),
        ):
            p.reopen = True

    def schedule_all(self) -> None:
        for batch in self.batches:
            for plan in batch.plans:
                self.planner.schedule(plan, batch)
