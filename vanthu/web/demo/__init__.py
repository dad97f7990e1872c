"""Demo office (dữ liệu mẫu) for vanthu: ``build_demo`` fills an empty database, ``seed_demo`` runs it.

What it creates: UBND tỉnh Hà Tĩnh (7 units of its Văn phòng, ~45 people, a normal and a secret incoming
register, an agency day off and a make-up Saturday) and UBND xã Thạch Hà (one unit, four people, its own
registers); the Sở Tài chính, an outside agency with two accounts; the directory of ~40 outside agencies,
imported from ``directory.csv``; 400+ incoming documents for the province and ~20 for the commune, received
over the last four months and handled through the services (``plan`` decides, ``flows`` replays), so that every
document has its real history; a year of tasks the province's leaders assigned, with the work programme of the
year (``tasks``).

All names of people are fictitious. Identifiers (mã định danh) in ``people.py`` and ``directory.csv`` are DEMO
VALUES, plausible in shape only — never use them as authoritative codes. The random generator has a fixed
seed (``random.Random(2026)``): the demo depends only on the moment it is built (dates are relative to now).
"""

from __future__ import annotations

import os
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from vanthu.common.workdays import WorkingCalendar
from vanthu.incoming.models import Assignment, IncomingDocument
from vanthu.incoming.queries import filter_status
from vanthu.incoming.states import AssignmentState, DocState
from vanthu.notifications.models import Notification
from vanthu.organization.models import Agency, Role, User
from vanthu.organization.services import calendar_for
from vanthu.search import signals as search_signals
from vanthu.search.services import reindex_all

from .clock import Clock
from .corpus import Corpus, load_rows
from .documents import Arrivals
from .flows import Replayer
from .office import create_agencies, create_calendar, load_directory
from .outgoing import build_outgoing, outgoing_counts
from .people import COMMUNE, COMMUNE_PEOPLE, DEMO_PASSWORD, OUTSIDE, OUTSIDE_PEOPLE, PROVINCE, PROVINCE_PEOPLE
from .plan import Planner
from .senders import SenderPicker, Signers
from .tasks import build_tasks, mark_waiting, task_counts

SEED = 2026
DEFAULT_COUNT = 420
#: Issued outgoing documents of the province per incoming document (a UBND answers or writes about one in two).
OUTGOING_SHARE = 0.55

__all__ = [
    "DEFAULT_COUNT",
    "DEMO_PASSWORD",
    "DemoResult",
    "Login",
    "build_demo",
    "format_logins",
    "shared_dir",
]


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    full_name: str
    role: str
    unit: str
    agency: str


@dataclass
class DemoResult:
    created: bool
    logins: list[Login]
    counts: dict[str, dict[str, int]]  # agency name -> state (and "overdue") -> number of documents
    warnings: list[str] = field(default_factory=list)
    tasks: dict[str, int] = field(default_factory=dict)  # report status (and "total", "programme"…) -> tasks
    outgoing: dict[str, int] = field(default_factory=dict)  # register name (and "drafts") -> documents
    outgoing_seconds: float = 0.0  # of ``seconds``, spent on the outgoing documents
    search: int = 0  # items put in the search index
    seconds: float = 0.0


def shared_dir() -> Path:
    """The shared reference data: ``$VANTHU_SHARED_DIR`` or ``shared/`` beside the repository."""
    configured = os.environ.get("VANTHU_SHARED_DIR")
    return Path(configured) if configured else Path(settings.BASE_DIR).parent.parent / "shared"


def demo_logins() -> list[Login]:
    """The demo accounts present in the database, with the demo password."""
    codes = [PROVINCE["code"], COMMUNE["code"], OUTSIDE["code"]]
    users = {
        u.username: u for u in User.objects.select_related("unit", "agency").filter(agency__code__in=codes)
    }
    logins = []
    for person in PROVINCE_PEOPLE + COMMUNE_PEOPLE + OUTSIDE_PEOPLE:
        user = users.get(person.username)
        if user is not None:
            logins.append(
                Login(
                    username=user.username,
                    password=DEMO_PASSWORD,
                    full_name=person.full_name,
                    role=Role(user.role).label,
                    unit=user.unit.name if user.unit else "",
                    agency=user.agency.name,
                )
            )
    return logins


def demo_counts() -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for agency in Agency.objects.filter(code__in=[PROVINCE["code"], COMMUNE["code"]]).order_by("code"):
        docs = IncomingDocument.objects.filter(agency=agency)
        row = {s.value: docs.filter(state=s).count() for s in DocState}
        row["overdue"] = filter_status(docs, "overdue", agency.pk).count()
        row["urgent"] = docs.filter(urgency__gt=0).count()
        row["secret"] = docs.filter(confidentiality__gt=0).count()
        counts[agency.name] = row
    return counts


