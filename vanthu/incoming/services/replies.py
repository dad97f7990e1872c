"""Văn bản trả lời: an outgoing document of the agency answers an incoming one.

Called by the outgoing context when it issues the reply: the incoming document is marked answered with the
reply's number (column 6 of the follow-up register) and, when the drafter asked for it, its handling is closed.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vanthu.history.services import record
from vanthu.notifications.services import notify
from vanthu.organization.models import User

from ..models import Assignment, IncomingDocument
from ..states import AssignmentState, DocState, check_assignment_transition, check_doc_transition
from .handling import _assignment_event, _finish, _lock, _set_state


@transaction.atomic
def record_reply(
    doc: IncomingDocument,
    actor: User,
    *,
    reply_code: str,
    replied_on: date,
    close: bool = False,
) -> IncomingDocument:
    """Mark ``doc`` answered by the document ``reply_code`` issued on ``replied_on``; with ``close``, end its
    handling: every open part is settled and a document in progress is completed with the reply as result.

    A document not yet directed (registered or presented) is only marked: its handling never started.
    """
    doc = _lock(doc)
    if actor.agency_id != doc.agency_id:
        raise PermissionDenied(_("Văn bản trả lời phải của cùng cơ quan với văn bản đến."))
    codes = [c for c in doc.reply_code.split("; ") if c]
    if reply_code not in codes:
        codes.append(reply_code)
    doc.reply_code = "; ".join(codes)[:200]
    doc.save(update_fields=["reply_code", "updated_at"])
    result = _("Đã trả lời bằng văn bản số %(code)s ngày %(date)s") % {
        "code": reply_code,
        "date": replied_on.strftime("%d/%m/%Y"),
    }
    record(doc, "answered", actor, note=result, reply_code=reply_code, replied_on=replied_on.isoformat())
    if not close or doc.state != DocState.IN_PROGRESS:
        return doc
    # of=("self",): PostgreSQL refuses FOR UPDATE on the nullable side of the outer joins to unit and user.
    parts = Assignment.objects.select_for_update(of=("self",)).select_related("unit", "user")
    for part in parts.filter(document=doc, state__in=[AssignmentState.NEW, AssignmentState.DELEGATED]):
        part.document = doc
        settled = check_assignment_transition("settle", part.state, part.role)
        previous = _finish(part, settled, result)
        _assignment_event(part, "settled", actor, previous, result)
    target = check_doc_transition("complete", doc.state)
    now = timezone.now()
    previous = _set_state(doc, target, completed_at=now, completed_on=timezone.localdate(now), result=result)
    record(doc, "document_completed", actor, from_state=previous, to_state=target, note=result)
    notify(
        [u for u in (doc.directed_by, doc.created_by) if u and u.pk != actor.pk],
        _("Văn bản đến số %(n)d đã hoàn thành: %(r)s") % {"n": doc.number, "r": result[:200]},
        doc.get_absolute_url(),
    )
    return doc
