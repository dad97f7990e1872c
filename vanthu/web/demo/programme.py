"""The work programme (chương trình công tác) of the current year: ~60 items spread over the twelve months.

Each item is a task whose deadline is the end of its month (``month_end_deadline``). Items of past months
were mostly submitted (a few late), a few were moved to a later month (an approved extension to that month's
end) and one or two are still missing; items of this month are partly done, items of the coming months open.
Titles are demo values in the style of a provincial programme (đề án, nội dung trình HĐND, báo cáo).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from vanthu.tasks import programme as programme_services
from vanthu.tasks.models import DeadlineKind, Priority, ProgrammeItem, SourceKind, WorkProgramme
from vanthu.tasks.services import Source
from vanthu.tasks.services.deadlines import month_end_deadline

from . import task_texts as tx
from .task_plan import PROFILES, Batch, TaskPlan, TaskPlanner

K_SCHEME, K_SUBMIT, K_REPORT, K_LEGAL = (
    ProgrammeItem.Kind.SCHEME,
    ProgrammeItem.Kind.SUBMISSION,
    ProgrammeItem.Kind.REPORT,
    ProgrammeItem.Kind.LEGAL,
)
STC, SKH, STN, SXD = "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Tài nguyên và Môi trường", "Sở Xây dựng"
SNN, SNV, SVH = "Sở Nông nghiệp và Phát triển nông thôn", "Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch"

#: (month, kind, lead, field, title); ``{year}`` is the programme's year, ``{prev}`` / ``{next}`` around it.
ITEMS: tuple[tuple[int, str, str, str, str], ...] = (
    (1, K_LEGAL, STC, tx.TC, "Quyết định ban hành Quy định quản lý, sử dụng tài sản công tại các cơ quan, đơn vị thuộc tỉnh"),
    (1, K_SUBMIT, SVH, tx.VH, "Kế hoạch tổ chức các hoạt động mừng Đảng, mừng Xuân năm {year}"),
    (1, K_SUBMIT, SNN, tx.NN, "Kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm {year}"),
    (1, K_REPORT, "Thanh tra tỉnh", tx.TD, "Báo cáo công tác tiếp công dân, giải quyết khiếu nại, tố cáo năm {prev}"),
    (1, K_SUBMIT, SNV, tx.CCHC, "Kế hoạch cải cách hành chính năm {year}"),
    (2, K_SCHEME, "Sở Khoa học và Công nghệ", tx.KHCN, "Đề án phát triển khoa học, công nghệ và đổi mới sáng tạo tỉnh Hà Tĩnh đến năm 2030"),
    (2, K_SUBMIT, "Sở Thông tin và Truyền thông", tx.KHCN, "Kế hoạch chuyển đổi số tỉnh Hà Tĩnh năm {year}"),
    (2, K_LEGAL, SXD, tx.XDGT, "Quyết định ban hành Bộ đơn giá xây dựng công trình trên địa bàn tỉnh"),
    (2, K_SUBMIT, "Sở Lao động - Thương binh và Xã hội", tx.LDXH, "Kế hoạch thực hiện chính sách giảm nghèo bền vững năm {year}"),
    (2, K_SUBMIT, "Sở Giao thông vận tải", tx.XDGT, "Kế hoạch bảo đảm trật tự, an toàn giao thông năm {year}"),
    (3, K_REPORT, SKH, tx.TH, "Báo cáo tình hình kinh tế – xã hội quý I, nhiệm vụ trọng tâm quý II năm {year}"),
    (3, K_LEGAL, STN, tx.TNMT, "Quyết định sửa đổi, bổ sung Bảng giá đất trên địa bàn tỉnh"),
    (3, K_SCHEME, SVH, tx.VH, "Đề án phát triển du lịch tỉnh Hà Tĩnh giai đoạn {year}–2030"),
    (3, K_SUBMIT, "Sở Y tế", tx.YT, "Kế hoạch phòng, chống dịch bệnh truyền nhiễm năm {year}"),
    (3, K_REPORT, STC, tx.TC, "Báo cáo quyết toán ngân sách địa phương năm {prev}"),
    (4, K_LEGAL, SNN, tx.NN, "Nghị quyết quy định chính sách hỗ trợ phát triển nông nghiệp, nông thôn giai đoạn {year}–2030"),
    (4, K_SCHEME, "Sở Giáo dục và Đào tạo", tx.GD, "Đề án sắp xếp, tổ chức lại mạng lưới trường học giai đoạn {year}–2030"),
    (4, K_SUBMIT, "Ban Quản lý Khu kinh tế tỉnh", tx.KHDT, "Kế hoạch xúc tiến đầu tư vào Khu kinh tế Vũng Áng năm {year}"),
    (4, K_SUBMIT, SNV, tx.NV, "Phương án tinh giản biên chế giai đoạn {year}–2030"),
    (4, K_LEGAL, "Sở Tư pháp", tx.TP, "Quyết định ban hành Quy chế phối hợp kiểm tra, rà soát văn bản quy phạm pháp luật"),
    (5, K_SCHEME, "Sở Công Thương", tx.CT, "Đề án phát triển công nghiệp hỗ trợ tỉnh Hà Tĩnh đến năm 2030"),
    (5, K_LEGAL, STC, tx.TC, "Nghị quyết quy định mức chi bảo đảm cho công tác cải cách hành chính"),
    (5, K_SUBMIT, SNN, tx.NN, "Phương án phòng, chống thiên tai và tìm kiếm cứu nạn năm {year}"),
    (5, K_REPORT, SKH, tx.KHDT, "Báo cáo sơ kết thực hiện Nghị quyết về phát triển kinh tế tập thể"),
    (5, K_SUBMIT, SXD, tx.XDGT, "Chương trình phát triển nhà ở tỉnh Hà Tĩnh giai đoạn {year}–2030"),
    (6, K_REPORT, SKH, tx.TH, "Báo cáo tình hình kinh tế – xã hội 6 tháng đầu năm, nhiệm vụ 6 tháng cuối năm {year}"),
    (6, K_REPORT, STC, tx.TC, "Báo cáo tình hình thực hiện dự toán ngân sách nhà nước 6 tháng đầu năm {year}"),
    (6, K_LEGAL, STN, tx.TNMT, "Quyết định quy định hạn mức giao đất ở, công nhận quyền sử dụng đất ở"),
    (6, K_SUBMIT, SKH, tx.KHDT, "Kế hoạch đầu tư công trung hạn giai đoạn {year}–2030 (điều chỉnh)"),
    (6, K_REPORT, SNV, tx.CCHC, "Báo cáo kết quả cải cách hành chính 6 tháng đầu năm {year}"),
    (6, K_SUBMIT, "Công an tỉnh", tx.NC, "Kế hoạch bảo đảm an ninh, trật tự mùa du lịch biển năm {year}"),
    (7, K_LEGAL, SNN, tx.NN, "Nghị quyết quy định mức hỗ trợ phát triển sản phẩm OCOP"),
    (7, K_SCHEME, "Sở Thông tin và Truyền thông", tx.KHCN, "Đề án xây dựng chính quyền số tỉnh Hà Tĩnh giai đoạn {year}–2030"),
    (7, K_SUBMIT, "Sở Giáo dục và Đào tạo", tx.GD, "Kế hoạch thực hiện nhiệm vụ năm học {year}–{next}"),
    (7, K_REPORT, "Thanh tra tỉnh", tx.TD, "Báo cáo công tác phòng, chống tham nhũng 6 tháng đầu năm {year}"),
    (7, K_SCHEME, "Sở Lao động - Thương binh và Xã hội", tx.LDXH, "Đề án giải quyết việc làm, đưa người lao động đi làm việc ở nước ngoài giai đoạn {year}–2030"),
    (8, K_LEGAL, SXD, tx.XDGT, "Quyết định ban hành Quy định quản lý chất thải rắn xây dựng trên địa bàn tỉnh"),
    (8, K_SCHEME, "Sở Y tế", tx.YT, "Đề án nâng cao năng lực y tế cơ sở giai đoạn {year}–2030"),
    (8, K_SUBMIT, STC, tx.TC, "Phương án phân bổ vốn ngân sách tỉnh hỗ trợ các xã, phường sau sắp xếp"),
    (8, K_SUBMIT, SVH, tx.VH, "Kế hoạch tổ chức Tuần Văn hóa – Du lịch biển Hà Tĩnh"),
    (8, K_REPORT, SNV, tx.NV, "Báo cáo đánh giá hoạt động của chính quyền địa phương hai cấp"),
    (9, K_REPORT, SKH, tx.TH, "Báo cáo tình hình kinh tế – xã hội 9 tháng, nhiệm vụ trọng tâm quý IV năm {year}"),
    (9, K_SUBMIT, SKH, tx.KHDT, "Kế hoạch phát triển kinh tế – xã hội năm {next}"),
    (9, K_SUBMIT, STC, tx.TC, "Dự toán thu, chi ngân sách địa phương năm {next}"),
    (9, K_LEGAL, STN, tx.TNMT, "Quyết định quy định về bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất"),
    (9, K_SCHEME, "Sở Công Thương", tx.CT, "Đề án phát triển thương mại điện tử tỉnh Hà Tĩnh giai đoạn {year}–2030"),
    (10, K_SUBMIT, SKH, tx.KHDT, "Kế hoạch đầu tư công năm {next}"),
    (10, K_LEGAL, STC, tx.TC, "Nghị quyết quy định định mức phân bổ dự toán chi thường xuyên ngân sách địa phương năm {next}"),
    (10, K_REPORT, SNV, tx.NV, "Báo cáo tình hình thực hiện biên chế công chức, số lượng người làm việc năm {year}"),
    (10, K_SCHEME, SNN, tx.NN, "Đề án phát triển lâm nghiệp bền vững giai đoạn {year}–2030"),
    (10, K_SUBMIT, "Sở Giao thông vận tải", tx.XDGT, "Kế hoạch bảo trì hệ thống đường tỉnh năm {next}"),
    (11, K_REPORT, SKH, tx.TH, "Báo cáo tình hình kinh tế – xã hội năm {year}, kế hoạch năm {next}"),
    (11, K_LEGAL, STN, tx.TNMT, "Nghị quyết thông qua danh mục công trình, dự án cần thu hồi đất năm {next}"),
    (11, K_REPORT, "Thanh tra tỉnh", tx.TD, "Báo cáo công tác phòng, chống tham nhũng năm {year}"),
    (11, K_SUBMIT, SNV, tx.NV, "Kế hoạch biên chế công chức, số lượng người làm việc năm {next}"),
    (11, K_REPORT, "Công an tỉnh", tx.NC, "Báo cáo công tác bảo đảm an ninh chính trị, trật tự an toàn xã hội năm {year}"),
    (12, K_SUBMIT, STC, tx.TC, "Quyết định giao dự toán ngân sách nhà nước năm {next}"),
    (12, K_SUBMIT, "Phòng Tổng hợp", tx.TH, "Chương trình công tác năm {next} của UBND tỉnh"),
    (12, K_REPORT, SNV, tx.CCHC, "Báo cáo kết quả Chỉ số cải cách hành chính, Chỉ số hài lòng năm {year}"),
    (12, K_LEGAL, SXD, tx.XDGT, "Quyết định ban hành Bảng giá nhà, công trình xây dựng để tính bồi thường"),
    (12, K_SUBMIT, "Bộ Chỉ huy Quân sự tỉnh", tx.NC, "Kế hoạch diễn tập khu vực phòng thủ tỉnh năm {next}"),
)  # fmt: skip

PROGRAMME_TITLE = "Chương trình công tác năm {year} của UBND tỉnh Hà Tĩnh"


@dataclass(eq=False)
class ItemPlan:
    plan: TaskPlan
    number: str
    kind: str
    month: int
    leader: object  # User


def plan_programme(planner: TaskPlanner, year: int) -> tuple[Batch, list[ItemPlan]]:
    """The programme's items as one batch of tasks (the Chairman's decision of early January)."""
    rng, cast, cal = planner.rng, planner.cast, planner.calendar
    decided_on = min(cal.add_working_days(date(year, 1, 6), 0), planner.last_day)
    today = planner.today
    current = today.month if today.year == year else (13 if today.year > year else 0)
    past = [i for i, item in enumerate(ITEMS) if item[0] < current]
    moved = set(rng.sample(past, min(4, len(past) // 6))) if current <= 12 else set()
    lagging = [i for i in past if i not in moved and ITEMS[i][2] in tx.LAGGING and ITEMS[i][0] >= current - 3]
    missing = set(rng.sample(lagging, min(2, len(lagging))))
    number = 8 + rng.randint(0, 20)
    source = Source(
        kind=SourceKind.PROGRAMME,
        code=f"{number:02d}/QĐ-UBND",
        date=decided_on,
        abstract=f"Ban hành {PROGRAMME_TITLE.format(year=year)}",
    )
    clerk = cast.specialists["TH"][0]
    batch = Batch(source, cast.chairman, decided_on, planner.moment(decided_on), clerk, [])
    items: list[ItemPlan] = []
    for i, (month, kind, lead_name, field_name, title) in enumerate(ITEMS):
        plan = TaskPlan(
            content=title.format(year=year, prev=year - 1, next=year + 1),
            lead=cast.by_name[lead_name],
            field=field_name,
            follower=cast.follower_for(field_name, rng),
            priority=Priority.IMPORTANT if kind in (K_SCHEME, K_LEGAL) else Priority.NORMAL,
            deadline_kind=DeadlineKind.DATE,
            deadline=month_end_deadline(year, month),
            item_number=str(i + 1),
        )
        planner.resolve(plan, decided_on)
        _outcome(
            planner,
            plan,
            month,
            current,
            moved=i in moved,
            missing=i in missing,
            year=year,
            decided_on=decided_on,
        )
        batch.plans.append(plan)
        items.append(ItemPlan(plan, str(i + 1), kind, month, cast.leader_for(field_name)))
    return batch, items


def _outcome(
    planner: TaskPlanner,
    plan: TaskPlan,
    month: int,
    current: int,
    *,
    year: int,
    decided_on: date,
    moved: bool,
    missing: bool,
) -> None:
    """Submitted on time or late, moved to a later month, missing — by the month of the item."""
    rng, last = planner.rng, planner.last_day
    due = plan.due_on
    month_start = max(date(year, month, 1), decided_on + timedelta(days=1))
    if month < current:
        if moved:
            new_month = min(12, rng.choice((current, current, current + 1)))
            plan.extension = "approved"  # the approved date moves the item to that month (decide_extension)
            plan.proposed = month_end_deadline(year, new_month)
        elif missing:
            plan.outcome = "open"  # not submitted, overdue
        elif rng.random() < _late_share(plan) and due < last:
            plan.outcome = "late"
            hi = min(due + timedelta(days=rng.randint(5, 35)), last)
            plan.done_on = planner.working_day_between(due + timedelta(days=1), hi)
        else:
            plan.outcome = "on_time"
            plan.done_on = planner.working_day_between(
                max(month_start, due - timedelta(days=20)), min(due, last)
            )
    elif month == current and rng.random() < 0.35 and month_start < last:
        plan.outcome = "on_time"
        plan.done_on = planner.working_day_between(month_start, last)
    elif month == current + 1 and rng.random() < 0.1 and decided_on < last:  # one submitted early
        plan.outcome = "on_time"
        plan.done_on = planner.working_day_between(
            max(last - timedelta(days=10), decided_on + timedelta(days=1)), last
        )


def _late_share(plan: TaskPlan) -> float:
    """Of the items submitted after their month: a lead that is often late is late here too."""
    on_time, late, _open = PROFILES[plan.lead.profile]
    return max(0.12, late / (on_time + late))


def create_programme(agency, year: int, source: Source, items: list[ItemPlan], actor) -> WorkProgramme:
    """The programme (through the service, by ``actor``) and its items, for tasks already created
    (``ItemPlan.plan.task``). The items are written here, not with ``add_items``: that service creates the tasks
    itself, without the follower, field and priority the demo's tasks have."""
    programme = programme_services.create_programme(
        agency, year, PROGRAMME_TITLE.format(year=year), source.code, actor
    )
    ProgrammeItem.objects.bulk_create(
        ProgrammeItem(
            programme=programme,
            task=item.plan.task,
            number=item.number,
            kind=item.kind,
            planned_month=item.month,
            current_month=item.month,
            leader=item.leader,
        )
        for item in items
    )
    return programme
