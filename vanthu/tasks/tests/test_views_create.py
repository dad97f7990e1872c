"""Giao nhiệm vụ through the pages: one task, from an incoming document, sub-tasks, editing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from vanthu.history.models import Event
from vanthu.incoming import services as incoming_services
from vanthu.organization.services import calendar_for
from vanthu.tasks.models import Field, Task
from vanthu.testing.factories import ExternalAgencyFactory, assign_task, register_incoming

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def data(**overrides):
    values = {
        "content": "Kiểm tra công tác phòng cháy chữa cháy tại các chợ",
        "source_kind": "adhoc",
        "priority": "0",
        "deadline_kind": "date",
        "deadline": (TODAY + dt.timedelta(days=20)).strftime("%d/%m/%Y"),
    }
    values.update(overrides)
    return values


def test_create_form_defaults_and_lead_groups(client, people, units):
    sotc = ExternalAgencyFactory(name="Sở Tài chính", abbreviation="STC", code="")
    client.force_login(people["spec_th"])
    form = client.get(reverse("tasks:create")).context["form"]
    assert form["follower"].value() == people["spec_th"].pk  # a specialist follows what they enter
    assert form["assigned_by"].value() is None
    html = client.get(reverse("tasks:create")).content.decode()
    assert (
        '<optgroup label="Đơn vị của cơ quan">' in html and '<optgroup label="Cơ quan trong danh bạ">' in html
    )
    assert f'value="u:{units["KT"].pk}"' in html and f'value="e:{sotc.pk}"' in html
    client.force_login(people["chairman"])
    assert client.get(reverse("tasks:create")).context["form"]["assigned_by"].value() == people["chairman"].pk


def test_create_a_task(client, people, units):
    sotc = ExternalAgencyFactory(name="Sở Tài chính", abbreviation="STC", code="")
    field = Field.objects.create(name="Kinh tế thử nghiệm")
    client.force_login(people["clerk"])
    response = client.post(
        reverse("tasks:create"),
        data(
            assigned_by=people["chairman"].pk,
            lead=f"u:{units['KT'].pk}",
            lead_user=people["spec_kt"].pk,
            coop_units=[units["VX"].pk],
            coop_externals=[sotc.pk],
            follower=people["spec_th"].pk,
            field=field.pk,
            priority="2",
            item_number="3",
            source_kind="conclusion",
            source_code="25/TB-UBND",
            source_date=(TODAY - dt.timedelta(days=3)).strftime("%d/%m/%Y"),
        ),
    )
    task = Task.objects.get()
    assert response.status_code == 302 and response["Location"] == task.get_absolute_url()
    assert task.lead_unit == units["KT"] and task.lead_user == people["spec_kt"]
    assert task.assigned_by == people["chairman"] and task.created_by == people["clerk"]
    assert list(task.coop_units.all()) == [units["VX"]] and list(task.coop_externals.all()) == [sotc]
    assert task.deadline == TODAY + dt.timedelta(days=20)
    assert (task.priority, task.item_number, task.source_code, task.field) == (2, "3", "25/TB-UBND", field)
    html = client.get(task.get_absolute_url()).content.decode()
    assert "Đã giao nhiệm vụ" in html and "25/TB-UBND" in html and "Sở Tài chính" in html


def test_create_lead_by_outside_agency_and_working_days(client, people):
    sotc = ExternalAgencyFactory(name="Sở Tài chính", abbreviation="STC", code="")
    client.force_login(people["chief"])
    client.post(
        reverse("tasks:create"),
        data(
            assigned_by=people["chief"].pk,
            lead=f"e:{sotc.pk}",
            deadline_kind="working_days",
            working_days="5",
        ),
    )
    task = Task.objects.get()
    assert task.lead_external == sotc and task.lead_unit is None
    assert task.deadline == calendar_for(task.agency_id).add_working_days(task.assigned_on, 5)


def test_create_recurring(client, people, units):
    client.force_login(people["chief"])
    client.post(
        reverse("tasks:create"),
        data(
            assigned_by=people["chief"].pk,
            lead=f"u:{units['TH'].pk}",
            deadline_kind="recurring",
            recurrence="quarterly",
            recurrence_day="20",
            deadline="",
        ),
    )
    series = Task.objects.get(series__isnull=True)
    assert series.is_series and series.occurrences.count() == 1


def test_failed_create_keeps_the_typed_values(client, people, units):
    client.force_login(people["chief"])
    response = client.post(reverse("tasks:create"), data(assigned_by=people["chief"].pk, lead=""))
    html = response.content.decode()
    assert response.status_code == 200 and not Task.objects.exists()
    assert "Hãy chọn đơn vị hoặc cơ quan chủ trì" in html
    assert "Kiểm tra công tác phòng cháy chữa cháy tại các chợ" in html
    # an error found by the service is shown next to its field
    response = client.post(
        reverse("tasks:create"),
        data(
            assigned_by=people["chief"].pk,
            lead=f"u:{units['KT'].pk}",
            assigned_on=TODAY.strftime("%d/%m/%Y"),
            deadline=(TODAY - dt.timedelta(days=1)).strftime("%d/%m/%Y"),
        ),
    )
    assert response.context["form"].errors["deadline"] == ["Thời hạn không được trước ngày giao."]
    assert not Task.objects.exists()
    # a specialist is not a leader who may assign
    response = client.post(
        reverse("tasks:create"), data(assigned_by=people["spec_kt"].pk, lead=f"u:{units['KT'].pk}")
    )
    assert "assigned_by" in response.context["form"].errors


def test_incoming_detail_button_and_prefilled_source(client, people, units, register):
    doc = register_incoming(people["clerk"], register, code_number="45", code_notation="STC-NS")
    client.force_login(people["clerk"])
    html = client.get(doc.get_absolute_url()).content.decode()
    create_url = reverse("tasks:create") + f"?incoming={doc.pk}"
    assert f'href="{create_url}" id="btn-assign-task"' in html
    assert f'href="{reverse("tasks:bulk")}?incoming={doc.pk}"' in html
    assert "Chưa giao nhiệm vụ nào từ văn bản này" in html

    response = client.get(create_url)
    form = response.context["form"]
    assert form["source_kind"].value() == "incoming" and form["source_code"].value() == "45/STC-NS"
    assert form["incoming"].value() == doc.pk and form["source_abstract"].value() == doc.abstract
    assert 'id="source-doc"' in response.content.decode()

    client.post(
        create_url,
        data(
            assigned_by=people["chairman"].pk,
            lead=f"u:{units['KT'].pk}",
            incoming=doc.pk,
            source_kind="incoming",
            source_code="45/STC-NS",
        ),
    )
    task = Task.objects.get()
    assert task.source_incoming == doc and task.source_code == "45/STC-NS"
    html = client.get(doc.get_absolute_url()).content.decode()
    assert f'data-task="{task.pk}"' in html and "Phòng Kinh tế" in html
    # someone who may see the document but not the task (led by KT) does not see it listed
    incoming_services.forward(doc, people["clerk"], unit=units["VX"], note="Chuyển VX")
    client.force_login(people["spec_vx"])
    response = client.get(doc.get_absolute_url())
    assert response.status_code == 200 and list(response.context["doc_tasks"]) == []
    assert f'data-task="{task.pk}"' not in response.content.decode()


def test_incoming_the_user_may_not_see(client, people, units, register):
    doc = register_incoming(people["clerk"], register)
    client.force_login(people["spec_vx"])
    assert client.get(reverse("tasks:create") + f"?incoming={doc.pk}").status_code == 404
    response = client.post(
        reverse("tasks:create"),
        data(assigned_by=people["chairman"].pk, lead=f"u:{units['VX'].pk}", incoming=doc.pk),
    )
    assert "Không tìm thấy văn bản đến giao nhiệm vụ" in response.content.decode()
    assert not Task.objects.exists()


def test_edit(client, people, units):
    task = assign_task(people["chief"], assigned_by=people["chairman"], lead_unit=units["KT"])
    url = reverse("tasks:edit", args=[task.pk])
    client.force_login(people["head_kt"])
    assert client.get(url).status_code == 403
    client.force_login(people["chairman"])
    assert client.get(url).context["form"]["lead"].value() == f"u:{units['KT'].pk}"
    response = client.post(
        url,
        {
            "content": "Nội dung đã sửa",
            "lead": f"u:{units['VX'].pk}",
            "priority": "1",
            "coop_units": [units["TH"].pk],
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.content == "Nội dung đã sửa" and task.lead_unit == units["VX"] and task.priority == 1
    assert list(task.coop_units.all()) == [units["TH"]]
    assert Event.objects.filter(object_id=task.pk, verb="edited").exists()
    html = client.get(task.get_absolute_url()).content.decode()
    assert (
        "Sửa thông tin nhiệm vụ" in html and "đơn vị chủ trì: Phòng Kinh tế → Phòng Văn hóa - Xã hội" in html
    )
    response = client.post(url, {"content": "", "lead": "", "priority": "0"})
    assert response.status_code == 200 and "Hãy nhập nội dung nhiệm vụ" in response.content.decode()


def test_split_by_the_head_of_the_lead_unit(client, people, units):
    parent = assign_task(
        people["chief"],
        assigned_by=people["chairman"],
        lead_unit=units["KT"],
        deadline=TODAY + dt.timedelta(days=30),
    )
    url = reverse("tasks:split", args=[parent.pk])
    client.force_login(people["spec_kt"])
    assert client.get(url).status_code == 403
    client.force_login(people["head_kt"])
    html = client.get(url).content.decode()
    assert f'value="u:{units["KT"].pk}"' in html and f'value="u:{units["VX"].pk}"' not in html
    response = client.post(
        url,
        {
            "content": "Chuẩn bị số liệu",
            "lead": f"u:{units['VX'].pk}",
            "lead_user": people["spec_kt"].pk,
            "priority": "0",
            "deadline_kind": "date",
            "deadline": (TODAY + dt.timedelta(days=10)).strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 200 and not parent.subtasks.exists()
    late = (TODAY + dt.timedelta(days=60)).strftime("%d/%m/%Y")
    response = client.post(
        url,
        {
            "content": "Chuẩn bị số liệu",
            "lead": f"u:{units['KT'].pk}",
            "lead_user": people["spec_kt"].pk,
            "priority": "0",
            "deadline_kind": "date",
            "deadline": late,
        },
    )
    assert "không được sau thời hạn nhiệm vụ chính" in response.content.decode()
    assert late in response.content.decode()
    response = client.post(
        url,
        {
            "content": "Chuẩn bị số liệu",
            "lead": f"u:{units['KT'].pk}",
            "lead_user": people["spec_kt"].pk,
            "priority": "0",
            "deadline_kind": "date",
            "deadline": (TODAY + dt.timedelta(days=10)).strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302 and response["Location"] == parent.get_absolute_url()
    sub = parent.subtasks.get()
    assert sub.lead_user == people["spec_kt"] and not sub.counted
    client.force_login(people["spec_kt"])
    assert "Chuẩn bị số liệu" in client.get(reverse("tasks:list") + "?scope=mine").content.decode()


def test_the_edit_reads_in_words_on_the_task_page(client, people, units):
    task = assign_task(people["chief"], assigned_by=people["chairman"], lead_unit=units["KT"])
    client.force_login(people["chairman"])
    client.post(
        reverse("tasks:edit", args=[task.pk]),
        {"content": task.content, "lead": f"u:{units['KT'].pk}", "priority": "2"},
    )
    html = client.get(task.get_absolute_url()).content.decode()
    assert "mức độ ưu tiên: Bình thường → Khẩn" in html
    assert "“priority”" not in html  # the stored note names the field in code


def test_the_lead_unit_is_not_also_a_cooperating_unit(client, people, units):
    task = assign_task(people["chief"], assigned_by=people["chairman"], lead_unit=units["KT"])
    client.force_login(people["chairman"])
    response = client.post(
        reverse("tasks:edit", args=[task.pk]),
        {
            "content": task.content,
            "lead": f"u:{units['VX'].pk}",
            "priority": "0",
            "coop_units": [units["TH"].pk, units["VX"].pk],
        },
    )
    assert response.status_code == 302
    assert list(task.coop_units.all()) == [units["TH"]]
    response = client.post(
        reverse("tasks:split", args=[task.pk]),
        {
            "content": "Chuẩn bị số liệu",
            "lead": f"u:{units['KT'].pk}",
            "priority": "0",
            "coop_units": [units["KT"].pk],
            "deadline_kind": "none",
        },
    )
    assert response.status_code == 302
    assert not task.subtasks.get().coop_units.exists()


def test_cancel_goes_back_to_the_incoming_document(client, people, register):
    doc = register_incoming(people["clerk"], register)
    client.force_login(people["clerk"])
    html = client.get(reverse("tasks:create") + f"?incoming={doc.pk}").content.decode()
    assert f'href="{doc.get_absolute_url()}" id="btn-back"' in html
    html = client.get(reverse("tasks:create")).content.decode()
    assert f'href="{reverse("tasks:list")}" id="btn-back"' in html
