"""Services of the outgoing-document context (văn bản đi): one function per change, each in one transaction."""

from .chains import chain_for, ensure_default_chain
from .dispatch import mark_sent
from .drafting import RecipientSpec, add_version, amend, cancel, create_draft, set_recipients, update_draft
from .issuing import attach_scan, issue, recall, reserve_number
from .review import approve, forward, return_draft, sign, submit
from .rules import is_keeper, may, may_draft

__all__ = [
    "RecipientSpec",
    "add_version",
    "amend",
    "approve",
    "attach_scan",
    "cancel",
    "chain_for",
    "create_draft",
    "ensure_default_chain",
    "forward",
    "is_keeper",
    "issue",
    "mark_sent",
    "may",
    "may_draft",
    "recall",
    "reserve_number",
    "return_draft",
    "set_recipients",
    "sign",
    "submit",
    "update_draft",
]