def _proper_names(directory) -> dict[str, str]:
    names = [e.name for e in directory if not e.name.startswith("Ủy ban")]
    return {n.lower(): n for n in sorted(names, key=len, reverse=True)}


def _quiet_notifications(agencies: list[Agency], started) -> None:
    """Nobody is e-mailed about demo events, and only what still waits for someone is left unread."""
    now = timezone.now()
    seeded = Notification.objects.filter(user__agency__in=agencies, created_at__gte=started)
    seeded.update(emailed_at=now, read_at=now)
    heads = defaultdict(list)
    for user in User.objects.filter(agency__in=agencies, role=Role.UNIT_HEAD):
        heads[user.unit_id].append(user.pk)
    waiting: dict[int, set[str]] = defaultdict(set)
    for doc in IncomingDocument.objects.filter(agency__in=agencies, state=DocState.PRESENTED):
        waiting[doc.presented_to_id].add(doc.get_absolute_url())
    for part in Assignment.objects.filter(document__agency__in=agencies, state=AssignmentState.NEW):
        url = IncomingDocument(pk=part.document_id).get_absolute_url()
        for user_id in [part.user_id] if part.user_id else heads[part.unit_id]:
            waiting[user_id].add(url)
    for user_id, urls in waiting.items():
        seeded.filter(user_id=user_id, url__in=urls).update(read_at=None)


def build_demo(count: int = DEFAULT_COUNT, shared: Path | None = None) -> DemoResult:
    """Create the demo office, unless it exists (then only report it). ``count``: documents of the province."""
    existing = Agency.objects.filter(code=PROVINCE["code"]).first()
    if existing is not None:
        return DemoResult(
            created=False,
            logins=demo_logins(),
            counts=demo_counts(),
            tasks=task_counts(existing),
            outgoing=outgoing_counts(existing),
        )
    clock_started = time.monotonic()
    started = timezone.now()
    shared = shared or shared_dir()
    rng = random.Random(SEED)
    warnings: list[str] = []
    with (
        transaction.atomic(),
        search_signals.paused(),
    ):  # all or nothing: a half-built demo would pass for one
        province, commune, outside = create_agencies()
        create_calendar(province.agency, WorkingCalendar(), Clock(WorkingCalendar(), started, rng).last_day)
        imported, directory = load_directory(province.agency, commune.agency, outside.agency)
        warnings += imported.errors
        rows, warning = load_rows(shared, _proper_names(directory))
        warnings += [warning] if warning else []
        gazette_dir = shared / "data" / "gazette"
        if not gazette_dir.is_dir():
            warnings.append(f"Không tìm thấy {gazette_dir}: văn bản mẫu không có tệp PDF đính kèm.")
            gazette_dir = None
        corpus, picker, signers = Corpus(rows, rng), SenderPicker(rng, directory), Signers(rng)
        for setup, n, is_commune in ((province, count, False), (commune, max(5, round(count / 20)), True)):
            clock = Clock(calendar_for(setup.agency), started, rng)
            arrivals = Arrivals(
                clock=clock, corpus=corpus, picker=picker, signers=signers, rng=rng, gazette_dir=gazette_dir
            )
            plans = arrivals.plans(n, setup.office, commune=is_commune, exclude=(setup.agency.code,))
            Planner(setup.office, clock, rng).plan_all(plans, with_returns=not is_commune)
            replayer = Replayer(setup.users, setup.units, started)
            for plan in plans:
                replayer.run(plan, setup.secret_register if plan.secret else setup.register)
        tasks = build_tasks(province, directory, started)
        outgoing_started = time.monotonic()
        build_outgoing(province, outside, started, rng, count=max(30, round(count * OUTGOING_SHARE)))
        outgoing_seconds = time.monotonic() - outgoing_started
        _quiet_notifications([province.agency, commune.agency, outside.agency], started)
        mark_waiting(tasks)
    search_items = reindex_all()  # the seed's changes were not queued one by one
    return DemoResult(
        created=True,
        logins=demo_logins(),
        counts=demo_counts(),
        warnings=warnings,
        seconds=time.monotonic() - clock_started,
        tasks=task_counts(province.agency),
        outgoing=outgoing_counts(province.agency),
        outgoing_seconds=outgoing_seconds,
        search=search_items,
    )


def format_logins(logins: list[Login]) -> str:
    """The logins as a plain-text table, one block per agency."""
    headers = ("Tên đăng nhập", "Mật khẩu", "Họ và tên", "Vai trò", "Đơn vị")
    rows = [(x.username, x.password, x.full_name, x.role, x.unit or "—") for x in logins]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = "  ".join("-" * w for w in widths)
    out: list[str] = []
    agency = None
    for login, row in zip(logins, rows, strict=True):
        if login.agency != agency:
            agency = login.agency
            header = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()
            out += ["", agency, header, line]
        out.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(out).lstrip("\n")
