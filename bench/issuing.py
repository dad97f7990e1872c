"""Issuing throughput: C concurrent clerks each issue N signed outgoing documents through the real service.

    python -m bench.issuing --db sqlite   [--mapping per-type|shared] [--clerks 20] [--per-clerk 25]
    python -m bench.issuing --db postgres [--mapping per-type|shared] [--clerks 20] [--per-clerk 25]

The database is fresh (a temporary directory for SQLite, the PostgreSQL database ``vanthu_bench_issue``). The
documents cycle through five types: decisions (QĐ), công văn (CV), notices (TB), plans (KH) and reports (BC).
How the agency numbers them (Decree 30 leaves it to the agency, ``NumberingRule``):

- ``--mapping per-type`` (default), as most People's Committees do: decisions in "Sổ quyết định", notices in
  "Sổ thông báo", everything else (CV, KH, BC) in the shared "Sổ văn bản đi": three sequences;
- ``--mapping shared``: no rule, every type takes the next number of "Sổ văn bản đi": one sequence, all 20
  clerks on the same counter row.

Before the clock starts, C×N drafts are walked through the approval chain to the chairman's signature with the
services. Then every clerk is one OS process
(``django.setup()``, its own connection, its own GIL) and they start together at a barrier; each calls
``vanthu.outgoing.services.issue`` on its documents, one transaction each: number taken from the register's
counter, notation built, register row, recipients' delivery, history events.

Prints documents issued per second, the per-call latency and, for each register, the check that the numbers are
exactly 1..n with no duplicate and no gap.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench  # noqa: E402

PG_NAME = "vanthu_bench_issue"


def _configure(db: str, data_dir: str) -> None:
    if db == "sqlite":
        bench.use_sqlite(Path(data_dir) / "vanthu.sqlite3", Path(data_dir))
    else:
        os.environ["VANTHU_DATA_DIR"] = data_dir
        bench.use_postgres(PG_NAME)


#: the types issued, in turn
TYPES = ("QĐ", "CV", "TB", "KH", "BC")


def _prepare(clerks: int, total: int, mapping: str) -> tuple[list[int], list[int], dict[str, int]]:
    """Migrate; create the agency, its people and outgoing registers (with the numbering rules of ``mapping``);
    sign ``total`` drafts. Returns the clerks' ids, the signed documents' ids and the registers by name."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from vanthu.documents.models import DocumentType
    from vanthu.organization.models import Agency, Role, Unit, User
    from vanthu.outgoing import services
    from vanthu.outgoing.files import store_draft_file
    from vanthu.outgoing.models import NumberingRule, NumberingScope
    from vanthu.registers.models import Register

    agency = Agency.objects.create(
        name="Ủy ban nhân dân tỉnh Bình Dương",
        abbreviation="UBND",
        code="000.00.00.H10",
        place_name="Bình Dương",
    )
    th = Unit.objects.create(agency=agency, name="Phòng Tổng hợp", abbreviation="TH")

    def person(username: str, role: str, unit=None, position: str = "") -> User:
        return User.objects.create(
            username=username, first_name=username, agency=agency, unit=unit, role=role, position=position
        )

    drafter = person("cv_th", Role.SPECIALIST, th, "Chuyên viên")
    head = person("tp_th", Role.UNIT_HEAD, th, "Trưởng phòng")
    person("cvp", Role.OFFICE_LEADER, None, "Chánh Văn phòng")
    chairman = person("chutich", Role.AGENCY_LEADER, None, "Chủ tịch")
    del head
    shared = Register.objects.create(
        agency=agency, name="Sổ văn bản đi", direction=Register.Direction.OUTGOING, is_default=True
    )
    Register.objects.create(
        agency=agency, name="Sổ văn bản đi mật", direction=Register.Direction.OUTGOING, is_secret=True
    )
    types = [
        DocumentType.objects.get(code="cong-van") if a == "CV" else DocumentType.objects.get(abbreviation=a)
        for a in TYPES
    ]
    registers = {"Sổ văn bản đi": shared.pk}
    if mapping == "per-type":
        for abbreviation, name in (("QĐ", "Sổ quyết định"), ("TB", "Sổ thông báo")):
            own = Register.objects.create(agency=agency, name=name, direction=Register.Direction.OUTGOING)
            NumberingRule.objects.create(
                agency=agency,
                doc_type=types[TYPES.index(abbreviation)],
                scope=NumberingScope.NORMAL,
                register=own,
            )
            registers[name] = own.pk
    clerk_ids = [person(f"vanthu{i:02d}", Role.CLERK, None, "Văn thư").pk for i in range(clerks)]
    doc_ids = []
    for i in range(total):
        upload = SimpleUploadedFile(f"du-thao-{i}.pdf", b"%PDF-1.4\n%% " + str(i).encode() + b"\n%%EOF\n")
        doc = services.create_draft(
            drafter,
            doc_type=types[(i % clerks + i // clerks) % len(types)],  # each clerk issues every type in turn
            abstract=f"Về việc triển khai nhiệm vụ số {i} năm 2026",
            proposed_signer=chairman,
            file=store_draft_file(upload, drafter),
        )
        doc = services.submit(doc, drafter)
        while doc.state == "in_review" and not doc.current_step.is_signing:
            doc = services.approve(doc, doc.holder)
        doc = services.sign(doc, doc.holder)
        doc_ids.append(doc.pk)
    return clerk_ids, doc_ids, registers


def _issue_many(user_id: int, doc_ids: list[int], wait) -> dict:
    """Body of one clerk: issue its documents, one transaction each, timing each call."""
    from django.db import connection

    from vanthu.organization.models import User
    from vanthu.outgoing.models import OutgoingDocument
    from vanthu.outgoing.services import issue

    clerk = User.objects.get(pk=user_id)
    # warm up before the clock: the first use of the models, the translations and the agency's calendar
    from django.utils.translation import gettext

    from vanthu.organization.services import calendar_for

    gettext("Sổ văn bản đi")
    calendar_for(clerk.agency_id)
    OutgoingDocument.objects.filter(pk__in=doc_ids).count()
    latencies: list[float] = []
    errors: list[str] = []
    wait()
    for pk in doc_ids:
        t0 = time.perf_counter()
        try:
            issue(OutgoingDocument.objects.get(pk=pk), clerk)
        except Exception as exc:  # noqa: BLE001 - counted and reported, the run goes on
            errors.append(f"{type(exc).__name__}: {exc}")
        else:
            latencies.append(time.perf_counter() - t0)
    connection.close()
    return {"latencies": latencies, "errors": errors}


def _process_main(db, data_dir, user_id, doc_ids, ready, go, results) -> None:
    _configure(db, data_dir)
    import django

    django.setup()

    def wait():
        ready.release()
        go.wait()

    results.put(_issue_many(user_id, doc_ids, wait))


def _check(register_id: int) -> dict:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT COUNT(*), MIN(number), MAX(number), COUNT(DISTINCT number) "
            "FROM outgoing_outgoingdocument WHERE register_id = %s AND number IS NOT NULL",
            [register_id],
        )
        count, low, high, distinct = cur.fetchone()
        cur.execute("SELECT SUM(last_number) FROM registers_counter WHERE register_id = %s", [register_id])
        (counter,) = cur.fetchone()
    return {"count": count, "min": low, "max": high, "distinct": distinct, "counter": counter}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--mapping",
        choices=["per-type", "shared"],
        default="per-type",
        help="per-type: QĐ and TB in their own registers; shared: one sequence for every type",
    )
    parser.add_argument("--clerks", type=int, default=20)
    parser.add_argument("--per-clerk", type=int, default=25, help="documents each clerk issues")
    parser.add_argument("--keep", action="store_true", help="keep the temporary SQLite directory")
    args = parser.parse_args(argv)

    data_dir = tempfile.mkdtemp(prefix="vanthu-bench-issue-")
    if args.db == "postgres":
        bench.use_postgres(PG_NAME)
        bench.pg_recreate(PG_NAME)
    _configure(args.db, data_dir)
    import django

    django.setup()
    from django.db import connection, connections

    total = args.clerks * args.per_clerk
    t_prep = time.perf_counter()
    clerk_ids, doc_ids, registers = _prepare(args.clerks, total, args.mapping)
    prep = time.perf_counter() - t_prep
    connections.close_all()
    print(
        f"# issuing: {args.clerks} clerks × {args.per_clerk} signed documents ({', '.join(TYPES)} in turn), "
        f"processes, db={args.db}, mapping={args.mapping} ({len(registers)} sequence(s))"
    )
    print(f"# {bench.machine()}")
    print(f"# code: {bench.revision()}")
    print(f"# prepared {total} signed drafts in {prep:.1f} s (not timed below)")

    ctx = mp.get_context("spawn")  # a fresh interpreter per clerk: own Django, own connection, own GIL
    ready, go, results = ctx.Semaphore(0), ctx.Event(), ctx.Queue()
    shares = [doc_ids[i :: args.clerks] for i in range(args.clerks)]  # each clerk: every type
    workers = [
        ctx.Process(target=_process_main, args=(args.db, data_dir, uid, share, ready, go, results))
        for uid, share in zip(clerk_ids, shares, strict=True)
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

    latencies = [x for o in outcomes for x in o["latencies"]]
    errors = [e for o in outcomes for e in o["errors"]]
    issued = len(latencies)
    print(f"documents issued     : {issued} (expected {total}; failed calls: {len(errors)})")
    print(f"wall seconds         : {wall:.2f}")
    print(f"issues/second        : {issued / wall:.1f}")
    if latencies:
        print(
            "latency per call ms  : "
            + ", ".join(f"p{p} {bench.percentile(latencies, p) * 1000:.1f}" for p in (50, 95, 99))
            + f", max {max(latencies) * 1000:.1f}"
        )
    ok = not errors
    for name, pk in registers.items():
        check = _check(pk)
        n = check["count"]
        good = (
            n > 0
            and check["min"] == 1
            and check["max"] == n
            and check["distinct"] == n
            and check["counter"] == n
        )
        ok = ok and good
        print(
            f"{name:<21}: count={n} min={check['min']} max={check['max']} distinct={check['distinct']} "
            f"counter={check['counter']} → 1..{n}, no duplicate, no gap: {'PASS' if good else 'FAIL'}"
        )
    for e in sorted(set(errors))[:5]:
        print(f"error                : {e}")
    print(f"check: {'PASS' if ok else 'FAIL'}")
    connection.close()
    if args.db == "sqlite" and not args.keep:
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
