"""Services of the documents context."""

from __future__ import annotations

from vanthu.common.doctypes import DOCUMENT_TYPES, LEGAL_DOCUMENT_TYPES


def sync_document_types(model=None) -> int:
    """Create or update the document types of Decree 30 (and the legal types) in the database."""
    if model is None:
        from .models import DocumentType as model
    changed = 0
    for order, dt in enumerate(DOCUMENT_TYPES + LEGAL_DOCUMENT_TYPES, start=1):
        _obj, created = model.objects.update_or_create(
            code=dt.code,
            defaults={
                "name": dt.name,
                "abbreviation": dt.abbreviation,
                "is_legal": dt in LEGAL_DOCUMENT_TYPES,
                "order": order,
            },
        )
        changed += int(created)
    return changed
