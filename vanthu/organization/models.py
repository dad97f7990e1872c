"""Agencies, units, people and roles (cơ quan, đơn vị, cán bộ, vai trò), and the directory of outside agencies."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

#: Mã định danh điện tử (QCVN 102:2016, QĐ 20/2020/QĐ-TTg): four dot-separated groups, e.g. 000.00.00.H42.
agency_code_validator = RegexValidator(
    r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}$",
    _("Mã định danh phải có dạng 000.00.00.H42 (13 ký tự, bốn nhóm cách nhau bởi dấu chấm)."),
)


class Agency(models.Model):
    """Cơ quan: an agency served by this installation (e.g. UBND tỉnh Hà Tĩnh)."""

    name = models.CharField(_("tên cơ quan"), max_length=200)
    abbreviation = models.CharField(_("tên viết tắt"), max_length=30, help_text=_("Ví dụ: UBND"))
    code = models.CharField(
        _("mã định danh"),
        max_length=13,
        unique=True,
        validators=[agency_code_validator],
        help_text=_("Dạng 000.00.00.H42 (QCVN 102:2016)"),
    )
    parent_name = models.CharField(
        _("tên cơ quan chủ quản"), max_length=200, blank=True, help_text=_("In phía trên tên cơ quan, nếu có")
    )
    place_name = models.CharField(
        _("địa danh"), max_length=100, help_text=_("Dùng khi ghi ngày tháng, ví dụ Hà Tĩnh")
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """Đơn vị (phòng, ban) of an agency, with the abbreviation used in công văn notations (TH, KT, VX…)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="units", verbose_name=_("cơ quan")
    )
    name = models.CharField(_("tên đơn vị"), max_length=200)
    abbreviation = models.CharField(_("tên viết tắt"), max_length=20)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["agency", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "abbreviation"], name="unit_abbreviation_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """Vai trò of a person in the system."""

    CLERK = "clerk", _("Văn thư")
    SPECIALIST = "specialist", _("Chuyên viên")
    UNIT_HEAD = "unit_head", _("Lãnh đạo phòng")
    OFFICE_LEADER = "office_leader", _("Lãnh đạo Văn phòng")
    AGENCY_LEADER = "agency_leader", _("Lãnh đạo UBND")
    ADMIN = "admin", _("Quản trị hệ thống")


#: Roles that see every (non-secret) document of their agency.
AGENCY_WIDE_ROLES = frozenset({Role.CLERK, Role.OFFICE_LEADER, Role.AGENCY_LEADER, Role.ADMIN})
#: Roles to whom a document can be presented for direction (trình lãnh đạo).
LEADER_ROLES = frozenset({Role.OFFICE_LEADER, Role.AGENCY_LEADER})


class User(AbstractUser):
    """Cán bộ, công chức: a person with an account, belonging to one agency and (usually) one unit."""

    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
    )
    position = models.CharField(_("chức vụ"), max_length=100, blank=True)
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.SPECIALIST)

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["last_name", "first_name", "username"]

    def get_full_name(self) -> str:
        """Vietnamese order: family and middle names (last_name, "Họ") before the given name (first_name, "Tên")."""
        return f"{self.last_name} {self.first_name}".strip()

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def sees_whole_agency(self) -> bool:
        return self.role in AGENCY_WIDE_ROLES

    @property
    def is_leader(self) -> bool:
        return self.role in LEADER_ROLES

    def __str__(self) -> str:
        name = self.display_name
        return f"{name} ({self.position})" if self.position else name


class ExternalAgency(models.Model):
    """Danh bạ cơ quan: an outside agency that sends or receives documents (bộ, sở, UBND xã…)."""

    name = models.CharField(_("tên cơ quan"), max_length=200)
    abbreviation = models.CharField(_("tên viết tắt"), max_length=30, blank=True)
    code = models.CharField(
        _("mã định danh"), max_length=13, blank=True, db_index=True, validators=[agency_code_validator]
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("cơ quan cấp trên"),
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    internal_agency = models.OneToOneField(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directory_entry",
        verbose_name=_("cơ quan trong hệ thống"),
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("cơ quan trong danh bạ")
        verbose_name_plural = _("danh bạ cơ quan")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="external_agency_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CalendarDay(models.Model):
    """Ngày nghỉ riêng hoặc ngày làm bù of one agency, overriding the national calendar."""

    class Kind(models.TextChoices):
        OFF = "off", _("Ngày nghỉ")
        WORK = "work", _("Ngày làm việc bù")

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="calendar_days", verbose_name=_("cơ quan")
    )
    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=4, choices=Kind.choices)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("lịch ngày nghỉ, ngày làm bù")
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["agency", "date"], name="calendar_day_unique")]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}"
