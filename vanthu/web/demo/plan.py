"""What happens to each demo document, by whom and when: a plan of service calls (nothing is written here).

The planner works in three passes over the documents, oldest first:

1. ``assign_states``: how far each document has got (registered 15 %, presented 10 %, in progress 45 %,
   completed 30 %), recent documents being more often still waiting and old ones more often completed;
2. ``route`` + ``set_deadlines``: whom it is presented to and when it is directed, then the deadline, chosen so
   that about 15 % of the open documents are overdue and a few are due within two working days;
3. ``schedule``: the list of actions (present, direct, return, delegate, progress, contribute, acknowledge,
   complete) with their moments, which ``flows`` replays through the services.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings

from vanthu.common.deadlines import due_soon_limit
from vanthu.incoming.states import AssignmentRole, DocState

from . import texts
from .clock import Clock

#: Share of each state among the documents of an agency.
STATE_SHARES = ((DocState.REGISTERED, 0.15), (DocState.PRESENTED, 0.10), (DocState.COMPLETED, 0.30))
#: Share of the open documents that are overdue, and of all documents due within two working days.
OVERDUE_SHARE, DUE_SOON_SHARE = 0.15, 0.012
DEADLINE_DAYS = (3, 15)  # working days given to handle a document


@dataclass
class Action:
    kind: str  # present, forward, direct, return, delegate, progress, contribute, acknowledge, complete
    at: datetime
    actor: str  # username
    data: dict = field(default_factory=dict)


@dataclass(eq=False)
class DocPlan:
    received_at: datetime
    clerk: str
    fields: dict  # the arguments of register_document (sender, notation, abstract…)
    lead: str  # handling unit (abbreviation) or, in the commune, the handling person (username)
    urgency: int = 0
    secret: bool = False
    state: str = DocState.REGISTERED
    route: str = "leader"  # leader | office | office_leader | forward | person
    wrong_unit: str | None = None  # directed there first, returned, then directed again
    specialist_return: bool = False
    presents: list[tuple[str, str, datetime]] = field(default_factory=list)
    director: str | None = None
    first_direct: datetime | None = None
    returned_at: datetime | None = None
    directed_at: datetime | None = None
    deadline: date | None = None
    done_day: date | None = None
    completed_at: datetime | None = None
    attachment: Path | None = None  # a PDF stored and attached when the document is registered
    actions: list[Action] = field(default_factory=list)

    @property
    def handed_over_at(self) -> datetime | None:
        return self.presents[0][2] if self.presents else self.directed_at

    @property
    def last_at(self) -> datetime:
        return max([self.received_at, *(a.at for a in self.actions)])


@dataclass
class Office:
    """Who is who, for the planner: usernames by role and the units' heads and specialists."""

    clerks: list[str]
    titles: dict[str, str]  # username -> position (for the notes)
    names: dict[str, str] = field(default_factory=dict)  # username -> full name
    unit_names: dict[str, str] = field(default_factory=dict)
    units: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # abbr -> (head, specialists)
    agency_leaders: dict[str, tuple[str, ...]] = field(default_factory=dict)  # username -> fields (units)
    office_leaders: dict[str, tuple[str, ...]] = field(default_factory=dict)
    chairman: str = "chutich"
    chief: str = "cvp"


