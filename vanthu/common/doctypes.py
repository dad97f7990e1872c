"""Document types (loại văn bản) and their abbreviations (chữ viết tắt tên loại văn bản).

``DOCUMENT_TYPES`` holds the 29 administrative document types (văn bản hành chính) of Decree 30/2020/NĐ-CP,
Article 7, in the official order, followed by the three copy forms (bản sao) of Appendix III, section I.
Abbreviations and layout templates (mẫu trình bày) come from Appendix III. Công văn and thư công have no
abbreviation: the ký hiệu of a công văn is built from the issuing agency and the drafting unit.

``LEGAL_DOCUMENT_TYPES`` holds the normative legal documents (văn bản quy phạm pháp luật) an office receives
that are not already covered by an administrative type: they follow the Law on Promulgation of Legal
Documents, not Decree 30, so they have no Appendix III template. Nghị quyết (NQ) and Quyết định (QĐ) exist in
both families and are listed once, in ``DOCUMENT_TYPES``. Laws and ordinances carry no type abbreviation in
their number (``45/2019/QH14``, ``02/2022/UBTVQH15``); the other abbreviations are those seen in official
numbers (``155/2026/NĐ-CP``, ``39/2026/TT-BTC``, ``01/2024/L-CTN``).

Abbreviations keep their official mixed case: QyĐ, CTr, TTr, TrS.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import fix_lookalikes, fold, nfc


@dataclass(frozen=True)
class DocType:
    """A document type (loại văn bản).

    ``code`` is a stable ASCII slug (``"quyet-dinh"``), ``name`` the Vietnamese name, ``abbreviation`` the
    official abbreviation used in the ký hiệu (``""`` when there is none) and ``template`` the number of the
    Appendix III layout template (mẫu trình bày, e.g. ``"1.4"``; ``""`` when Appendix III gives none).
    """

    code: str
    name: str
    abbreviation: str
    template: str

    def __str__(self) -> str:
        return self.name


DOCUMENT_TYPES: tuple[DocType, ...] = (
    # Decree 30/2020/NĐ-CP, Article 7, in order. Nghị quyết and Quyết định are "(cá biệt)" in the decree;
    # the same entries also serve normative resolutions and decisions (05/2026/QĐ-UBND).
    DocType("nghi-quyet", "Nghị quyết", "NQ", "1.1"),
    DocType("quyet-dinh", "Quyết định", "QĐ", "1.2"),  # 1.3 when it issues/approves an attached document
    DocType("chi-thi", "Chỉ thị", "CT", "1.4"),
    DocType("quy-che", "Quy chế", "QC", "1.4"),
    DocType("quy-dinh", "Quy định", "QyĐ", "1.4"),
    DocType("thong-cao", "Thông cáo", "TC", "1.4"),
    DocType("thong-bao", "Thông báo", "TB", "1.4"),
    DocType("huong-dan", "Hướng dẫn", "HD", "1.4"),
    DocType("chuong-trinh", "Chương trình", "CTr", "1.4"),
    DocType("ke-hoach", "Kế hoạch", "KH", "1.4"),
    DocType("phuong-an", "Phương án", "PA", "1.4"),
    DocType("de-an", "Đề án", "ĐA", "1.4"),
    DocType("du-an", "Dự án", "DA", "1.4"),
    DocType("bao-cao", "Báo cáo", "BC", "1.4"),
    DocType("bien-ban", "Biên bản", "BB", "1.9"),
    DocType("to-trinh", "Tờ trình", "TTr", "1.4"),
    DocType("hop-dong", "Hợp đồng", "HĐ", ""),
    DocType("cong-van", "Công văn", "", "1.5"),
    DocType("cong-dien", "Công điện", "CĐ", "1.6"),
    DocType("ban-ghi-nho", "Bản ghi nhớ", "BGN", ""),
    DocType("ban-thoa-thuan", "Bản thỏa thuận", "BTT", ""),
    DocType("giay-uy-quyen", "Giấy ủy quyền", "GUQ", "1.4"),
    DocType("giay-moi", "Giấy mời", "GM", "1.7"),
    DocType("giay-gioi-thieu", "Giấy giới thiệu", "GGT", "1.8"),
    DocType("giay-nghi-phep", "Giấy nghỉ phép", "GNP", "1.10"),
    DocType("phieu-gui", "Phiếu gửi", "PG", "1.4"),
    DocType("phieu-chuyen", "Phiếu chuyển", "PC", "1.4"),
    DocType("phieu-bao", "Phiếu báo", "PB", "1.4"),
    DocType("thu-cong", "Thư công", "", ""),
    # Copy forms (Appendix III, section I); template 3.1 = paper copy, 3.2 = electronic copy.
    DocType("ban-sao-y", "Bản sao y", "SY", "3.1"),
    DocType("ban-trich-sao", "Bản trích sao", "TrS", "3.1"),
    DocType("ban-sao-luc", "Bản sao lục", "SL", "3.1"),
)

LEGAL_DOCUMENT_TYPES: tuple[DocType, ...] = (
    DocType("hien-phap", "Hiến pháp", "", ""),
    DocType("bo-luat", "Bộ luật", "", ""),
    DocType("luat", "Luật", "", ""),
    DocType("phap-lenh", "Pháp lệnh", "", ""),
    DocType("lenh", "Lệnh", "L", ""),
    DocType("nghi-quyet-lien-tich", "Nghị quyết liên tịch", "NQLT", ""),
    DocType("nghi-dinh", "Nghị định", "NĐ", ""),
    DocType("thong-tu", "Thông tư", "TT", ""),
    DocType("thong-tu-lien-tich", "Thông tư liên tịch", "TTLT", ""),
)

ALL_TYPES: tuple[DocType, ...] = DOCUMENT_TYPES + LEGAL_DOCUMENT_TYPES

#: Types by canonical abbreviation (mixed case kept: ``ABBREVIATIONS["CTr"]``); types without one are absent.
ABBREVIATIONS: dict[str, DocType] = {t.abbreviation: t for t in ALL_TYPES if t.abbreviation}

#: Types by ``code`` slug.
TYPES_BY_CODE: dict[str, DocType] = {t.code: t for t in ALL_TYPES}

#: ``(code, name)`` pairs for form/model choices, in the official order.
TYPE_CHOICES: list[tuple[str, str]] = [(t.code, t.name) for t in ALL_TYPES]

_BY_UPPER: dict[str, DocType] = {a.upper(): t for a, t in ABBREVIATIONS.items()}
_folded: dict[str, list[DocType]] = {}
for _t in ABBREVIATIONS.values():
    _folded.setdefault(fold(_t.abbreviation).upper(), []).append(_t)
# Plain-ASCII spellings that point to exactly one abbreviation with a Đ ("QD" → QĐ, "ND" → NĐ); "HD" and
# "DA" are not here: they are abbreviations of their own (Hướng dẫn, Dự án).
_BY_ASCII: dict[str, DocType] = {k: v[0] for k, v in _folded.items() if len(v) == 1 and k not in _BY_UPPER}
del _t, _folded


def type_for_abbreviation(abbr: str) -> DocType | None:
    """The document type whose abbreviation (chữ viết tắt tên loại) is ``abbr``, or ``None``.

    Matching ignores case and surrounding spaces and fixes the Ð/ð look-alikes: ``"Ctr"`` → Chương trình,
    ``"QÐ"`` (U+00D0) → Quyết định, ``"ttr"`` → Tờ trình. An exact match wins; failing one, a plain-ASCII
    spelling is accepted when it folds to exactly one abbreviation (``"QD"`` → QĐ, ``"QYD"`` → QyĐ), which
    repairs diacritic-stripped sources; ``"HD"`` stays Hướng dẫn and ``"DA"`` Dự án.
    """
    key = fix_lookalikes(nfc(abbr)).strip().upper()
    if not key:
        return None
    found = _BY_UPPER.get(key)
    if found is None and key.isascii():
        found = _BY_ASCII.get(key)
    return found
