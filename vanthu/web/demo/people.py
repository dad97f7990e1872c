"""The demo office: the two agencies, their units and their people (all names are fictitious).

Names are stored the Vietnamese way: ``last_name`` holds the family and middle names (họ và tên đệm, "Nguyễn
Thị"), ``first_name`` the given name (tên, "Hương"), so that sorting by ``last_name`` … and the admin's "Họ" /
"Tên" columns are right; the full name reads ``last_name first_name``.
"""

from __future__ import annotations

from dataclasses import dataclass

from vanthu.organization.models import Role

#: The one password of every demo account (printed at the end of ``seed_demo``).
DEMO_PASSWORD = "vanthu@2026"
EMAIL_DOMAIN = "demo.vanthu.invalid"  # never a real domain: demo mail must not reach anyone

# Identifiers (mã định danh) here and in directory.csv are DEMO VALUES, plausible in shape only: never use them
# as authoritative codes (load the province's official catalogue instead).
PROVINCE = {
    "name": "Ủy ban nhân dân tỉnh Hà Tĩnh",
    "abbreviation": "UBND",
    "code": "000.00.00.H42",
    "parent_name": "",
    "place_name": "Hà Tĩnh",
    "address": "Số 01 đường Nguyễn Tất Thành, phường Thành Sen, tỉnh Hà Tĩnh",
    "email": f"ubnd@{EMAIL_DOMAIN}",
}
COMMUNE = {
    "name": "Ủy ban nhân dân xã Thạch Hà",
    "abbreviation": "UBND",
    "code": "000.00.21.H42",
    "parent_name": "",
    "place_name": "Thạch Hà",
    "address": "xã Thạch Hà, tỉnh Hà Tĩnh",
    "email": f"thachha@{EMAIL_DOMAIN}",
}

#: Units of the Văn phòng UBND tỉnh: (abbreviation, name).
PROVINCE_UNITS: tuple[tuple[str, str], ...] = (
    ("TH", "Phòng Tổng hợp"),
    ("KT", "Phòng Kinh tế"),
    ("KTN", "Phòng Kinh tế ngành"),
    ("VX", "Phòng Văn hóa - Xã hội"),
    ("NC", "Phòng Nội chính"),
    ("HCTC", "Phòng Hành chính - Tổ chức"),
    ("HCC", "Trung tâm Phục vụ hành chính công"),
)
COMMUNE_UNITS: tuple[tuple[str, str], ...] = (("VP", "Văn phòng HĐND và UBND xã"),)

#: An outside agency that also has accounts here: the directory's "Sở Tài chính" (same identifier), whose people
#: see only the tasks the province gives it (to lead or to co-operate on).
OUTSIDE = {
    "name": "Sở Tài chính tỉnh Hà Tĩnh",
    "abbreviation": "STC",
    "code": "000.00.02.H42",
    "parent_name": "Ủy ban nhân dân tỉnh Hà Tĩnh",
    "place_name": "Hà Tĩnh",
    "address": "phường Thành Sen, tỉnh Hà Tĩnh",
    "email": f"stc@{EMAIL_DOMAIN}",
}
OUTSIDE_UNITS: tuple[tuple[str, str], ...] = (("VP", "Văn phòng Sở"),)


@dataclass(frozen=True)
class Person:
    username: str
    last_name: str  # họ và tên đệm
    first_name: str  # tên
    position: str
    role: str
    unit: str | None = None  # unit abbreviation

    @property
    def full_name(self) -> str:
        return f"{self.last_name} {self.first_name}"

    @property
    def email(self) -> str:
        return f"{self.username}@{EMAIL_DOMAIN}"


def _unit_staff(abbr: str, head: tuple[str, str], specialists: list[tuple[str, str]], head_title: str):
    people = [Person(f"tp.{abbr.lower()}", *head, head_title, Role.UNIT_HEAD, abbr)]
    for i, (last, first) in enumerate(specialists, start=1):
        title = "Chuyên viên chính" if i == 1 else "Chuyên viên"
        people.append(Person(f"cv.{abbr.lower()}{i}", last, first, title, Role.SPECIALIST, abbr))
    return people


