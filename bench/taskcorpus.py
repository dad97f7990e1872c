"""Tasks (nhiệm vụ) for the benchmark office: the rows ``bench/tasks.py`` adds to the 1M-document corpus, or to a
scratch database for the reminder job.

Two shapes:

- ``corpus`` (the office's history): tasks assigned on the working days of the last 7 years by the UBND leaders
  (the chairman ~32 %, the vice-chairmen the rest; ~8 % by the office leaders), led by the agency's units (≈ 80 %,
  the same unequal load as the documents: unit k ∝ 1/(k+1)^0.9) or by ~60 agencies of the directory (districts,
  departments, communes: ≈ 20 %), co-operating units on ~30 %, a person doing it on ~35 % of the unit-led ones, an
  office specialist following most of them. Deadlines: a date (60 %), N working days (25 %), none (15 %); 6 % of
  the dated ones extended once. Old tasks are mostly completed (≈ 70 % of all; ≈ 84 % of those on time), recent
  ones mostly open; ≈ 2 % withdrawn (cancelled) and ≈ 3 % sub-tasks — both with ``counted=False``.
- ``open`` (the reminder job's worst day): every task open, ``due_on`` spread over ``day`` ± 180 days (10 % without
  deadline), so about half are overdue and a few thousand due within the reminder window.

Columns follow the services' rules: ``due_on`` is the deadline moved off days off (``services.deadlines.due_date``),
``original_due_on`` the first ``due_on`` (before an extension), ``counted`` is False for sub-tasks and cancelled
tasks, ``completed_on``/``progress``=100/``result`` only on completed tasks, ``progress`` 1–99 with
``last_report_at`` on tasks in progress. Each task gets its history ('assigned', and 'reported', 'extended',
'completed', 'cancelled' when they happened) and its progress/final report, written with
``bench.corpus.insert_rows`` (``executemany`` / ``COPY``).
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from importlib import import_module

from bench.corpus import LOCAL, YEARS, _cumulative, _pick
from bench.taskhistory import Rows, TaskHistory, _at

CHUNK = 20_000
N_EXTERNAL = 60
VERBS = [
    "Chủ trì, phối hợp các cơ quan liên quan tham mưu UBND tỉnh",
    "Khẩn trương rà soát, báo cáo đề xuất UBND tỉnh",
    "Tổ chức triển khai thực hiện",
    "Nghiên cứu, tham mưu xây dựng kế hoạch",
    "Kiểm tra, đôn đốc và báo cáo kết quả",
    "Tham mưu văn bản chỉ đạo về việc",
]
SOURCE_CUM = list(_cumulative([35, 25, 20, 10, 10]))
SOURCES = ["incoming", "outgoing", "conclusion", "plan", "adhoc"]
SOURCE_SUFFIX = {"outgoing": "UBND", "conclusion": "TB-UBND", "plan": "KH-UBND"}


class TaskGenerator(TaskHistory):
    """Generates task rows (and their events, reports, extensions, co-operating units) for one agency."""

    def __init__(self, *, tasks: int, seed: int, today: date, shape: str = "corpus") -> None:
        from vanthu.organization.services import calendar_for

        self.n, self.shape, self.today = tasks, shape, today
        self.rng = random.Random(seed)
        self.stats: Counter = Counter()
        self._load()
        self.calendar = calendar_for(self.agency_id)
        self.ids = {k: self._max_id(m) for k, m in self.models.items()}

    # -- reference data ---------------------------------------------------------------------------------------
    def _load(self) -> None:
        from django.db.models.functions import Mod

        from vanthu.history.models import Event
        from vanthu.incoming.models import IncomingDocument
        from vanthu.organization.models import Agency, ExternalAgency, Role, Unit, User
        from vanthu.tasks.models import ExtensionRequest, Field, ProgressReport, Task

        self.Task = Task
        self.models = {
            "task": Task,
            "event": Event,
            "report": ProgressReport,
            "ext": ExtensionRequest,
            "coop": Task.coop_units.through,
            "coopx": Task.coop_externals.through,
        }
        self.agency_id = Agency.objects.order_by("pk").values_list("pk", flat=True)[0]
        units = list(
            Unit.objects.filter(agency_id=self.agency_id).order_by("order", "pk").values_list("pk", "name")
        )
        self.units = [pk for pk, _ in units]
        self.unit_name = dict(units)
        self.unit_cum = list(_cumulative([1 / (k + 1) ** 0.9 for k in range(len(units))]))
        people = list(
            User.objects.filter(agency_id=self.agency_id)
            .order_by("pk")
            .values_list("pk", "role", "unit_id", "first_name", "last_name")
        )
        self.name = {pk: f"{first} {last}".strip() for pk, _, _, first, last in people}
        self.leaders = [pk for pk, role, *_ in people if role == Role.AGENCY_LEADER]
        self.office = [pk for pk, role, *_ in people if role == Role.OFFICE_LEADER]
        self.clerks = [pk for pk, role, *_ in people if role == Role.CLERK] or self.leaders
        self.heads = {
            u: [pk for pk, role, unit, *_ in people if role == Role.UNIT_HEAD and unit == u]
            for u in self.units
        }
        self.members = {u: [] for u in self.units}
        for pk, role, unit, *_ in people:
            if role == Role.SPECIALIST and unit in self.members:
                self.members[unit].append(pk)
        # the office's general department follows the tasks (chuyên viên theo dõi): 30 of its specialists
        self.followers = self.members[self.units[0]][:30] or self.clerks
        # the directory: districts, departments, communes (not ministries: a province assigns them nothing)
        entries = [
            (pk, name)
            for pk, name in ExternalAgency.objects.filter(internal_agency__isnull=True, is_active=True)
            .order_by("pk")
            .values_list("pk", "name")
            if not name.startswith(("Bộ ", "Văn phòng Chính phủ"))
        ][:N_EXTERNAL]
        for i in range(len(entries), N_EXTERNAL):
            e = ExternalAgency.objects.create(
                name=f"Ủy ban nhân dân xã Nhiệm Vụ {i + 1}", abbreviation="UBND"
            )
            entries.append((e.pk, e.name))
        self.externals = [pk for pk, _ in entries]
        self.external_name = dict(entries)
        self.external_cum = list(_cumulative([1 / (k + 1) ** 0.7 for k in range(len(entries))]))
        self.fields = list(Field.objects.order_by("order").values_list("pk", flat=True))
        self.field_cum = list(_cumulative([1 / (k + 1) ** 0.5 for k in range(len(self.fields))]))
        # source documents: a sample of the incoming corpus, by date (ids are chronological)
        self.docs = list(
            IncomingDocument.objects.annotate(k=Mod("id", 25))
            .filter(k=0)
            .order_by("pk")
            .values_list("pk", "received_at", "code_number", "code_notation", "document_date", "abstract")
        )
        self.doc_days = [(r[1] + LOCAL).date() for r in self.docs]
        sample = [r[5] for r in self.docs[:: max(1, len(self.docs) // 5000)]]
        if not sample:  # a scratch database without documents: the directives the corpus draws from
            from bench.corpus import Builder

            sample = [row[3] for row in Builder._read_csv(None)[:5000]]
        self.abstracts = [a.removeprefix("V/v ") for a in sample]

    def _max_id(self, model) -> int:
        from django.db.models import Max

        return model.objects.aggregate(m=Max("pk"))["m"] or 0

    def _next(self, kind: str) -> int:
        self.ids[kind] += 1
        return self.ids[kind]

    # -- generation -------------------------------------------------------------------------------------------
    def days(self) -> list[date]:
        """Assignment days: working days of the last YEARS years (corpus) or of the last ~14 months (open)."""
        span = 365 * YEARS if self.shape == "corpus" else 420
        start = self.today - timedelta(days=span)
        all_days = [start + timedelta(d) for d in range(span + 1)]
        return [d for d in all_days if self.calendar.is_working_day(d)]

    def generate(self, flush) -> None:
        """Generate ``self.n`` tasks in chronological order, calling ``flush(batch)`` every CHUNK tasks."""
        r = self.rng
        n_sub = round(0.03 * self.n) if self.shape == "corpus" else 0
        order = sorted(r.choices(self.days(), k=self.n - n_sub))
        batch = Rows()
        for i, day in enumerate(order):
            task = self._task(batch, day)
            if n_sub and task["lead_unit_id"] and task["state"] != "cancelled":
                # ~78 % of the tasks can be split (led by a unit, not withdrawn): spread the sub-tasks evenly
                if r.random() < n_sub / max(1.0, 0.78 * (len(order) - i)):
                    self._subtask(batch, task)
                    n_sub -= 1
            if len(batch.tasks) >= CHUNK:
                flush(batch)
                batch = Rows()
        for _ in range(n_sub):  # the few the spreading left over: more tasks on the last day
            self._task(batch, order[-1])
        flush(batch)

    def _p_open(self, day: date, no_deadline: bool) -> float:
        age = (self.today - day).days
        if age < 30:
            return 0.85
        if age < 90:
            return 0.6
        if no_deadline:
            return 0.75 if age < 730 else 0.6
        if age < 365:
            return 0.3
        return 0.2

    def _task(self, b: Rows, day: date) -> dict:
        r = self.rng
        pk = self._next("task")
        leader = self.leaders[0] if r.random() < 0.35 else r.choice(self.leaders[1:] or self.leaders)
        if r.random() < 0.08 and self.office:
            leader = r.choice(self.office)
        t = self._base(pk, day, leader, r.choice(self.clerks + self.followers[:10]))
        if r.random() < 0.8:
            unit = self.units[_pick(self.unit_cum, r.random())]
            t["lead_unit_id"] = unit
            if r.random() < 0.35 and self.members[unit]:
                t["lead_user_id"] = r.choice(self.members[unit])
            t["follower_id"] = r.choice(self.followers) if r.random() < 0.6 else None
        else:
            ext = self.externals[_pick(self.external_cum, r.random())]
            t["lead_external_id"] = ext
            t["follower_id"] = r.choice(self.followers) if r.random() < 0.95 else None
            if r.random() < 0.15:
                b.coopx.append(
                    dict(id=self._next("coopx"), task_id=pk, externalagency_id=r.choice(self.externals))
                )
        if r.random() < 0.3:
            for unit in {
                self.units[_pick(self.unit_cum, r.random())] for _ in range(r.choice([1, 1, 1, 2, 3]))
            }:
                if unit != t["lead_unit_id"]:
                    b.coop.append(dict(id=self._next("coop"), task_id=pk, unit_id=unit))
        self._source(t, day)
        self._deadline(b, t, day)
        self._progress(b, t, t["assigned_on"])
        b.tasks.append(t)
        return t

    def _base(self, pk: int, day: date, leader: int, creator: int) -> dict:
        r = self.rng
        text = r.choice(self.abstracts)
        content = f"{r.choice(VERBS)} {text[:1].lower()}{text[1:300]}"
        at = _at(day, r)
        return dict(
            id=pk,
            agency_id=self.agency_id,
            content=content,
            item_number=str(r.randrange(1, 20)) if r.random() < 0.3 else "",
            assigned_by_id=leader,
            assigned_on=day,
            lead_unit_id=None,
            lead_external_id=None,
            lead_user_id=None,
            field_id=self.fields[_pick(self.field_cum, r.random())]
            if self.fields and r.random() < 0.9
            else None,
            priority=r.choices([0, 1, 2], [80, 15, 5])[0],
            state="assigned",
            progress=0,
            counted=True,
            created_by_id=creator,
            created_at=at,
            updated_at=at,
        )

    def _source(self, t: dict, day: date) -> None:
        from bisect import bisect_right

        r = self.rng
        kind = SOURCES[_pick(SOURCE_CUM, r.random())]
        if kind == "incoming":  # one of the documents received shortly before (none: an ad hoc task)
            i = bisect_right(self.doc_days, day) - 1 - r.randrange(0, 10) if self.docs else -1
            if i >= 0:
                pk, _, number, notation, doc_date, abstract = self.docs[i]
                t.update(
                    source_kind=kind,
                    source_incoming_id=pk,
                    source_code=f"{number}/{notation}"[:50] if number else notation[:50],
                    source_date=doc_date,
                    source_abstract=abstract[:500],
                )
                return
            kind = "adhoc"
        t["source_kind"] = kind
        if kind in SOURCE_SUFFIX:
            t.update(
                source_code=f"{r.randrange(1, 4000)}/{SOURCE_SUFFIX[kind]}",
                source_date=day,
                source_abstract=r.choice(self.abstracts)[:500],
            )

    def _deadline(self, b: Rows, t: dict, day: date) -> None:
        from vanthu.tasks.services.deadlines import due_date

        r, cal = self.rng, self.calendar
        if self.shape == "open":
            if r.random() < 0.1:
                t.update(deadline_kind="none", deadline=None, due_on=None, original_due_on=None)
                return
            deadline = self.today + timedelta(days=r.randrange(-180, 181))
            t["assigned_on"] = min(self.today, deadline - timedelta(days=r.randrange(3, 60)))
            t["created_at"] = t["updated_at"] = _at(t["assigned_on"], r)
            due = due_date(deadline, cal)
            t.update(deadline_kind="date", deadline=deadline, due_on=due, original_due_on=due)
            return
        x = r.random()
        if x < 0.15:
            t.update(deadline_kind="none", deadline=None, due_on=None, original_due_on=None)
            return
        if x < 0.40:
            n = r.choice([5, 7, 10, 10, 15, 20, 30])
            deadline = cal.add_working_days(day, n)
            t.update(deadline_kind="working_days", working_days=n)
        else:
            deadline = day + timedelta(days=min(365, max(3, int(r.lognormvariate(3.5, 0.8)))))
            t["deadline_kind"] = "date"
        due = due_date(deadline, cal)
        t.update(deadline=deadline, due_on=due, original_due_on=due)
        if r.random() < 0.06 and due <= self.today + timedelta(days=30):
            new = deadline + timedelta(days=r.randrange(15, 61))
            new_due = due_date(new, cal)
            asked = max(day, due - timedelta(days=r.randrange(1, 6)))
            decided = _at(min(asked + timedelta(days=1), self.today), r)
            holder = (
                t["lead_user_id"]
                or (self.heads.get(t["lead_unit_id"]) or [t["follower_id"] or t["created_by_id"]])[0]
            )
            b.extensions.append(
                dict(
                    id=self._next("ext"),
                    task_id=t["id"],
                    requested_by_id=holder,
                    on_behalf_of=""
                    if t["lead_unit_id"]
                    else self.external_name.get(t["lead_external_id"], ""),
                    reason="Nội dung phức tạp, cần thêm thời gian lấy ý kiến các cơ quan liên quan",
                    proposed_deadline=new,
                    previous_deadline=deadline,
                    state="approved",
                    decided_by_id=t["assigned_by_id"],
                    decided_at=decided,
                    decision_note="",
                    created_at=_at(asked, r),
                )
            )
            self._event(
                b,
                t,
                decided,
                t["assigned_by_id"],
                "extended",
                "",
                "",
                "",
                {"old_deadline": deadline.isoformat(), "new_deadline": new.isoformat()},
            )
            t.update(deadline=new, due_on=new_due, extension_count=1)
            self.stats["extended"] += 1


TASK_TABLES = [
    "tasks_reminder",
    "tasks_extensionrequest",
    "tasks_progressreport_files",
    "tasks_progressreport",
    "tasks_programmeitem",
    "tasks_task_coop_units",
    "tasks_task_coop_externals",
    "tasks_task",
]


def clear_tasks() -> None:
    """Remove every task row (and the tasks' history events) so that a new set can be generated."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("TRUNCATE " + ", ".join(TASK_TABLES) + " CASCADE")
        else:
            for table in TASK_TABLES:
                cur.execute(f'DELETE FROM "{table}"')
        # the history is append-only (database triggers): lift that for this one delete, in this benchmark database
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE history_event DISABLE TRIGGER history_event_append_only")
            cur.execute("DELETE FROM history_event WHERE object_type = 'tasks.task'")
            cur.execute("ALTER TABLE history_event ENABLE TRIGGER history_event_append_only")
        else:
            triggers = import_module("vanthu.history.migrations.0003_append_only_triggers")
            cur.execute("DROP TRIGGER history_event_no_delete")
            cur.execute("DELETE FROM history_event WHERE object_type = 'tasks.task'")
            cur.execute(triggers.SQLITE[1])


def add_tasks(*, tasks: int, seed: int, today: date, shape: str, progress=None) -> dict:
    """Generate and insert the tasks; returns the statistics. Django must be set up on the target database."""
    from django.db import connection

    gen = TaskGenerator(tasks=tasks, seed=seed, today=today, shape=shape)

    def flush(batch: Rows) -> None:
        batch.write(gen)
        if progress:
            progress(gen.stats["tasks"])

    gen.generate(flush)
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            for table in (
                "tasks_task",
                "history_event",
                "tasks_progressreport",
                "tasks_extensionrequest",
                "tasks_task_coop_units",
                "tasks_task_coop_externals",
            ):
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST(1, (SELECT MAX(id) FROM {table})))"
                )
    stats = dict(sorted(gen.stats.items()))
    top = stats["tasks"] - stats.get("subtasks", 0)
    stats["completed %"] = round(100 * stats.get("state:completed", 0) / max(1, stats["tasks"]), 1)
    stats["top-level"] = top
    stats["units with tasks"] = len(gen.units)
    stats["external leads"] = len(gen.externals)
    return stats
