"""Services of the incoming-document context: every state change goes through one of these functions."""

from .exchange import accept, arrivals_for, deliver, refuse, withdraw  # noqa: F401
from .handling import (  # noqa: F401
    acknowledge,
    can_act_on,
    complete,
    contribute,
    delegate,
    direct,
    forward,
    may,
    note_progress,
    present,
    return_assignment,
)
from .registration import find_duplicates, register_document  # noqa: F401
from .replies import record_reply  # noqa: F401
