"""Reading a plan's items: numbering, Excel cells, deadlines, unit names."""

import datetime as dt
import io

import openpyxl
import pytest

from vanthu.tasks.itemparse import (
    Candidate,
    DeadlineError,
    Matcher,
    parse_deadline,
    parse_text,
    read_xlsx,
    split_number,
)


@pytest.mark.parametrize(
    ("line", "number", "content"),
    [
        ("1. Rà soát quy hoạch", "1", "Rà soát quy hoạch"),
        ("2) Tổ chức hội nghị", "2", "Tổ chức hội nghị"),
        ("a) Báo cáo kết quả", "a", "Báo cáo kết quả"),
        ("II.3. Xây dựng đề án", "II.3", "Xây dựng đề án"),
        ("1.2.3 Hoàn thiện hồ sơ", "1.2.3", "Hoàn thiện hồ sơ"),
        ("- Kiểm tra hiện trường", "", "Kiểm tra hiện trường"),
        ("• Kiểm tra hiện trường", "", "Kiểm tra hiện trường"),
        ("Tăng cường công tác quản lý", "", "Tăng cường công tác quản lý"),
        ("10 ngày tổ chức kiểm tra", "", "10 ngày tổ chức kiểm tra"),
        ("  12.  Đẩy nhanh giải ngân  ", "12", "Đẩy nhanh giải ngân"),
    ],
)
def test_split_number(line, number, content):
    assert split_number(line) == (number, content)


def test_parse_text_numbered_lines_and_blank_lines():
    result = parse_text("1. Thứ nhất\n\n2. Thứ hai\nb) Thứ ba\n")
    assert [(i.number, i.content) for i in result.items] == [
        ("1", "Thứ nhất"),
        ("2", "Thứ hai"),
        ("b", "Thứ ba"),
    ]
    assert not result.problems


def test_parse_text_excel_cells():
    text = (
        "Rà soát hồ sơ\tKT\t31/03/2026\n"
        "2\tTổ chức kiểm tra\tPhòng Văn hóa - Xã hội\tTH, KT\t10\n"
        "\tKhông có số\tSở Tài chính\n"
    )
    items = parse_text(text).items
    assert (items[0].number, items[0].content, items[0].lead_text, items[0].deadline_text) == (
        "",
        "Rà soát hồ sơ",
        "KT",
        "31/03/2026",
    )
    assert (items[1].number, items[1].lead_text, items[1].coop_text, items[1].deadline_text) == (
        "2",
        "Phòng Văn hóa - Xã hội",
        "TH, KT",
        "10",
    )
    assert (items[2].number, items[2].content, items[2].lead_text) == ("", "Không có số", "Sở Tài chính")


def test_parse_text_stops_at_the_limit():
    result = parse_text("\n".join(f"{n}. Nội dung {n}" for n in range(1, 130)))
    assert len(result.items) == 100
    assert result.problems


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("31/03/2026", "date", dt.date(2026, 3, 31)),
        ("1/4/2026", "date", dt.date(2026, 4, 1)),
        ("2026-04-15", "date", dt.date(2026, 4, 15)),
        ("10", "working_days", 10),
        ("15 ngày làm việc", "working_days", 15),
        ("Tháng 6/2026", "date", dt.date(2026, 6, 30)),
        ("Quý II/2026", "date", dt.date(2026, 6, 30)),
        ("quý 4 năm 2026", "date", dt.date(2026, 12, 31)),
        ("Thường xuyên", "none", None),
        ("", "", None),
    ],
)
def test_parse_deadline(text, kind, value):
    deadline = parse_deadline(text)
    assert deadline.kind == kind
    if kind == "date":
        assert deadline.date == value
    elif kind == "working_days":
        assert deadline.working_days == value


@pytest.mark.parametrize("text", ["31/02/2026", "sớm nhất có thể", "0"])
def test_parse_deadline_refuses(text):
    with pytest.raises(DeadlineError):
        parse_deadline(text)


def matcher():
    return Matcher(
        [
            Candidate("u:1", "Phòng Tổng hợp", "TH"),
            Candidate("u:2", "Phòng Kinh tế", "KT"),
            Candidate("u:3", "Phòng Văn hóa - Xã hội", "VX"),
            Candidate("e:9", "Sở Tài chính", "STC"),
            Candidate("e:10", "Sở Kế hoạch và Đầu tư", "SKHĐT"),
            Candidate("e:11", "Sở Kinh tế số", ""),
        ]
    )


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("KT", "u:2"),
        ("kt", "u:2"),
        ("Phòng Kinh tế", "u:2"),
        ("PHONG KINH TE", "u:2"),
        ("phòng văn hoá - xã hội", "u:3"),
        ("STC", "e:9"),
        ("Sở Tài chính", "e:9"),
        ("Tài chính", "e:9"),
        ("Sở Tài chính tỉnh Hà Tĩnh", "e:9"),
        ("SKHĐT", "e:10"),
        ("skhdt", "e:10"),
    ],
)
def test_matcher_finds(text, key):
    assert matcher().find(text).key == key


def test_matcher_ambiguous_or_unknown():
    m = matcher()
    assert m.find("Kinh tế số") is not None and m.find("Kinh tế số").key == "e:11"
    assert m.find("Sở Nội vụ") is None
    assert m.find("Phòng") is None
    found, missing = m.find_many("TH, Sở Tài chính; Sở Nội vụ")
    assert [c.key for c in found] == ["u:1", "e:9"]
    assert missing == ["Sở Nội vụ"]


def _xlsx(rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_read_xlsx_by_headings():
    data = _xlsx(
        [
            ["KẾ HOẠCH THỰC HIỆN"],
            [],
            ["Thời hạn", "STT", "Nội dung", "Chủ trì", "Phối hợp"],
            [dt.datetime(2026, 3, 31), 1, "Rà soát hồ sơ", "KT", "TH"],
            ["Quý II/2026", "2", "Tổ chức kiểm tra", "Sở Tài chính", None],
            [None, None, None, None, None],
            [None, 3.0, "Không thời hạn", "VX", None],
        ]
    )
    items = read_xlsx(data).items
    assert [(i.number, i.content, i.lead_text, i.coop_text, i.deadline_text) for i in items] == [
        ("1", "Rà soát hồ sơ", "KT", "TH", "31/03/2026"),
        ("2", "Tổ chức kiểm tra", "Sở Tài chính", "", "Quý II/2026"),
        ("3", "Không thời hạn", "VX", "", ""),
    ]


def test_read_xlsx_without_headings_and_bad_file():
    items = read_xlsx(_xlsx([[1, "Nội dung một", "KT", "", "31/12/2026"]])).items
    assert (items[0].number, items[0].content, items[0].lead_text, items[0].deadline_text) == (
        "1",
        "Nội dung một",
        "KT",
        "31/12/2026",
    )
    result = read_xlsx(b"not a workbook")
    assert not result.items and "Không đọc được tệp Excel" in result.problems[0]
