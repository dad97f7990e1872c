"""Chương trình công tác: create the year's programme, add its items (each tracked as a task through
``services.create_tasks``) and move an item to a later month (lùi, điều chỉnh thời gian trình)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vanthu.common.text import fold
from vanthu.history.services import record
from vanthu.notifications.services import notify
from vanthu.organization.models import LEADER_ROLES, Agency, Role, User

from ..models import DeadlineKind, ProgrammeItem, SourceKind, Task, WorkProgramme
from ..services import Source, TaskSpec, create_tasks, may
from ..services.assign import ASSIGNER_ROLES
from ..services.deadlines import month_end_deadline
from ..services.people import lead_holders
from ..services.progress import extend_deadline
from .xlsx import ProgrammeRow

#: Who may create a programme and import its items (besides the leaders).
MANAGER_ROLES = LEADER_ROLES | {Role.CLERK, Role.ADMIN}


def may_manage(user: User, agency: Agency | int | None) -> bool:
    """Create the programme and import its items: the agency's leaders, clerks and administrators."""
    agency_id = getattr(agency, "pk", agency)
    return bool(
        getattr(user, "is_authenticated", False)
        and agency_id
        and user.agency_id == agency_id
        and user.role in MANAGER_ROLES
    )


def may_move(item: ProgrammeItem, user: User) -> bool:
    """Lùi thời gian trình: whoever decides the task's extensions (its leader, the People's Committee leaders),
    while the item is not submitted and not in December already."""
    return item.current_month < 12 and item.task.is_open and may("decide_extension", item.task, user)


def default_title(agency: Agency, year: int) -> str:
    """ "Chương trình công tác năm 2026 của UBND tỉnh Hà Tĩnh"."""
    name = agency.name
    if fold(name).startswith("uy ban nhan dan "):
        name = "UBND " + name[len("Ủy ban nhân dân ") :]
    return _("Chương trình công tác năm %(year)d của %(agency)s") % {"year": year, "agency": name}


def create_programme(agency: Agency, year: int, title: str, decision_code: str, actor: User) -> WorkProgramme:
    """Tạo chương trình công tác năm: one per agency and year."""
    if not may_manage(actor, agency):
        raise PermissionDenied(_("Bạn không có quyền tạo chương trình công tác."))
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Năm không hợp lệ."), code="year")
    title = (title or "").strip() or default_title(agency, year)
    if WorkProgramme.objects.filter(agency=agency, year=year).exists():
        raise ValidationError(_("Đã có chương trình công tác năm %(year)d.") % {"year": year}, code="year")
    try:
        with transaction.atomic():
            programme = WorkProgramme.objects.create(
                agency=agency, year=year, title=title[:300], decision_code=(decision_code or "").strip()[:50]
            )
    except IntegrityError as error:
        raise ValidationError(
            _("Đã có chương trình công tác năm %(year)d.") % {"year": year}, code="year"
        ) from error
    record(programme, "created", actor, note=programme.title)
    return programme


def assigned_on_for(programme: WorkProgramme, today: date | None = None) -> date:
    """Ngày giao of the items: the first day of the programme's year (today, when entered before the year)."""
    today = today or timezone.localdate()
    return min(today, date(programme.year, 1, 1))


def _row_error(row: ProgrammeRow, message: str) -> str:
    return _("Dòng %(line)d: %(message)s") % {"line": row.line, "message": message}


def _check_rows(programme: WorkProgramme, actor: User, rows: Sequence[ProgrammeRow]) -> list[str]:
    errors = []
    existing = {
        (fold(content), month)
        for content, month in ProgrammeItem.objects.filter(programme=programme).values_list(
            "task__content", "planned_month"
        )
    }
    for row in rows:
        problems = []
        if not (row.content or "").strip():
            problems.append(_("Chưa ghi nội dung."))
        if not (row.lead_unit or row.lead_external):
            problems.append(_("Chưa ghi cơ quan chủ trì."))
        if not 1 <= (row.planned_month or 0) <= 12:
            problems.append(_("Tháng trình phải từ 1 đến 12."))
        leader = row.leader
        if leader is None and actor.role not in LEADER_ROLES:
            problems.append(_("Chưa ghi lãnh đạo phụ trách."))
        elif leader is not None and (
            leader.agency_id != programme.agency_id or leader.role not in ASSIGNER_ROLES
        ):
            problems.append(_("Lãnh đạo phụ trách phải là lãnh đạo của cơ quan."))
        if (fold(row.content or ""), row.planned_month) in existing:
            problems.append(_("Nội dung này đã có trong chương trình (cùng tháng trình)."))
        if problems:
            errors.append(_row_error(row, " ".join(problems)))
    return errors


