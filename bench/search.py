"""Search speed: N synthetic Vietnamese documents, 200 queries of 1–3 words with and without diacritics, top 20
with the total count, as a specialist who may see about a tenth of them.

    python -m bench.search [--n 1000000] [--queries 200] [--keep DIR]

The corpus: abstracts and notations of ``../shared/data/directives/`` (4,056 real documents of a provincial
People's Committee) varied with numbers and places, and bodies of 40–120 words drawn from the vocabulary of those
abstracts. Viewers as in an office of 200 people: the 10 leaders and the registry see every non-secret item, the
10 units each see the items they handle (a tenth each), 1 % are secret (two people).

Printed (median and p95 over the queries, milliseconds):
- raw Tantivy: one folded field, the same queries, no permission filter (the floor);
- vanthu engine: ``vanthu.search.engine.SearchIndex.search`` (folded + exact fields, prefix of the last word, the
  viewers filter, facet counts per kind, snippets);
- vanthu service: ``vanthu.search.services.search`` as the specialist (the Python API the page uses);
- HTTP page: ``GET /tim-kiem/?q=…`` through Django's test client, logged in as the specialist;
- PostgreSQL backend (``--backend postgres``, a separate run on a fresh database ``vanthu_bench_search``): the
  same queries through ``vanthu.search.pg.PostgresIndex.search``, the service and the HTTP page.
And the index build time and size, and the latency of an update (change written → found).

    python -m bench.search --backend postgres [--n 100000]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench  # noqa: E402

SHARED = Path(os.environ.get("VANTHU_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))
PLACES = ["Thuận An", "Dĩ An", "Bến Cát", "Tân Uyên", "Phú Giáo", "Dầu Tiếng", "Bàu Bàng", "Bắc Tân Uyên"]
LEADERS, UNITS, PER_UNIT = 11, 10, 19
SPECIALIST = LEADERS + 1 * PER_UNIT + 3  # a specialist of unit 1


def _rows() -> list[tuple[str, str]]:
    path = SHARED / "data" / "directives" / "binhduong-ubnd-2014-2022.csv"
    with path.open(encoding="utf-8") as f:
        return [(r["so_ky_hieu"], r["trich_yeu"]) for r in csv.DictReader(f) if r["trich_yeu"]]


def corpus(n: int, seed: int = 7):
    """Yield (key, kind, title, text, viewers, day) for ``n`` items."""
    rng = random.Random(seed)
    rows = _rows()
    vocabulary = sorted({w for _, a in rows for w in a.split() if len(w) > 1})
    leaders = list(range(1, LEADERS + 1))
    kinds = ["incoming"] * 6 + ["outgoing"] * 2 + ["task"] * 2
    for i in range(n):
        code, abstract = rows[i % len(rows)]
        number, _, notation = code.partition("/")
        code = f"{(int(number) if number.isdigit() else i) + i // len(rows)}/{notation}"
        place = rng.choice(PLACES)
        body = " ".join(rng.choices(vocabulary, k=rng.randint(40, 120)))
        unit = rng.randrange(UNITS)
        members = list(range(LEADERS + unit * PER_UNIT + 1, LEADERS + (unit + 1) * PER_UNIT + 1))
        viewers = [1, 2] if rng.random() < 0.01 else leaders + members
        day = 20140101 + (i % 9) * 10000 + rng.randint(0, 11) * 100 + rng.randint(1, 28)
        yield (
            f"{kinds[i % 10]}:{i}",
            kinds[i % 10],
            f"{code} {abstract[:60]}",
            f"{abstract} tại {place}\n{code}\n{body}",
            viewers,
            day,
        )


def queries(count: int, seed: int = 11) -> list[str]:
    """1–3 consecutive words of real abstracts, half typed without diacritics."""
    from vanthu.common.text import fold

    rng = random.Random(seed)
    rows = _rows()
    out = []
    while len(out) < count:
        words = rng.choice(rows)[1].split()
        k = rng.randint(1, 3)
        if len(words) < k:
            continue
        start = rng.randrange(len(words) - k + 1)
        q = " ".join(words[start : start + k])
        out.append(fold(q) if len(out) % 2 else q)
    return out


def timed(fn, qs: list[str]) -> list[float]:
    times = []
    for q in qs:
        t0 = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def report(label: str, times: list[float]) -> None:
    print(
        f"{label:<28}: median {bench.percentile(times, 50):7.1f} ms, p95 {bench.percentile(times, 95):7.1f} ms"
    )


def size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def load(idx, n: int, batch: int) -> None:
    """The corpus of ``n`` items written to a backend, ``batch`` items per commit."""
    from vanthu.search.engine import Item

    items: list[Item] = []
    for key, kind, title, text, viewers, day in corpus(n):
        items.append(Item(key, kind, title, text, viewers, day))
        if len(items) == batch:
            idx.write(items)
            items = []
    if items:
        idx.write(items)


def update_latency(idx) -> None:
    """Incremental update: one item written, then found; 20 times (the items are removed afterwards)."""
    from vanthu.search.engine import Item

    latencies = []
    for i in range(20):
        word = f"capnhat{i}x"
        t0 = time.perf_counter()
        idx.write(
            [Item(f"task:{10**9 + i}", "task", word, f"{word} giải phóng mặt bằng", [SPECIALIST], 20260101)]
        )
        found = idx.search(word, SPECIALIST).total
        latencies.append((time.perf_counter() - t0) * 1000)
        assert found == 1
    report("update → searchable", latencies)
    idx.delete([f"task:{10**9 + i}" for i in range(20)])


def http_page(qs: list[str]) -> None:
    """The HTTP page, logged in as the specialist (a user row with that id in the migrated database)."""
    from django.conf import settings
    from django.test import Client

    from vanthu.organization.models import Agency, Role, User

    agency, _ = Agency.objects.get_or_create(
        code="000.00.00.H10", defaults={"name": "Ủy ban nhân dân tỉnh Bình Dương", "abbreviation": "UBND"}
    )
    User.objects.get_or_create(
        pk=SPECIALIST, defaults={"username": "cv", "agency": agency, "role": Role.SPECIALIST}
    )
    client = Client()
    client.force_login(User.objects.get(pk=SPECIALIST))
    settings.ALLOWED_HOSTS = ["testserver"]
    timed(lambda q: client.get("/tim-kiem/", {"q": q}), qs[:10])
    report("HTTP page (test client)", timed(lambda q: client.get("/tim-kiem/", {"q": q}), qs))


def postgres_main(args) -> int:
    """The PostgreSQL backend on a fresh database: build, queries (backend, service, page), update latency."""
    name = "vanthu_bench_search"
    reuse = bool(args.keep and args.reuse and bench.pg_database_exists(name))
    if not reuse:
        bench.pg_recreate(name)
    bench.use_postgres(name)
    os.environ["VANTHU_SEARCH_BACKEND"] = "postgres"
    import django

    django.setup()
    from types import SimpleNamespace

    from django.core.management import call_command
    from django.db import connection

    from vanthu.search import services
    from vanthu.search.pg import TABLE, PostgresIndex

    print(f"# search, PostgreSQL backend: {args.n:,} items, {args.queries} queries, top 20 with total count")
    print(f"# {bench.machine()}")
    print(f"# code: {bench.revision()}")
    call_command("migrate", verbosity=0)
    idx = PostgresIndex()
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {TABLE})")
        built = reuse and cursor.fetchone()[0]
    if not built:
        load(idx, args.n, batch=5_000)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {TABLE}")
        cursor.execute(f"SELECT pg_total_relation_size('{TABLE}')")
        size = cursor.fetchone()[0] / 1e6
    label = "postgres index (reused)" if built else "postgres index build"
    print(f"{label:<27}: {time.perf_counter() - t0:.1f} s, {size:.0f} MB (table + indexes)")

    qs = queries(args.queries)
    totals = []

    def backend_search(q):
        totals.append(idx.search(q, SPECIALIST).total)

    timed(backend_search, qs[:20])
    totals.clear()
    report("postgres backend", timed(backend_search, qs))
    user = SimpleNamespace(pk=SPECIALIST, is_authenticated=True)
    report("vanthu service (Python API)", timed(lambda q: services.search(user, q), qs))
    print(f"{'':<28}  median hits per query for the specialist: {bench.percentile(totals, 50):,.0f}")
    http_page(qs)

    update_latency(idx)
    connection.close()
    if not args.keep:
        bench.pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", help="build in this directory and keep it")
    parser.add_argument(
        "--reuse", action="store_true", help="with --keep: use the indexes already built there (no build)"
    )
    parser.add_argument("--backend", choices=["tantivy", "postgres"], default="tantivy")
    args = parser.parse_args(argv)
    if args.backend == "postgres":
        return postgres_main(args)
    work = Path(args.keep or tempfile.mkdtemp(prefix="vanthu-bench-search-"))
    work.mkdir(parents=True, exist_ok=True)
    bench.use_sqlite(work / "vanthu.sqlite3", work)
    os.environ["VANTHU_SEARCH_DIR"] = str(work / "search")
    import django

    django.setup()
    import tantivy
    from django.conf import settings

    from vanthu.search.engine import FOLD, SearchIndex, _register

    print(f"# search: {args.n:,} items, {args.queries} queries, top 20 with total count")
    print(f"# {bench.machine()}")
    print(f"# code: {bench.revision()}")

    # raw Tantivy: one folded field
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("text", stored=False, tokenizer_name=FOLD)
    raw_dir = work / "raw"
    raw_dir.mkdir(exist_ok=True)
    raw = tantivy.Index(sb.build(), path=str(raw_dir))
    _register(raw)
    reuse = bool(args.keep and args.reuse)
    t0 = time.perf_counter()
    if not (reuse and raw.searcher().num_docs):
        writer = raw.writer(heap_size=200_000_000, num_threads=1)
        for _key, _kind, title, text, _viewers, _day in corpus(args.n):
            doc = tantivy.Document()
            doc.add_text("text", f"{title}\n{text}")
            writer.add_document(doc)
        writer.commit()
        writer.wait_merging_threads()
        raw.reload()
        print(f"raw index build            : {time.perf_counter() - t0:.1f} s, {size_mb(raw_dir):.0f} MB")

    idx = SearchIndex(Path(settings.VANTHU_SEARCH_DIR))
    t0 = time.perf_counter()
    if not (reuse and idx.tantivy.searcher().num_docs):
        load(idx, args.n, batch=100_000)
        print(f"vanthu index build         : {time.perf_counter() - t0:.1f} s, {size_mb(idx.path):.0f} MB")
    else:
        print(
            f"# reused the indexes in {work}: raw {size_mb(raw_dir):.0f} MB, vanthu {size_mb(idx.path):.0f} MB"
        )

    qs = queries(args.queries)
    searcher = raw.searcher()

    def raw_search(q):
        try:
            query = raw.parse_query(q, ["text"], conjunction_by_default=True)
        except ValueError:
            return
        searcher.search(query, 20, count=True)

    totals = []

    def engine_search(q):
        totals.append(idx.search(q, SPECIALIST).total)

    from types import SimpleNamespace

    from vanthu.search import services

    services._index_at.cache_clear()
    user = SimpleNamespace(pk=SPECIALIST, is_authenticated=True)
    for fn in (raw_search, engine_search):  # warm the caches once
        timed(fn, qs[:20])
    totals.clear()
    report("raw Tantivy (floor)", timed(raw_search, qs))
    report("vanthu engine", timed(engine_search, qs))
    report("vanthu service (Python API)", timed(lambda q: services.search(user, q), qs))
    print(f"{'':<28}  median hits per query for the specialist: {bench.percentile(totals, 50):,.0f}")

    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    http_page(qs)
    print(f"{'PostgreSQL backend':<28}: python -m bench.search --backend postgres")

    update_latency(idx)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
