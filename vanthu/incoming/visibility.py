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


def visible_incoming(user, pk: int | None = None) -> QuerySet[IncomingDocument]:
    """The incoming documents ``user`` may see, as one query.

    With ``pk``, the same rule for that one document, with the sub-queries restricted to it (a detail page must
    not build the list of every document a busy unit is involved in).
    """
    if not getattr(user, "is_authenticated", False) or not getattr(user, "agency_id", None):
        return IncomingDocument.objects.none()
    docs = IncomingDocument.objects.filter(agency_id=user.agency_id)
    one = {"document_id": pk} if pk is not None else {}
    if pk is not None:
        docs = docs.filter(pk=pk)
    granted = Q(pk__in=DocumentGrant.objects.filter(user_id=user.pk, **one).values("document_id"))
    not_secret = Q(confidentiality=Confidentiality.NORMAL)
    if user.sees_whole_agency:
        return docs.filter(not_secret | granted)
    # one sub-query per kind of holder: each uses its own covering index
    involved = Q(pk__in=Assignment.objects.filter(user_id=user.pk, **one).values("document_id"))
    if user.unit_id:
        involved |= Q(pk__in=Assignment.objects.filter(unit_id=user.unit_id, **one).values("document_id"))
    involved |= Q(presented_to_id=user.pk) | Q(created_by_id=user.pk)
    return docs.filter((not_secret & involved) | granted)


def visible_when_involved(user) -> QuerySet[IncomingDocument]:
    """The secrecy part of the rule only, for queries that already select documents of the user's agency that
    the user is involved in (an assignment held by them or their unit, a presentation to them): the same result
    as ``visible_incoming`` on such queries, without rebuilding the user's whole involvement list and without
    an agency condition that would make SQLite scan the agency's index instead of looking the few ids up."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "agency_id", None):
        return IncomingDocument.objects.none()
    granted = Q(pk__in=DocumentGrant.objects.filter(user_id=user.pk).values("document_id"))
    return IncomingDocument.objects.filter(Q(confidentiality=Confidentiality.NORMAL) | granted)
