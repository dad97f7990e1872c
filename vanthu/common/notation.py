"""Number and notation of a document (số, ký hiệu văn bản), Decree 30/2020/NĐ-CP, Appendix I, II.3.

Rules: ``số`` is an Arabic number (01…09 written with a leading zero); the ``ký hiệu`` of a typed document is
the type abbreviation + the issuer abbreviation (``QĐ-UBND``); for a công văn it is the issuer abbreviation +
the drafting unit or field (``UBND-VX``). A "/" separates number and notation, a "-" separates the groups,
with no spaces. Normative legal documents carry the year after the number (``05/2026/QĐ-UBND``).

Real data is noisy, so input is normalised before it is checked: NFC, the eth look-alike ``Ð``/``ð`` replaced by
``Đ``/``đ``, dash look-alikes and ``_`` read as ``-``, every space removed (a notation has none, so
``"QĐ-TT HĐND"`` becomes ``"QĐ-TTHĐND"``), the type abbreviation put in its official case (``Ctr`` → ``CTr``)
and the other groups in capitals, except the mixed-case agency abbreviations of ``MIXED_CASE_GROUPS``
(``TTg``, Thủ tướng Chính phủ).

Party documents (văn bản của Đảng) write ``139-TB/TU`` (number-type/issuer). They do not fit
``ParsedCode.full`` (number/notation) and are rejected with an explicit message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .doctypes import ABBREVIATIONS, DocType, type_for_abbreviation
from .text import fix_lookalikes, fold, nfc

#: Agency abbreviations whose official spelling is mixed case, kept as is in any group but the first.
MIXED_CASE_GROUPS: frozenset[str] = frozenset({"TTg"})
#: Longest accepted number (số).
MAX_NUMBER_DIGITS = 6
#: Accepted range of the year in the number of a normative document (05/2026/QĐ-UBND).
YEAR_RANGE = range(1945, 2101)

_MIXED_UPPER = {g.upper(): g for g in MIXED_CASE_GROUPS}
_SEPARATORS = str.maketrans(
    {**dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d_", "-"), "\uff0f": "/"}
)
_AROUND_SEPARATORS = re.compile(r"\s*([/-])\s*")
_SPACES = re.compile(r"\s+")
_NUMBER_PREFIX = re.compile(r"^(?:số|so)\s*[:.]?\s*(?=[0-9])", re.IGNORECASE)
_GROUP = re.compile(r"^[^\W_][\w.]*$")  # a letter or digit, then letters, digits, "." (no "_": mapped to "-")
_SINGLE_GROUP = re.compile(r"^(?:UBTV)?QH[0-9]{1,2}$")  # laws, ordinances: 45/2019/QH14, 02/2022/UBTVQH15
_YEAR_PREFIX = re.compile(r"^([0-9]{4})/(.*)$")
_PARTY_STYLE = re.compile(r"^([0-9]+)-([^\W\d_]+)/(.+)$")
_NUMBER_SLASH = re.compile(r"^([0-9]+)/(.*)$", re.DOTALL)
_NUMBER_SPACE = re.compile(r"^([0-9]+)\s+([^\d\s/].*)$", re.DOTALL)  # "1830 QĐ-UBND": a space for the "/"
_EXAMPLE = "ví dụ 45/UBND-TH hoặc 123/QĐ-UBND"


class NotationError(ValueError):
    """Invalid number or notation (số, ký hiệu không hợp lệ); the message is in Vietnamese, for the user."""


@dataclass(frozen=True)
class ParsedCode:
    """A parsed số, ký hiệu.

    ``number`` (số) is digits as typed (leading zeros kept); ``notation`` (ký hiệu) is normalised and excludes
    the year; ``year`` is set for normative documents (05/2026/QĐ-UBND). ``type_abbreviation`` (chữ viết tắt
    tên loại) is ``None`` for a công văn; ``issuer`` is the issuing agency's abbreviation; ``unit`` the drafting
    unit or field of a công văn (``UBND-VX`` → ``VX``), or the groups after the issuer of a typed document.
    """

    number: str
    notation: str
    year: int | None
    type_abbreviation: str | None
    issuer: str | None
    unit: str | None

    @property
    def full(self) -> str:
        """The whole số, ký hiệu: ``45/UBND-TH``, ``05/2026/QĐ-UBND``."""
        year = f"{self.year}/" if self.year is not None else ""
        return f"{self.number}/{year}{self.notation}"

    @property
    def doc_type(self) -> DocType | None:
        """The document type named by ``type_abbreviation`` (``None`` for a công văn)."""
        return ABBREVIATIONS.get(self.type_abbreviation or "")

    def __str__(self) -> str:
        return self.full


def _prepare(s: str) -> str:
    """NFC, look-alikes fixed, separators unified, no spaces around "/" and "-"; inner spaces kept."""
    s = fix_lookalikes(nfc(s)).translate(_SEPARATORS).strip()
    return _AROUND_SEPARATORS.sub(r"\1", s)


def _canonical_group(group: str) -> str:
    upper = group.upper()
    return _MIXED_UPPER.get(upper, upper)


def _canonical_first(group: str) -> str:
    doc_type = type_for_abbreviation(group)
    return doc_type.abbreviation if doc_type else _canonical_group(group)


def normalize_notation(s: str) -> str:
    """Normalise a ký hiệu (chuẩn hóa ký hiệu) without checking it.

    NFC; trimmed; ``Ð``/``ð`` → ``Đ``/``đ``; dash look-alikes and ``_`` → ``-``; all spaces removed; the first
    group in its official case when it is a known type abbreviation (``Ctr-UBND`` → ``CTr-UBND``, ``qđ-ubnd`` →
    ``QĐ-UBND``, diacritic-stripped ``QD`` → ``QĐ``), every other group in capitals except ``MIXED_CASE_GROUPS``.
    A whole code may be passed too (``05/2026/qđ-ubnd`` → ``05/2026/QĐ-UBND``): digit segments are kept.
    """
    s = _SPACES.sub("", _prepare(s))
    out: list[str] = []
    first = True
    for segment in s.split("/"):
        if not segment or segment.isdigit():
            out.append(segment)
            continue
        groups = segment.split("-")
        if first:
            out.append("-".join([_canonical_first(groups[0]), *map(_canonical_group, groups[1:])]))
            first = False
        else:
            out.append("-".join(map(_canonical_group, groups)))
    return "/".join(out)


def _split_year(notation: str) -> tuple[int | None, str]:
    match = _YEAR_PREFIX.match(notation)
    if not match:
        return None, notation
    year = int(match.group(1))
    if year not in YEAR_RANGE:
        raise NotationError(f"Năm trong số, ký hiệu không hợp lệ: {match.group(1)}.")
    return year, match.group(2)


def validate_notation(notation: str) -> str:
    """Check a ký hiệu (without the number) and return it normalised, or raise ``NotationError``.

    Groups are separated by "-", at least two of them (``QĐ-UBND``, ``UBND-VX``); a group holds letters
    (Vietnamese capitals included), digits and "." and the first group starts with a letter. A leading year
    (``2026/QĐ-UBND``, as stored after the number of a normative document) is accepted. The only one-group
    notations accepted are those of the National Assembly and its Standing Committee (``QH14``,
    ``UBTVQH15``), used by laws and ordinances.
    """
    normalized = normalize_notation(notation)
    if not normalized:
        raise NotationError("Ký hiệu văn bản không được để trống.")
    _year, body = _split_year(normalized)
    if "/" in body:
        raise NotationError(
            f"Ký hiệu không hợp lệ: “{body}” chứa dấu “/”; các nhóm chữ trong ký hiệu nối bằng dấu “-” "
            f"({_EXAMPLE})."
        )
    groups = body.split("-")
    if any(not g for g in groups):
        raise NotationError(
            f"Ký hiệu không hợp lệ: “{body}” có nhóm chữ rỗng (dấu “-” ở đầu, ở cuối hoặc hai dấu liền nhau)."
        )
    bad = sorted({ch for g in groups for ch in g if not (ch.isalnum() or ch == ".")})
    if bad or not all(_GROUP.match(g) for g in groups):
        shown = f": {' '.join(f'“{ch}”' for ch in bad)}" if bad else ""
        raise NotationError(
            f"Ký hiệu không hợp lệ: “{body}”. Mỗi nhóm chỉ gồm chữ cái, chữ số và dấu “.”, các nhóm nối bằng "
            f"dấu “-” ({_EXAMPLE}){shown}."
        )
    if not groups[0][0].isalpha():
        raise NotationError(
            f"Ký hiệu không hợp lệ: “{body}”. Nhóm đầu phải là chữ viết tắt tên loại văn bản hoặc tên cơ quan "
            f"ban hành ({_EXAMPLE})."
        )
    if len(groups) < 2 and not _SINGLE_GROUP.match(body):
        raise NotationError(
            f"Ký hiệu không hợp lệ: “{body}” phải có ít nhất hai nhóm chữ viết tắt nối bằng dấu “-”: tên loại "
            f"và cơ quan ban hành (QĐ-UBND) hoặc, với công văn, cơ quan ban hành và đơn vị soạn thảo (UBND-VX)."
        )
    return normalized


def parse_code(text: str) -> ParsedCode:
    """Parse a whole số, ký hiệu (``123/QĐ-UBND``, ``05/2026/QĐ-UBND``, ``45/UBND-TH``).

    Spaces, case, ``Ð`` look-alikes and a leading "Số:" are tolerated (``" 12 / ubnd - vx "`` →
    ``12/UBND-VX``), as is a space in place of the "/" after the number (``1830 QĐ-UBND``). Raises
    ``NotationError`` with a Vietnamese message otherwise.
    """
    s = _NUMBER_PREFIX.sub("", _prepare(text))
    if not s:
        raise NotationError(f"Số, ký hiệu không được để trống ({_EXAMPLE}).")
    if _PARTY_STYLE.match(_SPACES.sub("", s)):
        raise NotationError(
            f"Số, ký hiệu “{_SPACES.sub('', s)}” viết theo thể thức văn bản của Đảng (số-loại/cơ quan); chỉ "
            f"nhận số, ký hiệu theo Nghị định 30/2020/NĐ-CP ({_EXAMPLE})."
        )
    match = _NUMBER_SLASH.match(s) or _NUMBER_SPACE.match(s)
    if not match:
        if s[0] in "0123456789":
            raise NotationError(f"Số, ký hiệu không hợp lệ: thiếu dấu “/” giữa số và ký hiệu ({_EXAMPLE}).")
        if "/" in s:
            raise NotationError(f"Số, ký hiệu không hợp lệ: số văn bản phải là chữ số ({_EXAMPLE}).")
        raise NotationError(f"Số, ký hiệu không hợp lệ: thiếu số văn bản trước ký hiệu ({_EXAMPLE}).")
    number, rest = match.groups()
    if len(number) > MAX_NUMBER_DIGITS:
        raise NotationError(f"Số văn bản không hợp lệ: “{number}” dài quá {MAX_NUMBER_DIGITS} chữ số.")
    if int(number) == 0:
        raise NotationError("Số văn bản không hợp lệ: số phải lớn hơn 0.")
    if not rest.strip():
        raise NotationError(f"Số, ký hiệu không hợp lệ: thiếu ký hiệu sau dấu “/” ({_EXAMPLE}).")
    year, notation = _split_year(validate_notation(rest))
    groups = notation.split("-")
    if groups[0] in ABBREVIATIONS:
        type_abbreviation, issuer, others = groups[0], (groups[1] if len(groups) > 1 else None), groups[2:]
    else:
        type_abbreviation, issuer, others = None, groups[0], groups[1:]
    return ParsedCode(
        number=number,
        notation=notation,
        year=year,
        type_abbreviation=type_abbreviation,
        issuer=issuer,
        unit="-".join(others) or None,
    )


def duplicate_key(number: str, notation: str) -> str:
    """Key for duplicate detection (cảnh báo trùng văn bản) of a số + ký hiệu.

    The number without leading zeros, "/", then the normalised notation folded and in capitals, so that
    ``("05", "QĐ-UBND")``, ``("5", "QÐ-UBND")`` and ``("5", "qd-ubnd")`` all give ``"5/QD-UBND"``.
    Never raises: stored, unchecked values can be keyed too.
    """
    digits = _SPACES.sub("", nfc(number))
    key_number = digits.lstrip("0") or ("0" if digits else "")
    return f"{key_number}/{fold(normalize_notation(notation)).upper()}"
