"""Task pages: the list (filters of the URL contract, status counts), reminding many, the detail page and
its files. Assigning and editing are in ``views_create``/``views_bulk``, the actions in ``views_actions``."""

from __future__ import annotations

from datetime import date
from functools import cached_property

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanthu.common.deadlines import DeadlineStatus
from vanthu.documents.models import StoredFile
from vanthu.organization.models import User

from . import services
from .forms import assigners_of, directory_for, units_of
from .models import Field, ProgressReport, SourceKind, Task
from .queries import filter_status, mine, status_conditions, status_dates, with_status
from .states import OPEN_STATES, TaskState, TransitionError
from .views_actions import detail_context, task_action
from .views_bulk import task_bulk_create
from .views_create import task_create, task_edit, task_split
from .visibility import visible_tasks

__all__ = [
    "remind_many",
    "task_action",
    "task_bulk_create",
    "task_create",
    "task_detail",
    "task_edit",
    "task_file",
    "task_list",
    "task_split",
]

PAGE_SIZE = 50
#: filter names of the URL contract (GET on the list, POST fields of remind_many)
FILTER_NAMES = (
    "scope",
    "status",
    "lead_unit",
    "lead_external",
    "assigned_by",
    "field",
    "source",
    "from",
    "to",
    "q",
    "counted",
)
STATUS_VALUES = (*DeadlineStatus.values, "open", "done")
#: the status cards, in the order they are shown
CARD_STATUSES = (
    DeadlineStatus.OVERDUE,
    DeadlineStatus.DUE_SOON,
    DeadlineStatus.WITHIN,
    DeadlineStatus.NO_DEADLINE,
    DeadlineStatus.ON_TIME,
    DeadlineStatus.LATE,
)


def _int(params: QueryDict, name: str) -> int | None:
    raw = (params.get(name) or "").strip()
    return int(raw) if raw.isdigit() else None


def _iso(params: QueryDict, name: str) -> date | None:
    try:
        return date.fromisoformat((params.get(name) or "").strip())
    except ValueError:
        return None


def filter_tasks(user: User, params: QueryDict, *, with_status_filter: bool = True) -> QuerySet[Task]:
    """The visible tasks matching the list's filters (the URL contract of ``tasks:list``)."""
    qs = visible_tasks(user)
    scope = params.get("scope")
    if scope == "mine":
        qs = qs & mine(user)
    elif scope == "assigned":
        qs = qs.filter(assigned_by_id=user.pk)
    elif scope == "following":
        qs = qs.filter(follower_id=user.pk)
    for name, column in (
        ("lead_unit", "lead_unit_id"),
        ("lead_external", "lead_external_id"),
        ("assigned_by", "assigned_by_id"),
        ("field", "field_id"),
    ):
        if (value := _int(params, name)) is not None:
            qs = qs.filter(**{column: value})
    if (source := params.get("source")) in SourceKind.values:
        qs = qs.filter(source_kind=source)
    if start := _iso(params, "from"):
        qs = qs.filter(assigned_on__gte=start)
    if end := _iso(params, "to"):
        qs = qs.filter(assigned_on__lte=end)
    if q := (params.get("q") or "").strip()[:200]:
        qs = qs.filter(
            Q(content__icontains=q)
            | Q(source_code__icontains=q)
            | Q(source_abstract__icontains=q)
            | Q(item_number=q)
        )
    if params.get("counted") == "1":
        qs = qs.filter(counted=True)
    if with_status_filter:
        qs = apply_status(qs, params.get("status", ""), user.agency_id)
    return qs


def apply_status(qs: QuerySet[Task], status: str, agency_id: int | None) -> QuerySet[Task]:
    """``open``/``done`` by state; a deadline status by dates (withdrawn tasks have none)."""
    if status == "open":
        return qs.filter(state__in=OPEN_STATES)
    if status == "done":
        return qs.filter(state=TaskState.COMPLETED)
    if status in DeadlineStatus.values:
        return filter_status(qs.exclude(state=TaskState.CANCELLED), status, agency_id)
    return qs


def status_counts(qs: QuerySet[Task], agency_id: int | None) -> dict[str, int]:
    """Tasks per computed status, ``within`` including the tasks due soon, plus ``cancelled``.

    Two grouped queries that the index ``task_status_idx`` answers alone: the open (and withdrawn) tasks by
    state and status, the completed ones by on time or late.
    """
    today, soon = status_dates(agency_id)
    conditions = status_conditions(today, soon)
    counts = dict.fromkeys((*DeadlineStatus.values, "cancelled"), 0)
    open_rows = (
        with_status(qs.filter(completed_on__isnull=True), agency_id, today)
        .order_by()
        .values("state", "deadline_status")
        .annotate(n=Count("pk"))
    )
    for row in open_rows:
        key = "cancelled" if row["state"] == TaskState.CANCELLED else row["deadline_status"]
        counts[key] += row["n"]
    done = qs.filter(completed_on__isnull=False).aggregate(
        on_time=Count("pk", filter=conditions[DeadlineStatus.ON_TIME]),
        late=Count("pk", filter=conditions[DeadlineStatus.LATE]),
    )
    counts[DeadlineStatus.ON_TIME.value] = done["on_time"]
    counts[DeadlineStatus.LATE.value] = done["late"]
    counts[DeadlineStatus.WITHIN.value] += counts[DeadlineStatus.DUE_SOON.value]
    return counts


