"""Dashboard pages (stubs, replaced by the dashboard work)."""

from django.http import HttpResponse


def dashboard(request):
    return HttpResponse("")


def task_report_export(request, fmt):
    return HttpResponse("")
