"""The formatting rules of the frame (thể thức), Decree 30/2020/NĐ-CP Appendix I, item by item."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from vanthu.outgoing.layout.frame import (
    AUTHORITIES,
    LayoutError,
    LayoutFrame,
    distribution_lines,
    fit_lines,
    mark_text,
    normalize_authority,
    number_line,
    parent_agency_lines,
    place_date_line,
    recipient_lines,
    signature_lines,
    storage_line,
    title_line,
    upper_lines,
    vv_line,
)

# --------------------------------------------------------------------------- ô 4: place and date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 1, 1), "Hà Tĩnh, ngày 01 tháng 01 năm 2026"),
        (dt.date(2026, 1, 5), "Hà Tĩnh, ngày 05 tháng 01 năm 2026"),
        (dt.date(2026, 1, 9), "Hà Tĩnh, ngày 09 tháng 01 năm 2026"),
        (dt.date(2026, 1, 10), "Hà Tĩnh, ngày 10 tháng 01 năm 2026"),
        (dt.date(2026, 1, 31), "Hà Tĩnh, ngày 31 tháng 01 năm 2026"),
        (dt.date(2026, 2, 1), "Hà Tĩnh, ngày 01 tháng 02 năm 2026"),
        (dt.date(2026, 2, 5), "Hà Tĩnh, ngày 05 tháng 02 năm 2026"),
        (dt.date(2026, 2, 28), "Hà Tĩnh, ngày 28 tháng 02 năm 2026"),
        (dt.date(2028, 2, 29), "Hà Tĩnh, ngày 29 tháng 02 năm 2028"),
        (dt.date(2026, 3, 1), "Hà Tĩnh, ngày 01 tháng 3 năm 2026"),
        (dt.date(2026, 3, 9), "Hà Tĩnh, ngày 09 tháng 3 năm 2026"),
        (dt.date(2026, 3, 15), "Hà Tĩnh, ngày 15 tháng 3 năm 2026"),
        (dt.date(2026, 9, 30), "Hà Tĩnh, ngày 30 tháng 9 năm 2026"),
        (dt.date(2026, 10, 1), "Hà Tĩnh, ngày 01 tháng 10 năm 2026"),
        (dt.date(2026, 11, 10), "Hà Tĩnh, ngày 10 tháng 11 năm 2026"),
        (dt.date(2026, 12, 31), "Hà Tĩnh, ngày 31 tháng 12 năm 2026"),
    ],
)
def test_place_date_line_leading_zeros(day, expected):
    assert place_date_line("Hà Tĩnh", day) == expected


@pytest.mark.parametrize("month", range(1, 13))
def test_only_months_1_and_2_take_a_leading_zero(month):
    line = place_date_line("Hà Tĩnh", dt.date(2026, month, 20))
    assert f"tháng {month:02d} năm" in line if month <= 2 else f"tháng {month} năm" in line
    if month > 2:
        assert f"tháng 0{month}" not in line


@pytest.mark.parametrize("day", range(1, 32))
def test_days_below_10_take_a_leading_zero(day):
    assert place_date_line("Hà Tĩnh", dt.date(2026, 1, day)).startswith(f"Hà Tĩnh, ngày {day:02d} tháng")


def test_place_date_examples_of_appendix_i():
    assert place_date_line("Hà Nội", dt.date(2020, 1, 5)) == "Hà Nội, ngày 05 tháng 01 năm 2020"
    assert (
        place_date_line("Thành phố Hồ Chí Minh", dt.date(2019, 6, 29))
        == "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019"
    )


def test_place_date_line_without_date_leaves_blanks():
    assert place_date_line("Hà Tĩnh", None) == "Hà Tĩnh, ngày …… tháng …… năm ……"


def test_place_capital_first_letter_nfc_and_datetime():
    decomposed = unicodedata.normalize("NFD", "hà Tĩnh")
    line = place_date_line(f"  {decomposed} ", dt.datetime(2026, 2, 3, 15, 30))
    assert line == "Hà Tĩnh, ngày 03 tháng 02 năm 2026"
    assert unicodedata.is_normalized("NFC", line)


def test_place_date_line_without_place():
    assert place_date_line("", dt.date(2026, 3, 4)) == "Ngày 04 tháng 3 năm 2026"


# --------------------------------------------------------------------------- ô 3: number and notation


@pytest.mark.parametrize(
    ("notation", "expected"),
    [
        ("45/UBND-TH", "Số: 45/UBND-TH"),
        ("15/QĐ-BNV", "Số: 15/QĐ-BNV"),  # the examples of Appendix I
        ("05/BNV-VP", "Số: 05/BNV-VP"),
        ("12/UBND-VX", "Số: 12/UBND-VX"),
        ("5/QĐ-UBND", "Số: 05/QĐ-UBND"),  # below 10: leading zero
        ("9/UBND-TH", "Số: 09/UBND-TH"),
        ("10/UBND-TH", "Số: 10/UBND-TH"),
        ("1830/QĐ-UBND", "Số: 1830/QĐ-UBND"),
        ("05/2026/QĐ-UBND", "Số: 05/2026/QĐ-UBND"),  # normative: the year stays
        ("12/ubnd-vx", "Số: 12/UBND-VX"),  # notation in capitals
        ("3/Ctr-UBND", "Số: 03/CTr-UBND"),  # official mixed case kept
        ("7 / QÐ - UBND", "Số: 07/QĐ-UBND"),  # spaces and the eth look-alike
        ("Số: 45/UBND-TH", "Số: 45/UBND-TH"),  # "Số:" not doubled
        ("/UBND-TH", "Số:       /UBND-TH"),  # not yet numbered: blank for the number
    ],
)
def test_number_line(notation, expected):
    assert number_line(notation) == expected


# --------------------------------------------------------------------------- ô 5: type name, abstract, V/v


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("nâng bậc lương năm 2019", "V/v nâng bậc lương năm 2019"),  # Appendix I example
        ("Triển khai kế hoạch cải cách hành chính", "V/v triển khai kế hoạch cải cách hành chính"),
        ("Về việc triển khai kế hoạch", "V/v triển khai kế hoạch"),
        ("V/v triển khai kế hoạch", "V/v triển khai kế hoạch"),
        ("v/v: Triển khai kế hoạch", "V/v Triển khai kế hoạch"),  # typed after "V/v": kept as typed
        ("Hà Tĩnh chuẩn bị đón bão", "V/v Hà Tĩnh chuẩn bị đón bão"),  # a proper name keeps its capitals
        ("UBND các huyện báo cáo", "V/v UBND các huyện báo cáo"),
        ("  góp ý  dự thảo\nquy chế ", "V/v góp ý dự thảo quy chế"),
        ("", ""),
    ],
)
def test_vv_line(abstract, expected):
    assert vv_line(abstract) == expected


def test_type_name_and_agency_names_in_capitals():
    assert title_line("Quyết định") == "QUYẾT ĐỊNH"
    assert title_line("nghị quyết") == "NGHỊ QUYẾT"
    assert upper_lines("Ủy ban nhân dân tỉnh Hà Tĩnh") == ["ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"]
    assert upper_lines("Ủy ban nhân dân\ntỉnh Hà Tĩnh") == ["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH"]
    assert upper_lines("") == []


def test_parent_agency_common_phrases_abbreviated():
    assert parent_agency_lines("Ủy ban nhân dân tỉnh Hà Tĩnh") == ["UBND TỈNH HÀ TĨNH"]
    assert parent_agency_lines("Uỷ ban nhân dân Thành phố Hồ Chí Minh") == ["UBND THÀNH PHỐ HỒ CHÍ MINH"]
    assert parent_agency_lines("Hội đồng nhân dân huyện Kỳ Anh") == ["HĐND HUYỆN KỲ ANH"]
    assert parent_agency_lines("Bộ Nội vụ") == ["BỘ NỘI VỤ"]
    # only the parent agency: the issuing agency keeps its full name
    frame = LayoutFrame(agency="Ủy ban nhân dân xã Kỳ Tiến", parent_agency="Ủy ban nhân dân huyện Kỳ Anh")
    assert frame.parent_lines() == ["UBND HUYỆN KỲ ANH"]
    assert frame.agency_lines() == ["ỦY BAN NHÂN DÂN XÃ KỲ TIẾN"]


def test_frame_capitals_and_abstract_case():
    frame = LayoutFrame(
        agency="Sở Nội vụ",
        parent_agency="UBND tỉnh Hà Tĩnh",
        type_name="Quyết định",
        abstract="về việc ban hành Quy chế làm việc",
        issuer_heading="Giám đốc Sở Nội vụ",
    )
    assert frame.parent_lines() == ["UBND TỈNH HÀ TĨNH"]
    assert frame.agency_lines() == ["SỞ NỘI VỤ"]
    assert frame.title_text() == "QUYẾT ĐỊNH"
    assert frame.abstract_texts() == [
        "Về việc ban hành Quy chế làm việc"
    ]  # in lower case, first letter capital
    assert frame.issuer_heading_text() == "GIÁM ĐỐC SỞ NỘI VỤ"
    assert frame.vv_text() == ""
    assert not frame.is_cong_van


def test_cong_van_frame_puts_the_abstract_after_vv():
    frame = LayoutFrame(agency="UBND tỉnh Hà Tĩnh", abstract="Triển khai kế hoạch", number="45/UBND-TH")
    assert frame.is_cong_van
    assert frame.vv_text() == "V/v triển khai kế hoạch"
    assert frame.abstract_texts() == []
    assert frame.title_text() == ""
    assert frame.document_title() == "Công văn 45/UBND-TH"


# --------------------------------------------------------------------------- ô 9a, 9b: Kính gửi, Nơi nhận


def test_recipient_lines_one_and_several():
    assert recipient_lines("Bộ Nội vụ") == ["Kính gửi: Bộ Nội vụ"]
    assert recipient_lines(["- Bộ Nội vụ;"]) == ["Kính gửi: Bộ Nội vụ"]
    assert recipient_lines(["Bộ Nội vụ", "- Bộ Kế hoạch và Đầu tư;", "Bộ Tài chính."]) == [
        "Kính gửi:",
        "- Bộ Nội vụ;",
        "- Bộ Kế hoạch và Đầu tư;",
        "- Bộ Tài chính.",
    ]
    assert recipient_lines([]) == []
    assert recipient_lines(["", "  "]) == []


@pytest.mark.parametrize(
    ("units", "expected"),
    [
        ("TH", "- Lưu: VT, TH."),
        (["TH"], "- Lưu: VT, TH."),
        (("VT", "TH"), "- Lưu: VT, TH."),  # the Văn thư once, first
        ("TH, KT", "- Lưu: VT, TH, KT."),
        (["TH", "KT", "TH"], "- Lưu: VT, TH, KT."),
        ("NVĐP", "- Lưu: VT, NVĐP."),
        ((), "- Lưu: VT."),
        ("", "- Lưu: VT."),
    ],
)
def test_storage_line(units, expected):
    assert storage_line(units) == expected


def test_distribution_lines():
    assert distribution_lines(["Như trên", "- Chủ tịch, các PCT UBND tỉnh;", "Sở Tài chính."], "TH") == [
        "- Như trên;",
        "- Chủ tịch, các PCT UBND tỉnh;",
        "- Sở Tài chính;",
        "- Lưu: VT, TH.",
    ]
    # a typed "Lưu:" entry is merged into the storage line, printed once and last
    assert distribution_lines(["- Như trên;", "- Lưu: VT, TH."], ()) == ["- Như trên;", "- Lưu: VT, TH."]
    assert distribution_lines(["Lưu: VT, KT", "Như trên"], "TH") == ["- Như trên;", "- Lưu: VT, TH, KT."]
    assert distribution_lines([], "TH") == ["- Lưu: VT, TH."]


# --------------------------------------------------------------------------- ô 7a, 7b: signing authority


@pytest.mark.parametrize(
    ("authority", "kwargs", "expected"),
    [
        ("", {"signer_title": "Chủ tịch"}, ["CHỦ TỊCH"]),
        (
            "TM.",
            {"collective": "Ủy ban nhân dân", "signer_title": "Chủ tịch"},
            ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        ),
        (
            "KT.",
            {"collective": "Ủy ban nhân dân", "superior_title": "Chủ tịch", "signer_title": "Phó Chủ tịch"},
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        ),
        (
            "KT.",
            {"superior_title": "Bộ trưởng", "signer_title": "Thứ trưởng"},
            ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"],
        ),
        (
            "TL.",
            {"superior_title": "Chủ tịch", "signer_title": "Chánh Văn phòng"},
            ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
        ),
        (
            "TUQ.",
            {"superior_title": "Giám đốc", "signer_title": "Trưởng phòng Hành chính"},
            ["TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG HÀNH CHÍNH"],
        ),
        ("Q.", {"superior_title": "Giám đốc", "signer_title": "Phó Giám đốc"}, ["Q. GIÁM ĐỐC"]),
        ("Q.", {"signer_title": "Chánh Văn phòng"}, ["Q. CHÁNH VĂN PHÒNG"]),
        (
            "kt",
            {"superior_title": "chủ tịch", "signer_title": "phó chủ tịch"},
            ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        ),
        (" TUQ ", {"superior_title": "Giám đốc"}, ["TUQ. GIÁM ĐỐC"]),
        ("", {}, []),
    ],
)
def test_signature_lines(authority, kwargs, expected):
    kwargs = dict(kwargs)
    assert signature_lines(authority, kwargs.pop("signer_title", ""), **kwargs) == expected


@pytest.mark.parametrize(
    ("authority", "kwargs", "message"),
    [
        ("TM.", {"signer_title": "Chủ tịch"}, "tập thể"),
        ("KT.", {"signer_title": "Phó Chủ tịch"}, "người đứng đầu"),
        ("TL.", {"signer_title": "Chánh Văn phòng"}, "người đứng đầu"),
        ("TUQ.", {}, "người đứng đầu"),
        ("Q.", {}, "người đứng đầu"),
        ("XY.", {"signer_title": "Chủ tịch"}, "không hợp lệ"),
    ],
)
def test_signature_lines_errors(authority, kwargs, message):
    kwargs = dict(kwargs)
    with pytest.raises(LayoutError, match=message):
        signature_lines(authority, kwargs.pop("signer_title", ""), **kwargs)


def test_normalize_authority():
    assert [normalize_authority(a.lower().rstrip(".")) for a in AUTHORITIES] == list(AUTHORITIES)
    assert normalize_authority(None) == ""
    with pytest.raises(LayoutError):
        LayoutFrame(agency="Sở Nội vụ", authority="TT.")


def test_frame_signature_and_name():
    frame = LayoutFrame(
        agency="UBND tỉnh Hà Tĩnh",
        authority="KT.",
        collective="Ủy ban nhân dân",
        superior_title="Chủ tịch",
        signer_title="Phó Chủ tịch",
        signer_name="  Nguyễn   Văn A ",
    )
    assert frame.signature_texts() == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert frame.signer_name_text() == "Nguyễn Văn A"  # in lower case as typed, no title


# --------------------------------------------------------------------------- ô 10, 11: marks; the frame itself


def test_marks_in_capitals_in_order():
    assert mark_text("Hỏa tốc") == "HỎA TỐC"
    assert mark_text("thượng khẩn") == "THƯỢNG KHẨN"
    frame = LayoutFrame(agency="Sở Nội vụ", urgency="khẩn", secrecy="mật", circulation="Lưu hành nội bộ")
    assert frame.marks() == ["MẬT", "KHẨN", "LƯU HÀNH NỘI BỘ"]
    assert LayoutFrame(agency="Sở Nội vụ").marks() == []


def test_frame_accepts_lists_and_single_strings():
    frame = LayoutFrame(agency="Sở Nội vụ", recipients="Bộ Nội vụ", distribution=["Như trên"], storage="TH")
    assert frame.recipients == ("Bộ Nội vụ",)
    assert frame.distribution == ("Như trên",)
    assert frame.storage == ("TH",)
    assert frame.recipient_texts() == ["Kính gửi: Bộ Nội vụ"]
    assert frame.distribution_texts() == ["- Như trên;", "- Lưu: VT, TH."]
    assert hash(frame)  # frozen: usable as a cache key


def test_fit_lines_breaks_evenly():
    width = len  # one unit per character
    assert fit_lines(["ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"], width, 20) == ["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH"]
    assert fit_lines(["SỞ NỘI VỤ"], width, 20) == ["SỞ NỘI VỤ"]
    assert fit_lines(["A B", "CCCCCCCCCCCCCCCCCCCCCCCCC"], width, 20) == ["A B", "CCCCCCCCCCCCCCCCCCCCCCCCC"]
    three = fit_lines(["SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH HÀ TĨNH MỚI"], width, 20)
    assert len(three) == 3 and max(map(len, three)) <= 20
    assert " ".join(three) == "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH HÀ TĨNH MỚI"


def test_fit_lines_a_word_wider_than_the_column_does_not_scatter_the_others():
    # it used to put every word on a line of its own (one line per word: "SỞ", "TÀI", "NGUYÊN"…)
    wide = "X" * 25
    assert fit_lines([f"SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG {wide} TỈNH HÀ TĨNH"], len, 20) == [
        "SỞ TÀI NGUYÊN",
        "VÀ MÔI TRƯỜNG",
        wide,
        "TỈNH HÀ TĨNH",
    ]


def test_fit_lines_long_text_is_measured_a_bounded_number_of_times():
    # a 500-character abstract (the model's limit) took ~6 s to lay out: every split count re-measured every run
    measured: list[str] = []

    def width(text: str) -> float:
        measured.append(text)
        return len(text)

    text = " ".join(f"w{i:02d}" for i in range(100))  # 100 words of 3 letters
    lines = fit_lines([text], width, 40)
    assert len(lines) == 10 and max(map(len, lines)) <= 40
    assert " ".join(lines) == text
    assert len(measured) < 20 * 100
