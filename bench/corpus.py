"""Build (or reuse) the benchmark office: 1,000,000 incoming documents, 5,000 users, ~2M assignments.

    python -m bench.corpus --db sqlite   [--docs 1000000] [--users 5000] [--units 40] [--reuse]
    python -m bench.corpus --db postgres [--docs 1000000] [--users 5000] [--units 40] [--reuse]

One agency (UBND tỉnh Bình Dương) with ``--units`` units of very unequal load (unit k gets a share ∝ 1/(k+1)^0.9
of the documents), 5,000 people (1 administrator, 12 clerks, the chairman and 3 vice-chairmen, 4 office leaders,
2 heads per unit, the rest specialists spread over the units), a directory of outside agencies, a normal and a
secret incoming register. Documents arrive on the working days of the last 7 years, ~570 a day, numbered from 1
each year; abstracts and notations are drawn from ``/work/shared/data/directives/binhduong-ubnd-2014-2022.csv``.
States: recent documents are mostly open, old ones mostly completed (≈10 % open overall, many of the old open
ones overdue); 0.5 % are secret (with grants). Every document has its history events (registered, presented,
directed or forwarded, assigned, completed) and its assignments (lead unit, its specialist, co-operating and
informed units).

Rows are written with ``bulk_create`` in batches of 20,000 documents (SQLite: ``PRAGMA synchronous=OFF`` and a
large cache during the build; PostgreSQL: ``synchronous_commit=off``), then PostgreSQL is VACUUM ANALYZEd
(autovacuum would do it on a live server). SQLite is NOT analyzed: the application never runs ANALYZE, so the
benchmark sees the plans a real installation gets (``--analyze`` to add statistics).

The SQLite file is ``var/bench/corpus.sqlite3`` (with ``corpus.json`` beside it); the PostgreSQL database is
``vanthu_bench`` (its parameters in the database comment). ``--reuse`` keeps an existing complete build with
the same parameters.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench  # noqa: E402

CSV_PATH = Path(
    os.environ.get("VANTHU_DIRECTIVES_CSV", "/work/shared/data/directives/binhduong-ubnd-2014-2022.csv")
)
SQLITE_PATH = bench.BENCH_DIR / "corpus.sqlite3"
PG_NAME = "vanthu_bench"
CHUNK = 20_000
YEARS = 7
LOCAL = timedelta(hours=7)  # Asia/Ho_Chi_Minh, no daylight saving

UNITS = [
    ("Phòng Tổng hợp", "TH"),
    ("Phòng Kinh tế", "KT"),
    ("Phòng Văn hóa – Xã hội", "VX"),
    ("Phòng Nội chính", "NC"),
    ("Phòng Kinh tế ngành", "KTN"),
    ("Phòng Kinh tế tổng hợp", "KTTH"),
    ("Phòng Hành chính – Tổ chức", "HCTC"),
    ("Phòng Quản trị – Tài vụ", "QTTV"),
    ("Phòng Kiểm soát thủ tục hành chính", "KSTT"),
    ("Trung tâm Phục vụ hành chính công", "HCC"),
    ("Ban Tiếp công dân", "BTCD"),
    ("Cổng Thông tin điện tử", "CTTĐT"),
    ("Phòng Đô thị", "ĐT"),
    ("Phòng Nông nghiệp", "NN"),
    ("Phòng Tài nguyên – Môi trường", "TNMT"),
    ("Phòng Giao thông – Xây dựng", "GTXD"),
    ("Phòng Công nghiệp", "CN"),
    ("Phòng Thương mại", "TM"),
    ("Phòng Đầu tư", "ĐTư"),
    ("Phòng Ngoại vụ", "NV"),
    ("Phòng Dân tộc – Tôn giáo", "DTTG"),
    ("Phòng Y tế", "YT"),
    ("Phòng Giáo dục", "GD"),
    ("Phòng Lao động", "LĐ"),
    ("Phòng Thanh tra", "TTr"),
    ("Phòng Tư pháp", "TP"),
    ("Phòng Khoa học – Công nghệ", "KHCN"),
    ("Phòng Thông tin – Truyền thông", "TTTT"),
    ("Phòng Tài chính", "TC"),
    ("Phòng Kế hoạch", "KHĐT"),
    ("Phòng Nội vụ", "NVu"),
    ("Phòng Quốc phòng – An ninh", "QPAN"),
    ("Phòng Du lịch", "DL"),
    ("Phòng Thể thao", "TT"),
    ("Phòng Văn thư – Lưu trữ", "VTLT"),
    ("Phòng Công nghệ thông tin", "CNTT"),
    ("Ban Quản lý dự án", "QLDA"),
    ("Phòng Pháp chế", "PC"),
    ("Phòng Thi đua – Khen thưởng", "TĐKT"),
    ("Phòng Phòng chống thiên tai", "PCTT"),
]
SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Đức", "Quốc", "Thu", "Kim"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hòa",
    "Hùng",
    "Hương",
    "Khoa",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Trang",
    "Trung",
    "Tuấn",
    "Việt",
    "Yến",
]
DISTRICTS = [
    "Thủ Dầu Một",
    "Dĩ An",
    "Thuận An",
    "Tân Uyên",
    "Bến Cát",
    "Bàu Bàng",
    "Bắc Tân Uyên",
    "Dầu Tiếng",
    "Phú Giáo",
]
DEPARTMENTS = [
    ("Sở Tài chính", "STC"),
    ("Sở Kế hoạch và Đầu tư", "SKHĐT"),
    ("Sở Nội vụ", "SNV"),
    ("Sở Tư pháp", "STP"),
    ("Sở Xây dựng", "SXD"),
    ("Sở Giao thông vận tải", "SGTVT"),
    ("Sở Tài nguyên và Môi trường", "STNMT"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "SNN"),
    ("Sở Công Thương", "SCT"),
    ("Sở Y tế", "SYT"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT"),
    ("Sở Lao động – Thương binh và Xã hội", "SLĐTBXH"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL"),
    ("Sở Thông tin và Truyền thông", "STTTT"),
    ("Sở Khoa học và Công nghệ", "SKHCN"),
    ("Thanh tra tỉnh", "TTT"),
    ("Ban Dân tộc", "BDT"),
    ("Công an tỉnh", "CAT"),
    ("Bộ Chỉ huy Quân sự tỉnh", "BCHQS"),
    ("Ban Quản lý các khu công nghiệp", "BQLKCN"),
]
MINISTRIES = [
    ("Văn phòng Chính phủ", "VPCP"),
    ("Bộ Nội vụ", "BNV"),
    ("Bộ Tài chính", "BTC"),
    ("Bộ Kế hoạch và Đầu tư", "BKHĐT"),
    ("Bộ Y tế", "BYT"),
    ("Bộ Giáo dục và Đào tạo", "BGDĐT"),
    ("Bộ Xây dựng", "BXD"),
    ("Bộ Tài nguyên và Môi trường", "BTNMT"),
    ("Bộ Công an", "BCA"),
    ("Bộ Thông tin và Truyền thông", "BTTTT"),
]
TYPE_BY_PREFIX = {
    "QĐ": "quyet-dinh",
    "KH": "ke-hoach",
    "TB": "thong-bao",
    "CT": "chi-thi",
    "NQ": "nghi-quyet",
    "CTr": "chuong-trinh",
    "Ctr": "chuong-trinh",
    "GM": "giay-moi",
    "BC": "bao-cao",
    "TTr": "to-trinh",
    "HD": "huong-dan",
    "QC": "quy-che",
    "CV": "cong-van",
}


def _stable_json(params: dict) -> str:
    return json.dumps(params, sort_keys=True, ensure_ascii=False)


# --------------------------------------------------------------------------- where the corpus lives


def configure(db: str, sqlite_path: Path | None = None, pg_name: str | None = None) -> None:
    """Point Django at the corpus database (before ``django.setup()``)."""
    if db == "sqlite":
        bench.use_sqlite(sqlite_path or SQLITE_PATH)
    else:
        bench.use_postgres(pg_name or PG_NAME)


def read_meta(db: str, sqlite_path: Path | None = None, pg_name: str | None = None) -> dict | None:
    """The parameters and facts of a complete build, or None."""
    if db == "sqlite":
        path = Path(sqlite_path or SQLITE_PATH)
        meta = path.with_suffix(".json")
        if path.exists() and meta.exists():
            return json.loads(meta.read_text())
        return None
    name = pg_name or PG_NAME
    if not bench.pg_database_exists(name):
        return None
    rows = bench.pg_admin(
        f"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{name}'"
    )
    return json.loads(rows[0][0]) if rows and rows[0][0] else None


def _exists(db: str, sqlite_path: Path | None = None, pg_name: str | None = None) -> bool:
    if db == "sqlite":
        return Path(sqlite_path or SQLITE_PATH).exists()
    return bench.pg_database_exists(pg_name or PG_NAME)


def _write_meta(db: str, meta: dict, sqlite_path: Path | None = None, pg_name: str | None = None) -> None:
    if db == "sqlite":
        Path(sqlite_path or SQLITE_PATH).with_suffix(".json").write_text(
            json.dumps(meta, indent=1, ensure_ascii=False)
        )
    else:
        text = json.dumps(meta, ensure_ascii=False).replace("'", "''")
        bench.pg_admin(f"COMMENT ON DATABASE \"{pg_name or PG_NAME}\" IS '{text}'")


# --------------------------------------------------------------------------- the generator


class Builder:
    def __init__(self, *, docs: int, users: int, units: int, seed: int, vendor: str) -> None:
        from vanthu.common.workdays import WorkingCalendar

        self.n_docs, self.n_users, self.n_units = docs, users, units
        self.rng = random.Random(seed)
        self.vendor = vendor
        self.calendar = WorkingCalendar()
        self.today = (datetime.now(UTC) + LOCAL).date()
        self.directives = self._read_csv()
        self.ids = {"doc": 0, "asg": 0, "event": 0, "grant": 0, "notif": 0}
        self.counters: dict[tuple[int, int], int] = {}
        self.stats = {
            "states": {},
            "open_overdue": 0,
            "secret": 0,
            "assignments": 0,
            "events": 0,
            "grants": 0,
            "notifications": 0,
        }

    # -- reference data --------------------------------------------------------------------------------------
    def _read_csv(self) -> list[tuple[str, str, str, str]]:
        """(number, notation, type code, abstract) from the directives CSV."""
        rows = []
        with open(CSV_PATH, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                code = r["so_ky_hieu"].strip().replace("\u00d0", "\u0110")
                number, _, notation = code.partition("/")
                if not notation:
                    number, notation = "", code
                prefix = notation.split("-")[0]
                type_code = TYPE_BY_PREFIX.get(prefix, "cong-van")
                text = " ".join(r["trich_yeu"].split())
                if not text:
                    continue
                abstract = text[0].upper() + text[1:]
                if type_code == "cong-van":
                    abstract = "V/v " + text
                rows.append((number[:11], notation[:30], type_code, abstract[:500]))
        return rows

    def _name(self) -> tuple[str, str]:
        r = self.rng
        return r.choice(SURNAMES) + " " + r.choice(MIDDLE), r.choice(GIVEN)

    def organisation(self) -> None:
        from django.contrib.auth.hashers import make_password

        from vanthu.documents.models import DocumentType
        from vanthu.organization.models import Agency, ExternalAgency, Role, Unit, User
        from vanthu.registers.models import Register

        r = self.rng
        self.agency = Agency.objects.create(
            name="Ủy ban nhân dân tỉnh Bình Dương",
            abbreviation="UBND",
            code="000.00.00.H10",
            place_name="Bình Dương",
        )
        units = list(UNITS[: self.n_units])
        while len(units) < self.n_units:
            units.append((f"Phòng chuyên môn {len(units) + 1}", f"P{len(units) + 1}"))
        self.units = Unit.objects.bulk_create(
            Unit(agency=self.agency, name=n, abbreviation=a, order=i) for i, (n, a) in enumerate(units)
        )
        # load share of unit k ∝ 1/(k+1)^0.9: TH gets ~25 % of the documents, the last unit ~1 %
        self.unit_weights = [1 / (k + 1) ** 0.9 for k in range(self.n_units)]
        self.unit_cum = list(_cumulative(self.unit_weights))

        password = make_password("matkhau-123")
        people: list[User] = []

        def person(username, role, position, unit=None):
            last, first = self._name()
            people.append(
                User(
                    username=username,
                    password=password,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@binhduong.gov.vn",
                    agency=self.agency,
                    unit=unit,
                    role=role,
                    position=position,
                )
            )

        person("quantri", Role.ADMIN, "Quản trị hệ thống")
        hctc = self.units[6] if self.n_units > 6 else self.units[0]
        for i in range(1, 13):
            person(f"vanthu{i:02d}", Role.CLERK, "Văn thư", hctc)
        person("chutich", Role.AGENCY_LEADER, "Chủ tịch")
        for i in range(1, 4):
            person(f"phochutich{i}", Role.AGENCY_LEADER, "Phó Chủ tịch")
        person("chanhvanphong", Role.OFFICE_LEADER, "Chánh Văn phòng")
        for i in range(1, 4):
            person(f"phochanhvanphong{i}", Role.OFFICE_LEADER, "Phó Chánh Văn phòng")
        for u in self.units:
            slug = _slug(u.abbreviation)
            person(f"tp.{slug}", Role.UNIT_HEAD, "Trưởng phòng", u)
            person(f"pp.{slug}", Role.UNIT_HEAD, "Phó Trưởng phòng", u)
        # specialists ∝ sqrt(load share): busy units are bigger, but not proportionally
        left = self.n_users - len(people)
        sq = [math.sqrt(w) for w in self.unit_weights]
        sizes = [max(5, int(left * s / sum(sq))) for s in sq]
        sizes[0] += left - sum(sizes)
        n = 0
        for u, size in zip(self.units, sizes, strict=True):
            for _ in range(size):
                n += 1
                person(f"cv{n:04d}", Role.SPECIALIST, "Chuyên viên", u)
        User.objects.bulk_create(people, batch_size=1000)
        users = list(User.objects.values("pk", "username", "role", "unit_id", "first_name", "last_name"))
        self.user_name = {u["pk"]: f"{u['last_name']} {u['first_name']}" for u in users}
        by_name = {u["username"]: u["pk"] for u in users}
        self.clerks = [by_name[f"vanthu{i:02d}"] for i in range(1, 13)]
        self.chairman = by_name["chutich"]
        self.agency_leaders = [self.chairman] + [by_name[f"phochutich{i}"] for i in range(1, 4)]
        self.office_leaders = [by_name["chanhvanphong"]] + [
            by_name[f"phochanhvanphong{i}"] for i in range(1, 4)
        ]
        self.heads = {
            u.pk: [by_name[f"tp.{_slug(u.abbreviation)}"], by_name[f"pp.{_slug(u.abbreviation)}"]]
            for u in self.units
        }
        self.members: dict[int, list[int]] = {u.pk: [] for u in self.units}
        for u in users:
            if u["role"] == Role.SPECIALIST:
                self.members[u["unit_id"]].append(u["pk"])

        senders = [
            (f"Ủy ban nhân dân {'thành phố' if i < 3 else 'thị xã' if i < 5 else 'huyện'} {d}", "UBND")
            for i, d in enumerate(DISTRICTS)
        ]
        senders += [(f"{n} tỉnh Bình Dương", a) for n, a in DEPARTMENTS] + MINISTRIES
        senders += [(f"Ủy ban nhân dân xã {r.choice(GIVEN)} {i}", "UBND") for i in range(60)]
        ext = ExternalAgency.objects.bulk_create(
            ExternalAgency(name=n, abbreviation=a, code=f"000.{i:02d}.{(i * 7) % 100:02d}.H10"[:13])
            for i, (n, a) in enumerate(senders)
        )
        self.senders = [(e.pk, e.name) for e in ext]
        self.sender_cum = list(_cumulative([1 / (k + 1) ** 0.7 for k in range(len(ext))]))
        self.register = Register.objects.create(
            agency=self.agency, name="Sổ văn bản đến", direction=Register.Direction.INCOMING, is_default=True
        )
        self.secret_register = Register.objects.create(
            agency=self.agency,
            name="Sổ văn bản mật đến",
            direction=Register.Direction.INCOMING,
            is_secret=True,
            is_default=True,
        )
        self.types = dict(DocumentType.objects.values_list("code", "pk"))

    # -- documents -------------------------------------------------------------------------------------------
    def _p_open(self, age: int) -> float:
        if age < 14:
            return 0.85
        if age < 60:
            return 0.45
        if age < 365:
            return 0.15
        return 0.08

    def documents(self, progress) -> None:
        """Generate day by day, flushing every CHUNK documents."""
        start = self.today - timedelta(days=365 * YEARS)
        days = [start + timedelta(d) for d in range((self.today - start).days + 1)]
        days = [d for d in days if self.calendar.is_working_day(d)]
        per_day = self.n_docs / len(days)
        made = 0
        batch = _Batch()
        for i, day in enumerate(days):
            target = round(per_day * (i + 1)) - made
            if i == len(days) - 1:
                target = self.n_docs - made
            minutes = sorted(self.rng.randrange(7 * 60 + 30, 17 * 60) for _ in range(target))
            for m in minutes:
                self._document(batch, day, m)
            made += target
            if len(batch.docs) >= CHUNK or i == len(days) - 1:
                batch.flush()
                progress(made)
                batch = _Batch()

    def _document(self, b: _Batch, day: date, minute: int) -> None:
        from vanthu.incoming.services.registration import make_duplicate_key

        r = self.rng
        ids = self.ids
        ids["doc"] += 1
        doc_id = ids["doc"]
        received = datetime.combine(day, dtime(minute // 60, minute % 60, r.randrange(60)), UTC) - LOCAL
        secret = r.random() < 0.005
        register_id = self.secret_register.pk if secret else self.register.pk
        key = (register_id, day.year)
        self.counters[key] = number = self.counters.get(key, 0) + 1
        code_number, notation, type_code, abstract = r.choice(self.directives)
        sender_id, sender_name = self.senders[_pick(self.sender_cum, r.random())]
        urgency = _pick(URGENCY_CUM, r.random())
        clerk = r.choice(self.clerks)
        age = (self.today - day).days
        if r.random() < self._p_open(age):
            if age < 3:
                state = r.choices(["registered", "presented", "in_progress"], [3, 3, 4])[0]
            else:
                state = r.choices(["registered", "presented", "in_progress"], [2, 3, 95])[0]
        else:
            state = "completed"
        doc = dict(
            id=doc_id,
            agency_id=self.agency.pk,
            register_id=register_id,
            year=day.year,
            number=number,
            received_at=received,
            channel=r.choices(["paper", "email", "exchange"], [2, 3, 5])[0],
            sender_id=sender_id,
            sender_name=sender_name,
            code_number=code_number,
            code_notation=notation,
            duplicate_key=_dup_key(make_duplicate_key, code_number, notation, sender_name, day.year),
            document_date=day - timedelta(days=r.randrange(0, 6)),
            doc_type_id=self.types[type_code],
            abstract=abstract,
            signer_name=" ".join(self._name()),
            signer_position=r.choice(SIGNER_POSITIONS),
            urgency=urgency,
            confidentiality=r.choice([1, 1, 1, 2, 3]) if secret else 0,
            page_count=r.randrange(1, 30),
            state=state,
            priority=0 if state == "completed" else urgency,
            created_by_id=clerk,
            created_at=received,
            updated_at=received,
        )
        self.stats["states"][state] = self.stats["states"].get(state, 0) + 1
        self.stats["secret"] += secret
        viewers = {clerk}
        b.event(
            self,
            received,
            clerk,
            doc_id,
            "registered",
            "",
            "registered",
            f"Vào sổ {'Sổ văn bản mật đến' if secret else 'Sổ văn bản đến'}, số đến {number}",
            {"number": number},
        )
        handed = received + timedelta(hours=r.randrange(1, 6))
        if state == "registered":
            b.docs.append(doc)
            self._grants(b, doc_id, viewers, secret, received)
            return
        if state == "presented" or r.random() < 0.6:
            leader = (
                self.chairman
                if r.random() < 0.35
                else r.choice(self.agency_leaders[1:] + self.office_leaders)
            )
            b.event(
                self,
                handed,
                clerk,
                doc_id,
                "presented",
                "registered",
                "presented",
                "",
                {"to_user": self.user_name[leader]},
            )
            viewers.add(leader)
            if state == "presented":
                doc.update(presented_to_id=leader, handed_over_at=handed)
                b.docs.append(doc)
                self._grants(b, doc_id, viewers, secret, received)
                return
            director, verb, prev = leader, "directed", "presented"
        else:
            director, verb, prev = clerk, "forwarded", "registered"
        directed_at = handed + timedelta(hours=r.randrange(1, 48))
        deadline = None
        if r.random() < 0.7:
            deadline = self.calendar.add_working_days(
                _local_date(directed_at), r.choice([3, 5, 7, 10, 10, 15, 20, 30])
            )
        lead_unit = self.units[_pick(self.unit_cum, r.random())].pk
        doc.update(handed_over_at=handed, deadline=deadline)
        if verb == "directed":
            doc.update(
                directed_by_id=director,
                directed_at=directed_at,
                direction=f"Giao {UNIT_NAME[lead_unit]} chủ trì, tham mưu xử lý; báo cáo kết quả.",
            )
        b.event(
            self,
            directed_at,
            director,
            doc_id,
            verb,
            prev,
            "in_progress",
            doc.get("direction", ""),
            {"lead": UNIT_NAME[lead_unit]} if verb == "directed" else {"unit": UNIT_NAME[lead_unit]},
        )
        completed = state == "completed"
        done_on = None
        if completed:
            days_taken = max(1, int(r.lognormvariate(1.8, 0.8)))
            done_on = _local_date(directed_at) + timedelta(days=days_taken)
            if done_on > self.today:
                done_on = self.today
            done_at = datetime.combine(done_on, dtime(3, r.randrange(60)), UTC) + timedelta(
                hours=r.randrange(0, 7)
            )
            if done_at < directed_at:
                done_at = directed_at + timedelta(hours=1)
                done_on = _local_date(done_at)
        elif deadline and deadline < self.today:
            self.stats["open_overdue"] += 1
        head = self.heads[lead_unit][0]
        lead = b.assignment(
            self,
            doc_id,
            None,
            "lead",
            lead_unit,
            None,
            deadline,
            director,
            directed_at,
            f"Giao {UNIT_NAME[lead_unit]} chủ trì",
        )
        viewers.update(self.heads[lead_unit])
        specialist = None
        if r.random() < 0.6 and self.members[lead_unit]:
            specialist = r.choice(self.members[lead_unit])
            child_at = directed_at + timedelta(hours=r.randrange(1, 24))
            child_deadline = self.calendar.add_working_days(deadline, -2) if deadline else None
            if child_deadline and child_deadline < _local_date(child_at):
                child_deadline = deadline
            b.assignment(
                self,
                doc_id,
                lead["id"],
                "lead",
                None,
                specialist,
                child_deadline,
                head,
                child_at,
                "Đề nghị đồng chí nghiên cứu, tham mưu xử lý",
            )
            lead["state"] = "delegated"
            b.event(
                self, child_at, head, doc_id, "assigned", "", "", "", {"holder": self.user_name[specialist]}
            )
            viewers.add(specialist)
        for role, k in (("coop", _pick(COOP_CUM, r.random())), ("info", int(r.random() < 0.1))):
            for _ in range(k):
                unit = self.units[r.randrange(self.n_units)].pk
                if unit == lead_unit:
                    continue
                a = b.assignment(
                    self,
                    doc_id,
                    None,
                    role,
                    unit,
                    None,
                    deadline if role == "coop" else None,
                    director,
                    directed_at,
                    "",
                )
                viewers.update(self.heads[unit])
                if completed or r.random() < 0.4:
                    a.update(
                        state="done",
                        completed_on=done_on or _local_date(directed_at) + timedelta(days=1),
                        completed_at=directed_at + timedelta(days=1),
                    )
                elif not secret:
                    for h in self.heads[unit]:
                        b.notification(
                            self, h, f"Văn bản đến số {number}: {abstract[:200]}", doc_id, directed_at
                        )
        if completed:
            actor = specialist or head
            for a in b.open_of(doc_id):
                a.update(state="done", completed_on=done_on, completed_at=done_at)
            result = f"Đã trả lời bằng văn bản số {r.randrange(1, 9000)}/{UNIT_ABBR[lead_unit]}"
            doc.update(completed_at=done_at, completed_on=done_on, result=result, updated_at=done_at)
            b.event(
                self, done_at, actor, doc_id, "document_completed", "in_progress", "completed", result, {}
            )
        else:
            holder = [specialist] if specialist else self.heads[lead_unit]
            for h in holder:
                b.notification(self, h, f"Văn bản đến số {number}: {abstract[:200]}", doc_id, directed_at)
        b.docs.append(doc)
        self._grants(b, doc_id, viewers, secret, received)

    def _grants(self, b: _Batch, doc_id: int, viewers: set[int], secret: bool, at: datetime) -> None:
        if secret:
            for u in viewers:
                b.grant(self, doc_id, u, at)

    def finish(self) -> None:
        from vanthu.registers.models import Counter

        Counter.objects.bulk_create(
            Counter(register_id=reg, year=year, last_number=n)
            for (reg, year), n in sorted(self.counters.items())
        )


URGENCY_CUM = list((lambda w: [sum(w[: i + 1]) / sum(w) for i in range(len(w))])([86, 9, 3, 1.5, 0.5]))
COOP_CUM = list((lambda w: [sum(w[: i + 1]) / sum(w) for i in range(len(w))])([70, 25, 5]))
SIGNER_POSITIONS = ["Giám đốc", "Phó Giám đốc", "Chủ tịch", "Phó Chủ tịch", "Chánh Văn phòng", "Thứ trưởng"]
UNIT_NAME: dict[int, str] = {}
UNIT_ABBR: dict[int, str] = {}


@lru_cache(maxsize=100_000)
def _dup_key(fn, number, notation, sender, year) -> str:
    return fn(number, notation, sender, year)


def _cumulative(weights):
    total = sum(weights)
    acc = 0.0
    for w in weights:
        acc += w
        yield acc / total


def _pick(cum: list[float], x: float) -> int:
    from bisect import bisect_left

    return min(bisect_left(cum, x), len(cum) - 1)


def _local_date(at: datetime) -> date:
    return (at + LOCAL).date()


def _slug(abbr: str) -> str:
    from vanthu.common.text import fold

    return fold(abbr).replace(" ", "")


class _Batch:
    """Rows of one chunk as dicts, turned into model instances and bulk-inserted at flush."""

    def __init__(self) -> None:
        self.docs: list[dict] = []
        self.assignments: list[dict] = []
        self.events: list[dict] = []
        self.grants: list[dict] = []
        self.notifications: list[dict] = []
        self._by_doc: dict[int, list[dict]] = {}

    def event(self, bld, at, actor, doc_id, verb, from_state, to_state, note, payload) -> None:
        bld.ids["event"] += 1
        bld.stats["events"] += 1
        self.events.append(
            dict(
                id=bld.ids["event"],
                at=at,
                actor_id=actor,
                object_type="incoming.incomingdocument",
                object_id=doc_id,
                verb=verb,
                from_state=from_state,
                to_state=to_state,
                note=note,
                payload=payload,
            )
        )

    def assignment(
        self, bld, doc_id, parent_id, role, unit_id, user_id, deadline, by, at, instruction
    ) -> dict:
        bld.ids["asg"] += 1
        bld.stats["assignments"] += 1
        a = dict(
            id=bld.ids["asg"],
            document_id=doc_id,
            parent_id=parent_id,
            role=role,
            unit_id=unit_id,
            user_id=user_id,
            state="new",
            instruction=instruction,
            deadline=deadline,
            assigned_by_id=by,
            assigned_at=at,
        )
        self.assignments.append(a)
        self._by_doc.setdefault(doc_id, []).append(a)
        return a

    def open_of(self, doc_id) -> list[dict]:
        return self._by_doc.get(doc_id, [])

    def grant(self, bld, doc_id, user_id, at) -> None:
        bld.ids["grant"] += 1
        bld.stats["grants"] += 1
        self.grants.append(dict(id=bld.ids["grant"], document_id=doc_id, user_id=user_id, granted_at=at))

    def notification(self, bld, user_id, text, doc_id, at) -> None:
        bld.ids["notif"] += 1
        bld.stats["notifications"] += 1
        self.notifications.append(
            dict(
                id=bld.ids["notif"],
                user_id=user_id,
                text=text[:500],
                url=f"/van-ban-den/{doc_id}/",
                created_at=at,
            )
        )

    def flush(self) -> None:
        from django.db import transaction

        from vanthu.history.models import Event
        from vanthu.incoming.models import Assignment, DocumentGrant, IncomingDocument
        from vanthu.notifications.models import Notification

        with transaction.atomic():
            insert_rows(IncomingDocument, self.docs)
            insert_rows(Assignment, self.assignments)
            insert_rows(Event, self.events)
            insert_rows(DocumentGrant, self.grants)
            insert_rows(Notification, self.notifications)


def insert_rows(model, rows: list[dict]) -> None:
    """Insert ``rows`` (dicts by attname; missing columns take the field default) into ``model``'s table.

    ``bulk_create`` spends ~250 µs per row here in Python (it prepares every value through the field), which
    makes ~7M rows a 30-minute build; this writes the same rows through Django's own connection with
    ``executemany`` (SQLite) or ``COPY`` (PostgreSQL), converting only the types that need it.
    """
    if not rows:
        return
    from django.db import connection, models

    fields = model._meta.concrete_fields
    columns = [f.column for f in fields]
    defaults = [None if f.null and not f.has_default() else f.get_default() for f in fields]
    table = model._meta.db_table
    if connection.vendor == "sqlite":
        convs = []
        for f in fields:
            if isinstance(f, models.DateTimeField):
                convs.append(_sqlite_datetime)
            elif isinstance(f, models.DateField):
                convs.append(_sqlite_date)
            elif isinstance(f, models.JSONField):
                convs.append(_json)
            else:
                convs.append(None)
        data = [
            tuple(
                (c(v) if c and v is not None else v)
                for c, v in zip(
                    convs, (r.get(col, d) for col, d in zip(columns, defaults, strict=True)), strict=True
                )
            )
            for r in rows
        ]
        sql = f'INSERT INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in columns)}) VALUES ({", ".join("?" * len(columns))})'
        connection.ensure_connection()
        connection.connection.executemany(sql, data)
        return
    from psycopg.types.json import Jsonb

    json_cols = {i for i, f in enumerate(fields) if isinstance(f, models.JSONField)}
    connection.ensure_connection()
    with connection.connection.cursor() as raw:
        with raw.copy(
            f'COPY "{table}" ({", ".join(chr(34) + c + chr(34) for c in columns)}) FROM STDIN'
        ) as copy:
            for r in rows:
                values = [r.get(col, d) for col, d in zip(columns, defaults, strict=True)]
                for i in json_cols:
                    values[i] = Jsonb(values[i])
                copy.write_row(values)


def _sqlite_datetime(v: datetime) -> str:
    return v.astimezone(UTC).replace(tzinfo=None).isoformat(" ")


def _sqlite_date(v: date) -> str:
    return v.isoformat()


def _json(v) -> str:
    return json.dumps(v)


# --------------------------------------------------------------------------- build / reuse


def _disable_auto_now() -> None:
    """bulk_create calls pre_save(): auto_now(_add) would stamp every row with *now*; the corpus sets them itself."""
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                field.auto_now = field.auto_now_add = False


def representative_users() -> dict:
    """The users pages.py measures as: a clerk, the chairman, the head of the busiest unit, a specialist of the
    busiest unit (the one with most open personal work) and a specialist of the quietest unit."""
    from django.db.models import Count

    from vanthu.incoming.models import Assignment
    from vanthu.organization.models import Role, Unit, User

    units = list(Unit.objects.order_by("order").values_list("pk", "abbreviation"))
    busy_unit, quiet_unit = units[0][0], units[-1][0]

    def busiest_specialist(unit_id: int) -> str:
        row = (
            Assignment.objects.filter(user__unit_id=unit_id, user__role=Role.SPECIALIST, state="new")
            .values("user__username")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        if row:
            return row["user__username"]
        return User.objects.filter(unit_id=unit_id, role=Role.SPECIALIST).order_by("username")[0].username

    return {
        "clerk": "vanthu01",
        "chairman": "chutich",
        "unit_head": User.objects.filter(unit_id=busy_unit, role=Role.UNIT_HEAD)
        .order_by("username")
        .last()
        .username,
        "specialist_busy": busiest_specialist(busy_unit),
        "specialist_quiet": busiest_specialist(quiet_unit),
    }


def build(
    db: str,
    *,
    docs: int,
    users: int,
    units: int,
    seed: int,
    analyze: bool,
    sqlite_path: Path | None = None,
    pg_name: str | None = None,
) -> dict:
    t_start = time.perf_counter()
    params = {"docs": docs, "users": users, "units": units, "seed": seed, "analyze": analyze}
    if db == "sqlite":
        path = Path(sqlite_path or SQLITE_PATH)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        path.with_suffix(".json").unlink(missing_ok=True)
    else:
        bench.pg_recreate(pg_name or PG_NAME)
    configure(db, sqlite_path, pg_name)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    _disable_auto_now()
    with connection.cursor() as cur:
        if db == "sqlite":
            cur.execute("PRAGMA synchronous=OFF")
            cur.execute("PRAGMA cache_size=-1000000")  # 1 GB page cache while building
            cur.execute("PRAGMA temp_store=MEMORY")
            connection.features.max_query_params = 30000  # SQLite 3.32+ allows 32766 (Django assumes 999)
        else:
            cur.execute("SET synchronous_commit = off")
    b = Builder(docs=docs, users=users, units=units, seed=seed, vendor=connection.vendor)
    b.organisation()
    UNIT_NAME.update({u.pk: u.name for u in b.units})
    UNIT_ABBR.update({u.pk: f"{u.abbreviation}" for u in b.units})
    t_org = time.perf_counter()

    def progress(made: int) -> None:
        el = time.perf_counter() - t_org
        print(f"  {made:>9,} documents  {el:7.1f} s  ({made / el:,.0f}/s)", flush=True)

    b.documents(progress)
    b.finish()
    t_rows = time.perf_counter()
    with connection.cursor() as cur:
        if db == "postgres":
            for table in (
                "incoming_incomingdocument",
                "incoming_assignment",
                "history_event",
                "incoming_documentgrant",
                "notifications_notification",
                "organization_user",
            ):
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                )
        elif analyze:
            cur.execute("ANALYZE")
    if db == "postgres":
        connection.close()
        bench.pg_admin("VACUUM ANALYZE", dbname=pg_name or PG_NAME)
    else:
        with connection.cursor() as cur:
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    t_end = time.perf_counter()
    meta = {
        "params": params,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "today": b.today.isoformat(),
        "build_seconds": round(t_end - t_start, 1),
        "rows_seconds": round(t_rows - t_org, 1),
        "finish_seconds": round(t_end - t_rows, 1),
        "counts": {"documents": b.ids["doc"], **{k: v for k, v in b.stats.items()}, "users": users},
        "users": representative_users(),
    }
    if db == "sqlite":
        meta["size_bytes"] = Path(sqlite_path or SQLITE_PATH).stat().st_size
    else:
        meta["size_bytes"] = bench.pg_admin(f"SELECT pg_database_size('{pg_name or PG_NAME}')")[0][0]
    _write_meta(db, meta, sqlite_path, pg_name)
    return meta


def ensure(
    db: str,
    *,
    reuse: bool,
    docs: int = 1_000_000,
    users: int = 5000,
    units: int = 40,
    seed: int = 42,
    analyze: bool = False,
    sqlite_path: Path | None = None,
    pg_name: str | None = None,
) -> dict:
    """Reuse a complete build with the same parameters (when ``reuse``), else build; Django is set up after."""
    params = {"docs": docs, "users": users, "units": units, "seed": seed, "analyze": analyze}
    meta = read_meta(db, sqlite_path, pg_name) if reuse else None
    if meta and meta.get("params") == params:
        configure(db, sqlite_path, pg_name)
        import django

        django.setup()
        meta["reused"] = True
        return meta
    if meta:
        print(f"# existing corpus has other parameters {meta.get('params')}: rebuilding")
    elif reuse and _exists(db, sqlite_path, pg_name):
        # never drop a database this script did not finish building (or one that is not ours at all)
        raise SystemExit(
            f"{pg_name or PG_NAME if db == 'postgres' else sqlite_path or SQLITE_PATH} exists but carries no "
            "benchmark description (an interrupted build, or not a corpus): run without --reuse to rebuild it"
        )
    return build(
        db,
        docs=docs,
        users=users,
        units=units,
        seed=seed,
        analyze=analyze,
        sqlite_path=sqlite_path,
        pg_name=pg_name,
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=5000)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--analyze", action="store_true", help="SQLite: run ANALYZE after the build")
    parser.add_argument(
        "--reuse", action="store_true", help="keep an existing build with the same parameters"
    )
    parser.add_argument("--sqlite-path", type=Path, default=None, help=f"default {SQLITE_PATH}")
    parser.add_argument("--pg-name", default=None, help=f"default {PG_NAME}")


def corpus_from_args(args) -> dict:
    return ensure(
        args.db,
        reuse=args.reuse,
        docs=args.docs,
        users=args.users,
        units=args.units,
        seed=args.seed,
        analyze=args.analyze,
        sqlite_path=args.sqlite_path,
        pg_name=args.pg_name,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    args = parser.parse_args(argv)
    meta = corpus_from_args(args)
    print(json.dumps(meta, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
