"""What every kind of document shares: document types (loại văn bản) and stored files (tệp văn bản)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.Model):
    """Loại văn bản: the 29 administrative types of Decree 30 (and legal types), with their abbreviation."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên loại"), max_length=100)
    abbreviation = models.CharField(_("viết tắt"), max_length=10, blank=True)
    is_legal = models.BooleanField(_("văn bản quy phạm pháp luật"), default=False)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang sử dụng"), default=True)

    class Meta:
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name


class Urgency(models.IntegerChoices):
    """Độ khẩn (Decree 30 Appendix I III.2.b); values match edXML Priority."""

    NORMAL = 0, _("Thường")
    URGENT = 1, _("Khẩn")
    VERY_URGENT = 2, _("Thượng khẩn")
    EXPRESS = 3, _("Hỏa tốc")
    EXPRESS_TIMED = 4, _("Hỏa tốc hẹn giờ")


class Confidentiality(models.IntegerChoices):
    """Độ mật."""

    NORMAL = 0, _("Thường")
    SECRET = 1, _("Mật")
    TOP_SECRET = 2, _("Tối mật")
    ABSOLUTE_SECRET = 3, _("Tuyệt mật")


def _upload_path(instance: StoredFile, filename: str) -> str:
    ext = ""
    if "." in filename:
        ext = "." + filename.rsplit(".", 1)[1].lower()[:8]
    return f"sha256/{instance.sha256[:2]}/{instance.sha256[2:4]}/{instance.sha256}{ext}"


class StoredFile(models.Model):
    """Tệp: one uploaded file, stored once by its SHA-256 checksum and never overwritten."""

    file = models.FileField(_("tệp"), upload_to=_upload_path, max_length=300)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("kiểu tệp"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã kiểm tra SHA-256"), max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    #: Words inside the file for search (documents.textlayer), read once on first use.
    text = models.TextField(_("nội dung chữ"), blank=True, editable=False)
    #: "" not yet read, "ok" text found, "none" no text layer (scan, image), "error" unreadable file.
    text_state = models.CharField(_("lớp chữ"), max_length=10, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("tệp văn bản")
        verbose_name_plural = _("tệp văn bản")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name
