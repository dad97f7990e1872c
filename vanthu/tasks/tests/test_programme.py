"""Work programme services: XLSX import, moving an item, the month-by-month summary."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from vanthu.history.services import trail
from vanthu.tasks import programme as svc
from vanthu.tasks import services
from vanthu.tasks.models import ProgrammeItem, SourceKind, Task
from vanthu.tasks.services.people import lead_holders
from vanthu.testing.factories import ExternalAgencyFactory

pytestmark = pytest.mark.django_db

HEADERS = ["STT", "Nội dung", "Loại", "Cơ quan chủ trì", "Thời gian trình", "Lãnh đạo phụ trách"]


def workbook(rows, *, title=True) -> io.BytesIO:
    wb = Workbook()
    sheet = wb.active
    if title:
        sheet.append(["CHƯƠNG TRÌNH CÔNG TÁC NĂM 2026"])
        sheet.append([])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


@pytest.fixture
def programme(agency, people):
    return svc.create_programme(agency, 2026, "", "15/QĐ-UBND", people["clerk"])


@pytest.fixture
def finance():
    return ExternalAgencyFactory(name="Sở Tài chính tỉnh Hà Tĩnh", abbreviation="STC", code="000.10.00.H42")


def import_rows(programme, actor, rows):
    parsed, errors = svc.parse_programme_xlsx(workbook(rows), programme.agency, year=programme.year)
    assert errors == []
    return svc.add_items(programme, actor, parsed)


def test_default_title_names_the_agency(programme):
    assert programme.title == "Chương trình công tác năm 2026 của UBND tỉnh Hà Tĩnh"


def test_import_creates_tasks_due_at_month_ends(programme, people, units, finance):
    chairman = people["chairman"]
    rows = [
        ["I", "CÁC NỘI DUNG TRÌNH UBND TỈNH", "", "", "", ""],
        [1, "Đề án phát triển kinh tế số", "Đề án", "KT", "Tháng 3", chairman.display_name],
        [
            2,
            "Báo cáo kinh tế – xã hội quý II",
            "Báo cáo",
            "Sở Tài chính",
            "Quý II",
            f"PCT {chairman.display_name}",
        ],
        [
            3,
            "Nghị quyết quy định mức chi",
            "Văn bản QPPL",
            "phong van hoa - xa hoi",
            "T11",
            chairman.username,
        ],
        [4, "Tờ trình bổ sung biên chế", "", "STC", 9, ""],
    ]
    parsed, errors = svc.parse_programme_xlsx(workbook(rows), programme.agency, year=2026)
    assert errors == []
    items = svc.add_items(programme, chairman, parsed)

    assert len(items) == 4 and Task.objects.count() == 4
    by_number = {item.number: item for item in ProgrammeItem.objects.select_related("task")}
    assert by_number["1"].task.deadline == dt.date(2026, 3, 31)
    assert by_number["1"].task.lead_unit == units["KT"]
    assert by_number["1"].kind == ProgrammeItem.Kind.SCHEME
    quarter = by_number["2"]
    assert (quarter.planned_month, quarter.planned_quarter) == (6, 2)
    assert quarter.task.deadline == dt.date(2026, 6, 30)
    assert quarter.task.lead_external == finance
    assert quarter.kind == ProgrammeItem.Kind.REPORT
    assert by_number["3"].task.deadline == dt.date(2026, 11, 30)
    assert by_number["3"].task.lead_unit == units["VX"]
    assert by_number["3"].kind == ProgrammeItem.Kind.LEGAL
    # no leader written and the importer is a leader: the importer is the leader in charge
    assert by_number["4"].leader == chairman and by_number["4"].kind == ProgrammeItem.Kind.SUBMISSION
    for item in by_number.values():
        assert item.task.source_kind == SourceKind.PROGRAMME
        assert item.task.source_code == "15/QĐ-UBND"
        assert item.task.assigned_by == chairman
        assert item.current_month == item.planned_month


def test_clerk_import_assigns_by_the_leader_in_charge(programme, people):
    items = import_rows(
        programme,
        people["clerk"],
        [[1, "Đề án du lịch", "Đề án", "Phòng Kinh tế", "5", people["chief"].display_name]],
    )
    assert items[0].task.assigned_by == people["chief"]
    assert items[0].task.created_by == people["clerk"]


def test_unknown_lead_is_a_vietnamese_row_error(programme, people):
    rows = [
        [1, "Đề án A", "Đề án", "KT", "Tháng 3", ""],
        [2, "Đề án B", "Đề án", "Sở Không Có", "Tháng 4", ""],
        [3, "Đề án C", "Đề án", "KT", "Tháng 13", ""],
    ]
    parsed, errors = svc.parse_programme_xlsx(workbook(rows), programme.agency, year=2026)
    assert len(errors) == 2
    assert errors[0].startswith("Dòng 5: Không tìm thấy cơ quan chủ trì “Sở Không Có”")
    assert errors[1].startswith("Dòng 6: Tháng trình “Tháng 13” không hợp lệ")
    assert Task.objects.count() == 0


def test_rows_in_error_create_nothing(programme, people):
    """A clerk importing a row without leader in charge: no row is created, the error names the line."""
    parsed, errors = svc.parse_programme_xlsx(
        workbook(
            [
                [1, "Đề án A", "Đề án", "KT", "3", people["chairman"].display_name],
                [2, "Đề án B", "Đề án", "KT", "4", ""],
            ],
            title=False,
        ),
        programme.agency,
        year=2026,
    )
    assert errors == []
    with pytest.raises(ValidationError) as error:
        svc.add_items(programme, people["clerk"], parsed)
    assert error.value.messages == ["Dòng 3: Chưa ghi lãnh đạo phụ trách."]
    assert Task.objects.count() == 0 and ProgrammeItem.objects.count() == 0


def test_the_same_item_is_not_imported_twice(programme, people):
    rows = [[1, "Đề án A", "Đề án", "KT", "3", ""]]
    import_rows(programme, people["chairman"], rows)
    parsed, _errors = svc.parse_programme_xlsx(workbook(rows), programme.agency, year=2026)
    with pytest.raises(ValidationError, match="đã có trong chương trình"):
        svc.add_items(programme, people["chairman"], parsed)
    assert Task.objects.count() == 1


def test_not_a_spreadsheet(programme):
    rows, errors = svc.parse_programme_xlsx(io.BytesIO(b"%PDF-1.4 not a workbook"), programme.agency)
    assert rows == [] and errors == ["Tệp không phải bảng tính Excel (.xlsx) hoặc bị hỏng."]


def test_specialist_may_not_import_or_create(programme, people, agency):
    with pytest.raises(PermissionDenied):
        svc.add_items(programme, people["spec_kt"], [svc.ProgrammeRow(line=2, content="X", planned_month=3)])
    with pytest.raises(PermissionDenied):
        svc.create_programme(agency, 2027, "", "", people["spec_kt"])


def test_template_imports_as_it_is(programme, people, agency):
    parsed, errors = svc.parse_programme_xlsx(io.BytesIO(svc.programme_template(agency)), agency, year=2026)
    assert errors == [] and len(parsed) == 2
    assert [row.planned_month for row in parsed] == [3, 6]
    assert parsed[0].leader == people["chairman"]


def test_move_item_moves_the_deadline_and_the_summary(programme, people):
    item = import_rows(
        programme, people["clerk"], [[1, "Đề án A", "Đề án", "KT", "3", people["chairman"].display_name]]
    )[0]

    svc.move_item(item, people["chairman"], 5, "Chờ ý kiến của Bộ")

    item.refresh_from_db()
    task = item.task
    task.refresh_from_db()
    assert item.current_month == 5 and item.planned_month == 3 and item.moved
    assert task.deadline == dt.date(2026, 5, 31)
    assert task.due_on == dt.date(2026, 6, 1)  # 31/5/2026 is a Sunday
    assert task.original_due_on == dt.date(2026, 3, 31)
    assert task.extension_count == 1
    event = trail(task).get(verb="moved")
    assert event.payload["old_month"] == 3 and event.payload["new_month"] == 5
    assert event.note == "Chờ ý kiến của Bộ"

    summary = svc.monthly_summary(programme, dt.date(2026, 4, 15))
    march, may = summary.months[2], summary.months[4]
    assert (march.planned, march.moved_out, march.overdue, march.within) == (1, 1, 0, 0)
    assert (may.planned, may.moved_in, may.within) == (0, 1, 1)
    assert summary.total.moved_out == 1


def test_a_move_keeps_the_first_due_date_on_record(programme, people):
    """Moving an item is an extension: the same rule keeps the due date before the first one as the original
    (also for a task recorded without it)."""
    item = import_rows(
        programme, people["clerk"], [[1, "Đề án A", "Đề án", "KT", "3", people["chairman"].display_name]]
    )[0]
    Task.objects.filter(pk=item.task_id).update(original_due_on=None)
    svc.move_item(item, people["chairman"], 5, "Chờ ý kiến của Bộ")
    task = Task.objects.get(pk=item.task_id)
    assert (task.original_due_on, task.due_on) == (dt.date(2026, 3, 31), dt.date(2026, 6, 1))


def test_move_rules(programme, people):
    item = import_rows(
        programme, people["clerk"], [[1, "Đề án A", "Đề án", "KT", "6", people["chief"].display_name]]
    )[0]
    with pytest.raises(PermissionDenied):
        svc.move_item(item, people["spec_kt"], 7, "Lý do")
    with pytest.raises(ValidationError, match="phải sau tháng 6"):
        svc.move_item(item, people["chief"], 6, "Lý do")
    with pytest.raises(ValidationError, match="lý do"):
        svc.move_item(item, people["chief"], 7, "  ")
    # the People's Committee chairman may move any item, not only the leader in charge
    svc.move_item(item, people["chairman"], 7, "Lý do")
    services.complete_task(
        item.task, people["head_kt"], "Đã trình", report_code="88/TTr-KT", completed_on=dt.date(2026, 7, 20)
    )
    item.refresh_from_db()
    assert not svc.may_move(item, people["chairman"])
    with pytest.raises(ValidationError, match="đã trình"):
        svc.move_item(item, people["chairman"], 8, "Lý do")


def test_monthly_summary_counts_on_time_and_late(programme, people):
    leader = people["chairman"].display_name
    items = import_rows(
        programme,
        people["clerk"],
        [
            [1, "Nội dung 1", "", "KT", "3", leader],
            [2, "Nội dung 2", "", "KT", "3", leader],
            [3, "Nội dung 3", "", "VX", "3", leader],
            [4, "Nội dung 4", "", "VX", "Quý II", leader],
            [5, "Nội dung 5", "", "VX", "Tháng 4", leader],
        ],
    )
    head_kt = people["head_kt"]
    services.complete_task(
        items[0].task, head_kt, "Đã trình", report_code="10/TTr-KT", completed_on=dt.date(2026, 3, 20)
    )
    services.complete_task(
        items[1].task, head_kt, "Đã trình", report_code="11/TTr-KT", completed_on=dt.date(2026, 4, 10)
    )
    services.cancel_task(items[4].task, people["chairman"], "Không cần trình nữa")

    summary = svc.monthly_summary(programme, dt.date(2026, 5, 15))
    march, april, june = summary.months[2], summary.months[3], summary.months[5]
    assert (march.planned, march.on_time, march.late, march.overdue, march.within) == (3, 1, 1, 1, 0)
    assert march.submitted == 2
    assert (april.planned, april.cancelled, april.within, april.overdue) == (1, 1, 0, 0)
    assert (june.planned, june.within) == (1, 1)
    total = summary.total
    assert (total.planned, total.on_time, total.late, total.overdue, total.within, total.cancelled) == (
        5,
        1,
        1,
        1,
        1,
        1,
    )
    assert [m.planned for m in summary.months] == [0, 0, 3, 1, 0, 1, 0, 0, 0, 0, 0, 0]


def test_summary_is_one_query(programme, people, django_assert_num_queries):
    import_rows(programme, people["chairman"], [[1, "A", "", "KT", "3", ""], [2, "B", "", "VX", "4", ""]])
    svc.monthly_summary(programme, dt.date(2026, 2, 1))  # warm the calendar cache
    with django_assert_num_queries(1):
        svc.monthly_summary(programme, dt.date(2026, 2, 1))


def test_an_approved_extension_moves_the_item_to_the_new_month(agency, people):
    programme = svc.create_programme(agency, 2027, "", "", people["clerk"])
    item = import_rows(
        programme, people["clerk"], [[1, "Đề án B", "Đề án", "KT", "3", people["chairman"].display_name]]
    )[0]
    task = item.task
    head = lead_holders(task)[0]
    request = services.request_extension(task, head, "Chờ số liệu của các sở", dt.date(2027, 4, 30))
    services.decide_extension(request, people["chairman"], approve=True)

    item.refresh_from_db()
    assert (item.planned_month, item.current_month, item.moved) == (3, 4, True)
    task.refresh_from_db()
    assert task.original_due_on == dt.date(2027, 3, 31)
    summary = svc.monthly_summary(programme, dt.date(2027, 4, 15))
    assert summary.months[2].moved_out == 1 and summary.months[3].moved_in == 1
