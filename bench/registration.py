"""Registration throughput: C concurrent clerks each register N incoming documents through the real service.

    python -m bench.registration --db sqlite   [--clerks 20] [--per-clerk 100] [--mode process|thread]
    python -m bench.registration --db postgres [--clerks 20] [--per-clerk 100]

Every clerk is one OS process (default; each runs ``django.setup()`` and has its own connection, so the GIL is
not shared) or one thread with its own connection (``--mode thread``). All of them register into the same
incoming register through ``vanthu.incoming.services.register_document`` — number taken, document saved, history
event appended, one transaction per document — starting together at a barrier. The database is fresh: a
temporary directory for SQLite (VANTHU_DATA_DIR), the PostgreSQL database ``vanthu_bench_reg`` (dropped and
created, then migrated). Prints the totals, registrations/second, per-registration latency and the check that
the numbers are exactly 1..total with no duplicate and no gap.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench  # noqa: E402

PG_NAME = "vanthu_bench_reg"


def _configure(db: str, data_dir: str) -> None:
    if db == "sqlite":
        bench.use_sqlite(Path(data_dir) / "vanthu.sqlite3", Path(data_dir))
    else:
        os.environ["VANTHU_DATA_DIR"] = data_dir
        bench.use_postgres(PG_NAME)


def _prepare(clerks: int) -> tuple[int, list[int], int]:
    """Migrate the fresh database; create the agency, its incoming register and the clerks."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from vanthu.documents.models import DocumentType
    from vanthu.organization.models import Agency, Role, User
    from vanthu.registers.models import Register

    agency = Agency.objects.create(
        name="Ủy ban nhân dân tỉnh Bình Dương",
        abbreviation="UBND",
        code="000.00.00.H10",
        place_name="Bình Dương",
    )
    register = Register.objects.create(
        agency=agency, name="Sổ văn bản đến", direction=Register.Direction.INCOMING, is_default=True
    )
    users = User.objects.bulk_create(
        User(
            username=f"vanthu{i:02d}",
            first_name="Văn thư",
            last_name=f"{i:02d}",
            agency=agency,
            role=Role.CLERK,
        )
        for i in range(clerks)
    )
    doc_type = DocumentType.objects.get(code="cong-van")
    return register.pk, [u.pk for u in users], doc_type.pk


def _register_many(user_id: int, register_id: int, doc_type_id: int, count: int, wait) -> dict:
    """Body of one clerk: register ``count`` documents, one transaction each, and time each call."""
    from django.db import connection
    from django.utils import timezone

    from vanthu.documents.models import DocumentType
    from vanthu.incoming.services import register_document
    from vanthu.organization.models import User
    from vanthu.registers.models import Register

    clerk = User.objects.get(pk=user_id)
    register = Register.objects.get(pk=register_id)
    doc_type = DocumentType.objects.get(pk=doc_type_id)
    today = timezone.localdate()
    latencies: list[float] = []
    errors: list[str] = []
    wait()
    for i in range(count):
        t0 = time.perf_counter()
        try:
            register_document(
                clerk,
                register=register,
                received_at=timezone.now(),
                sender=None,
                sender_name="Sở Tài chính tỉnh Bình Dương",
                code_number=str(user_id * 100000 + i),
                code_notation="STC-NS",
                document_date=today,
                doc_type=doc_type,
                abstract=f"Về việc bố trí kinh phí thực hiện nhiệm vụ năm {today.year}, văn bản {user_id}-{i}",
            )
        except Exception as exc:  # noqa: BLE001 - counted and reported, the run goes on
            errors.append(f"{type(exc).__name__}: {exc}")
        else:
            latencies.append(time.perf_counter() - t0)
    connection.close()
    return {"latencies": latencies, "errors": errors}


def _process_main(db, data_dir, user_id, register_id, doc_type_id, count, ready, go, results) -> None:
    _configure(db, data_dir)
    import django

    django.setup()

    def wait():
        ready.release()
        go.wait()

    results.put(_register_many(user_id, register_id, doc_type_id, count, wait))


