"""Accepting uploaded files: type and size checks, checksum, content-addressed storage."""

from __future__ import annotations

import hashlib
import mimetypes

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from .models import StoredFile

#: Accepted types, recognised by their first bytes (not by the name the browser sends).
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"II*\x00", "image/tiff", ".tif"),
    (b"MM\x00*", "image/tiff", ".tif"),
)


def max_upload_bytes() -> int:
    return settings.VANTHU_MAX_UPLOAD_MB * 1024 * 1024


def sniff_content_type(head: bytes) -> str | None:
    """The content type of a PDF or image file from its first bytes, or None for anything else."""
    for magic, content_type, _ext in _SIGNATURES:
        if head.startswith(magic):
            return content_type
    return None


def validate_upload(upload: UploadedFile) -> str:
    """Check one uploaded file; returns its content type or raises ValidationError in Vietnamese."""
    if upload.size > max_upload_bytes():
        raise ValidationError(
            _("Tệp “%(name)s” dung lượng %(size).1f MB, vượt quá giới hạn %(limit)d MB.")
            % {
                "name": upload.name,
                "size": upload.size / 1024 / 1024,
                "limit": settings.VANTHU_MAX_UPLOAD_MB,
            },
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = sniff_content_type(head)
    if content_type is None:
        raise ValidationError(
            _("Tệp “%(name)s” không phải PDF hoặc ảnh (PNG, JPEG, TIFF). Chỉ nhận các loại tệp này.")
            % {"name": upload.name},
            code="bad_type",
        )
    return content_type


def store_upload(upload: UploadedFile, user=None) -> StoredFile:
    """Validate and store an upload under its checksum; an identical file already stored is not written again."""
    content_type = validate_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    stored = StoredFile(
        original_name=upload.name[:255],
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=user if getattr(user, "pk", None) else None,
    )
    existing = StoredFile.objects.filter(sha256=stored.sha256).exclude(file="").first()
    if existing and existing.file.storage.exists(existing.file.name):
        stored.file.name = existing.file.name
    else:
        ext = mimetypes.guess_extension(content_type) or ""
        stored.file.save(f"upload{ext}", upload, save=False)
    stored.save()
    return stored


def verify_checksum(stored: StoredFile) -> bool:
    """Re-read a stored file and compare it with its recorded SHA-256."""
    digest = hashlib.sha256()
    with stored.file.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest() == stored.sha256
