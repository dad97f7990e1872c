"""Reading a plan's list of items (kế hoạch, chương trình hành động) into rows to assign as tasks.

Plain functions, no database: the caller passes the units and agencies to match names against.

- ``parse_text``: pasted text, one item per line. Leading numbering ("1.", "2)", "a)", "II.3.") becomes the
  item number, a bullet ("- ", "+ ", "•") is dropped. A line pasted from Excel is tab-separated:
  ``[STT<TAB>]nội dung<TAB>chủ trì[<TAB>phối hợp]<TAB>thời hạn``.
- ``read_xlsx``: a workbook with the columns STT | Nội dung | Chủ trì | Phối hợp | Thời hạn (found by their
  headings, else in that order).
- ``parse_deadline``: "31/3/2026", "10 ngày làm việc", "tháng 6/2026", "quý II/2026", "thường xuyên".
- ``Matcher``: finds a unit or agency by abbreviation or name, folded (no diacritics, any case).
"""

from __future__ import annotations

import calendar as _cal
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from vanthu.common.text import fold

#: At most this many items are read at once (one screen of the bulk form).
MAX_ITEMS = 100

_TOKEN = r"(?:[IVXLC]{1,6}|\d{1,3}|[a-zđA-Z])"
#: "1." "2)" "a)" "II.3." "1.2.3" (a last token without punctuation only after a first one)
_NUMBER_RE = re.compile(
    rf"^(?P<num>{_TOKEN}[.)](?:{_TOKEN}[.)])*(?:(?<=\.){_TOKEN}(?=\s))?)\s+(?P<rest>\S.*)$", re.DOTALL
)
_BULLET_RE = re.compile(r"^[-+*•–—·]\s*(?P<rest>.*)$", re.DOTALL)
#: a cell that holds only an item number (the STT column pasted from Excel)
_NUMBER_CELL_RE = re.compile(rf"^{_TOKEN}(?:[.)]?{_TOKEN})*[.)]?$")

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


@dataclass
class Deadline:
    """A parsed time limit: a date, a number of working days, or none (thường xuyên)."""

    kind: str  # "date" | "working_days" | "none" | "" (nothing given: use the default)
    date: date | None = None
    working_days: int | None = None


@dataclass
class Item:
    """One row read from the pasted text or the workbook, before it is checked."""

    line: int
    content: str
    number: str = ""
    lead_text: str = ""
    coop_text: str = ""
    deadline_text: str = ""


@dataclass
class ParseResult:
    items: list[Item] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def split_number(text: str) -> tuple[str, str]:
    """(item number, content) of one line: "II.3. Rà soát…" → ("II.3", "Rà soát…"); a bullet is dropped."""
    text = text.strip()
    match = _NUMBER_RE.match(text)
    if match:
        return match.group("num").rstrip(".)")[:20], match.group("rest").strip()
    match = _BULLET_RE.match(text)
    if match:
        return "", match.group("rest").strip()
    return "", text


def _too_many() -> str:
    return _("Chỉ đọc %(max)d nội dung đầu tiên; hãy giao phần còn lại ở lượt sau.") % {"max": MAX_ITEMS}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):  # a datetime too
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())