def _check(register_id: int) -> dict:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT COUNT(*), MIN(number), MAX(number), COUNT(DISTINCT number) "
            "FROM incoming_incomingdocument WHERE register_id = %s",
            [register_id],
        )
        count, low, high, distinct = cur.fetchone()
        cur.execute("SELECT COUNT(*) FROM history_event WHERE verb = 'registered'")
        (events,) = cur.fetchone()
        cur.execute("SELECT SUM(last_number) FROM registers_counter WHERE register_id = %s", [register_id])
        (counter,) = cur.fetchone()
    return {
        "count": count,
        "min": low,
        "max": high,
        "distinct": distinct,
        "events": events,
        "counter": counter,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--clerks", type=int, default=20)
    parser.add_argument("--per-clerk", type=int, default=100, help="documents each clerk registers")
    parser.add_argument("--mode", choices=["process", "thread"], default="process")
    parser.add_argument("--keep", action="store_true", help="keep the temporary SQLite directory")
    args = parser.parse_args(argv)

    data_dir = tempfile.mkdtemp(prefix="vanthu-bench-reg-")
    if args.db == "postgres":
        bench.use_postgres(PG_NAME)  # for pg_admin's server
        bench.pg_recreate(PG_NAME)
    _configure(args.db, data_dir)
    import django

    django.setup()
    from django.db import connection, connections

    register_id, user_ids, doc_type_id = _prepare(args.clerks)
    connections.close_all()

    total = args.clerks * args.per_clerk
    print(
        f"# registration: {args.clerks} clerks × {args.per_clerk} documents, {'processes' if args.mode == 'process' else 'threads'}, db={args.db}"
    )
    print(f"# {bench.machine()}")
    print(f"# code: {bench.revision()}")
    if args.mode == "process":
        ctx = mp.get_context("spawn")  # a fresh interpreter per clerk: own Django, own connection, own GIL
        ready, go, results = ctx.Semaphore(0), ctx.Event(), ctx.Queue()
        workers = [
            ctx.Process(
                target=_process_main,
                args=(args.db, data_dir, uid, register_id, doc_type_id, args.per_clerk, ready, go, results),
            )
            for uid in user_ids
        ]
        for w in workers:
            w.start()
        for _ in workers:
            ready.acquire()
        t0 = time.perf_counter()
        go.set()
        outcomes = [results.get() for _ in workers]
        wall = time.perf_counter() - t0
        for w in workers:
            w.join()
    else:
        barrier = threading.Barrier(args.clerks + 1)
        outcomes = []
        lock = threading.Lock()

        def run(uid):
            out = _register_many(uid, register_id, doc_type_id, args.per_clerk, barrier.wait)
            with lock:
                outcomes.append(out)

        threads = [threading.Thread(target=run, args=(uid,)) for uid in user_ids]
        for t in threads:
            t.start()
        barrier.wait()
        t0 = time.perf_counter()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0

    latencies = [x for o in outcomes for x in o["latencies"]]
    errors = [e for o in outcomes for e in o["errors"]]
    check = _check(register_id)
    ok = (
        not errors
        and check["count"] == total
        and check["min"] == 1
        and check["max"] == total
        and check["distinct"] == total
        and check["events"] == total
        and check["counter"] == total
    )
    print(f"documents registered : {check['count']} (expected {total}; failed calls: {len(errors)})")
    print(f"wall seconds         : {wall:.2f}")
    print(f"registrations/second : {check['count'] / wall:.1f}")
    if latencies:
        print(
            "latency per call ms  : "
            + ", ".join(f"p{p} {bench.percentile(latencies, p) * 1000:.1f}" for p in (50, 95, 99))
            + f", max {max(latencies) * 1000:.1f}"
        )
    print(
        "numbers              : count={count} min={min} max={max} distinct={distinct} "
        "events={events} counter={counter}".format(**check)
    )
    for e in sorted(set(errors))[:5]:
        print(f"error                : {e}")
    print(f"check (1..{total}, no duplicate, no gap): {'PASS' if ok else 'FAIL'}")
    connection.close()
    if args.db == "sqlite" and not args.keep:
        shutil.rmtree(data_dir, ignore_errors=True)
    elif args.db == "sqlite":
        print(f"# kept {data_dir}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
