"""Bảng điều hành (leaders' dashboard) and the report on task results: thin views over ``tasks_stats``,
``incoming_stats``, ``charts`` and ``export``. Everything counted comes from ``visible_tasks(user)`` /
``visible_incoming(user)``: a head of unit sees the figures of his unit, leaders those of the agency."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from vanthu.documents.exports import FORMATS, ExportError
from vanthu.organization.models import LEADER_ROLES
from vanthu.tasks.models import Field

from .charts import Series, bar_chart
from .export import task_report
from .filters import PERIODS, parse_filter
from .incoming_stats import incoming_stats
from .tasks_stats import TaskStats, task_stats


def _trend_chart(stats: TaskStats) -> SafeString:
    months = stats.months
    return bar_chart(
        [m.name for m in months],
        [
            Series(_("Được giao"), [m.counts.total for m in months], "#0d6efd"),
            Series(_("Hoàn thành đúng hạn"), [m.counts.on_time for m in months], "#198754"),
            Series(_("Hoàn thành quá hạn"), [m.counts.late for m in months], "#6c757d"),
            Series(_("Quá hạn (hiện nay)"), [m.counts.overdue for m in months], "#dc3545"),
        ],
        title=_("Nhiệm vụ theo tháng giao"),
    )


def _scope_lines(stats: TaskStats) -> list[str]:
    """The chosen scope in words (under the period on the report's cover and above the dashboard)."""
    flt = stats.filter
    lines = []
    if flt.lead:
        name = dict(stats.lead_choices).get(flt.lead, "")
        lines.append(_("Cơ quan/đơn vị chủ trì: %(name)s") % {"name": name})
    if flt.assigned_by:
        name = dict(stats.leader_choices).get(flt.assigned_by, "")
        lines.append(_("Lãnh đạo giao: %(name)s") % {"name": name})
    if flt.field:
        name = Field.objects.filter(pk=flt.field).values_list("name", flat=True).first() or ""
        lines.append(_("Lĩnh vực: %(name)s") % {"name": name})
    return lines


def dashboard(request: HttpRequest) -> HttpResponse:
    """Bảng điều hành: tasks per status, ranking of leads, per leader, by month; incoming documents (htmx)."""
    today = timezone.localdate()
    flt = parse_filter(request.GET, today)
    stats = task_stats(request.user, flt, today)
    query = flt.dashboard_query()
    context = {
        "stats": stats,
        "flt": flt,
        "totals": stats.totals,
        "periods": PERIODS.items(),
        "fields": Field.objects.filter(is_active=True),
        "scope_lines": _scope_lines(stats),
        "chart": _trend_chart(stats),
        "query": query,
        "dashboard_url": f"{reverse('reports:dashboard')}?{query}",
        "can_remind": request.user.role in LEADER_ROLES,
        "due_soon_days": settings.VANTHU_DUE_SOON_WORKING_DAYS,
        "formats": [("xlsx", "Excel"), ("docx", "Word"), ("pdf", "PDF")],
    }
    return render(request, "reports/dashboard.html", context)


def incoming_section(request: HttpRequest) -> HttpResponse:
    """Tình hình giải quyết văn bản đến per unit (loaded by the dashboard after the page, with htmx; opened
    from the dashboard's link when it was not, a page of its own with the way back)."""
    today = timezone.localdate()
    flt = parse_filter(request.GET, today)
    context = {
        "incoming": incoming_stats(
            request.user, flt.date_from, flt.date_to, today, fresh=request.GET.get("fresh") == "1"
        ),
        "dashboard_url": f"{reverse('reports:dashboard')}?{flt.dashboard_query()}",
    }
    template = "reports/_incoming.html" if request.htmx else "reports/incoming.html"
    return render(request, template, context)


def task_report_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Báo cáo kết quả thực hiện nhiệm vụ (xlsx, docx, pdf) for the dashboard's filters."""
    if fmt not in FORMATS:
        raise Http404
    today = timezone.localdate()
    flt = parse_filter(request.GET, today)
    stats = task_stats(request.user, flt, today)
    try:
        data, content_type, filename = task_report(stats, request.user.agency, fmt, _scope_lines(stats))
    except ExportError as exc:
        messages.error(request, str(exc))
        return redirect(f"{reverse('reports:dashboard')}?{flt.dashboard_query()}")
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
