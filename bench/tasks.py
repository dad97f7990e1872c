"""Tasks (nhiệm vụ) at scale: 200,000 tasks in the 1M-document office, the dashboard and task-list server time,
and the daily reminder job over 200,000 open tasks.

    python -m bench.tasks --db sqlite   --reuse [--tasks 200000] [--reps 50] [--explain] [--json out.json]
    python -m bench.tasks --db postgres --reuse
    python -m bench.tasks --db sqlite   --reuse --build-only
    python -m bench.tasks --db sqlite   --reminders [--tasks 200000] [--day 2026-11-30]
    python -m bench.tasks --db postgres --reminders [--trace]

Pages (default mode): takes the corpus of ``bench/corpus.py`` (same options; ``--reuse`` keeps it), adds the
tasks of ``bench/taskcorpus.py`` unless the corpus description says the same tasks are already in (``--retasks``
regenerates them), refreshes the statistics as a deploy would (SQLite: ``migrate`` and ANALYZE — the application's
post-migrate ANALYZE hook does not fire; PostgreSQL: VACUUM ANALYZE of the task tables), then measures, as the
chairman, the head of the busiest unit and the specialist of that unit with the most open tasks, the dashboard,
its incoming section (loaded by htmx), the task list (default, ``status=overdue``, ``scope=mine``,
``lead_unit=<busiest unit>&status=overdue``) and the detail page of the newest overdue task, with
``bench.pages.measure`` (warm-ups, timed requests, one request under ``CaptureQueriesContext``).

Reminders (``--reminders``): a scratch database (SQLite ``var/bench/reminders.sqlite3``, PostgreSQL
``vanthu_bench_rem``; rebuilt every time) with the corpus's organisation (1 agency, 40 units, 5,000 users, no
documents) and ``--tasks`` OPEN tasks due around ``--day`` (default: today, or the next working day), then
``vanthu.tasks.jobs.run_daily(day)`` twice (the second run must send nothing) and once on the next working day.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import time
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench  # noqa: E402
from bench import corpus  # noqa: E402

TARGET_MS = 150.0
REM_SQLITE = bench.BENCH_DIR / "reminders.sqlite3"
REM_PG = "vanthu_bench_rem"
USER_LABELS = {
    "chairman": "chủ tịch",
    "unit_head": "trưởng phòng (đơn vị bận nhất)",
    "specialist": "chuyên viên (đơn vị bận nhất)",
}


def _today() -> date:
    from django.utils import timezone

    return timezone.localdate()


# --------------------------------------------------------------------------- the task corpus


@contextmanager
def auto_now_off():
    """Let the generator set created_at/updated_at itself (as ``corpus._disable_auto_now``), then give them back
    to the services the benchmark runs afterwards (the reminder job stamps its rows)."""
    from django.apps import apps

    saved = [
        (f, f.auto_now, f.auto_now_add)
        for m in apps.get_models()
        for f in m._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    corpus._disable_auto_now()
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def ensure_tasks(args, meta: dict) -> dict:
    """Add the tasks unless the corpus description says the same ones are in; return their description."""
    from django.core.management import call_command
    from django.db import connection

    from bench import taskcorpus
    from vanthu.tasks.models import Task

    params = {"tasks": args.tasks, "seed": args.seed}
    known = meta.get("tasks") or {}
    if known.get("params") == params and not args.retasks and Task.objects.exists():
        call_command("migrate", verbosity=0)  # the code may have new migrations since the corpus was built
        known["reused"] = True
        return known
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)  # the corpus may predate the tasks migrations
    if Task.objects.exists():
        print("# removing the tasks already in the corpus", flush=True)
        taskcorpus.clear_tasks()
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("PRAGMA synchronous=OFF")
            cur.execute("PRAGMA cache_size=-1000000")
    today = _today()

    def progress(made: int) -> None:
        print(f"  {made:>9,} tasks  {time.perf_counter() - t0:7.1f} s", flush=True)

    with auto_now_off():
        stats = taskcorpus.add_tasks(
            tasks=args.tasks, seed=args.seed, today=today, shape="corpus", progress=progress
        )
    t_rows = time.perf_counter()
    refresh_statistics()
    connection.close()  # the pages get a connection with the application's own settings (pragmas)
    info = {
        "params": params,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "today": today.isoformat(),
        "rows_seconds": round(t_rows - t0, 1),
        "analyze_seconds": round(time.perf_counter() - t_rows, 1),
        "counts": stats,
    }
    meta = {k: v for k, v in meta.items() if k != "reused"}
    meta["tasks"] = info
    corpus._write_meta(args.db, meta, args.sqlite_path, args.pg_name)
    return info


def refresh_statistics() -> None:
    """What a deploy should do after adding rows: SQLite ``migrate`` + ANALYZE, PostgreSQL (auto)VACUUM ANALYZE."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        # migrate (vanthu.web's post-migrate hook runs ANALYZE since 2026-11-28) and ANALYZE again for older code
        call_command("migrate", verbosity=0)
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return
    name = connection.settings_dict["NAME"]
    connection.close()
    for table in (
        "tasks_task",
        "tasks_task_coop_units",
        "tasks_task_coop_externals",
        "tasks_progressreport",
        "tasks_extensionrequest",
        "tasks_reminder",
        "history_event",
    ):
        bench.pg_admin(f"VACUUM ANALYZE {table}", dbname=name)


