import csv
from collections import Counter

import pytest

from vanthu.common.notation import (
    NotationError,
    ParsedCode,
    duplicate_key,
    normalize_notation,
    parse_code,
    validate_notation,
)


@pytest.mark.parametrize(
    ("text", "full", "number", "notation", "year", "type_abbreviation", "issuer", "unit"),
    [
        ("123/QĐ-UBND", "123/QĐ-UBND", "123", "QĐ-UBND", None, "QĐ", "UBND", None),
        ("05/2026/QĐ-UBND", "05/2026/QĐ-UBND", "05", "QĐ-UBND", 2026, "QĐ", "UBND", None),
        ("45/UBND-TH", "45/UBND-TH", "45", "UBND-TH", None, None, "UBND", "TH"),
        ("3637/UBND-VX", "3637/UBND-VX", "3637", "UBND-VX", None, None, "UBND", "VX"),
        ("7816/VPCP-TTĐT", "7816/VPCP-TTĐT", "7816", "VPCP-TTĐT", None, None, "VPCP", "TTĐT"),
        (" 12 / ubnd - vx ", "12/UBND-VX", "12", "UBND-VX", None, None, "UBND", "VX"),
        ("1182/Q\u00d0-UBND", "1182/Q\u0110-UBND", "1182", "Q\u0110-UBND", None, "Q\u0110", "UBND", None),
        ("19/Ctr-UBND", "19/CTr-UBND", "19", "CTr-UBND", None, "CTr", "UBND", None),
        ("2361/ttr-ubnd", "2361/TTr-UBND", "2361", "TTr-UBND", None, "TTr", "UBND", None),
        ("02/2018/NQ-HĐND", "02/2018/NQ-HĐND", "02", "NQ-HĐND", 2018, "NQ", "HĐND", None),
        ("155/2026/ND-CP", "155/2026/NĐ-CP", "155", "NĐ-CP", 2026, "NĐ", "CP", None),
        ("798/qd-ttg", "798/QĐ-TTg", "798", "QĐ-TTg", None, "QĐ", "TTg", None),
        ("45/2019/QH14", "45/2019/QH14", "45", "QH14", 2019, None, "QH14", None),
        ("Số: 05/BNV-VP", "05/BNV-VP", "05", "BNV-VP", None, None, "BNV", "VP"),
        ("157/TB_UBND", "157/TB-UBND", "157", "TB-UBND", None, "TB", "UBND", None),
        ("12/UBND\u2013VX", "12/UBND-VX", "12", "UBND-VX", None, None, "UBND", "VX"),
        ("1830 QĐ-UBND", "1830/QĐ-UBND", "1830", "QĐ-UBND", None, "QĐ", "UBND", None),
        (
            "2151/QCPH-UBND-BCHTĐ",
            "2151/QCPH-UBND-BCHTĐ",
            "2151",
            "QCPH-UBND-BCHTĐ",
            None,
            None,
            "QCPH",
            "UBND-BCHTĐ",
        ),
        ("12/TTLT-BTC-BNV", "12/TTLT-BTC-BNV", "12", "TTLT-BTC-BNV", None, "TTLT", "BTC", "BNV"),
        ("3/BCĐ389-VP", "3/BCĐ389-VP", "3", "BCĐ389-VP", None, None, "BCĐ389", "VP"),
    ],
)
def test_parse_code(text, full, number, notation, year, type_abbreviation, issuer, unit):
    parsed = parse_code(text)
    assert parsed == ParsedCode(number, notation, year, type_abbreviation, issuer, unit)
    assert parsed.full == full == str(parsed)


def test_parsed_code_doc_type():
    assert parse_code("12/CTr-UBND").doc_type.name == "Chương trình"
    assert parse_code("12/UBND-VX").doc_type is None


def test_parse_code_result_is_nfc():
    import unicodedata

    parsed = parse_code(unicodedata.normalize("NFD", "12/QĐ-UBND"))
    assert parsed.full == "12/QĐ-UBND"
    assert unicodedata.is_normalized("NFC", parsed.full)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "không được để trống"),
        ("   ", "không được để trống"),
        ("45UBND-TH", "thiếu dấu “/” giữa số và ký hiệu"),
        ("251-BCĐ", "thiếu dấu “/” giữa số và ký hiệu"),
        ("UBND-TH", "thiếu số văn bản"),
        ("ab/QĐ-UBND", "số văn bản phải là chữ số"),
        ("12/", "thiếu ký hiệu"),
        ("0/UBND-VX", "lớn hơn 0"),
        ("1234567/UBND-VX", "dài quá 6 chữ số"),
        ("1472/UBND", "ít nhất hai nhóm"),
        ("12/QĐ", "ít nhất hai nhóm"),
        ("12/QĐ--UBND", "nhóm chữ rỗng"),
        ("12/QĐ-UBND-", "nhóm chữ rỗng"),
        ("26/KH-BCĐ (138)", "“(” “)”"),
        ("12/1800/QĐ-UBND", "Năm trong số, ký hiệu không hợp lệ: 1800"),
        ("12/34/QĐ-UBND", "chứa dấu “/”"),
        ("12/1QĐ-UBND", "Nhóm đầu"),
        ("12/QĐ-UBND/2026", "chứa dấu “/”"),
        ("139-TB/TU", "văn bản của Đảng"),
    ],
)
def test_parse_code_errors(text, message):
    with pytest.raises(NotationError) as info:
        parse_code(text)
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)


