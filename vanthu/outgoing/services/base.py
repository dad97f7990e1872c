"""Helpers shared by the outgoing services: locking, the permission check, participants, state changes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from vanthu.notifications.services import notify
from vanthu.organization.models import Role, User
from vanthu.organization.services import calendar_for

from ..models import OutgoingDocument, Participant
from ..states import check_transition
from .rules import may


def lock(doc: OutgoingDocument) -> OutgoingDocument:
    """The document again, locked for the rest of the transaction (PostgreSQL: FOR UPDATE)."""
    return OutgoingDocument.objects.select_for_update().get(pk=doc.pk)


def require(action: str, doc: OutgoingDocument, actor: User) -> str:
    """Refuse unless ``actor`` may take ``action`` now; returns the state after it.

    PermissionDenied for another agency's document or the wrong person, TransitionError for the wrong state.
    """
    if (
        not getattr(actor, "is_authenticated", False)
        or not actor.is_active
        or actor.agency_id != doc.agency_id
    ):
        raise PermissionDenied(_("Văn bản không thuộc cơ quan của bạn."))
    target = check_transition(action, doc.state)
    if not may(action, doc, actor):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này với văn bản."))
    return target


def same_agency(doc: OutgoingDocument, *people) -> None:
    for p in people:
        if p is not None and p.agency_id != doc.agency_id:
            raise PermissionDenied(_("Đơn vị, cá nhân được chọn không thuộc cơ quan của văn bản."))


def participate(doc: OutgoingDocument, *users: User | None) -> None:
    """The people keep sight of the document from now on (see ``visibility``)."""
    for user in users:
        if user is not None:
            Participant.objects.get_or_create(document=doc, user=user)


def change_state(doc: OutgoingDocument, target: str, **fields) -> str:
    """Set the state (and other fields) and save; returns the previous state."""
    previous = doc.state
    doc.state = target
    for name, value in fields.items():
        setattr(doc, name, value)
    doc.save()
    return previous


def due_date(deadline: date | None, agency_id: int) -> date | None:
    """A deadline on a day off ends on the next working day."""
    return None if deadline is None else calendar_for(agency_id).add_working_days(deadline, 0)


def clerks_of(agency_id: int) -> list[User]:
    return list(User.objects.filter(agency_id=agency_id, role=Role.CLERK, is_active=True))


def unit_heads(unit_id: int | None) -> list[User]:
    if unit_id is None:
        return []
    return list(User.objects.filter(unit_id=unit_id, role=Role.UNIT_HEAD, is_active=True))


def tell(
    users: Iterable[User | None], text: str, doc: OutgoingDocument, *, besides: User | None = None
) -> None:
    """Notify ``users`` (not ``besides``, usually the actor) about ``doc``."""
    skip = besides.pk if besides is not None else None
    notify([u for u in users if u is not None and u.pk != skip], text, doc.get_absolute_url())


def label(doc: OutgoingDocument) -> str:
    """How a notification names the document: its number once it has one, else its type and abstract."""
    if doc.code:
        return _("văn bản số %(code)s") % {"code": doc.code}
    return _("dự thảo %(type)s “%(a)s”") % {"type": doc.doc_type.name.lower(), "a": doc.abstract[:150]}


def cap(text: str) -> str:
    """First letter in capitals, the rest as is (``str.capitalize`` would lower ``QĐ-UBND``)."""
    return text[:1].upper() + text[1:]
