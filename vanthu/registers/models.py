"""Registers (sổ văn bản) and their number sequences (dãy số)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from vanthu.organization.models import Agency


class Register(models.Model):
    """Sổ văn bản: a register of incoming or outgoing documents of one agency, numbered per year."""

    class Direction(models.TextChoices):
        INCOMING = "in", _("Văn bản đến")
        OUTGOING = "out", _("Văn bản đi")
        INTERNAL = "internal", _("Văn bản nội bộ")

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="registers", verbose_name=_("cơ quan")
    )
    name = models.CharField(_("tên sổ"), max_length=200)
    direction = models.CharField(_("loại sổ"), max_length=10, choices=Direction.choices)
    is_secret = models.BooleanField(_("sổ văn bản mật"), default=False)
    is_default = models.BooleanField(_("sổ mặc định"), default=False)
    is_active = models.BooleanField(_("đang sử dụng"), default=True)

    class Meta:
        verbose_name = _("sổ văn bản")
        verbose_name_plural = _("sổ văn bản")
        ordering = ["agency", "direction", "is_secret", "name"]

    def __str__(self) -> str:
        return self.name


class Counter(models.Model):
    """Dãy số: the last number taken in a register in a year. One row per (register, year)."""

    register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="counters")
    year = models.PositiveIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số cuối"), default=0)

    class Meta:
        verbose_name = _("dãy số")
        verbose_name_plural = _("dãy số")
        constraints = [
            models.UniqueConstraint(fields=["register", "year"], name="counter_register_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.register} {self.year}: {self.last_number}"
