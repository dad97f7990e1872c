"""Server time of real pages on the benchmark office (1,000,000 incoming documents, 5,000 users).

    python -m bench.pages --db sqlite   --reuse [--reps 50] [--warmup 3] [--explain]
    python -m bench.pages --db postgres --reuse [--reps 50] [--warmup 3] [--explain]

Builds the corpus first unless ``--reuse`` finds it (see ``bench/corpus.py``; same options). Each page is
requested through ``django.test.Client`` (whole middleware stack, sessions, templates, context processors —
everything but the HTTP server) as each representative user (``force_login``): ``--warmup`` requests, then
``--reps`` timed ones (fewer when a cell exceeds ``--budget`` seconds; the ``n`` column says how many), then one
more inside ``CaptureQueriesContext`` to count the SQL queries and find the slowest. Prints one Markdown table:
page, user, n, median and p95 wall ms, median CPU ms of this process (on SQLite that is nearly all the server's
work, and it hardly moves when other programs load the machine; on PostgreSQL it leaves out the database
server's share), queries and SQL ms (of the counted request), the 1-minute load average seen during the cell
(above ~1 the machine was shared and the wall times are inflated) and the HTTP status. ``--explain`` then
prints the query plans (EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL) of the slowest queries of
every page over the target (150 ms p95). Pages whose URL does not exist yet are skipped and listed.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench  # noqa: E402
from bench import corpus  # noqa: E402

TARGET_MS = 150.0
SEARCH = "bồi thường"
USER_LABELS = {
    "clerk": "văn thư",
    "chairman": "chủ tịch",
    "unit_head": "trưởng phòng (đơn vị bận nhất)",
    "specialist_busy": "chuyên viên (đơn vị bận)",
    "specialist_quiet": "chuyên viên (đơn vị ít việc)",
}


def detail_document(role: str, user) -> int | None:
    """A document this user would open from their inbox (one with an action for them when there is one)."""
    from vanthu.incoming.models import Assignment
    from vanthu.incoming.visibility import visible_incoming

    visible = visible_incoming(user)
    if role == "clerk":
        qs = visible.filter(state="registered")
    elif role == "chairman":
        qs = visible.filter(state="presented", presented_to=user)
    elif role == "unit_head":
        qs = visible.filter(
            pk__in=Assignment.objects.filter(unit_id=user.unit_id, user__isnull=True, state="new").values(
                "document_id"
            )
        )
    else:
        qs = visible.filter(pk__in=Assignment.objects.filter(user=user, state="new").values("document_id"))
    pk = qs.order_by("-received_at").values_list("pk", flat=True).first()
    return pk or visible.order_by("-received_at").values_list("pk", flat=True).first()


def pages_for(role: str, user, today: date) -> list[tuple[str, str]]:
    month_start = today.replace(day=1)
    book = f"date_from={month_start:%d/%m/%Y}&date_to={today:%d/%m/%Y}"
    pages = [
        ("inbox", "/van-ban-den/cho-xu-ly/"),
        ("list", "/van-ban-den/"),
        ("list overdue", "/van-ban-den/?status=overdue"),
        (f"list search “{SEARCH}”", "/van-ban-den/?q=" + SEARCH.replace(" ", "+")),
    ]
    doc = detail_document(role, user)
    if doc:
        pages.append(("detail", f"/van-ban-den/{doc}/"))
    pages.append(("register sổ đến (this month)", f"/van-ban-den/so-den/?{book}"))
    pages.append(("register sổ theo dõi (this month)", f"/van-ban-den/so-theo-doi/?{book}"))
    return pages


def measure(client, url: str, warmup: int, reps: int, budget: float) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    status = None
    for _ in range(warmup):
        status = client.get(url).status_code
        if status != 200:
            return {"status": status}
    times: list[float] = []
    cpu: list[float] = []
    load = os.getloadavg()[0]
    started = time.perf_counter()
    for i in range(reps):
        c0, t0 = time.process_time(), time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        status = response.status_code
        if time.perf_counter() - started > budget and i >= 4:
            break
    load = max(load, os.getloadavg()[0])
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    queries = [(float(q["time"]) * 1000, q["sql"]) for q in ctx.captured_queries]
    return {
        "status": status,
        "n": len(times),
        "median": statistics.median(times),
        "p95": bench.percentile(times, 95),
        "cpu_median": statistics.median(cpu),
        "load": load,
        "queries": len(queries),
        "sql_ms": sum(t for t, _ in queries),
        "slowest": sorted(queries, reverse=True)[:3],
    }


def explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("EXPLAIN QUERY PLAN " + sql)
            return "\n".join(f"    {row[-1]}" for row in cur.fetchall())
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(f"    {row[0]}" for row in cur.fetchall())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    corpus.add_arguments(parser)
    parser.add_argument("--reps", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument(
        "--budget", type=float, default=60.0, help="seconds per cell before cutting reps (min 5)"
    )
    parser.add_argument("--only-users", default="", help="comma-separated subset of " + ",".join(USER_LABELS))
    parser.add_argument("--only-pages", default="", help="comma-separated substrings of page names")
    parser.add_argument(
        "--explain", action="store_true", help="print plans of the slowest queries of slow pages"
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    meta = corpus.corpus_from_args(args)
    if not meta.get("reused"):
        print(f"# corpus built in {meta['build_seconds']} s")
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import Resolver404, resolve
    from django.utils import timezone

    from vanthu.organization.models import User

    logging.getLogger("django.request").setLevel(logging.ERROR)  # 404s of pages a user may not open

    print(
        f"# pages: db={connection.vendor} ({settings.DATABASES['default']['NAME']}), corpus {meta['params']}, "
        f"built {meta['built_at']} in {meta['build_seconds']} s, {meta['size_bytes'] / 2**30:.2f} GiB"
    )
    print(f"# {bench.machine()}")
    print(f"# code: {bench.revision()}")
    print(f"# counts {json.dumps(meta['counts'], ensure_ascii=False)}")
    today = timezone.localdate()
    roles = [r for r in USER_LABELS if not args.only_users or r in args.only_users.split(",")]
    results = []
    skipped: set[str] = set()
    print()
    print("| page | user | n | median ms | p95 ms | CPU ms | queries | SQL ms | load | status |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for role in roles:
        user = User.objects.select_related("unit").get(username=meta["users"][role])
        client = Client(raise_request_exception=False)  # a broken page is reported as 500, the run goes on
        client.force_login(user)
        for name, url in pages_for(role, user, today):
            if args.only_pages and not any(p in name for p in args.only_pages.split(",")):
                continue
            if name in skipped:
                continue
            try:
                resolve(url.split("?")[0])
            except Resolver404:
                skipped.add(name)
                print(f"| {name} | – | – | – | – | – | – | – | – | no such URL yet: skipped |")
                continue
            r = measure(client, url, args.warmup, args.reps, args.budget)
            who = f"{USER_LABELS[role]} `{user.username}`"
            if r["status"] != 200:
                print(
                    f"| {name} | {who} | – | – | – | – | – | {r['status']} {'(not for this user)' if r['status'] == 404 else '(error)'} |"
                )
                continue
            mark = " ❌" if r["p95"] > TARGET_MS else ""
            print(
                f"| {name} | {who} | {r['n']} | {r['median']:.1f} | {r['p95']:.1f}{mark} | {r['cpu_median']:.1f} | "
                f"{r['queries']} | {r['sql_ms']:.1f} | {r['load']:.1f} | {r['status']} |",
                flush=True,
            )
            results.append({"page": name, "url": url, "role": role, "user": user.username, **r})
    print()
    over = [r for r in results if r["p95"] > TARGET_MS]
    print(
        f"# {len(results)} cells measured, {len(over)} over the target of {TARGET_MS:.0f} ms p95; "
        f"skipped (no URL): {', '.join(sorted(skipped)) or 'none'}; total {time.perf_counter() - t0:.0f} s"
    )
    if args.explain:
        seen: set[str] = set()
        for r in over:
            print(
                f"\n## {r['page']} as {r['user']}: p95 {r['p95']:.0f} ms, {r['queries']} queries, "
                f"SQL {r['sql_ms']:.0f} ms"
            )
            for ms, sql in r["slowest"]:
                short = re.sub(r"^SELECT .*? FROM ", "SELECT … FROM ", sql, count=1, flags=re.S)
                short = short if len(short) < 1500 else short[:1500] + " …"
                print(f"\n  {ms:.1f} ms: {short}")
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
                {"meta": meta, "results": results, "skipped": sorted(skipped)},
                ensure_ascii=False,
                indent=1,
                default=str,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
