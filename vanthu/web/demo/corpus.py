"""Notations and abstracts of the demo documents, taken from real data.

Source: ``data/directives/binhduong-ubnd-2014-2022.csv`` of the shared directory (documents issued by UBND tỉnh
Bình Dương). In the demo they arrive at UBND tỉnh Hà Tĩnh from other agencies, so each row is re-issued:

- the number (số) and the type part of the notation are kept; the issuer is replaced by the sender's
  abbreviation: ``123/KH-UBND`` sent by Sở Tài chính becomes ``123/KH-STC``; a công văn ``45/UBND-VX`` becomes
  ``45/STC-QLNS`` (the sender + one of its drafting units);
- when the sender is another People's Committee (a commune or ward, abbreviation ``UBND``) the row is kept as is;
- rows that ``parse_code`` rejects, rows not issued by UBND (HĐND, steering committees…), rows about named
  Bình Dương localities and rows naming people are skipped; "tỉnh Bình Dương" becomes "tỉnh Hà Tĩnh";
- the abstract gets a capital first letter and a few proper nouns back (UBND, Quốc hội, Sở …), and the numbers
  of the documents it cites are written in capitals (``03/ct-ttg`` → ``03/CT-TTg``);
- the document date keeps the row's day and month, in the year that puts it a few days before receipt.

Without the file a built-in sample of 50 rows (``sample.py``) is used instead.
"""

from __future__ import annotations

import csv
import random
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from vanthu.common.notation import NotationError, normalize_notation, parse_code
from vanthu.common.text import nfc

from .sample import SAMPLE_ROWS
from .senders import DRAFTING_UNITS, KEEP_NOTATION

CSV_PATH = "data/directives/binhduong-ubnd-2014-2022.csv"

#: Rows naming a Bình Dương locality cannot be re-issued by a Hà Tĩnh sender: skipped.
_BINH_DUONG_PLACES = (
    "thủ dầu một", "dĩ an", "thuận an", "bến cát", "tân uyên", "bàu bàng", "dầu tiếng", "phú giáo",
    "becamex", "vsip", "mỹ phước", "thành phố mới", "sóng thần", "đồng nai", "hồ chí minh",
)  # fmt: skip

_FIXES: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"\btỉnh bình dương\b", "tỉnh Hà Tĩnh"),
        (r"\bbình dương\b", "Hà Tĩnh"),
        (r"\bubnd\b", "UBND"),
        (r"\bhđnd\b", "HĐND"),
        (r"\bcovid-19\b", "COVID-19"),
        (r"\bbhyt\b", "BHYT"),
        (r"\bbhxh\b", "BHXH"),
        (r"\bthpt\b", "THPT"),
        (r"\bthcs\b", "THCS"),
        (r"\bocop\b", "OCOP"),
        (r"\bquốc hội\b", "Quốc hội"),
        (r"\bchính phủ\b", "Chính phủ"),
        (r"\bthủ tướng\b", "Thủ tướng"),
        (r"\bviệt nam\b", "Việt Nam"),
        (r"\bmừng đảng\b", "mừng Đảng"),
        (r"\bban chấp hành trung ương đảng\b", "Ban Chấp hành Trung ương Đảng"),
        (r"\bbch trung ương đảng\b", "BCH Trung ương Đảng"),
        (r"\bbộ chính trị\b", "Bộ Chính trị"),
        (r"\bban bí thư\b", "Ban Bí thư"),
        (r"\btỉnh ủy\b", "Tỉnh ủy"),
        (r"\bmặt trận tổ quốc\b", "Mặt trận Tổ quốc"),
        (r"\btết nguyên đán\b", "Tết Nguyên đán"),
        (r"\btết\b", "Tết"),
    )
)
_TERM = re.compile(r"\bkh(?:oá|óa) ([xvi]+)\b")
#: Numbers of other documents cited in an abstract: 03/ct-ttg, 05/2026/qđ-ubnd (State style), 150-tb/tu (Party).
_CITED = re.compile(r"\b\d{1,5}(?:/\d{4})?/[^\W\d_][\w.]*(?:-[\w.]+)*")
_CITED_PARTY = re.compile(r"\b\d{1,5}-[^\W\d_]+/[^\W\d_]+\b")
#: Rows that name people (meeting conclusions of named leaders, decisions about a named citizen): skipped, the
#: demo would put real people into another province.
_NAMES_PEOPLE = re.compile(r"kết luận|đồng chí|\b(?:cho|của|gia đình) (?:ông|bà) ")


@dataclass(frozen=True)
class SourceRow:
    number: str  # số, as published
    type_abbreviation: str | None  # None for a công văn
    notation: str  # normalised, e.g. KH-UBND, UBND-VX
    unit: str | None  # unit group of a công văn notation (VX, NC…)
    abstract: str
    month: int
    day: int


