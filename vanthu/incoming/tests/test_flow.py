"""The handling flow of an incoming document, through the services, with the events each step records."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from vanthu.history.models import Event
from vanthu.history.services import trail
from vanthu.incoming import services
from vanthu.incoming.models import Assignment
from vanthu.incoming.states import AssignmentState, DocState, TransitionError
from vanthu.testing.factories import register_incoming

pytestmark = pytest.mark.django_db


def verbs(doc):
    return [e.verb for e in trail(doc)]


def test_register_present_direct_delegate_complete(people, register, units):
    clerk, chairman, head, spec = people["clerk"], people["chairman"], people["head_kt"], people["spec_kt"]
    doc = register_incoming(clerk, register)
    assert doc.number == 1 and doc.state == DocState.REGISTERED

    services.present(doc, clerk, chairman, "Kính trình Chủ tịch")
    doc.refresh_from_db()
    assert doc.state == DocState.PRESENTED and doc.presented_to == chairman

    deadline = dt.date.today() + dt.timedelta(days=10)
    services.direct(
        doc,
        chairman,
        direction="Giao Phòng KT chủ trì tham mưu",
        lead_unit=units["KT"],
        coop_units=[units["VX"]],
        info_units=[units["TH"]],
        deadline=deadline,
    )
    doc.refresh_from_db()
    assert doc.state == DocState.IN_PROGRESS and doc.deadline == deadline
    lead = doc.assignments.get(role="lead")
    assert lead.unit == units["KT"] and lead.deadline == deadline

    child = services.delegate(
        lead, head, user=spec, deadline=deadline - dt.timedelta(days=3), note="Xử lý gấp"
    )
    services.note_progress(child, spec, "Đã làm việc với Sở Tài chính")
    services.complete(child, spec, "Đã trả lời bằng văn bản số 123/UBND-KT")
    doc.refresh_from_db()
    lead.refresh_from_db()
    assert doc.state == DocState.COMPLETED and doc.completed_on == dt.date.today()
    assert lead.state == AssignmentState.DONE
    assert doc.priority == 0
    assert verbs(doc) == [
        "registered",
        "presented",
        "directed",
        "assigned",
        "progress",
        "completed",
        "closed",
        "document_completed",
    ]
    directed = trail(doc).get(verb="directed")
    assert (directed.actor, directed.from_state, directed.to_state) == (chairman, "presented", "in_progress")


def test_specialist_return_goes_back_to_unit_head_then_leader(people, register, units):
    clerk, chairman, head, spec = people["clerk"], people["chairman"], people["head_kt"], people["spec_kt"]
    doc = register_incoming(clerk, register)
    services.direct(doc, chairman, direction="Giao KT", lead_unit=units["KT"])
    lead = doc.assignments.get(role="lead")
    child = services.delegate(lead, head, user=spec)
    with pytest.raises(ValueError):
        services.return_assignment(child, spec, "  ")
    services.return_assignment(child, spec, "Không thuộc lĩnh vực phòng")
    lead.refresh_from_db()
    assert lead.state == AssignmentState.NEW
    services.return_assignment(lead, head, "Đề nghị giao Phòng VX")
    doc.refresh_from_db()
    assert doc.state == DocState.PRESENTED and doc.presented_to == chairman
    assert "document_returned" in verbs(doc)


def test_only_holder_may_act(people, register, units):
    doc = register_incoming(people["clerk"], register)
    services.direct(doc, people["chairman"], direction="Giao KT", lead_unit=units["KT"])
    lead = doc.assignments.get(role="lead")
    with pytest.raises(PermissionDenied):
        services.complete(lead, people["head_vx"], "xong")
    with pytest.raises(PermissionDenied):
        services.direct(doc, people["spec_kt"], direction="x", lead_unit=units["KT"])


def test_cannot_direct_completed_document(people, register, units):
    doc = register_incoming(people["clerk"], register)
    services.direct(doc, people["chairman"], direction="Giao KT", lead_user=people["spec_kt"])
    services.complete(doc.assignments.get(), people["spec_kt"], "xong")
    with pytest.raises(TransitionError):
        services.direct(doc, people["chairman"], direction="lại", lead_unit=units["KT"])


def test_history_is_append_only(people, register):
    from django.db import IntegrityError, transaction

    from vanthu.history.models import AppendOnlyError

    doc = register_incoming(people["clerk"], register)
    event = Event.objects.for_object(doc).get()
    with pytest.raises(AppendOnlyError):
        event.note = "sửa"
        event.save()
    with pytest.raises(AppendOnlyError):
        Event.objects.all().delete()
    from django.db import connection

    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE history_event SET note = 'x'")


def test_coop_and_info_parts(people, register, units):
    doc = register_incoming(people["clerk"], register)
    services.direct(
        doc,
        people["chairman"],
        direction="Giao",
        lead_unit=units["KT"],
        coop_units=[units["VX"]],
        info_units=[units["TH"]],
    )
    coop = doc.assignments.get(role="coop")
    services.contribute(coop, people["head_vx"], "Thống nhất với dự thảo")
    info = doc.assignments.get(role="info")
    with pytest.raises(PermissionDenied):
        services.acknowledge(info, people["spec_th"])
    assert Assignment.objects.get(pk=coop.pk).state == AssignmentState.DONE