def pick_users(agency_id: int) -> dict:
    """The chairman, the head of the busiest unit and its specialist with the most open tasks of his own."""
    from django.db.models import Count

    from vanthu.organization.models import Role, Unit, User
    from vanthu.tasks.models import Task
    from vanthu.tasks.states import OPEN_STATES

    busy = Unit.objects.filter(agency_id=agency_id).order_by("order", "pk").first()
    head = User.objects.filter(unit=busy, role=Role.UNIT_HEAD).order_by("username").last()
    row = (
        Task.objects.filter(lead_user__unit=busy, lead_user__role=Role.SPECIALIST, state__in=OPEN_STATES)
        .values("lead_user__username")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    chairman = User.objects.filter(agency_id=agency_id, role=Role.AGENCY_LEADER).order_by("pk").first()
    return {
        "chairman": chairman.username,
        "unit_head": head.username,
        "specialist": row["lead_user__username"]
        if row
        else User.objects.filter(unit=busy, role=Role.SPECIALIST)[0].username,
        "busy_unit": busy.pk,
        "busy_unit_name": busy.name,
    }


def pages_for(user, busy_unit: int) -> list[tuple[str, str]]:
    from django.urls import NoReverseMatch, reverse

    from vanthu.tasks.queries import filter_status
    from vanthu.tasks.visibility import visible_tasks

    try:
        dashboard, tasks = reverse("reports:dashboard"), reverse("tasks:list")
    except NoReverseMatch:
        return []
    pages = [
        ("dashboard", dashboard),
        ("list", tasks),
        ("list status=overdue", f"{tasks}?status=overdue"),
        ("list scope=mine", f"{tasks}?scope=mine"),
        ("list lead_unit=busiest&status=overdue", f"{tasks}?lead_unit={busy_unit}&status=overdue"),
    ]
    try:  # the dashboard's incoming-documents section, loaded with htmx after the page
        pages.insert(1, ("dashboard: incoming section (htmx)", reverse("reports:incoming_section")))
    except NoReverseMatch:
        pass
    overdue = filter_status(visible_tasks(user), "overdue", user.agency_id)
    pk = overdue.order_by("-assigned_on", "-pk").values_list("pk", flat=True).first()
    if pk:
        pages.append(("detail (newest overdue)", reverse("tasks:detail", args=[pk])))
    return pages


def is_stub(url_name: str) -> bool:
    """True while a page is still the empty stub of the URL map (its view answers ``HttpResponse("")``)."""
    import inspect

    from django.urls import resolve, reverse

    return 'HttpResponse("")' in inspect.getsource(resolve(reverse(url_name)).func)


def run_pages(args) -> int:
    t0 = time.perf_counter()
    meta = corpus.corpus_from_args(args)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from bench.pages import explain, measure
    from vanthu.organization.models import User

    logging.getLogger("django.request").setLevel(logging.ERROR)
    info = ensure_tasks(args, meta)
    print(
        f"# tasks: db={connection.vendor} ({settings.DATABASES['default']['NAME']}), corpus {meta['params']}, "
        f"tasks {info['params']} built {info['built_at']} in {info['rows_seconds']} s "
        f"(+ {info['analyze_seconds']} s statistics){' (reused)' if info.get('reused') else ''}"
    )
    print(f"# {bench.machine()}")
    print(f"# code: {bench.revision()}")
    print(f"# task counts {json.dumps(info['counts'], ensure_ascii=False)}")
    if args.build_only:
        return 0
    users = pick_users(User.objects.get(username=meta["users"]["chairman"]).agency_id)
    print(f"# users {users}; today {_today():%d/%m/%Y}")
    stubs = [name for name in ("reports:dashboard", "tasks:list") if is_stub(name)]
    if stubs:
        print(f"# still stubs (empty pages): {', '.join(stubs)} — their figures mean nothing yet")
    roles = [r for r in USER_LABELS if not args.only_users or r in args.only_users.split(",")]
    results = []
    print()
    print("| page | user | n | median ms | p95 ms | CPU ms | queries | SQL ms | load | status |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for role in roles:
        user = User.objects.select_related("unit").get(username=users[role])
        client = Client(raise_request_exception=False)
        client.force_login(user)
        for name, url in pages_for(user, users["busy_unit"]):
            if args.only_pages and not any(p in name for p in args.only_pages.split(",")):
                continue
            r = measure(client, url, args.warmup, args.reps, args.budget)
            who = f"{USER_LABELS[role]} `{user.username}`"
            if r["status"] != 200:
                print(f"| {name} | {who} | – | – | – | – | – | – | – | {r['status']} |", flush=True)
                continue
            mark = " ❌" if r["p95"] > TARGET_MS else ""
            print(
                f"| {name} | {who} | {r['n']} | {r['median']:.1f} | {r['p95']:.1f}{mark} | {r['cpu_median']:.1f} | "
                f"{r['queries']} | {r['sql_ms']:.1f} | {r['load']:.1f} | {r['status']} |",
                flush=True,
            )
            results.append({"page": name, "url": url, "role": role, "user": user.username, **r})
    over = [r for r in results if r["p95"] > TARGET_MS]
    print(
        f"\n# {len(results)} cells, {len(over)} over {TARGET_MS:.0f} ms p95; total {time.perf_counter() - t0:.0f} s"
    )
    if args.explain:
        seen: set[str] = set()
        for r in over if not args.explain_all else results:
            print(
                f"\n## {r['page']} as {r['user']}: p95 {r['p95']:.0f} ms, {r['queries']} queries, SQL {r['sql_ms']:.0f} ms"
            )
            for ms, sql in r["slowest"]:
                short = re.sub(r"^SELECT .*? FROM ", "SELECT … FROM ", sql, count=1, flags=re.S)
                print(f"\n  {ms:.1f} ms: {short if len(short) < 3000 else short[:3000] + ' …'}")
                if sql in seen:
                    print("    (plan above)")
                    continue
                seen.add(sql)
                try:
                    print(explain(sql))
                except Exception as exc:  # noqa: BLE001
                    print(f"    EXPLAIN failed: {exc}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"meta": meta, "tasks": info, "users": users, "results": results},
                ensure_ascii=False,
                indent=1,
                default=str,
            )
        )
    return 0


# --------------------------------------------------------------------------- the reminder job


def run_reminders(args) -> int:
    from bench import taskcorpus

    sqlite_path = args.sqlite_path or REM_SQLITE
    pg_name = args.pg_name or REM_PG
    t0 = time.perf_counter()
    # set Django up on the scratch database first, so that auto_now_off() sees the fields as they are
    corpus.configure(args.db, sqlite_path, pg_name)
    import django

    django.setup()
    with auto_now_off():
        corpus.build(
            args.db,
            docs=0,
            users=args.users,
            units=args.units,
            seed=args.seed,
            analyze=False,
            sqlite_path=sqlite_path,
            pg_name=pg_name,
        )
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from vanthu.notifications.models import Notification
    from vanthu.organization.services import calendar_for
    from vanthu.tasks.jobs import run_daily
    from vanthu.tasks.models import Reminder, Task

    agency = Task._meta.get_field("agency").related_model.objects.order_by("pk").first()
    calendar = calendar_for(agency.pk)
    day = date.fromisoformat(args.day) if args.day else timezone.localdate()
    if not calendar.is_working_day(day):
        day = calendar.next_working_day(day)
    t_org = time.perf_counter()
    with auto_now_off():
        stats = taskcorpus.add_tasks(tasks=args.tasks, seed=args.seed, today=day, shape="open")
    t_rows = time.perf_counter()
    refresh_statistics()
    print(
        f"# reminders: db={connection.vendor}, scratch database built in {time.perf_counter() - t0:.0f} s "
        f"(organisation {t_org - t0:.0f} s, {stats['tasks']:,} tasks {t_rows - t_org:.0f} s)"
    )
    print(f"# {bench.machine()}")
    print(f"# code: {bench.revision()}")
    print(f"# task counts {json.dumps(stats, ensure_ascii=False)}")
    print(
        f"# day {day:%d/%m/%Y} ({day:%A}); reminder window {settings.VANTHU_REMINDER_WORKING_DAYS} working days"
    )
    if args.trace and connection.vendor == "postgresql":
        # the plans of the job's slow statements (auto_explain, sent to this client as notices)
        connection.ensure_connection()
        with connection.cursor() as cur:
            cur.execute("LOAD 'auto_explain'")
            for setting in (
                "log_min_duration = '300ms'",
                "log_analyze = on",
                "log_buffers = on",
                "log_level = notice",
                "log_nested_statements = on",
            ):
                cur.execute(f"SET auto_explain.{setting}")
        connection.connection.add_notice_handler(lambda d: print(f"\n[auto_explain] {d.message_primary}\n"))
    rows = []
    print()
    print(
        "| run | day | seconds | CPU s | overdue reminded | due soon reminded | people notified | reminder rows "
        "| notifications | load |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, on in (
        ("first", day),
        ("second, same day", day),
        ("next working day", calendar.next_working_day(day)),
    ):
        notif_before = Notification.objects.count()
        t, cpu, load = time.perf_counter(), time.process_time(), os.getloadavg()[0]
        out = run_daily(on)
        seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
        load = max(load, os.getloadavg()[0])
        row = {
            "run": label,
            "day": on.isoformat(),
            "seconds": round(seconds, 2),
            "cpu_seconds": round(cpu, 2),
            "load": load,
            **out,
            "reminder_rows": Reminder.objects.count(),
            "notifications": Notification.objects.count() - notif_before,
        }
        rows.append(row)
        print(
            f"| {label} | {on:%d/%m/%Y} | {seconds:.2f} | {cpu:.2f} | {out['overdue']:,} | {out['due_soon']:,} | "
            f"{out['people']:,} | {row['reminder_rows']:,} | {row['notifications']:,} | {load:.1f} |",
            flush=True,
        )
    second = rows[1]
    ok = second["overdue"] == second["due_soon"] == second["notifications"] == 0
    print(f"\n# second run on the same day sent nothing: {'PASS' if ok else 'FAIL'}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"tasks": stats, "day": day.isoformat(), "runs": rows},
                ensure_ascii=False,
                indent=1,
                default=str,
            )
        )
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    corpus.add_arguments(parser)
    parser.add_argument("--tasks", type=int, default=200_000)
    parser.add_argument("--retasks", action="store_true", help="regenerate the tasks even if they match")
    parser.add_argument("--reps", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument(
        "--budget", type=float, default=60.0, help="seconds per cell before cutting reps (min 5)"
    )
    parser.add_argument("--only-users", default="", help="comma-separated subset of " + ",".join(USER_LABELS))
    parser.add_argument("--only-pages", default="", help="comma-separated substrings of page names")
    parser.add_argument("--explain", action="store_true", help="plans of the slowest queries of slow pages")
    parser.add_argument("--explain-all", action="store_true", help="with --explain: of every page")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--reminders", action="store_true", help="measure the reminder job on a scratch database"
    )
    parser.add_argument(
        "--day", help="--reminders: the day of the run (ISO), default today or the next working day"
    )
    parser.add_argument(
        "--trace", action="store_true", help="--reminders on PostgreSQL: plans of slow statements"
    )
    parser.add_argument(
        "--build-only", action="store_true", help="add the tasks to the corpus, measure nothing"
    )
    args = parser.parse_args(argv)
    return run_reminders(args) if args.reminders else run_pages(args)


if __name__ == "__main__":
    sys.exit(main())
