import dataclasses
import re

import pytest

from vanthu.common.doctypes import (
    ABBREVIATIONS,
    ALL_TYPES,
    DOCUMENT_TYPES,
    LEGAL_DOCUMENT_TYPES,
    TYPE_CHOICES,
    TYPES_BY_CODE,
    DocType,
    type_for_abbreviation,
)
from vanthu.common.text import fold

ARTICLE_7 = (
    "Nghị quyết (cá biệt), quyết định (cá biệt), chỉ thị, quy chế, quy định, thông cáo, thông báo, hướng dẫn, "
    "chương trình, kế hoạch, phương án, đề án, dự án, báo cáo, biên bản, tờ trình, hợp đồng, công văn, công "
    "điện, bản ghi nhớ, bản thỏa thuận, giấy ủy quyền, giấy mời, giấy giới thiệu, giấy nghỉ phép, phiếu gửi, "
    "phiếu chuyển, phiếu báo, thư công"
)


def test_29_types_in_article_7_order_then_copies():
    names = [n.replace(" (cá biệt)", "").lower() for n in ARTICLE_7.split(", ")]
    assert len(names) == 29
    assert [t.name.lower() for t in DOCUMENT_TYPES[:29]] == names
    assert [t.abbreviation for t in DOCUMENT_TYPES[29:]] == ["SY", "TrS", "SL"]
    assert len(DOCUMENT_TYPES) == 32


def test_abbreviations_of_appendix_iii():
    expected = "NQ QĐ CT QC QyĐ TC TB HD CTr KH PA ĐA DA BC BB TTr HĐ - CĐ BGN BTT GUQ GM GGT GNP PG PC PB - SY TrS SL"
    assert [t.abbreviation or "-" for t in DOCUMENT_TYPES] == expected.split()
    assert TYPES_BY_CODE["cong-van"].abbreviation == ""
    assert TYPES_BY_CODE["thu-cong"].abbreviation == ""
    assert "CV" not in ABBREVIATIONS  # công văn has no abbreviation; TC is thông cáo
    assert ABBREVIATIONS["TC"].name == "Thông cáo"


def test_templates():
    by_code = {t.code: t.template for t in DOCUMENT_TYPES}
    assert by_code["nghi-quyet"] == "1.1"
    assert by_code["quyet-dinh"] == "1.2"
    assert (
        by_code["chi-thi"] == by_code["to-trinh"] == by_code["phieu-bao"] == by_code["giay-uy-quyen"] == "1.4"
    )
    assert by_code["cong-van"] == "1.5"
    assert by_code["cong-dien"] == "1.6"
    assert by_code["giay-moi"] == "1.7"
    assert by_code["giay-gioi-thieu"] == "1.8"
    assert by_code["bien-ban"] == "1.9"
    assert by_code["giay-nghi-phep"] == "1.10"
    assert by_code["ban-sao-y"] == "3.1"
    assert all(t.template == "" for t in LEGAL_DOCUMENT_TYPES)


def test_codes_are_stable_ascii_slugs_of_the_names():
    for t in ALL_TYPES:
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", t.code)
        assert t.code == fold(t.name).replace(" ", "-")
    assert len(TYPES_BY_CODE) == len(ALL_TYPES)
    assert TYPE_CHOICES[1] == ("quyet-dinh", "Quyết định")


def test_abbreviations_unique_even_ignoring_case():
    abbreviations = [t.abbreviation for t in ALL_TYPES if t.abbreviation]
    assert len({a.upper() for a in abbreviations}) == len(abbreviations) == len(ABBREVIATIONS)
    assert ABBREVIATIONS["QyĐ"].name == "Quy định"
    assert ABBREVIATIONS["CTr"].name == "Chương trình"


def test_legal_types():
    assert ALL_TYPES == DOCUMENT_TYPES + LEGAL_DOCUMENT_TYPES
    legal = {t.name: t.abbreviation for t in LEGAL_DOCUMENT_TYPES}
    assert legal["Luật"] == ""
    assert legal["Pháp lệnh"] == ""
    assert legal["Nghị định"] == "NĐ"
    assert legal["Thông tư"] == "TT"
    assert legal["Thông tư liên tịch"] == "TTLT"
    assert "Nghị quyết" not in legal and "Quyết định" not in legal  # already in DOCUMENT_TYPES


def test_type_for_abbreviation():
    assert type_for_abbreviation("Ctr").abbreviation == "CTr"
    assert type_for_abbreviation("Ctr").name == "Chương trình"
    assert type_for_abbreviation("CT").name == "Chỉ thị"
    assert type_for_abbreviation("Q\u00d0").abbreviation == "Q\u0110"
    assert type_for_abbreviation("qđ").name == "Quyết định"
    assert type_for_abbreviation("ttr").name == "Tờ trình"
    assert type_for_abbreviation(" tt ").name == "Thông tư"
    assert type_for_abbreviation("qyđ").abbreviation == "QyĐ"
    assert type_for_abbreviation("trs").abbreviation == "TrS"
    assert type_for_abbreviation("UBND") is None
    assert type_for_abbreviation("") is None
    assert type_for_abbreviation("CV") is None


def test_type_for_abbreviation_ascii_fallback():
    assert type_for_abbreviation("QD").abbreviation == "QĐ"
    assert type_for_abbreviation("nd").abbreviation == "NĐ"
    assert type_for_abbreviation("QYD").abbreviation == "QyĐ"
    # Abbreviations of their own win over the folded spelling of another one.
    assert type_for_abbreviation("HD").name == "Hướng dẫn"
    assert type_for_abbreviation("HĐ").name == "Hợp đồng"
    assert type_for_abbreviation("DA").name == "Dự án"
    assert type_for_abbreviation("ĐA").name == "Đề án"


def test_doctype_is_frozen_and_prints_its_name():
    t = DocType("x", "Tên", "X", "")
    assert str(t) == "Tên"
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.name = "khác"  # type: ignore[misc]