def _from_cells(line: int, cells: list[str]) -> Item | None:
    """An item from the cells of one row: [STT,] nội dung, chủ trì, [phối hợp,] thời hạn."""
    cells = [c.strip() for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    if not cells:
        return None
    number = ""
    if len(cells) > 1 and (not cells[0] or _NUMBER_CELL_RE.match(cells[0])):
        number = cells.pop(0).rstrip(".)")[:20]
    if not cells or not cells[0]:
        return None
    content = cells[0]
    if not number:
        number, content = split_number(content)
    rest = cells[1:]
    item = Item(line=line, content=content, number=number)
    if rest:
        item.lead_text = rest.pop(0)
    if rest:
        item.deadline_text = rest.pop()
    if rest:
        item.coop_text = ", ".join(r for r in rest if r)
    return item


def parse_text(text: str) -> ParseResult:
    """Items from pasted text: one per non-empty line (tab-separated cells when pasted from Excel)."""
    result = ParseResult()
    for index, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        if "\t" in raw:
            item = _from_cells(index, raw.split("\t"))
        else:
            number, content = split_number(raw)
            item = Item(line=index, content=content, number=number) if content else None
        if item is None:
            continue
        if len(result.items) >= MAX_ITEMS:
            result.problems.append(_too_many())
            break
        result.items.append(item)
    return result


_HEADINGS = {
    "number": ("stt", "tt", "so tt", "so thu tu", "muc"),
    "content": ("noi dung", "noi dung nhiem vu", "nhiem vu", "ten nhiem vu"),
    "lead": ("chu tri", "don vi chu tri", "co quan chu tri", "co quan, don vi chu tri", "don vi thuc hien"),
    "coop": ("phoi hop", "don vi phoi hop", "co quan phoi hop", "co quan, don vi phoi hop"),
    "deadline": ("thoi han", "han", "han hoan thanh", "thoi gian hoan thanh", "thoi han hoan thanh"),
}


def _header_columns(row: Iterable) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, value in enumerate(row):
        key = fold(_cell(value)).strip(" :.*")
        for name, headings in _HEADINGS.items():
            if name not in columns and key in headings:
                columns[name] = index
    return columns if "content" in columns else None


def read_xlsx(data: bytes) -> ParseResult:
    """Items of the first sheet: columns STT | Nội dung | Chủ trì | Phối hợp | Thời hạn (by their headings)."""
    import openpyxl

    result = ParseResult()
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — any unreadable upload gets the same message
        result.problems.append(_("Không đọc được tệp Excel: hãy chọn tệp .xlsx."))
        return result
    try:
        sheet = workbook.worksheets[0]
        rows = list(sheet.iter_rows(values_only=True, max_row=MAX_ITEMS + 30))
    finally:
        workbook.close()
    columns = None
    start = 0
    for index, row in enumerate(rows[:10]):
        columns = _header_columns(row)
        if columns:
            start = index + 1
            break
    if columns is None:
        columns = {"number": 0, "content": 1, "lead": 2, "coop": 3, "deadline": 4}

    def get(row, name: str):
        col = columns.get(name)
        return row[col] if col is not None and col < len(row) else None

    for offset, row in enumerate(rows[start:], start=start + 1):
        content = _cell(get(row, "content"))
        if not content:
            continue
        if len(result.items) >= MAX_ITEMS:
            result.problems.append(_too_many())
            break
        number = _cell(get(row, "number")).rstrip(".)")[:20]
        if not number:
            number, content = split_number(content)
        result.items.append(
            Item(
                line=offset,
                content=content,
                number=number,
                lead_text=_cell(get(row, "lead")),
                coop_text=_cell(get(row, "coop")),
                deadline_text=_cell(get(row, "deadline")),
            )
        )
    if not result.items and not result.problems:
        result.problems.append(_("Tệp Excel không có dòng nào ở cột “Nội dung”."))
    return result


_DATE_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_DAYS_RE = re.compile(r"^(\d{1,3})(?:\s*(?:ngay|ngay lam viec|nlv))?$")
_MONTH_RE = re.compile(r"^(?:truoc\s+)?(?:trong\s+)?(?:thang|t)\s*(\d{1,2})[/.-](\d{4})$")
_QUARTER_RE = re.compile(r"^(?:truoc\s+)?(?:trong\s+)?quy\s*(i{1,3}|iv|[1-4])[/.-]?\s*(?:nam\s*)?(\d{4})$")
_NONE_WORDS = ("thuong xuyen", "khong", "khong co", "khong thoi han", "khong co thoi han", "hang nam")


class DeadlineError(ValueError):
    """The text is not a time limit this reader understands (message for the user)."""


def parse_deadline(text: str) -> Deadline:
    """A time limit as written in a plan; ``Deadline("")`` for an empty text. Raises DeadlineError."""
    raw = " ".join((text or "").split())
    if not raw:
        return Deadline("")
    key = fold(raw).rstrip(".")
    if key in _NONE_WORDS:
        return Deadline("none")
    try:
        if match := _DATE_RE.match(key):
            day, month, year = (int(g) for g in match.groups())
            return Deadline("date", date=date(year, month, day))
        if match := _ISO_RE.match(key):
            year, month, day = (int(g) for g in match.groups())
            return Deadline("date", date=date(year, month, day))
        if match := _MONTH_RE.match(key):
            month, year = int(match.group(1)), int(match.group(2))
            return Deadline("date", date=date(year, month, _cal.monthrange(year, month)[1]))
        if match := _QUARTER_RE.match(key):
            quarter_text, year = match.group(1), int(match.group(2))
            quarter = int(quarter_text) if quarter_text.isdigit() else _ROMAN[quarter_text.upper()]
            month = quarter * 3
            return Deadline("date", date=date(year, month, _cal.monthrange(year, month)[1]))
    except ValueError as exc:
        raise DeadlineError(_("Ngày “%(text)s” không có thật.") % {"text": raw}) from exc
    if match := _DAYS_RE.match(key):
        days = int(match.group(1))
        if days < 1:
            raise DeadlineError(_("Số ngày làm việc phải từ 1 trở lên."))
        return Deadline("working_days", working_days=days)
    raise DeadlineError(
        _(
            "Không hiểu thời hạn “%(text)s”: hãy ghi ngày (dd/mm/yyyy), số ngày làm việc (VD: 10), "
            "“tháng 6/2026”, “quý II/2026” hoặc “thường xuyên”."
        )
        % {"text": raw}
    )


@dataclass(frozen=True)
class Candidate:
    """A unit or an agency a name may refer to; ``key`` is the form value (``u:<id>`` or ``e:<id>``)."""

    key: str
    name: str
    abbreviation: str = ""


_PREFIXES = ("phong ", "so ", "ban ", "uy ban nhan dan ", "ubnd ", "van phong ", "co quan ")


def _strip_prefix(text: str) -> str:
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


class Matcher:
    """Finds the unit or agency a typed name means: by abbreviation, by name, then by a unique partial name.
    Candidates listed first (the agency's own units) win a tie with later ones (the directory)."""

    def __init__(self, candidates: Iterable[Candidate]) -> None:
        self.candidates = list(candidates)
        self._by_abbr: dict[str, Candidate] = {}
        self._by_name: dict[str, Candidate] = {}
        self._folded: list[tuple[str, str, Candidate]] = []
        for c in self.candidates:
            if c.abbreviation:
                self._by_abbr.setdefault(fold(c.abbreviation).replace(" ", ""), c)
            name = fold(c.name)
            self._by_name.setdefault(name, c)
            self._by_name.setdefault(_strip_prefix(name), c)
            self._folded.append((name, _strip_prefix(name), c))

    def find(self, text: str) -> Candidate | None:
        key = fold(text or "").strip(" .;,")
        if not key:
            return None
        if c := self._by_abbr.get(key.replace(" ", "")):
            return c
        if c := self._by_name.get(key) or self._by_name.get(_strip_prefix(key)):
            return c
        short = _strip_prefix(key)
        if len(short) < 3:
            return None
        found = {
            c.key: c for name, bare, c in self._folded if short in name or (len(bare) >= 6 and bare in key)
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def find_many(self, text: str) -> tuple[list[Candidate], list[str]]:
        """(found, not found) for a list of names separated by commas, semicolons, "+" or new lines."""
        found: list[Candidate] = []
        missing: list[str] = []
        for part in re.split(r"[,;+\n]", text or ""):
            part = part.strip(" .")
            if not part:
                continue
            c = self.find(part)
            if c is None:
                missing.append(part)
            elif c not in found:
                found.append(c)
        return found, missing
