"""The append-only history (quá trình xử lý): every state change of every document or task is one event."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a history event."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: D102
        raise AppendOnlyError("Quá trình xử lý chỉ được ghi thêm, không được sửa.")

    def delete(self):  # noqa: D102
        raise AppendOnlyError("Quá trình xử lý chỉ được ghi thêm, không được xóa.")

    def for_object(self, obj: models.Model) -> EventQuerySet:
        return self.filter(object_type=obj._meta.label_lower, object_id=obj.pk)


class Event(models.Model):
    """Sự kiện: who did what to which object, when, from which state to which."""

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    object_type = models.CharField(_("loại đối tượng"), max_length=60)
    object_id = models.BigIntegerField(_("mã đối tượng"))
    verb = models.CharField(_("hành động"), max_length=40)
    from_state = models.CharField(_("từ trạng thái"), max_length=30, blank=True)
    to_state = models.CharField(_("sang trạng thái"), max_length=30, blank=True)
    note = models.TextField(_("nội dung"), blank=True)
    payload = models.JSONField(_("dữ liệu"), default=dict, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện")
        verbose_name_plural = _("quá trình xử lý")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["object_type", "object_id", "at"], name="event_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.verb}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("Quá trình xử lý chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Quá trình xử lý chỉ được ghi thêm, không được xóa.")
