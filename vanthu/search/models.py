"""Saved searches (tìm kiếm đã lưu): a person's named queries with their filters, one click to run again."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedSearch(models.Model):
    """Tìm kiếm đã lưu: the query string of the search page (q, kind, type, dates, urgent, sort) under a name."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_searches",
        verbose_name=_("người dùng"),
    )
    name = models.CharField(_("tên"), max_length=100)
    query = models.CharField(_("điều kiện tìm"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tìm kiếm đã lưu")
        verbose_name_plural = _("tìm kiếm đã lưu")
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="saved_search_user_name_uniq")]

    def __str__(self) -> str:
        return self.name