def total_for(counts: dict[str, int], status: str) -> int:
    """How many rows the list shows for ``status``: read off the cards instead of counting again."""
    open_total = sum(
        counts[s] for s in (DeadlineStatus.WITHIN, DeadlineStatus.OVERDUE, DeadlineStatus.NO_DEADLINE)
    )
    done_total = counts[DeadlineStatus.ON_TIME] + counts[DeadlineStatus.LATE]
    if status == "open":
        return open_total
    if status == "done":
        return done_total
    if status in DeadlineStatus.values:
        return counts[status]
    return open_total + done_total + counts["cancelled"]


class CountedPaginator(Paginator):
    """A paginator told its total (the status cards counted it already)."""

    def __init__(self, object_list, per_page: int, total: int) -> None:
        super().__init__(object_list, per_page)
        self._total = total

    @cached_property
    def count(self) -> int:
        return self._total


def _query(params: QueryDict, **changes) -> str:
    """The current filters as a query string, without the page and with ``changes`` applied."""
    query = QueryDict(mutable=True)
    for name in FILTER_NAMES:
        if value := params.get(name):
            query[name] = value
    for name, value in changes.items():
        if value:
            query[name] = value
        else:
            query.pop(name, None)
    return query.urlencode()


def _may_remind_some(qs: QuerySet[Task], user: User) -> bool:
    if user.agency_id is None:
        return False
    tasks = qs.filter(agency_id=user.agency_id, state__in=OPEN_STATES).only(
        "pk", "agency_id", "state", "deadline_kind", "series_id", "assigned_by_id", "follower_id"
    )
    return any(services.may("remind", t, user) for t in tasks[:200])


def task_list(request: HttpRequest) -> HttpResponse:
    """Danh sách nhiệm vụ: filter bar, counts per status, the table, đôn đốc the overdue ones."""
    user, params = request.user, request.GET
    status = params.get("status", "")
    base = filter_tasks(user, params, with_status_filter=False)
    counts = status_counts(base, user.agency_id)
    qs = apply_status(base, status, user.agency_id)
    page = CountedPaginator(
        with_status(qs, user.agency_id)
        .select_related("lead_unit", "lead_external", "lead_user", "assigned_by", "source_incoming")
        # the order of the indexes task_list_idx and task_open_list_idx: no sort of every visible task
        .order_by("-priority", "-assigned_on", "-id"),
        PAGE_SIZE,
        total_for(counts, status),
    ).get_page(params.get("page"))
    overdue_shown = status in ("", "overdue", "open") and counts[DeadlineStatus.OVERDUE.value] > 0
    may_remind = overdue_shown and _may_remind_some(
        filter_status(base.exclude(state=TaskState.CANCELLED), "overdue", user.agency_id), user
    )
    cards = [
        {
            "status": s.value,
            "label": s.label,
            "count": counts[s.value],
            "query": _query(params, status=s.value),
            "active": status == s.value,
        }
        for s in CARD_STATUSES
    ]
    context = {
        "page": page,
        "cards": cards,
        "all_query": _query(params, status=""),
        "page_query": _query(params),
        "querydict": params,
        "filters": [
            (name, params.get(name)) for name in FILTER_NAMES if params.get(name) and name != "status"
        ],
        "scope": params.get("scope", ""),
        "status": status,
        "overdue_count": counts[DeadlineStatus.OVERDUE.value],
        "may_remind": may_remind,
        "statuses": [
            *[(s.value, s.label) for s in DeadlineStatus],
            ("open", _("Đang thực hiện (chưa hoàn thành)")),
            ("done", _("Đã hoàn thành")),
        ],
        "units": units_of(user.agency_id),
        "externals": directory_for(user.agency_id).only("pk", "name"),
        "assigners": assigners_of(user.agency_id),
        "fields": Field.objects.filter(is_active=True),
        "sources": SourceKind.choices,
        "may_create": services.may_create(user),
    }
    if request.htmx and request.htmx.target == "task-results":
        return render(request, "tasks/list.html#results", context)
    return render(request, "tasks/list.html", context)


@require_POST
def remind_many(request: HttpRequest) -> HttpResponse:
    """Đôn đốc every visible overdue task matching the filters that the user may remind."""
    user = request.user
    qs = filter_tasks(user, request.POST, with_status_filter=False)
    qs = filter_status(qs.filter(state__in=OPEN_STATES), "overdue", user.agency_id)
    try:
        count = services.remind_all(qs, user, request.POST.get("note", ""))
    except (ValidationError, TransitionError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        if count:
            messages.success(request, _("Đã đôn đốc %(count)d nhiệm vụ.") % {"count": count})
        else:
            messages.warning(request, _("Không có nhiệm vụ quá hạn nào để đôn đốc."))
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("tasks:list")


def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(
        visible_tasks(request.user, pk).select_related(
            "lead_unit",
            "lead_external",
            "lead_user",
            "assigned_by",
            "follower",
            "field",
            "created_by",
            "source_incoming",
            "parent",
            "series",
        )
    )
    return render(request, "tasks/detail.html", detail_context(request, task))


def task_file(request: HttpRequest, pk: int, file_id: int) -> FileResponse:
    """A file attached to one of this task's reports (404 for any other file)."""
    task = get_object_or_404(visible_tasks(request.user, pk))
    attached = ProgressReport.files.through.objects.filter(progressreport__task=task).values("storedfile_id")
    stored = StoredFile.objects.filter(pk=file_id, pk__in=attached).first()
    if stored is None:
        raise Http404
    return FileResponse(
        stored.file.open("rb"),
        content_type=stored.content_type,
        filename=stored.original_name,
        as_attachment=request.GET.get("download") == "1",
    )
