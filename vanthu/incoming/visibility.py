"""Who sees which incoming document: one reusable queryset, used by every list, count, detail view and export.

- Leaders, clerks and administrators see every non-secret document of their agency.
- Everyone else sees the non-secret documents of their agency that they or their unit are involved in
  (an assignment to them or to their unit, a presentation to them, or registered by them).
- Secret documents (độ mật) are seen only by the people with an explicit grant (DocumentGrant), whatever their role.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from vanthu.documents.models import Confidentiality

from .models import Assignment, DocumentGrant, IncomingDocument


def visible_incoming(user) -> QuerySet[IncomingDocument]:
    """The incoming documents ``user`` may see, as one query."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "agency_id", None):
        return IncomingDocument.objects.none()
    docs = IncomingDocument.objects.filter(agency_id=user.agency_id)
    granted = Q(pk__in=DocumentGrant.objects.filter(user_id=user.pk).values("document_id"))
    not_secret = Q(confidentiality=Confidentiality.NORMAL)
    if user.sees_whole_agency:
        return docs.filter(not_secret | granted)
    holders = Q(user_id=user.pk)
    if user.unit_id:
        holders |= Q(unit_id=user.unit_id)
    involved = (
        Q(pk__in=Assignment.objects.filter(holders).values("document_id"))
        | Q(presented_to_id=user.pk)
        | Q(created_by_id=user.pk)
    )
    return docs.filter((not_secret & involved) | granted)
