"""Each search backend on its own (Tantivy, and PostgreSQL in the PostgreSQL leg): Vietnamese folding (đ, every tone mark, NFC and NFD input), exact diacritics
ranked first, notations however typed, phrases, OR, minus, the prefix of the word being typed, and the viewers
filter inside the query."""

from __future__ import annotations

import unicodedata

import pytest

from vanthu.search.engine import Item

DOCS = {
    "incoming:1": "Bán đấu giá quyền sử dụng đất khu dân cư Thạch Linh",
    "incoming:2": "Bàn giao mặt bằng dự án đường tỉnh lộ 8 cho Đảng uỷ xã Thạch Hà",
    "incoming:3": "Công văn 45/UBND-TH về giải phóng mặt bằng tỉnh lộ 8",
    "outgoing:4": "Kế hoạch kiểm tra công tác cải cách hành chính năm 2026",
    "task:5": "Báo cáo tiến độ giải ngân vốn đầu tư công quý III",
}


@pytest.fixture
def idx(make_index):
    index = make_index("index")
    index.write(
        Item(key, key.split(":")[0], key, text, viewers=[1, 2] if key != "task:5" else [2], day=20260100 + i)
        for i, (key, text) in enumerate(DOCS.items(), start=1)
    )
    return index


def keys(idx, text, viewer=1):
    return [h.key for h in idx.search(text, viewer).hits]


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("giai phong mat bang", ["incoming:3"]),
        ("giải phóng mặt bằng", ["incoming:3"]),
        ("GIẢI PHÓNG", ["incoming:3"]),
        ("dang uy", ["incoming:2"]),
        ("ĐẢNG UỶ", ["incoming:2"]),
        ("Ðảng uỷ", ["incoming:2"]),  # the eth look-alike of Đ
        ("cai cach hanh chinh", ["outgoing:4"]),
    ],
)
def test_folding(idx, typed, expected):
    assert keys(idx, typed) == expected


def test_every_tone_mark_folds(make_index):
    index = make_index("tones")
    words = ["ma", "mà", "má", "mả", "mã", "mạ", "mă", "mâ", "mơ", "mư", "mê", "mô"]
    index.write(Item(f"task:{i}", "task", w, w, [1]) for i, w in enumerate(words))
    assert index.search("ma", 1).total == 8  # a à á ả ã ạ ă â
    assert index.search("mo", 1).total == 2 and index.search("mu", 1).total == 1


def test_nfd_input_and_text_are_the_same_as_nfc(make_index):
    index = make_index("nfd")
    index.write([Item("task:1", "task", "x", unicodedata.normalize("NFD", "Quyết định bổ nhiệm"), [1])])
    assert index.search("quyết định", 1).total == 1
    assert index.search(unicodedata.normalize("NFD", "quyết định"), 1).total == 1
    assert index.search("quyet dinh", 1).total == 1


def test_exact_diacritics_rank_first(idx):
    assert keys(idx, "bán")[0] == "incoming:1"
    assert keys(idx, "bàn")[0] == "incoming:2"
    assert set(keys(idx, "ban")) >= {"incoming:1", "incoming:2"}


@pytest.mark.parametrize("typed", ["45/UBND-TH", "45/ubnd-th", "45 UBND TH", "45 ubnd th"])
def test_notations_however_typed(idx, typed):
    assert keys(idx, typed) == ["incoming:3"]


def test_operators(idx):
    assert set(keys(idx, "mat bang")) == {"incoming:2", "incoming:3"}  # AND by default
    assert keys(idx, '"mat bang du an"') == ["incoming:2"]  # a phrase
    assert set(keys(idx, "dau OR cai")) == {"incoming:1", "outgoing:4"}
    assert keys(idx, "mat bang -giai") == ["incoming:2"]
    assert keys(idx, "cai cach hanh chi") == ["outgoing:4"]  # the word being typed, as a prefix
    assert keys(idx, "giải phóng mặt bằ") == ["incoming:3"]  # typed with diacritics
    assert keys(idx, "45/ub") == ["incoming:3"]  # a notation being typed
    assert keys(idx, "kiem tra cong tac cai cac") == ["outgoing:4"]
    assert keys(idx, "cai cach hanh chx") == []  # a prefix of no word finds nothing
    assert keys(idx, "") == [] and idx.search("   ", 1).total == 0
    assert idx.search('"mat bang', 1).total >= 1  # an unbalanced quote is not an error


def test_a_prefix_longer_than_those_indexed_is_exact(make_index):
    index = make_index("long")
    index.write(
        [
            Item("task:1", "task", "x", "Mã hồ sơ capnhat1x", [1]),
            Item("task:2", "task", "x", "Mã hồ sơ capnhat10x", [1]),
            Item("task:3", "task", "x", "Mã hồ sơ capnhat123", [1]),
        ]
    )
    assert [h.key for h in index.search("capnhat10", 1).hits] == ["task:2"]
    assert {h.key for h in index.search("capnhat1", 1).hits} == {"task:1", "task:2", "task:3"}
    assert [h.key for h in index.search("ma ho so capnhat1x", 1).hits] == ["task:1"]


