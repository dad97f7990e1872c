"""Models of the outgoing-document context (văn bản đi)."""

from .config import ApprovalChain, ChainStep, NumberingRule, NumberingScope, StepAssignee, StepPurpose
from .delivery import Channel, Placement, PostalDispatch, Recipient
from .documents import (
    AmendKind,
    DraftVersion,
    OutgoingDocument,
    Participant,
    Review,
    ReviewAction,
    SigningAuthority,
    VersionKind,
)

__all__ = [
    "AmendKind",
    "ApprovalChain",
    "ChainStep",
    "Channel",
    "DraftVersion",
    "NumberingRule",
    "NumberingScope",
    "OutgoingDocument",
    "Participant",
    "Placement",
    "PostalDispatch",
    "Recipient",
    "Review",
    "ReviewAction",
    "SigningAuthority",
    "StepAssignee",
    "StepPurpose",
    "VersionKind",
]
