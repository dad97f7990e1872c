"""Accepting draft files: DOCX (dự thảo) or PDF (dự thảo, bản ký số, bản quét), stored by SHA-256 like every
other file (``documents.StoredFile``), never overwritten."""

from __future__ import annotations

import hashlib
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from vanthu.documents.files import max_upload_bytes
from vanthu.documents.models import StoredFile

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx"}


def sniff_draft_type(upload: UploadedFile) -> str | None:
    """PDF by its first bytes; DOCX as a ZIP holding ``word/document.xml``; None for anything else."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:  # reads the archive's directory only, not the whole upload
            with zipfile.ZipFile(upload) as archive:
                if "word/document.xml" in archive.namelist():
                    return DOCX
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
    return None


def store_draft_file(upload: UploadedFile, user=None, *, pdf_only: bool = False) -> StoredFile:
    """Validate and store a draft file (DOCX or PDF; ``pdf_only`` for signed copies and scans)."""
    if upload.size > max_upload_bytes():
        raise ValidationError(
            _("Tệp “%(name)s” vượt quá giới hạn dung lượng.") % {"name": upload.name}, code="too_large"
        )
    content_type = sniff_draft_type(upload)
    if content_type is None or (pdf_only and content_type != PDF):
        message = (
            _("Tệp “%(name)s” không phải PDF.") if pdf_only else _("Tệp “%(name)s” không phải DOCX hoặc PDF.")
        )
        raise ValidationError(message % {"name": upload.name}, code="bad_type")
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
        stored.file.save(f"draft{EXTENSIONS[content_type]}", upload, save=False)
    stored.save()
    return stored