def test_viewers_are_inside_the_query(idx):
    found = idx.search("giai", 1)
    assert [h.key for h in found.hits] == ["incoming:3"] and found.total == 1
    assert found.facets == {"incoming": 1, "outgoing": 0, "task": 0}
    found = idx.search("giai", 2)
    assert found.total == 2 and found.facets["task"] == 1
    assert idx.search("giai", 99).total == 0
    for forged in ("_v2", "giai _v2", "giai OR _v2", '"_v2"'):  # the viewers cannot be searched for
        assert {h.key for h in idx.search(forged, 1).hits} <= {"incoming:3"}, forged


def test_highlight_is_escaped_and_marks_the_words(make_index):
    index = make_index("hl")
    index.write([Item("task:1", "task", "x", "Về việc <b>lạ</b> giải phóng mặt bằng", [1])])
    snippet = index.search("giai phong", 1).hits[0].snippet
    assert "&lt;b&gt;lạ&lt;/b&gt;" in snippet and "<b>giải</b> <b>phóng</b>" in snippet


def test_sort_by_date_and_paging(idx):
    newest = idx.search("ban OR giai OR ke", 2, by_date=True)
    days = [h.key for h in newest.hits]
    assert days[0] == "task:5"
    page2 = idx.search("ban OR giai OR ke", 2, by_date=True, limit=2, offset=2)
    assert page2.total == newest.total and [h.key for h in page2.hits] == days[2:4]
    past = idx.search("ban OR giai OR ke", 2, limit=2, offset=50)  # past the last page: no hits, same counts
    assert past.hits == [] and past.total == newest.total and past.facets == newest.facets


def test_a_kind_tab_counts_every_kind(idx):
    every = idx.search("giai", 2)
    assert every.facets == {"incoming": 1, "outgoing": 0, "task": 1} and every.total == 2
    tasks = idx.search("giai", 2, kinds=["task"])
    assert [h.key for h in tasks.hits] == ["task:5"] and tasks.total == 1 and tasks.facets == every.facets
    none = idx.search("giai", 2, kinds=["outgoing"])  # a tab without matches still shows the others' counts
    assert none.hits == [] and none.total == 0 and none.facets == every.facets


def test_a_rewritten_item_replaces_the_old_one(idx):
    idx.write([Item("incoming:1", "incoming", "x", "Nội dung mới hoàn toàn", [1])])
    assert keys(idx, "dau gia") == [] and keys(idx, "noi dung moi") == ["incoming:1"]
    idx.write([], delete=["incoming:1"])
    assert keys(idx, "noi dung moi") == []


def test_filters_combine_with_the_text(make_index):
    from vanthu.search.engine import Filters

    index = make_index("filters")
    index.write(
        [
            Item("incoming:1", "incoming", "a", "giải phóng mặt bằng", [1], 20260105, doc_type="cong-van"),
            Item("incoming:2", "incoming", "b", "giải phóng mặt bằng", [1], 20260310, doc_type="quyet-dinh"),
            Item("outgoing:3", "outgoing", "c", "giải phóng mặt bằng", [1], 20260620, "", "cong-van", True),
        ]
    )

    def found(**f):
        return sorted(h.key for h in index.search("giai phong", 1, filters=Filters(**f)).hits)

    assert found() == ["incoming:1", "incoming:2", "outgoing:3"]
    assert found(doc_type="cong-van") == ["incoming:1", "outgoing:3"]
    assert found(day_from=20260301) == ["incoming:2", "outgoing:3"]
    assert found(day_from=20260101, day_to=20260310) == ["incoming:1", "incoming:2"]
    assert found(urgent=True) == ["outgoing:3"]
    result = index.search("giai phong", 1, filters=Filters(doc_type="cong-van"))
    assert result.total == 2 and result.facets == {"incoming": 1, "outgoing": 1, "task": 0}


def test_status_filter_open_done_and_overdue_on_the_day_asked(make_index):
    from vanthu.search.engine import Filters

    index = make_index("status")
    index.write(
        [
            Item("task:1", "task", "a", "rà soát hồ sơ đất đai", [1], due=20260310),  # open, due 10/03
            Item("task:2", "task", "b", "rà soát hồ sơ đất đai", [1], due=20260310, done=True),
            Item("incoming:3", "incoming", "c", "rà soát hồ sơ đất đai", [1], due=20260401),
            Item("outgoing:4", "outgoing", "d", "rà soát hồ sơ đất đai", [1]),  # no deadline
        ]
    )

    def found(status, today=20260315):
        return sorted(
            h.key for h in index.search("ra soat", 1, filters=Filters(status=status, today=today)).hits
        )

    assert found("open") == ["incoming:3", "outgoing:4", "task:1"]
    assert found("done") == ["task:2"]
    assert found("overdue") == ["task:1"]  # a deadline passed, not done; no deadline is never overdue
    assert found("overdue", today=20260310) == []  # due today is not yet overdue
    assert found("overdue", today=20260402) == ["incoming:3", "task:1"]
    result = index.search("ra soat", 1, filters=Filters(status="overdue", today=20260402))
    assert result.total == 2 and result.facets == {"incoming": 1, "outgoing": 0, "task": 1}


def test_the_postgres_backend_refuses_a_database_that_is_not_postgresql(db):
    from django.core.exceptions import ImproperlyConfigured
    from django.db import connection

    from vanthu.search.backend import SearchBackend, open_backend

    if connection.vendor == "postgresql":
        assert isinstance(open_backend("postgres"), SearchBackend)
    else:
        with pytest.raises(ImproperlyConfigured):
            open_backend("postgres")
    with pytest.raises(ValueError):
        open_backend("elasticsearch")
