"""Who sends what: the outside agencies of ``directory.csv`` as senders of demo documents.

A document's subject (keywords of its abstract) picks a topic; the topic names the provincial department (or,
now and then, the ministry) that would plausibly send it and the unit of the Văn phòng that would handle it.
Signers are fictitious people generated once per sender.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .people import PROVINCE

PROVINCE_CODE = PROVINCE["code"]

#: Sender abbreviations (``viet_tat`` in directory.csv) whose documents keep the Bình Dương notation as is:
#: another People's Committee writes ``KH-UBND``, ``UBND-VX`` exactly like the source data.
KEEP_NOTATION = frozenset({"UBND"})


@dataclass(frozen=True)
class Topic:
    unit: str  # handling unit of the Văn phòng (abbreviation)
    keywords: tuple[str, ...]
    senders: tuple[str, ...]  # departments (abbreviations), chosen most of the time
    ministries: tuple[str, ...] = ()  # chosen now and then


#: First match wins; keywords are matched in the lower-cased abstract.
TOPICS: tuple[Topic, ...] = (
    Topic(
        "HCC", ("thủ tục hành chính", "dịch vụ công", "một cửa", "hành chính công"), ("SNV", "STP", "SKHĐT")
    ),
    Topic(
        "VX",
        ("y tế", "bệnh", "covid", "bhyt", "khám", "tiêm", "thuốc", "an toàn thực phẩm", "dân số"),
        ("SYT",),
        ("BYT",),
    ),
    Topic(
        "VX",
        ("giáo dục", "học sinh", "trường", "thi tốt nghiệp", "sinh viên", "mầm non", "khuyến học"),
        ("SGDĐT",),
        ("BGDĐT",),
    ),
    Topic("VX", ("văn hóa", "văn hoá", "thể thao", "du lịch", "lễ hội", "di tích", "gia đình"), ("SVHTTDL",)),
    Topic(
        "VX",
        ("lao động", "việc làm", "người có công", "bảo trợ", "trẻ em", "giảm nghèo", "bhxh", "liệt sĩ"),
        ("SLĐTBXH",),
        ("BLĐTBXH",),
    ),
    Topic("VX", ("thông tin", "truyền thông", "chuyển đổi số", "báo chí", "bưu chính"), ("STTTT",)),
    Topic("VX", ("khoa học", "công nghệ", "sở hữu trí tuệ", "tiêu chuẩn đo lường"), ("SKHCN",)),
    Topic("NC", ("thanh tra", "khiếu nại", "tố cáo", "tiếp công dân", "phòng, chống tham nhũng"), ("TTT",)),
    Topic(
        "NC",
        ("an ninh", "trật tự", "ma túy", "tội phạm", "phòng cháy", "an toàn giao thông", "cư trú"),
        ("CAT",),
    ),
    Topic("NC", ("quốc phòng", "quân sự", "diễn tập", "nghĩa vụ quân sự", "biên giới"), ("BCHQS",)),
    Topic("NC", ("pháp luật", "tư pháp", "hộ tịch", "văn bản quy phạm", "hòa giải", "thi hành án"), ("STP",)),
    Topic(
        "NC",
        ("cán bộ", "công chức", "viên chức", "biên chế", "thi đua", "khen thưởng", "tôn giáo", "cải cách"),
        ("SNV",),
        ("BNV",),
    ),
    Topic(
        "KT",
        ("ngân sách", "tài chính", "giá", "thuế", "phí", "tài sản công", "quyết toán", "dự toán", "vốn"),
        ("STC",),
        ("BTC",),
    ),
    Topic(
        "KT",
        ("đầu tư", "doanh nghiệp", "đấu thầu", "kinh tế - xã hội", "hợp tác xã", "kinh tế tập thể"),
        ("SKHĐT",),
        ("BKHĐT",),
    ),
    Topic("KT", ("công thương", "thương mại", "điện", "thị trường", "xuất khẩu", "công nghiệp"), ("SCT",)),
    Topic("KT", ("khu kinh tế", "khu công nghiệp"), ("BQLKKT",)),
    Topic(
        "KTN",
        ("nông nghiệp", "nông thôn", "thủy lợi", "thủy sản", "chăn nuôi", "rừng", "thiên tai", "cây trồng"),
        ("SNN",),
    ),
    Topic(
        "KTN",
        ("đất đai", "sử dụng đất", "thu hồi đất", "giao đất", "tài nguyên", "môi trường", "khoáng sản"),
        ("STNMT",),
        ("BTNMT",),
    ),
    Topic("KTN", ("giải phóng mặt bằng", "bồi thường", "tái định cư"), ("STNMT", "SXD")),
    Topic("KTN", ("xây dựng", "quy hoạch", "đô thị", "nhà ở", "công trình", "kiến trúc"), ("SXD",)),
    Topic("KTN", ("giao thông", "đường bộ", "vận tải", "đăng kiểm", "bến xe"), ("SGTVT",)),
)

#: Unit groups of công văn notations in the source data (UBND-VX …) → our units.
SOURCE_UNITS = {"VX": "VX", "NC": "NC", "KT": "KT", "KTN": "KTN", "KTTH": "KT", "TH": "TH", "HCC": "HCC"}
SOURCE_UNITS |= {"KSTT": "HCC", "HCTC": "HCTC", "BTCD": "NC"}

#: Drafting units used in a sender's công văn notation (STC-QLNS …); demo values.
DRAFTING_UNITS: dict[str, tuple[str, ...]] = {
    "STC": ("QLNS", "QLGCS", "TCĐT", "VP"),
    "SKHĐT": ("ĐKKD", "TH", "VP"),
    "SNV": ("TCBC", "CCVC", "CCHC", "VP"),
    "STNMT": ("QLĐĐ", "MT", "VP"),
    "SGDĐT": ("GDPT", "KHTC", "VP"),
    "SYT": ("NVY", "KHTC", "VP"),
    "SXD": ("QLXD", "QHKT", "VP"),
    "SGTVT": ("QLGT", "KHTC", "VP"),
    "SNN": ("KH", "TCCB", "VP"),
    "SCT": ("QLTM", "QLCN", "VP"),
    "STP": ("XDVB", "PBGDPL", "VP"),
    "SLĐTBXH": ("LĐVL", "NCC", "BTXH", "VP"),
    "SVHTTDL": ("QLVH", "QLDL", "VP"),
    "STTTT": ("BCVT", "CNTT", "VP"),
    "SKHCN": ("QLKH", "VP"),
    "TTT": ("NV1", "NV2", "VP"),
    "CAT": ("PV01", "PC06"),
    "BCHQS": ("TM", "CT"),
    "BQLKKT": ("QLĐT", "VP"),
    "VPCP": ("KGVX", "KTTH", "NN"),
    "BNV": ("CQĐP", "TCBC"),
    "BTC": ("NSNN", "QLCS"),
    "BKHĐT": ("TH", "ĐTNN"),
    "BYT": ("KCB", "DP"),
    "BGDĐT": ("GDPT", "KHTC"),
    "BTNMT": ("QLĐĐ", "MT"),
    "BLĐTBXH": ("LĐTL", "NCC"),
}

#: Signing titles (chức vụ người ký) by sender abbreviation: (head, deputy).
_TITLES = {
    "TTT": ("Chánh Thanh tra", "Phó Chánh Thanh tra"),
    "BCHQS": ("Chỉ huy trưởng", "Phó Chỉ huy trưởng"),
    "BQLKKT": ("Trưởng ban", "Phó Trưởng ban"),
    "VPCP": ("Bộ trưởng, Chủ nhiệm", "Phó Chủ nhiệm"),
    "UBND": ("Chủ tịch", "Phó Chủ tịch"),
}
_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Dương", "Đinh")
_MALE_MIDDLE = ("Văn", "Đình", "Hữu", "Xuân", "Quốc", "Minh", "Sỹ", "Đức", "Trọng")
_MALE_GIVEN = ("Hải", "Dũng", "Sơn", "Trung", "Thành", "Tùng", "Phong", "Hưng", "Kiên", "Lực", "Định", "Bảo")
_FEMALE_MIDDLE = ("Thị", "Thị Thu", "Thị Minh", "Thị Hồng", "Thị Thanh")
_FEMALE_GIVEN = ("Hà", "Lan", "Hoa", "Vân", "Nhàn", "Dung", "Hiền", "Thủy", "Liên")


def random_name(rng: random.Random) -> str:
    """A fictitious Vietnamese full name."""
    if rng.random() < 0.3:
        return f"{rng.choice(_FAMILY)} {rng.choice(_FEMALE_MIDDLE)} {rng.choice(_FEMALE_GIVEN)}"
    return f"{rng.choice(_FAMILY)} {rng.choice(_MALE_MIDDLE)} {rng.choice(_MALE_GIVEN)}"


def _titles(abbreviation: str, name: str) -> tuple[str, str]:
    if abbreviation in _TITLES:
        return _TITLES[abbreviation]
    if name.startswith("Bộ "):
        return ("Bộ trưởng", "Thứ trưởng")
    return ("Giám đốc", "Phó Giám đốc")


class Signers:
    """One head and two deputies per sender, made up on first use and then kept (same rng, same people)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._people: dict[int, list[tuple[str, str]]] = {}

    def pick(self, sender) -> tuple[str, str]:
        if sender.pk not in self._people:
            head, deputy = _titles(sender.abbreviation, sender.name)
            names = [random_name(self.rng) for _ in range(3)]
            self._people[sender.pk] = [(names[0], head), (names[1], deputy), (names[2], deputy)]
        people = self._people[sender.pk]
        return people[0] if self.rng.random() < 0.3 else self.rng.choice(people[1:])


