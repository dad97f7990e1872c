"""Keep the index in step: after a change commits, the changed keys are reindexed by a background job.

Changes seen: incoming documents and what decides who sees them (assignments, grants), their attached files,
outgoing documents, their participants and draft versions, tasks, their cooperating units and progress reports
(with their files). ``VANTHU_SEARCH_AUTO_INDEX=false`` turns it off (bulk
imports: run ``reindex`` afterwards).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from vanthu.incoming.models import Assignment, DocumentGrant, IncomingDocument
from vanthu.organization.models import User
from vanthu.outgoing.models import DraftVersion, OutgoingDocument, Participant
from vanthu.tasks.models import ProgressReport, Task


def _enqueue(key: str) -> None:
    from .jobs import reindex_keys

    reindex_keys.enqueue([key])


_paused = threading.local()


@contextmanager
def paused():
    """No job per change inside the block (a bulk load such as the demo); run ``reindex_all`` after it."""
    _paused.on = True
    try:
        yield
    finally:
        _paused.on = False


def _schedule(key: str) -> None:
    """After the transaction commits (nothing if it rolls back), a job reindexes ``key``."""
    if getattr(settings, "VANTHU_SEARCH_AUTO_INDEX", True) and not getattr(_paused, "on", False):
        transaction.on_commit(lambda: _enqueue(key))


def _on(model, key):
    def handler(sender, instance, **kwargs):
        k = key(instance)
        if k:
            _schedule(k)

    post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"search-save-{model.__name__}")
    post_delete.connect(handler, sender=model, weak=False, dispatch_uid=f"search-delete-{model.__name__}")


def _user_saved(sender, instance, created=False, update_fields=None, **kwargs):
    """A person's role, unit or agency may change what they see: their items are checked after commit (not on a
    mere login, which saves ``last_login`` only)."""
    if created or (update_fields is not None and set(update_fields) <= {"last_login", "password"}):
        return
    if getattr(settings, "VANTHU_SEARCH_AUTO_INDEX", True) and not getattr(_paused, "on", False):

        def enqueue() -> None:
            from .jobs import reindex_viewer

            reindex_viewer.enqueue(instance.pk)

        transaction.on_commit(enqueue)


post_save.connect(_user_saved, sender=User, weak=False, dispatch_uid="search-user-saved")

_on(IncomingDocument, lambda o: f"incoming:{o.pk}")
_on(Assignment, lambda o: f"incoming:{o.document_id}")
_on(DocumentGrant, lambda o: f"incoming:{o.document_id}")
_on(OutgoingDocument, lambda o: f"outgoing:{o.pk}")
_on(Participant, lambda o: f"outgoing:{o.document_id}")
_on(DraftVersion, lambda o: f"outgoing:{o.document_id}")
_on(Task, lambda o: f"task:{o.pk}")
_on(ProgressReport, lambda o: f"task:{o.task_id}")


def _on_m2m(through, key):
    """A many-to-many change (files attached, cooperating units) changes the item of the row it belongs to."""

    def handler(sender, instance, action, reverse=False, **kwargs):
        if action in {"post_add", "post_remove", "post_clear"} and not reverse:
            _schedule(key(instance))

    m2m_changed.connect(handler, sender=through, weak=False, dispatch_uid=f"search-m2m-{through.__name__}")


_on_m2m(IncomingDocument.files.through, lambda o: f"incoming:{o.pk}")
_on_m2m(Task.coop_units.through, lambda o: f"task:{o.pk}")
_on_m2m(ProgressReport.files.through, lambda o: f"task:{o.task_id}")