def add_items(
    programme: WorkProgramme, actor: User, rows: Sequence[ProgrammeRow], *, today: date | None = None
) -> list[ProgrammeItem]:
    """Thêm các nội dung vào chương trình: one task per row (deadline: the last day of the planned month, or of
    the quarter's last month; assigned by the leader in charge, or by the actor when a leader) and its
    ProgrammeItem. All or nothing: a ValidationError lists every row in error ("Dòng 7: …")."""
    if not may_manage(actor, programme.agency_id):
        raise PermissionDenied(_("Bạn không có quyền nhập nội dung chương trình công tác."))
    if not rows:
        raise ValidationError(_("Chưa có nội dung nào để nhập."), code="empty")
    errors = _check_rows(programme, actor, rows)
    if errors:
        raise ValidationError(errors, code="rows")
    assigned_on = assigned_on_for(programme, today)
    source = Source(kind=SourceKind.PROGRAMME, code=programme.decision_code, abstract=programme.title)
    groups: dict[int, tuple[User, list[ProgrammeRow]]] = {}
    for row in rows:
        leader = row.leader or actor
        groups.setdefault(leader.pk, (leader, []))[1].append(row)
    items: list[ProgrammeItem] = []
    with transaction.atomic():
        for leader, group in groups.values():
            specs = [
                TaskSpec(
                    content=row.content,
                    lead_unit=row.lead_unit,
                    lead_external=row.lead_external,
                    deadline_kind=DeadlineKind.DATE,
                    deadline=month_end_deadline(programme.year, row.planned_month),
                    item_number=row.number,
                )
                for row in group
            ]
            try:
                tasks = create_tasks(actor, specs, assigned_by=leader, source=source, assigned_on=assigned_on)
            except ValidationError as error:
                index = (getattr(error, "params", None) or {}).get("row", 1)
                inner = error.__cause__ if isinstance(error.__cause__, ValidationError) else error
                raise ValidationError(
                    [_row_error(group[index - 1], " ".join(inner.messages))], code="rows"
                ) from error
            items += ProgrammeItem.objects.bulk_create(
                ProgrammeItem(
                    programme=programme,
                    task=task,
                    number=row.number[:10],
                    kind=row.kind,
                    planned_month=row.planned_month,
                    planned_quarter=row.planned_quarter,
                    current_month=row.planned_month,
                    leader=leader,
                )
                for task, row in zip(tasks, group, strict=True)
            )
        record(programme, "items_added", actor, note=_("Nhập %(count)d nội dung") % {"count": len(items)})
    return items


def move_item(item: ProgrammeItem, actor: User, new_month: int, reason: str) -> ProgrammeItem:
    """Lùi thời gian trình: the item is now due at the end of ``new_month`` (later in the same year). The task's
    deadline moves as an approved extension does, and its history records the move (tháng cũ → tháng mới)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Hãy nêu lý do điều chỉnh thời gian trình."), code="reason")
    with transaction.atomic():
        item = (
            ProgrammeItem.objects.select_for_update(of=("self",)).select_related("programme").get(pk=item.pk)
        )
        task = (
            Task.objects.select_for_update(of=("self",))
            .select_related("lead_unit", "lead_external")
            .get(pk=item.task_id)
        )
        item.task = task
        if not may_move(item, actor):
            if not task.is_open:
                raise ValidationError(
                    _("Nội dung đã trình hoặc đã thu hồi, không điều chỉnh được."), code="state"
                )
            raise PermissionDenied(_("Chỉ lãnh đạo phụ trách mới điều chỉnh được thời gian trình."))
        if new_month is None or not item.current_month < new_month <= 12:
            raise ValidationError(
                _("Tháng trình mới phải sau tháng %(month)d và không quá tháng 12.")
                % {"month": item.current_month},
                code="new_month",
            )
        old_month = item.current_month
        new_deadline = month_end_deadline(item.programme.year, new_month)
        old_deadline = extend_deadline(task, new_deadline)
        item.current_month = new_month
        item.save(update_fields=["current_month"])
        record(
            task,
            "moved",
            actor,
            note=reason[:1000],
            old_month=old_month,
            new_month=new_month,
            old_deadline=old_deadline.isoformat() if old_deadline else None,
            new_deadline=new_deadline.isoformat(),
        )
        notify(
            [p for p in lead_holders(task) if p.pk != actor.pk],
            _("Lùi thời gian trình sang tháng %(month)d: %(content)s")
            % {"month": new_month, "content": task.content[:250]},
            task.get_absolute_url(),
        )
    return item