def topic_for(abstract: str) -> Topic | None:
    text = abstract.lower()
    for topic in TOPICS:
        if any(k in text for k in topic.keywords):
            return topic
    return None


class SenderPicker:
    """Chooses the sender of a document and the unit that handles it, from its abstract."""

    def __init__(self, rng: random.Random, directory) -> None:
        self.rng = rng
        self.by_abbr = {a.abbreviation: a for a in directory if a.abbreviation != "UBND"}
        self.province = next(a for a in directory if a.code == PROVINCE_CODE)
        self.communes = [
            a
            for a in directory
            if a.abbreviation == "UBND" and a.code.endswith(".H42") and a != self.province
        ]
        self.departments = [a for a in self.by_abbr.values() if a.code.endswith(".H42")]

    def pick(
        self, abstract: str, source_unit: str | None, type_abbr: str | None, exclude=()
    ) -> tuple[object, str]:
        """(sender, handling unit abbreviation). A ministry never sends a decision (QĐ) about local matters."""
        rng = self.rng
        topic = topic_for(abstract)
        central = type_abbr != "QĐ"
        if topic is not None:
            if central and topic.ministries and rng.random() < 0.15:
                return self.by_abbr[rng.choice(topic.ministries)], topic.unit
            if rng.random() < 0.1:
                return self._commune(exclude), topic.unit
            return self.by_abbr[rng.choice(topic.senders)], topic.unit
        unit = SOURCE_UNITS.get(source_unit or "", "TH")
        roll = rng.random()
        if roll < 0.35:
            return self._commune(exclude), unit
        if roll < 0.45 and central:
            return self.by_abbr[rng.choice(("VPCP", "BNV"))], unit
        return rng.choice(self.departments), unit

    def _commune(self, exclude):
        return self.rng.choice([c for c in self.communes if c.code not in exclude])