PROVINCE_PEOPLE: tuple[Person, ...] = (
    Person("chutich", "Phan Đình", "Khánh", "Chủ tịch UBND tỉnh", Role.AGENCY_LEADER),
    Person("pct.tran", "Trần Văn", "Thịnh", "Phó Chủ tịch UBND tỉnh", Role.AGENCY_LEADER),
    Person("pct.le", "Lê Thị Minh", "Hằng", "Phó Chủ tịch UBND tỉnh", Role.AGENCY_LEADER),
    Person("pct.nguyen", "Nguyễn Hữu", "Phước", "Phó Chủ tịch UBND tỉnh", Role.AGENCY_LEADER),
    Person("cvp", "Đinh Văn", "Tuấn", "Chánh Văn phòng", Role.OFFICE_LEADER),
    Person("pcvp.hoang", "Hoàng Thị Thu", "Trang", "Phó Chánh Văn phòng", Role.OFFICE_LEADER),
    Person("pcvp.bui", "Bùi Xuân", "Quang", "Phó Chánh Văn phòng", Role.OFFICE_LEADER),
    Person("vanthu1", "Nguyễn Thị", "Hương", "Văn thư", Role.CLERK, "HCTC"),
    Person("vanthu2", "Võ Thị Thanh", "Nga", "Văn thư", Role.CLERK, "HCTC"),
    *_unit_staff(
        "TH",
        ("Nguyễn Đình", "Lâm"),
        [("Trần Thị", "Mai"), ("Phạm Văn", "Đức"), ("Lê Thị Hồng", "Nhung")],
        "Trưởng phòng",
    ),
    *_unit_staff(
        "KT",
        ("Hồ Sỹ", "Hùng"),
        [("Nguyễn Văn", "Toàn"), ("Đặng Thị Lan", "Anh"), ("Phan Văn", "Hiếu"), ("Trần Thị", "Thúy")],
        "Trưởng phòng",
    ),
    *_unit_staff(
        "KTN",
        ("Lê Quang", "Vinh"),
        [("Nguyễn Thị Kim", "Oanh"), ("Võ Văn", "Thắng"), ("Dương Đình", "Sơn")],
        "Trưởng phòng",
    ),
    *_unit_staff(
        "VX",
        ("Nguyễn Thị Phương", "Thảo"),
        [("Hoàng Văn", "Long"), ("Trần Thị Ngọc", "Ánh"), ("Lê Văn", "Quý"), ("Phạm Thị", "Hà")],
        "Trưởng phòng",
    ),
    *_unit_staff(
        "NC", ("Đoàn Minh", "Tâm"), [("Nguyễn Văn", "Cường"), ("Thái Thị", "Huyền")], "Trưởng phòng"
    ),
    *_unit_staff(
        "HCTC", ("Bùi Thị Thanh", "Hoa"), [("Nguyễn Văn", "Bình"), ("Trần Thị", "Hạnh")], "Trưởng phòng"
    ),
    *_unit_staff(
        "HCC",
        ("Phạm Quốc", "Việt"),
        [("Nguyễn Thị Thu", "Hiền"), ("Lê Đức", "Anh"), ("Hồ Thị", "Yến")],
        "Giám đốc Trung tâm",
    ),
    Person("quantri", "Lê Hoàng", "Nam", "Quản trị hệ thống", Role.ADMIN),
)

COMMUNE_PEOPLE: tuple[Person, ...] = (
    Person("xa.chutich", "Nguyễn Văn", "Sáng", "Chủ tịch UBND xã", Role.AGENCY_LEADER),
    Person("xa.vanthu", "Trần Thị", "Lý", "Văn thư", Role.CLERK, "VP"),
    Person("xa.cv1", "Lê Thị", "Thu", "Công chức Văn phòng - Thống kê", Role.SPECIALIST, "VP"),
    Person("xa.cv2", "Phan Văn", "Hòa", "Công chức Tài chính - Kế toán", Role.SPECIALIST, "VP"),
)

OUTSIDE_PEOPLE: tuple[Person, ...] = (
    Person("gd.stc", "Trương Quang", "Minh", "Giám đốc Sở Tài chính", Role.AGENCY_LEADER),
    Person("vanthu.stc", "Đào Thị", "Liên", "Văn thư", Role.CLERK, "VP"),
)

#: Which leaders follow which units' fields (phân công lĩnh vực), used to choose whom a document goes to.
AGENCY_LEADER_FIELDS: dict[str, tuple[str, ...]] = {
    "chutich": ("TH", "HCTC"),
    "pct.tran": ("KT", "KTN"),
    "pct.le": ("VX",),
    "pct.nguyen": ("NC", "HCC"),
}
OFFICE_LEADER_FIELDS: dict[str, tuple[str, ...]] = {
    "cvp": ("TH", "HCTC", "NC"),
    "pcvp.bui": ("KT", "KTN"),
    "pcvp.hoang": ("VX", "HCC"),
}
