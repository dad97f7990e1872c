"""The frame (thể thức) of an outgoing document, Decree 30/2020/NĐ-CP, Appendix I (Part I) and Appendix III.

``LayoutFrame`` holds every component of the frame as plain text; the pure functions below turn it into the
lines that are printed, with the rules of Appendix I:

- agency names (ô 2): the parent agency (cơ quan chủ quản, its common phrases abbreviated: UBND, HĐND) and the
  issuing agency in capitals; a "\\n" in a name forces a line break (``"ỦY BAN NHÂN DÂN\\nTỈNH HÀ TĨNH"``);
- ``number_line`` (ô 3): ``"Số: 45/UBND-TH"``, numbers below 10 with a leading zero, the notation normalised
  by ``vanthu.common.notation`` (capitals, except the official mixed-case abbreviations QyĐ, CTr, TTr);
- ``place_date_line`` (ô 4): ``"Hà Tĩnh, ngày 05 tháng 01 năm 2026"``, a leading zero on days below 10 and on
  months 1 and 2 only;
- ``title_line`` / ``abstract_lines`` (ô 5a): type name in capitals, abstract underneath; ``vv_line`` (ô 5b):
  the abstract of a công văn after "V/v";
- ``recipient_lines`` (ô 9a): "Kính gửi:" with one recipient on the same line, or a list of "- …;" lines;
- ``signature_lines`` (ô 7a, 7b): the authority prefixes TM., KT., TL., TUQ., Q. and the titles, in capitals;
- ``distribution_lines`` / ``storage_line`` (ô 9b): the "Nơi nhận" entries "- …;" and the last "- Lưu: VT, TH.";
- ``mark_text`` (ô 10a, 10b, 11): confidentiality, urgency and circulation marks in capitals.

Sizes (``SIZES``) are those of the Appendix III templates, all within the ranges of Appendix I. No Django here:
the renderers (``docx.py``, ``pdf.py``) work from the dataclass alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from vanthu.common.notation import normalize_notation
from vanthu.common.text import nfc

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_LABEL = "Kính gửi:"
DISTRIBUTION_LABEL = "Nơi nhận:"
CLERICAL_UNIT = "VT"  # Văn thư cơ quan: always the first unit of the "Lưu" line
BODY_PLACEHOLDER = "(Nội dung văn bản)"
#: Shown instead of a number that is not yet assigned (paper documents are numbered after signature).
NUMBER_BLANK = "      "
DATE_BLANK = "……"

#: Signing authorities (quyền hạn của người ký), Appendix I, II.7.b.
AUTHORITIES: tuple[str, ...] = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
#: Prefixes written before the title of the head of the agency (and followed by the signer's own title).
_HEAD_PREFIXES = ("KT.", "TL.", "TUQ.")
URGENCY_MARKS: tuple[str, ...] = ("HỎA TỐC", "THƯỢNG KHẨN", "KHẨN")
SECRET_MARKS: tuple[str, ...] = ("TUYỆT MẬT", "TỐI MẬT", "MẬT")
CIRCULATION_MARKS: tuple[str, ...] = ("XEM XONG TRẢ LẠI", "LƯU HÀNH NỘI BỘ")


@dataclass(frozen=True)
class Sizes:
    """Font sizes in points (Appendix I range → the value of the Appendix III templates)."""

    parent: float = 13  # 12–13, upright
    agency: float = 13  # 12–13, bold
    number: float = 13  # 13
    vv: float = 12  # 12–13
    national: float = 13  # 12–13, bold
    motto: float = 14  # 13–14, bold
    date: float = 14  # 13–14, italic
    title: float = 14  # 13–14, bold
    abstract: float = 14  # 13–14, bold
    recipients: float = 14  # 13–14
    body: float = 14  # 13–14
    signature: float = 14  # 13–14, bold
    distribution_label: float = 12  # 12, bold italic
    distribution: float = 11  # 11
    mark: float = 13  # 13–14, bold
    page_number: float = 13  # 13–14


@dataclass(frozen=True)
class Geometry:
    """A4 portrait, margins at the low end of Appendix I (top/bottom 20–25, left 30–35, right 15–20 mm)."""

    page_width: float = 210
    page_height: float = 297
    top: float = 20
    bottom: float = 20
    left: float = 30
    right: float = 15
    header_columns: tuple[float, float] = (63, 102)  # agency | national name; the national name needs ~96 mm
    footer_columns: tuple[float, float] = (62, 103)  # Nơi nhận | signature (Appendix III: 3510/5812 twips)
    first_line_indent: float = 12.7  # body paragraphs: 1 cm or 1.27 cm
    recipients_indent: float = 35  # "Kính gửi:" (Mẫu 1.5: 1982 twips)
    recipients_list_indent: float = 45  # its "- …;" lines (Mẫu 1.5: 2552 twips)
    signature_space: float = 25  # room for the signature and the seal between the title and the name
    short_rule: float = 0.4  # rules under the agency name and the abstract: 1/3 to 1/2 of the line

    @property
    def text_width(self) -> float:
        return self.page_width - self.left - self.right


SIZES = Sizes()
GEOMETRY = Geometry()


class LayoutError(ValueError):
    """A frame that cannot be laid out; the message is in Vietnamese, for the user."""


def _clean(text: str | None) -> str:
    """NFC, trimmed, runs of spaces and tabs collapsed (line breaks kept)."""
    lines = (" ".join(line.split()) for line in nfc(text or "").replace("\r\n", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def upper_lines(text: str | None) -> list[str]:
    """A name printed in capitals (agency, parent agency, type name), one item per line of ``text``."""
    return [line.upper() for line in _clean(text).split("\n") if line]


#: Common phrases abbreviated in the name of the parent agency (Appendix I, II.2.a: "Tên của cơ quan, tổ chức
#: chủ quản trực tiếp được viết tắt những cụm từ thông dụng"), both spellings of "ủy".
PARENT_ABBREVIATIONS: dict[str, str] = {
    "ỦY BAN NHÂN DÂN": "UBND",
    "UỶ BAN NHÂN DÂN": "UBND",
    "HỘI ĐỒNG NHÂN DÂN": "HĐND",
}
_PARENT_PHRASES = re.compile("|".join(map(re.escape, PARENT_ABBREVIATIONS)))


def parent_agency_lines(name: str | None) -> list[str]:
    """Ô 2, the parent agency (cơ quan chủ quản): capitals, the common phrases abbreviated
    (``"Ủy ban nhân dân tỉnh Hà Tĩnh"`` → ``"UBND TỈNH HÀ TĨNH"``)."""
    return [
        _PARENT_PHRASES.sub(lambda m: PARENT_ABBREVIATIONS[m.group()], line) for line in upper_lines(name)
    ]


def fit_lines(lines: Sequence[str], measure: Callable[[str], float], width: float) -> list[str]:
    """Break every line wider than ``width`` (as measured by ``measure``, in the renderer's unit) at spaces, into
    as few lines as possible and, among those, the most even ones: ``"ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"`` becomes
    ``["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH"]`` rather than a last line of one word. A single word wider than
    ``width`` stays on a line of its own."""
    out: list[str] = []
    for line in lines:
        words = line.split()
        if len(words) < 2 or measure(line) <= width:
            out.append(line)
        else:
            out.extend(_even_split(words, measure, width))
    return out


def _even_split(words: list[str], measure: Callable[[str], float], width: float) -> list[str]:
    """``words`` in the fewest lines that fit ``width`` and, among those, with the narrowest widest line (dynamic
    programming from the end). Only the runs of words that fit are measured (a run grows wider word by word), so
    a long abstract costs a few hundred measures, not its square. A word wider than ``width`` is a line of its
    own, left out of the widest line so that the other lines are still spread evenly."""
    n = len(words)
    # best[i]: (lines, widest line, next break) for words[i:]
    best: list[tuple[int, float, int]] = [(0, 0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        choice = None
        for j in range(i + 1, n + 1):
            span = measure(" ".join(words[i:j]))
            if span > width and j > i + 1:
                break
            lines, widest, _next = best[j]
            candidate = (lines + 1, max(span if span <= width else 0.0, widest), j)
            if choice is None or candidate[:2] < choice[:2]:
                choice = candidate
        best[i] = choice
    out, i = [], 0
    while i < n:
        j = best[i][2]
        out.append(" ".join(words[i:j]))
        i = j
    return out


def place_date_line(place: str, d: date | None) -> str:
    """Ô 4: ``"Hà Tĩnh, ngày 05 tháng 01 năm 2026"``.

    Days below 10 and the months 1 and 2 take a leading zero ("ngày 05 tháng 02", "ngày 15 tháng 3"); the first
    letter of the place is a capital (the rest is kept: "Thành phố Hồ Chí Minh"). Without a date (a draft not yet
    issued) the day, month and year are left as dotted blanks, as in the Appendix III templates.
    """
    place = _capitalize_first(_clean(place).replace("\n", " "))
    if d is None:
        when = f"ngày {DATE_BLANK} tháng {DATE_BLANK} năm {DATE_BLANK}"
    else:
        month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
        when = f"ngày {d.day:02d} tháng {month} năm {d.year}"
    return f"{place}, {when}" if place else _capitalize_first(when)


_NUMBER_PREFIX = re.compile(r"^\s*(?:số|so)\s*[:.]?\s*", re.IGNORECASE)


def number_line(notation: str) -> str:
    """Ô 3: ``"Số: 45/UBND-TH"``.

    ``notation`` is the whole số, ký hiệu (``"45/UBND-TH"``, ``"05/2026/QĐ-UBND"``); a leading "Số:" is
    accepted. The number gets a leading zero below 10 (``"5/QĐ-UBND"`` → ``"Số: 05/QĐ-UBND"``) and the notation
    is normalised (``"12/ubnd-vx"`` → ``"Số: 12/UBND-VX"``). A notation without a number (``"/UBND-TH"``)
    leaves a blank for the number, to be filled in after signature.
    """
    text = normalize_notation(_NUMBER_PREFIX.sub("", nfc(notation or "")))
    number, slash, rest = text.partition("/")
    if number.isdigit():
        number = f"{int(number):02d}"
    elif not number and slash:
        number = NUMBER_BLANK
    return f"Số: {number}{slash}{rest}"


_VV_PREFIX = re.compile(r"^(?:v/v|về việc)\s*[:.]?\s*", re.IGNORECASE)


def vv_line(abstract: str) -> str:
    """Ô 5b, the abstract of a công văn: ``"V/v nâng bậc lương năm 2019"``.

    A leading "V/v" or "Về việc" is not repeated. The abstract is in lower case after "V/v": a first word
    written like the start of a sentence ("Triển khai kế hoạch…") loses its capital, but not a proper name or
    an abbreviation, recognised by a capital on the next word too ("Hà Tĩnh…", "UBND…"). Text typed after an
    explicit "V/v" is kept as typed.
    """
    text = _clean(abstract).replace("\n", " ")
    if not text:
        return ""
    explicit = text[:3].lower() == "v/v"
    text = _VV_PREFIX.sub("", text)
    words = text.split(" ")
    first = words[0]
    sentence_case = len(first) > 1 and first[0].isupper() and first[1:].islower()
    next_capital = len(words) > 1 and words[1][:1].isupper()
    if not explicit and sentence_case and not next_capital:
        text = first[0].lower() + text[1:]
    return f"V/v {text}"


def title_line(type_name: str) -> str:
    """Ô 5a, the type name in capitals (``"QUYẾT ĐỊNH"``); empty for a công văn."""
    return " ".join(upper_lines(type_name))


def abstract_lines(abstract: str) -> list[str]:
    """Ô 5a, the abstract under the type name: lower case as typed, first letter a capital."""
    return [_capitalize_first(line) for line in _clean(abstract).split("\n") if line]


def _entry(text: str) -> str:
    """One list entry without its bullet and its final punctuation."""
    return _clean(text).replace("\n", " ").lstrip("-–•+* ").rstrip(";.,: ").strip()


def recipient_lines(recipients: str | Sequence[str]) -> list[str]:
    """Ô 9a: ``["Kính gửi: Bộ Nội vụ"]`` for one recipient; for several ``["Kính gửi:", "- Bộ Nội vụ;", …,
    "- Bộ Tài chính."]`` (each line ends with ";", the last with ".")."""
    items = [recipients] if isinstance(recipients, str) else list(recipients)
    entries = [e for e in map(_entry, items) if e]
    if not entries:
        return []
    if len(entries) == 1:
        return [f"{RECIPIENTS_LABEL} {entries[0]}"]
    return [RECIPIENTS_LABEL, *(f"- {e};" for e in entries[:-1]), f"- {entries[-1]}."]


def _units(units: str | Sequence[str]) -> list[str]:
    items = units.split(",") if isinstance(units, str) else [u for unit in units for u in unit.split(",")]
    found: list[str] = []
    for item in items:
        unit = _entry(item)
        if unit and unit.upper() != CLERICAL_UNIT and unit not in found:
            found.append(unit)
    return found


def storage_line(units: str | Sequence[str] = ()) -> str:
    """The last line of "Nơi nhận": ``"- Lưu: VT, TH."`` — the Văn thư (VT) first, then the drafting unit(s)
    (``"TH"``, ``["TH", "KT"]`` or ``"TH, KT"``)."""
    return "- Lưu: " + ", ".join([CLERICAL_UNIT, *_units(units)]) + "."


_STORAGE = re.compile(r"^lưu\s*:\s*(.*)$", re.IGNORECASE)


def distribution_lines(entries: Sequence[str], storage: str | Sequence[str] = ()) -> list[str]:
    """Ô 9b, the lines under "Nơi nhận:": ``["- Như trên;", "- Sở Tài chính;", "- Lưu: VT, TH."]``.

    Bullets and final punctuation typed in the entries are replaced. An entry "Lưu: …" is read as the storage
    line (its units join ``storage``) so that it is printed once, last.
    """
    lines: list[str] = []
    units = _units(storage)
    for raw in entries:
        entry = _entry(raw)
        stored = _STORAGE.match(entry)
        if stored:
            units += [u for u in _units(stored.group(1)) if u not in units]
        elif entry:
            lines.append(f"- {entry};")
    return [*lines, storage_line(units)]


def normalize_authority(authority: str | None) -> str:
    """``"kt"``, ``"KT"``, ``"KT."`` → ``"KT."``; ``""`` for none. Raises ``LayoutError`` for anything else."""
    text = _clean(authority).upper().rstrip(".").strip()
    if not text:
        return ""
    if text + "." not in AUTHORITIES:
        raise LayoutError(f"Quyền hạn ký không hợp lệ: “{authority}” (chỉ dùng {', '.join(AUTHORITIES)}).")
    return text + "."


def signature_lines(
    authority: str = "", signer_title: str = "", *, superior_title: str = "", collective: str = ""
) -> list[str]:
    """Ô 7a/7b, the lines above the signature, in capitals (Appendix I, II.7.b):

    - none: ``["CHỦ TỊCH"]``;
    - ``TM.`` (on behalf of a collective): ``["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]``;
    - ``KT.`` / ``TL.`` / ``TUQ.`` before the head's title (``superior_title``), then the signer's title:
      ``["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]``, ``["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]``;
    - ``Q.`` (acting head) before the head's title, one line: ``["Q. GIÁM ĐỐC"]``.

    A ``collective`` puts "TM. <collective>" first whatever the authority, which gives the deputy of a collective
    body: ``["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]``.
    """
    authority = normalize_authority(authority)
    signer = " ".join(upper_lines(signer_title))
    superior = " ".join(upper_lines(superior_title))
    body = " ".join(upper_lines(collective))
    lines: list[str] = []
    if authority == "TM." or body:
        if not body:
            raise LayoutError("Ký “TM.” cần tên tập thể lãnh đạo hoặc tên cơ quan, tổ chức.")
        lines.append(f"TM. {body}")
    if authority in _HEAD_PREFIXES:
        if not superior:
            raise LayoutError(
                f"Ký “{authority}” cần chức vụ của người đứng đầu (ví dụ “{authority} CHỦ TỊCH”)."
            )
        lines.append(f"{authority} {superior}")
        if signer:
            lines.append(signer)
    elif authority == "Q.":
        head = superior or signer
        if not head:
            raise LayoutError("Ký “Q.” cần chức vụ của người đứng đầu (ví dụ “Q. GIÁM ĐỐC”).")
        lines.append(f"Q. {head}")
    elif signer:
        lines.append(signer)
    return lines


def mark_text(mark: str | None) -> str:
    """A confidentiality, urgency or circulation mark as stamped: capitals (``"Hỏa tốc"`` → ``"HỎA TỐC"``)."""
    return " ".join(upper_lines(mark))


def _as_tuple(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if not value:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass(frozen=True)
class LayoutFrame:
    """Everything the frame of an outgoing document prints, as entered (the functions above format it).

    ``type_name`` empty means a công văn: its abstract goes under the number after "V/v" (ô 5b) instead of under
    the type name (ô 5a). ``number`` is the whole số, ký hiệu (``"45/UBND-TH"``; ``"/UBND-TH"`` before a number
    is assigned), ``document_date`` None before issue. ``recipients`` is the "Kính gửi" list (one name or
    several), ``distribution`` the "Nơi nhận" entries without the storage line, which ``storage`` (the drafting
    unit abbreviations: ``"TH"``) produces. ``issuer_heading`` is the centred authority line of Mẫu 1.1–1.3
    ("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"), empty otherwise.
    """

    agency: str
    number: str = ""
    place: str = ""
    document_date: date | None = None
    type_name: str = ""
    abstract: str = ""
    parent_agency: str = ""
    recipients: Sequence[str] = ()
    authority: str = ""
    collective: str = ""
    superior_title: str = ""
    signer_title: str = ""
    signer_name: str = ""
    distribution: Sequence[str] = ()
    storage: Sequence[str] = ()
    urgency: str = ""
    secrecy: str = ""
    circulation: str = ""
    issuer_heading: str = ""

    def __post_init__(self) -> None:
        # Lists are accepted for convenience and kept as tuples (the frame is immutable).
        for name in ("recipients", "distribution", "storage"):
            object.__setattr__(self, name, _as_tuple(getattr(self, name)))
        normalize_authority(self.authority)  # fail early on an unknown prefix

    @property
    def is_cong_van(self) -> bool:
        return not _clean(self.type_name)

    def parent_lines(self) -> list[str]:
        return parent_agency_lines(self.parent_agency)

    def agency_lines(self) -> list[str]:
        return upper_lines(self.agency)

    def number_text(self) -> str:
        return number_line(self.number)

    def date_text(self) -> str:
        return place_date_line(self.place, self.document_date)

    def vv_text(self) -> str:
        """ "V/v …" under the number of a công văn; empty for other types."""
        return vv_line(self.abstract) if self.is_cong_van else ""

    def title_text(self) -> str:
        return title_line(self.type_name)

    def abstract_texts(self) -> list[str]:
        """The abstract under the type name (ô 5a); empty for a công văn (its abstract is ``vv_text``)."""
        return [] if self.is_cong_van else abstract_lines(self.abstract)

    def issuer_heading_text(self) -> str:
        return " ".join(upper_lines(self.issuer_heading))

    def recipient_texts(self) -> list[str]:
        return recipient_lines(self.recipients)

    def marks(self) -> list[str]:
        """Ô 10a, 10b, 11 — confidentiality, urgency, circulation — as stamped, the empty ones left out."""
        return [m for m in map(mark_text, (self.secrecy, self.urgency, self.circulation)) if m]

    def signature_texts(self) -> list[str]:
        return signature_lines(
            self.authority, self.signer_title, superior_title=self.superior_title, collective=self.collective
        )

    def signer_name_text(self) -> str:
        return _clean(self.signer_name).replace("\n", " ")

    def distribution_texts(self) -> list[str]:
        return distribution_lines(self.distribution, self.storage)

    def document_title(self) -> str:
        """A title for the file's metadata: ``"QUYẾT ĐỊNH Về việc …"``, ``"Công văn 45/UBND-TH"``."""
        if self.is_cong_van:
            return " ".join(filter(None, ["Công văn", self.number_text().removeprefix("Số: ").strip()]))
        return " ".join([self.title_text(), *self.abstract_texts()])
