"""Who may do what to an outgoing document (the people part; the state part is in ``states.TRANSITIONS``).

One function, ``may(action, doc, user)``, asked both by the services (which refuse) and by the pages (which
show only the buttons that will work). Nobody acts on another agency's document.
"""

from __future__ import annotations

from vanthu.organization.models import LEADER_ROLES, Role, User

from ..models import OutgoingDocument
from ..states import TRANSITIONS, Actor, OutgoingState
from ..visibility import visible_outgoing

#: The registry (văn thư): numbers, issues, reserves numbers, records sending. Administrators may stand in.
CLERK_ROLES = frozenset({Role.CLERK, Role.ADMIN})
#: Who may sign at the signing step (a forwarded specialist may not sign).
SIGNER_ROLES = LEADER_ROLES | {Role.UNIT_HEAD}
#: Who may order a recall besides the person who signed.
RECALL_ROLES = frozenset({Role.CLERK, Role.ADMIN, Role.AGENCY_LEADER})


def _is_drafter(doc: OutgoingDocument, user: User) -> bool:
    return doc.drafter_id == user.pk


def _is_holder(doc: OutgoingDocument, user: User) -> bool:
    return doc.holder_id is not None and doc.holder_id == user.pk


def _is_clerk(doc: OutgoingDocument, user: User) -> bool:
    return user.role in CLERK_ROLES


def is_keeper(doc: OutgoingDocument, user: User) -> bool:
    """The person who has the document now: the drafter of a draft or a returned draft, the holder of a draft
    in review, a clerk once it is signed (or its number reserved)."""
    if doc.state in (OutgoingState.DRAFT, OutgoingState.RETURNED):
        return _is_drafter(doc, user)
    if doc.state == OutgoingState.IN_REVIEW:
        return _is_holder(doc, user)
    return _is_clerk(doc, user)


def _at_signing_step(doc: OutgoingDocument) -> bool:
    return bool(doc.current_step_id) and doc.current_step.is_signing


def _reviewer(doc: OutgoingDocument, user: User) -> bool:
    return _is_holder(doc, user) and not _at_signing_step(doc)


def _signer(doc: OutgoingDocument, user: User) -> bool:
    return _is_holder(doc, user) and _at_signing_step(doc) and user.role in SIGNER_ROLES


def _recaller(doc: OutgoingDocument, user: User) -> bool:
    return user.role in RECALL_ROLES or (doc.signed_by_id is not None and doc.signed_by_id == user.pk)


def _amender(doc: OutgoingDocument, user: User) -> bool:
    return (
        _is_drafter(doc, user)
        or (user.unit_id is not None and user.unit_id == doc.drafting_unit_id)
        or user.role in LEADER_ROLES
        or user.role in CLERK_ROLES
    )


_ACTORS = {
    Actor.DRAFTER: _is_drafter,
    Actor.KEEPER: is_keeper,
    Actor.REVIEWER: _reviewer,
    Actor.HOLDER: _is_holder,
    Actor.SIGNER: _signer,
    Actor.CLERK: _is_clerk,
    Actor.RECALLER: _recaller,
    Actor.AMENDER: _amender,
}


def may(action: str, doc: OutgoingDocument, user: User) -> bool:
    """May ``user`` take ``action`` on ``doc`` now (right state, right person, same agency, and sees it)?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.agency_id != doc.agency_id:
        return False
    sources, _target, actor = TRANSITIONS[action]
    if doc.state not in sources or not _ACTORS[actor](doc, user):
        return False
    return sees_secret(doc, user)


def sees_secret(doc: OutgoingDocument, user: User) -> bool:
    """A secret document is acted on only by those who see it (``visible_outgoing``). A non-secret one needs no
    query: every person the actor rules name sees it anyway (the permission matrix tests check both)."""
    if not doc.is_secret:
        return True
    return visible_outgoing(user, pk=doc.pk).exists()


def may_draft(user: User) -> bool:
    """Everyone of an agency who belongs to a unit may draft (leaders without a unit name one)."""
    return bool(
        getattr(user, "is_authenticated", False) and user.agency_id and (user.unit_id or user.is_leader)
    )
