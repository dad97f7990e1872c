"""Replaying a plan through the incoming-document services, so every demo document has a real history.

The services stamp "now" on what they write. After each step the moments that step wrote are set back to the
planned time with queryset ``update()`` on IncomingDocument and Assignment (recognised as being later than the
start of the seed: every planned moment is earlier). History events are never touched: they keep the time the
seed ran.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from vanthu.documents.files import store_upload
from vanthu.incoming import services
from vanthu.incoming.models import Assignment, IncomingDocument
from vanthu.incoming.states import AssignmentState, DocState
from vanthu.organization.models import Unit, User
from vanthu.registers.models import Register

from .plan import Action, DocPlan


class Replayer:
    def __init__(self, users: dict[str, User], units: dict[str, Unit], started: datetime) -> None:
        self.users = users
        self.units = units
        self.started = started

    def run(self, plan: DocPlan, register: Register) -> IncomingDocument:
        clerk = self.users[plan.clerk]
        files = []
        if plan.attachment is not None:
            upload = SimpleUploadedFile(plan.attachment.name, plan.attachment.read_bytes(), "application/pdf")
            files.append(store_upload(upload, clerk))
        doc = services.register_document(
            clerk, register=register, received_at=plan.received_at, files=files, **plan.fields
        )
        for action in plan.actions:
            getattr(self, f"_{action.kind}")(doc, action)
        self._stamp_document(doc, plan)
        return doc

    # one method per kind of action ------------------------------------------------------------------------------
    def _present(self, doc: IncomingDocument, a: Action) -> None:
        services.present(doc, self.users[a.actor], self.users[a.data["leader"]], a.data["note"])

    def _forward(self, doc: IncomingDocument, a: Action) -> None:
        d = a.data
        services.forward(
            doc, self.users[a.actor], unit=self.units[d["unit"]], deadline=d["deadline"], note=d["note"]
        )
        self._stamp_assigned(doc, a.at)

    def _direct(self, doc: IncomingDocument, a: Action) -> None:
        d = a.data
        services.direct(
            doc,
            self.users[a.actor],
            direction=d["text"],
            lead_unit=self.units[d["lead"]] if d.get("lead") else None,
            lead_user=self.users[d["lead_user"]] if d.get("lead_user") else None,
            coop_units=[self.units[u] for u in d["coops"]],
            info_units=[self.units[u] for u in d["infos"]],
            deadline=d["deadline"],
        )
        self._stamp_assigned(doc, a.at)

    def _return(self, doc: IncomingDocument, a: Action) -> None:
        services.return_assignment(self._holder(doc, a.data), self.users[a.actor], a.data["reason"])
        self._stamp_finished(doc, a.at)

    def _delegate(self, doc: IncomingDocument, a: Action) -> None:
        d = a.data
        holder = self._holder(doc, d)
        services.delegate(
            holder, self.users[a.actor], user=self.users[d["user_to"]], deadline=d["deadline"], note=d["note"]
        )
        self._stamp_assigned(doc, a.at)

    def _progress(self, doc: IncomingDocument, a: Action) -> None:
        services.note_progress(self._holder(doc, a.data), self.users[a.actor], a.data["text"])

    def _contribute(self, doc: IncomingDocument, a: Action) -> None:
        services.contribute(self._holder(doc, a.data), self.users[a.actor], a.data["text"])
        self._stamp_finished(doc, a.at)

    def _acknowledge(self, doc: IncomingDocument, a: Action) -> None:
        services.acknowledge(self._holder(doc, a.data), self.users[a.actor])
        self._stamp_finished(doc, a.at)

    def _complete(self, doc: IncomingDocument, a: Action) -> None:
        services.complete(self._holder(doc, a.data), self.users[a.actor], a.data["result"])
        self._stamp_finished(doc, a.at)

    # helpers ------------------------------------------------------------------------------------------------
    def _holder(self, doc: IncomingDocument, d: dict) -> Assignment:
        """The open part of ``doc`` held by the unit ``d["unit"]`` (not yet given to a person) or ``d["user"]``."""
        who = (
            {"unit": self.units[d["unit"]], "user": None}
            if d.get("unit")
            else {"user": self.users[d["user"]]}
        )
        return Assignment.objects.get(document=doc, role=d["role"], state=AssignmentState.NEW, **who)

    def _stamp_assigned(self, doc: IncomingDocument, at: datetime) -> None:
        Assignment.objects.filter(document=doc, assigned_at__gte=self.started).update(assigned_at=at)

    def _stamp_finished(self, doc: IncomingDocument, at: datetime) -> None:
        Assignment.objects.filter(document=doc, completed_at__gte=self.started).update(
            completed_at=at, completed_on=timezone.localdate(at)
        )

    def _stamp_document(self, doc: IncomingDocument, plan: DocPlan) -> None:
        first = plan.actions[0].at if plan.actions else None
        created = plan.received_at + timedelta(minutes=2 + doc.number % 13)
        if first is not None and created >= first:
            created = plan.received_at + (first - plan.received_at) / 2
        values = {"created_at": created, "updated_at": max(plan.last_at, created)}
        if plan.state != DocState.REGISTERED:
            values["handed_over_at"] = plan.handed_over_at
        if plan.state in (DocState.IN_PROGRESS, DocState.COMPLETED) and plan.route != "forward":
            values["directed_at"] = plan.directed_at
        if plan.completed_at:
            values["completed_at"] = plan.completed_at
            values["completed_on"] = timezone.localdate(plan.completed_at)
        IncomingDocument.objects.filter(pk=doc.pk).update(**values)