def _pick_weighted(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """``k`` items without replacement, heavier ones more likely (Efraimidis–Spirakis)."""
    keyed = sorted(zip(items, weights, strict=True), key=lambda iw: -(rng.random() ** (1 / max(iw[1], 1e-9))))
    return [item for item, _w in keyed[:k]]


class Planner:
    def __init__(self, office: Office, clock: Clock, rng: random.Random) -> None:
        self.office = office
        self.clock = clock
        self.rng = rng
        self.calendar = clock.calendar

    # pass 1 ---------------------------------------------------------------------------------------------------
    def assign_states(self, plans: list[DocPlan]) -> None:
        n = len(plans)
        left = list(plans)
        ages = {id(p): self.clock.age(p.received_at.date()) for p in plans}
        weight = {
            DocState.REGISTERED: lambda a: math.exp(-a / 6),
            DocState.PRESENTED: lambda a: math.exp(-a / 10),
            DocState.COMPLETED: lambda a: 1 - math.exp(-a / 15) + 0.02,
        }
        for state, share in STATE_SHARES:
            chosen = _pick_weighted(
                self.rng, left, [weight[state](ages[id(p)]) for p in left], round(n * share)
            )
            for p in chosen:
                p.state = state
            chosen_ids = {id(p) for p in chosen}
            left = [p for p in left if id(p) not in chosen_ids]
        for p in left:
            p.state = DocState.IN_PROGRESS

    def mark_returns(self, plans: list[DocPlan]) -> None:
        """A few documents go first to the wrong unit (returned, then redirected); a few specialists hand back."""
        handled = [
            p for p in plans if p.state in (DocState.IN_PROGRESS, DocState.COMPLETED) and not p.urgency
        ]
        for p in self.rng.sample(handled, min(len(handled), max(1, round(len(plans) * 0.02)))):
            p.wrong_unit = self.rng.choice([u for u in self.office.units if u not in (p.lead, "HCTC")])
        for p in self.rng.sample(handled, min(len(handled), max(1, round(len(plans) * 0.01)))):
            p.specialist_return = True

    # pass 2 ---------------------------------------------------------------------------------------------------
    def _leader_for(self, unit: str, leaders: dict[str, tuple[str, ...]], default: str) -> str:
        return next((u for u, fields in leaders.items() if unit in fields), default)

    def route(self, p: DocPlan) -> None:
        """Presentations and the moment of direction (or of forwarding) of one document."""
        if p.state == DocState.REGISTERED:
            return
        rng, clock, o = self.rng, self.clock, self.office
        urgent = p.urgency > 0
        days, quick = ((0, 0), (2, 20)) if urgent else ((0, 1), (15, 150))
        if p.route == "person":  # the commune: the clerk presents to the chairman, who names a person
            chain = [(p.clerk, o.chairman)]
        else:
            if p.secret:
                p.route = rng.choice(("leader", "office_leader"))
            elif p.state != DocState.PRESENTED and not p.wrong_unit and rng.random() < 0.1:
                p.route = "forward"
            else:
                p.route = rng.choices(("leader", "office", "office_leader"), (50, 25, 25))[0]
            if p.route == "forward":
                p.directed_at = clock.after(p.received_at, days, quick)
                return
            top = (
                o.chairman
                if p.secret or p.urgency >= 2
                else self._leader_for(p.lead, o.agency_leaders, o.chairman)
            )
            office = o.chief if p.secret else self._leader_for(p.lead, o.office_leaders, o.chief)
            chain = {
                "leader": [(p.clerk, top)],
                "office": [(p.clerk, office)],
                "office_leader": [(p.clerk, office), (office, top)],
            }[p.route]
            if p.state == DocState.PRESENTED and len(chain) > 1 and rng.random() < 0.5:
                chain = chain[:1]  # still with the office leader
        t = p.received_at
        for actor, leader in chain:
            t = clock.after(t, days, quick)
            p.presents.append((actor, leader, t))
        p.director = chain[-1][1]
        if p.state == DocState.PRESENTED:
            return
        t = clock.after(t, (0, 0) if urgent else (0, 2), (10, 240))
        if p.wrong_unit:
            p.first_direct = t
            p.returned_at = clock.after(t, (0, 1), (30, 240))
            t = clock.after(p.returned_at, (0, 1), (20, 180))
        p.directed_at = t

    def set_deadlines(self, plans: list[DocPlan]) -> None:
        cal, rng = self.calendar, self.rng
        today = self.clock.today
        soon = due_soon_limit(today, cal, settings.VANTHU_DUE_SOON_WORKING_DAYS)
        n_open = sum(p.state != DocState.COMPLETED for p in plans)
        overdue_left = round(OVERDUE_SHARE * n_open)
        soon_left = max(1, round(DUE_SOON_SHARE * len(plans)))
        lo, hi = DEADLINE_DAYS
        in_progress = [p for p in plans if p.state == DocState.IN_PROGRESS]
        rng.shuffle(in_progress)
        for p in in_progress:
            start = p.directed_at.date()
            options = {n: cal.add_working_days(start, n) for n in ((lo,) if p.urgency else range(lo, hi + 1))}
            overdue = [d for d in options.values() if d < today]
            due_soon = [d for d in options.values() if today <= d <= soon]
            within = [d for d in options.values() if d > soon]
            if overdue and overdue_left > 0:
                p.deadline, overdue_left = rng.choice(overdue), overdue_left - 1
            elif due_soon and soon_left > 0:
                p.deadline, soon_left = rng.choice(due_soon), soon_left - 1
            elif within and rng.random() < 0.85:
                p.deadline = rng.choice(within)
            elif rng.random() < 0.5:
                # a longer task (programme, plan, periodic report): a later deadline, not yet reached
                age = cal.working_days_between(start, today)
                p.deadline = cal.add_working_days(start, age + rng.randint(3, 25))
        for p in plans:
            if p.state != DocState.COMPLETED:
                continue
            start = p.directed_at.date()
            if rng.random() < 0.85:
                n = lo if p.urgency else rng.randint(lo, hi)
                p.deadline = cal.add_working_days(start, n)
                k = rng.randint(1, n) if rng.random() < 0.72 else n + rng.randint(1, 8)
            else:
                k = rng.randint(1, 10)
            p.done_day = max(min(cal.add_working_days(start, k), self.clock.last_day), start)

    # pass 3 ---------------------------------------------------------------------------------------------------
    def _partners(self, p: DocPlan) -> tuple[list[str], list[str]]:
        others = [u for u in self.office.units if u not in (p.lead, "HCTC")]
        coops = self.rng.sample(others, self.rng.choices((0, 1, 2), (50, 35, 15))[0])
        rest = [u for u in others if u not in coops]
        infos = [self.rng.choice(rest)] if rest and self.rng.random() < 0.2 else []
        return coops, infos

    def _name(self, unit: str) -> str:
        return self.office.unit_names.get(unit, unit)

    def schedule(self, p: DocPlan) -> None:
        rng, clock, o = self.rng, self.clock, self.office
        add = p.actions.append
        for actor, leader, t in p.presents:
            title = o.titles[leader]
            note = texts.present_note(rng, title) if actor == p.clerk else texts.pass_on_note(rng, title)
            add(Action("present", t, actor, {"leader": leader, "note": note}))
        if p.state in (DocState.REGISTERED, DocState.PRESENTED):
            return
        urgent = p.urgency > 0
        done = p.state == DocState.COMPLETED
        end = clock.on_day(p.done_day, p.directed_at + timedelta(minutes=30)) if done else clock.limit
        if p.route == "person":
            return self._schedule_person(p, end)
        coops, infos = ([], []) if p.route == "forward" else self._partners(p)
        if p.route == "forward":
            data = {"unit": p.lead, "deadline": p.deadline, "note": texts.forward_note(rng)}
            add(Action("forward", p.directed_at, p.clerk, data))
        else:
            if p.wrong_unit:
                text = texts.direction(rng, self._name(p.wrong_unit), [], p.deadline, urgent)
                data = {"lead": p.wrong_unit, "coops": [], "infos": [], "deadline": p.deadline, "text": text}
                add(Action("direct", p.first_direct, p.director, data))
                reason = texts.wrong_unit_reason(self._name(p.lead))
                head = o.units[p.wrong_unit][0]
                add(
                    Action(
                        "return",
                        p.returned_at,
                        head,
                        {"role": "lead", "unit": p.wrong_unit, "reason": reason},
                    )
                )
            text = texts.direction(
                rng, self._name(p.lead), [self._name(u) for u in coops], p.deadline, urgent
            )
            data = {"lead": p.lead, "coops": coops, "infos": infos, "deadline": p.deadline, "text": text}
            add(Action("direct", p.directed_at, p.director, data))
        head, specialists = o.units[p.lead]
        holder = {"role": AssignmentRole.LEAD, "unit": p.lead}
        t = p.directed_at

        def next_time(prev: datetime) -> datetime:
            return clock.between(prev, end) if done else clock.after(prev, (0, 1), (10, 180))

        if rng.random() < (0.6 if urgent else 0.75):
            spec = rng.choice(specialists)
            t = next_time(t)
            inner = self._inner_deadline(p.deadline, t.date())
            note = texts.delegate_note(rng, inner)
            add(Action("delegate", t, head, {**holder, "user_to": spec, "deadline": inner, "note": note}))
            if p.specialist_return and len(specialists) > 1:
                t = next_time(t)
                reason = texts.specialist_return_reason(rng)
                add(Action("return", t, spec, {"role": AssignmentRole.LEAD, "user": spec, "reason": reason}))
                spec = rng.choice([s for s in specialists if s != spec])
                t = next_time(t)
                add(Action("delegate", t, head, {**holder, "user_to": spec, "deadline": inner, "note": note}))
            holder = {"role": AssignmentRole.LEAD, "user": spec}
            for _ in range((1 if rng.random() < 0.3 else 0) if done else rng.choice((0, 0, 1, 2))):
                t = next_time(t)
                text = texts.progress_note(rng, p.fields["sender"].name)
                add(Action("progress", t, spec, {**holder, "text": text}))
        for unit in coops:
            self._coop(p, unit, end, done)
        for unit in infos:
            if rng.random() < (0.8 if done else 0.5):
                at = clock.between(p.directed_at, end)
                add(Action("acknowledge", at, o.units[unit][0], {"role": AssignmentRole.INFO, "unit": unit}))
        if done:
            p.completed_at = clock.cap(max(end, t + timedelta(minutes=5)), t)
            actor = holder.get("user") or head
            number = p.completed_at.timetuple().tm_yday * rng.randint(12, 20)
            result = texts.result(rng, p.lead, number, p.completed_at.date())
            add(Action("complete", p.completed_at, actor, {**holder, "result": result}))

    def _coop(self, p: DocPlan, unit: str, end: datetime, done: bool) -> None:
        rng, clock = self.rng, self.clock
        head, specialists = self.office.units[unit]
        holder = {"role": AssignmentRole.COOP, "unit": unit}
        contributed = done or rng.random() < 0.5
        if not contributed and rng.random() > 0.3:
            return
        t = clock.between(p.directed_at, end)
        actor = head
        if rng.random() < 0.35 or not contributed:
            spec = rng.choice(specialists)
            note = "Đồng chí nghiên cứu, tham gia ý kiến với đơn vị chủ trì."
            p.actions.append(
                Action("delegate", t, head, {**holder, "user_to": spec, "deadline": None, "note": note})
            )
            holder, actor = {"role": AssignmentRole.COOP, "user": spec}, spec
            t = clock.between(t, end)
        if contributed:
            p.actions.append(Action("contribute", t, actor, {**holder, "text": texts.contribution(rng)}))

    def _schedule_person(self, p: DocPlan, end: datetime) -> None:
        """The commune: the chairman names one person, who finishes the document."""
        rng, clock = self.rng, self.clock
        text = texts.direction(rng, "đồng chí " + self.office.names[p.lead], [], p.deadline, p.urgency > 0)
        data = {"lead_user": p.lead, "coops": [], "infos": [], "deadline": p.deadline, "text": text}
        p.actions.append(Action("direct", p.directed_at, p.director, data))
        holder = {"role": AssignmentRole.LEAD, "user": p.lead}
        t = p.directed_at
        if rng.random() < 0.4:
            t = clock.between(t, end) if p.state == DocState.COMPLETED else clock.after(t, (1, 3))
            text = texts.progress_note(rng, p.fields["sender"].name)
            p.actions.append(Action("progress", t, p.lead, {**holder, "text": text}))
        if p.state == DocState.COMPLETED:
            p.completed_at = clock.cap(max(end, t + timedelta(minutes=5)), t)
            result = "Đã báo cáo Chủ tịch UBND xã; văn bản lưu hồ sơ."
            p.actions.append(Action("complete", p.completed_at, p.lead, {**holder, "result": result}))

    def _inner_deadline(self, deadline: date | None, assigned: date) -> date | None:
        """The unit head's own deadline for the specialist: a working day before the document's, if there is room."""
        if deadline is None or self.rng.random() < 0.5:
            return deadline
        earlier = self.calendar.add_working_days(deadline, -1)
        return earlier if earlier > assigned else deadline

    def plan_all(self, plans: list[DocPlan], with_returns: bool = True) -> None:
        self.assign_states(plans)
        if with_returns:
            self.mark_returns(plans)
        for p in plans:
            self.route(p)
        self.set_deadlines(plans)
        for p in plans:
            self.schedule(p)