def tidy_abstract(text: str, proper_names: dict[str, str]) -> str:
    """Capital first letter and the usual proper nouns of a lower-cased abstract."""
    text = " ".join(nfc(text).split())
    for pattern, replacement in _FIXES:
        text = pattern.sub(replacement, text)
    text = _TERM.sub(lambda m: f"khóa {m.group(1).upper()}", text)
    text = _CITED.sub(lambda m: normalize_notation(m.group(0)), text)
    text = _CITED_PARTY.sub(lambda m: m.group(0).upper(), text)
    for lower, proper in proper_names.items():
        text = text.replace(lower, proper)
    return (text[:1].upper() + text[1:])[:500]


def _row(code: str, when: str, abstract: str, proper_names: dict[str, str]) -> SourceRow | None:
    try:
        parsed = parse_code(code)
        day, month, _year = (int(p) for p in when.strip().split("/"))
    except (NotationError, ValueError):
        return None
    text = abstract.strip().lower()
    if parsed.issuer != "UBND" or not text or any(p in text for p in _BINH_DUONG_PLACES):
        return None
    if _NAMES_PEOPLE.search(text):
        return None
    return SourceRow(
        number=parsed.number,
        type_abbreviation=parsed.type_abbreviation,
        notation=parsed.notation,
        unit=parsed.unit if parsed.type_abbreviation is None else None,
        abstract=tidy_abstract(text, proper_names),
        month=month,
        day=day,
    )


def load_rows(shared_dir: Path | None, proper_names: dict[str, str]) -> tuple[list[SourceRow], str | None]:
    """The usable rows, deduplicated, and a warning when the built-in sample had to be used."""
    path = shared_dir / CSV_PATH if shared_dir else None
    raw: list[tuple[str, str, str]]
    warning = None
    if path and path.is_file():
        with path.open(encoding="utf-8", newline="") as fh:
            raw = [(r["so_ky_hieu"], r["ngay_ban_hanh"], r["trich_yeu"]) for r in csv.DictReader(fh)]
    else:
        raw = list(SAMPLE_ROWS)
        warning = f"Không tìm thấy {path or CSV_PATH}: dùng {len(raw)} văn bản mẫu có sẵn."
    rows: dict[tuple[str, str], SourceRow] = {}
    for code, when, abstract in raw:
        row = _row(code, when, abstract, proper_names)
        if row is not None:
            rows.setdefault((row.number + "/" + row.notation, row.abstract), row)
    return list(rows.values()), warning


#: How many days a document takes to arrive (document date → receipt), with weights.
_LAGS = ((0, 8), (1, 30), (2, 25), (3, 15), (4, 8), (5, 6), (6, 4), (7, 4))


class Corpus:
    """Draws source rows without repetition, matching the row's day/month to a date just before receipt."""

    def __init__(self, rows: list[SourceRow], rng: random.Random) -> None:
        self.rng = rng
        self.rows = rows
        self.by_day: dict[tuple[int, int], list[SourceRow]] = defaultdict(list)
        for row in rows:
            self.by_day[(row.month, row.day)].append(row)
        for bucket in self.by_day.values():
            rng.shuffle(bucket)
        self.used: set[int] = set()

    def _lags(self) -> list[int]:
        lags, weights = zip(*_LAGS, strict=True)
        first = self.rng.choices(lags, weights)[0]
        return [first] + [lag for lag in lags if lag != first]

    def take(self, received: date) -> tuple[SourceRow, date, bool]:
        """(row, document date, whether the number must be changed because the row is used again)."""
        for lag in self._lags():
            day = received - timedelta(days=lag)
            for row in self.by_day.get((day.month, day.day), ()):
                if id(row) not in self.used:
                    self.used.add(id(row))
                    return row, day, False
        # no unused row with a fitting day: any unused row, or (small sample) any row again with a new number
        day = received - timedelta(days=self.rng.choice((1, 2, 3)))
        free = [r for r in self.rows if id(r) not in self.used]
        if free:
            row = self.rng.choice(free)
            self.used.add(id(row))
            return row, day, False
        return self.rng.choice(self.rows), day, True


def reissue(row: SourceRow, sender, rng: random.Random, renumber: bool, doc_date: date) -> tuple[str, str]:
    """(số, ký hiệu) of the row as sent by ``sender`` (see the module docstring)."""
    number = row.number
    if renumber:
        number = str(max(1, doc_date.timetuple().tm_yday * rng.randint(3, 9) + rng.randint(0, 9)))
    if sender.abbreviation in KEEP_NOTATION:
        notation = row.notation
    elif row.type_abbreviation:
        notation = f"{row.type_abbreviation}-{sender.abbreviation}"
    else:
        notation = f"{sender.abbreviation}-{rng.choice(DRAFTING_UNITS.get(sender.abbreviation, ('VP',)))}"
    parsed = parse_code(f"{number}/{notation}")  # normalises; every built notation is valid
    return parsed.number, parsed.notation