def test_missing_slash_message_is_clear():
    with pytest.raises(NotationError, match="ví dụ 45/UBND-TH"):
        parse_code("45UBND-TH")


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("Ctr-UBND", "CTr-UBND"),
        ("qđ-ubnd", "QĐ-UBND"),
        ("Q\u00d0-UBND", "Q\u0110-UBND"),
        ("q\u00f0-ubnd", "Q\u0110-UBND"),
        ("QĐ-TT HĐND", "QĐ-TTHĐND"),
        (" UBND - VX ", "UBND-VX"),
        ("ubnd-ttr", "UBND-TTR"),  # mixed case is canonical only for the type abbreviation (first group)
        ("QĐ-ttg", "QĐ-TTg"),
        ("05/2026/qđ-ubnd", "05/2026/QĐ-UBND"),
        ("qyđ-ubnd", "QyĐ-UBND"),
        ("", ""),
    ],
)
def test_normalize_notation(raw, normalized):
    assert normalize_notation(raw) == normalized


def test_validate_notation():
    assert validate_notation("ctr-ubnd") == "CTr-UBND"
    assert validate_notation("UBND-KTTH") == "UBND-KTTH"
    assert validate_notation("2026/qđ-ubnd") == "2026/QĐ-UBND"
    assert validate_notation("UBTVQH15") == "UBTVQH15"
    assert validate_notation("NQ-HĐND8") == "NQ-HĐND8"
    assert validate_notation("UBND.VP-TH") == "UBND.VP-TH"
    for bad in ("", "UBND", "QĐ", "-UBND", "QĐ-UBND(1)", "TB/TU", "1QĐ-UBND", "QĐ-.", "QĐ-U#B"):
        with pytest.raises(NotationError):
            validate_notation(bad)


def test_duplicate_key():
    key = duplicate_key("05", "QĐ-UBND")
    assert key == "5/QD-UBND"
    assert duplicate_key("5", "Q\u00d0-UBND") == key
    assert duplicate_key("5", "qd-ubnd") == key
    assert duplicate_key(" 005 ", "qđ - ubnd") == key
    assert duplicate_key("6", "QĐ-UBND") != key
    assert duplicate_key("5", "UBND-QĐ") != key
    assert duplicate_key("05", "2026/QĐ-UBND") == "5/2026/QD-UBND"
    assert duplicate_key("0", "UBND-VX") == "0/UBND-VX"
    assert duplicate_key("", "") == "/"


# --- real data ------------------------------------------------------------------------------------------

# Rows of the Bình Dương list that are not Decree 30 số, ký hiệu (3 empty cells, Party-style numbers,
# parenthesised or one-group notations, a missing "/").
BINH_DUONG_REJECTED = Counter(
    {
        "": 3,
        "03-TB/BCĐ": 2,
        "139-TB/TU": 1,
        "251-BCĐ": 1,
        "1472/UBND": 1,
        "26/KH-BCĐ (138)": 1,
        "12/BCĐ (CAT-PC02)": 1,
        "140/BCĐ VĐ HMTN": 1,
    }
)


def _binh_duong_rows(shared_dir):
    path = shared_dir / "data" / "directives" / "binhduong-ubnd-2014-2022.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return [row["so_ky_hieu"] for row in csv.DictReader(f)]


def test_binh_duong_notations_parse(shared_dir):
    rows = _binh_duong_rows(shared_dir)
    assert len(rows) == 4056
    parsed, rejected = [], Counter()
    for text in rows:
        try:
            parsed.append((text, parse_code(text)))
        except NotationError:
            rejected[text] += 1
    assert rejected == BINH_DUONG_REJECTED
    assert len(parsed) == 4045
    for text, code in parsed:
        assert parse_code(code.full) == code, text  # normalising is idempotent
        assert " " not in code.full
        assert code.number.isdigit()
    types = Counter(code.type_abbreviation for _, code in parsed)
    assert types["QĐ"] == 2125 + 49 + 1 + 1  # QĐ, QÐ (U+00D0), "QD" and "1830 QĐ-UBND"
    assert types["CTr"] == 16  # 12 "CTr" + 4 "Ctr"
    assert types[None] > 900  # công văn


def test_binh_duong_eth_rows_come_out_with_d_stroke(shared_dir):
    eth_rows = [text for text in _binh_duong_rows(shared_dir) if "\u00d0" in text]
    assert len(eth_rows) == 49
    for text in eth_rows:
        code = parse_code(text)
        assert code.type_abbreviation == "Q\u0110"
        assert "\u0110" in code.full and "\u00d0" not in code.full
        assert code.full == text.replace("\u00d0", "\u0110")


def test_gazette_notations_parse(shared_dir):
    path = shared_dir / "data" / "gazette" / "index.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 30
    for row in rows:
        code = parse_code(row["notation_folded"])
        assert code.doc_type is not None, row
        assert code.doc_type.name == row["type"]  # folded QD/ND recognised as QĐ/NĐ
        number_part = row["file"].split("-so-")[1].split("-")[0]
        assert code.number == number_part
