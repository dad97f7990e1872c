"""The life of each generated task after its assignment: its history events, progress and final reports,
completion or withdrawal, its sub-tasks (``TaskHistory``, mixed into ``bench.taskcorpus.TaskGenerator``), and the
batch of rows written at each flush (``Rows``)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from bench.corpus import LOCAL, insert_rows

RESULTS = [
    "Đã tham mưu UBND tỉnh ban hành văn bản",
    "Đã báo cáo kết quả thực hiện",
    "Đã tổ chức triển khai, hoàn thành",
    "Đã trình UBND tỉnh xem xét",
]


def _at(day: date, rng, start_hour: int = 8, hours: int = 8) -> datetime:
    """An aware UTC datetime during office hours of the local ``day``."""
    local = datetime.combine(day, time(start_hour + rng.randrange(hours), rng.randrange(60)), UTC)
    return local - LOCAL


class TaskHistory:
    """Events, reports, completion and sub-tasks; expects the generator's ``rng``, ``today``, ``ids``, names."""

    def _holder(self, t: dict) -> tuple[int, str]:
        """Who reports for the task (and on whose behalf, for an outside lead the office records for)."""
        if t["lead_user_id"]:
            return t["lead_user_id"], ""
        if t["lead_unit_id"]:
            return self.heads[t["lead_unit_id"]][0], ""
        return t["follower_id"] or t["created_by_id"], self.external_name.get(t["lead_external_id"], "")

    def _progress(self, b: Rows, t: dict, day: date) -> None:
        r = self.rng
        self._event(
            b,
            t,
            t["created_at"],
            t["created_by_id"],
            "assigned",
            "",
            "assigned",
            t["content"][:500],
            {
                "lead": self.unit_name.get(t["lead_unit_id"])
                or self.external_name.get(t["lead_external_id"])
                or "",
                "deadline": t["deadline"].isoformat() if t["deadline"] else None,
                "assigned_by": self.name.get(t["assigned_by_id"], ""),
            },
        )
        due = t["due_on"]
        if self.shape == "corpus" and r.random() < 0.02:
            at = _at(min(self.today, day + timedelta(days=r.randrange(1, 60))), r)
            t.update(state="cancelled", counted=False, updated_at=at)
            self._event(
                b,
                t,
                at,
                t["assigned_by_id"],
                "cancelled",
                "assigned",
                "cancelled",
                "Nhiệm vụ không còn phù hợp, thu hồi",
                {},
            )
            self.stats["cancelled"] += 1
            return
        if self.shape == "open" or r.random() < self._p_open(day, due is None):
            if r.random() < 0.6 and day < self.today:
                report_day = day + timedelta(days=r.randrange(0, (self.today - day).days + 1))
                self._report(b, t, report_day, r.randrange(10, 95, 5))
            return
        # completed
        if due is None:
            done = day + timedelta(days=int(r.lognormvariate(3.4, 0.8)))
        elif r.random() < 0.82:
            done = day + timedelta(days=r.randrange(0, max(1, (due - day).days + 1)))
        else:
            done = due + timedelta(days=1 + int(r.lognormvariate(2.3, 0.9)))
        done = min(done, self.today)
        self._complete(b, t, done)

    def _report(self, b: Rows, t: dict, on: date, percent: int) -> None:
        r = self.rng
        author, behalf = self._holder(t)
        at = _at(on, r)
        text = f"Đang phối hợp các cơ quan liên quan triển khai, đạt khoảng {percent}% khối lượng công việc"
        b.reports.append(
            dict(
                id=self._next("report"),
                task_id=t["id"],
                kind="progress",
                author_id=author,
                on_behalf_of=behalf,
                text=text,
                percent=percent,
                report_code="",
                report_date=on,
                created_at=at,
            )
        )
        self._event(
            b,
            t,
            at,
            author,
            "reported",
            t["state"],
            "in_progress",
            text,
            {"percent": percent, "on_behalf_of": behalf},
        )
        t.update(state="in_progress", progress=percent, last_report_at=at, updated_at=at)

    def _complete(self, b: Rows, t: dict, on: date) -> None:
        r = self.rng
        author, behalf = self._holder(t)
        at = _at(on, r)
        code = f"{r.randrange(1, 3000)}/BC-{'UBND' if behalf else 'VP'}"
        result = f"{r.choice(RESULTS)} số {code} ngày {on:%d/%m/%Y}"
        b.reports.append(
            dict(
                id=self._next("report"),
                task_id=t["id"],
                kind="final",
                author_id=author,
                on_behalf_of=behalf,
                text=result,
                percent=100,
                report_code=code,
                report_date=on,
                created_at=at,
            )
        )
        self._event(
            b,
            t,
            at,
            author,
            "completed",
            t["state"],
            "completed",
            result,
            {"completed_on": on.isoformat(), "report_code": code, "on_behalf_of": behalf},
        )
        t.update(
            state="completed",
            progress=100,
            completed_on=on,
            result=result,
            result_code=code,
            last_report_at=at,
            updated_at=at,
        )

    def _subtask(self, b: Rows, parent: dict) -> None:
        """A sub-task the head of the lead unit gives to one of its people or to a co-operating unit."""
        r = self.rng
        unit = parent["lead_unit_id"]
        head = self.heads[unit][0]
        day = min(self.today, parent["assigned_on"] + timedelta(days=r.randrange(0, 4)))
        t = self._base(self._next("task"), day, head, head)
        t.update(
            parent_id=parent["id"],
            counted=False,
            content="Thực hiện phần việc: " + parent["content"][:300],
            field_id=parent["field_id"],
            source_kind=parent.get("source_kind", "adhoc"),
            source_incoming_id=parent.get("source_incoming_id"),
            source_code=parent.get("source_code", ""),
            source_date=parent.get("source_date"),
            source_abstract=parent.get("source_abstract", ""),
        )
        coop = [c["unit_id"] for c in b.coop if c["task_id"] == parent["id"]]
        if coop and r.random() < 0.4:
            t["lead_unit_id"] = r.choice(coop)
        else:
            t["lead_user_id"] = r.choice(self.members[unit]) if self.members[unit] else head
        due = parent["due_on"]
        if due is None or due < day:
            t.update(deadline_kind="none", deadline=None, due_on=None, original_due_on=None)
        else:
            mine = self.calendar.add_working_days(due, -2)
            mine = mine if mine >= day else due
            t.update(deadline_kind="date", deadline=mine, due_on=mine, original_due_on=mine)
        self._event(
            b,
            t,
            t["created_at"],
            head,
            "assigned",
            "",
            "assigned",
            t["content"][:500],
            {
                "lead": self.unit_name.get(t["lead_unit_id"]) or self.name.get(t["lead_user_id"], ""),
                "deadline": t["deadline"].isoformat() if t["deadline"] else None,
                "assigned_by": self.name[head],
            },
        )
        if parent["state"] == "completed":
            self._complete(b, t, max(day, parent["completed_on"] - timedelta(days=r.randrange(0, 5))))
        elif r.random() < 0.5 and day < self.today:
            self._report(b, t, day + timedelta(days=r.randrange(0, (self.today - day).days + 1)), 50)
        self.stats["subtasks"] += 1
        b.tasks.append(t)

    def _event(
        self, b: Rows, t: dict, at: datetime, actor, verb, from_state, to_state, note, payload
    ) -> None:
        b.events.append(
            dict(
                id=self._next("event"),
                at=at,
                actor_id=actor,
                object_type="tasks.task",
                object_id=t["id"],
                verb=verb,
                from_state=from_state,
                to_state=to_state,
                note=note,
                payload=payload,
            )
        )

    def count(self, rows: list[dict]) -> None:
        """Statistics of the generated tasks, by the report categories of ``vanthu.tasks.queries``."""
        from vanthu.common.deadlines import deadline_status, due_soon_limit

        soon = due_soon_limit(self.today, self.calendar)
        for t in rows:
            self.stats["tasks"] += 1
            self.stats[f"state:{t['state']}"] += 1
            if t["state"] == "cancelled":
                continue
            status = deadline_status(t.get("due_on"), t.get("completed_on"), self.today, soon)
            self.stats[f"{'counted' if t['counted'] else 'not counted'}:{status.value}"] += 1
            if t.get("lead_external_id"):
                self.stats["lead external"] += 1


class Rows:
    def __init__(self) -> None:
        self.tasks: list[dict] = []
        self.events: list[dict] = []
        self.reports: list[dict] = []
        self.extensions: list[dict] = []
        self.coop: list[dict] = []
        self.coopx: list[dict] = []

    def write(self, gen) -> None:
        from django.db import transaction

        from vanthu.history.models import Event
        from vanthu.tasks.models import ExtensionRequest, ProgressReport, Task

        gen.count(self.tasks)
        with transaction.atomic():
            insert_rows(Task, self.tasks)
            insert_rows(Task.coop_units.through, self.coop)
            insert_rows(Task.coop_externals.through, self.coopx)
            insert_rows(Event, self.events)
            insert_rows(ProgressReport, self.reports)
            insert_rows(ExtensionRequest, self.extensions)
        gen.stats["events"] += len(self.events)
        gen.stats["reports"] += len(self.reports)
        gen.stats["coop units"] += len(self.coop)
