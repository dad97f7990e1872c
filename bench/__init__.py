"""Benchmark scripts (run with ``python -m bench.<name>`` from the project root). They print figures; not tests.

This module holds what the scripts share: choosing the database *before* Django is imported, creating or
dropping a PostgreSQL database, percentiles and the machine description.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

#: Server of the PostgreSQL runs (trust auth on our machines); override with VANTHU_BENCH_PG.
PG_SERVER = os.environ.get("VANTHU_BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
#: Where the SQLite corpus is kept between runs.
BENCH_DIR = PROJECT_DIR / "var" / "bench"


def use_sqlite(path: Path, data_dir: Path | None = None) -> None:
    """Point the settings at the SQLite file ``path`` (call before ``django.setup()``)."""
    path = Path(path).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.environ["VANTHU_DATA_DIR"] = str(data_dir or path.parent)
    os.environ["VANTHU_DATABASE_URL"] = f"sqlite:///{path}"
    _common_env()


def use_postgres(name: str) -> None:
    """Point the settings at the PostgreSQL database ``name`` (call before ``django.setup()``)."""
    os.environ["VANTHU_DATABASE_URL"] = f"{PG_SERVER}/{name}"
    os.environ.setdefault("VANTHU_DATA_DIR", str(BENCH_DIR))
    _common_env()


def _common_env() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanthu.settings")
    # django.test.Client talks to "testserver"
    hosts = os.environ.get("VANTHU_ALLOWED_HOSTS", "127.0.0.1,localhost")
    if "testserver" not in hosts.split(","):
        os.environ["VANTHU_ALLOWED_HOSTS"] = hosts + ",testserver"
    os.environ.setdefault("VANTHU_LOG_LEVEL", "WARNING")


def pg_admin(sql: str, *, dbname: str = "postgres") -> list[tuple]:
    """Run one statement outside a transaction (CREATE/DROP DATABASE) on the benchmark server."""
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/{dbname}", autocommit=True) as conn:
        cur = conn.execute(sql)
        return cur.fetchall() if cur.description else []


def pg_database_exists(name: str) -> bool:
    return bool(pg_admin(f"SELECT 1 FROM pg_database WHERE datname = '{name}'"))


def pg_recreate(name: str) -> None:
    pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    pg_admin(f'CREATE DATABASE "{name}"')


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(-(-p * len(ordered) // 100)) - 1))
    return ordered[k]


def revision() -> str:
    """The code measured: ``git describe`` of the project, or the REVISION file of an exported snapshot."""
    marker = PROJECT_DIR / "REVISION"
    if marker.exists():
        return marker.read_text().strip()
    try:
        out = subprocess.run(
            ["git", "-C", str(PROJECT_DIR), "describe", "--always", "--dirty"], capture_output=True, text=True
        )
        return out.stdout.strip() or "?"
    except OSError:
        return "?"


def machine() -> str:
    """One line describing the machine and the versions that matter for the figures."""
    import sqlite3

    def run(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout.strip()
        except OSError:
            return "?"

    mem = run(["free", "-g"]).splitlines()
    total = mem[1].split()[1] + " GiB" if len(mem) > 1 else "?"
    pg = "?"
    try:
        pg = pg_admin("SHOW server_version")[0][0]
    except Exception:  # noqa: BLE001 - only informative
        pass
    import django

    return (
        f"{platform.node()} {os.cpu_count()} cores, {total} RAM, Python {platform.python_version()}, "
        f"Django {django.get_version()}, SQLite {sqlite3.sqlite_version}, PostgreSQL {pg}"
    )
