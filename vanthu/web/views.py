from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from vanthu.notifications.models import Notification
from vanthu.organization.models import LEADER_ROLES


def home(request: HttpRequest) -> HttpResponse:
    """Leaders land on the dashboard (bảng điều hành), everyone else on the documents waiting for them."""
    if getattr(request.user, "role", None) in LEADER_ROLES:
        return redirect("reports:dashboard")
    return redirect("incoming:inbox")


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def notifications(request: HttpRequest) -> HttpResponse:
    """Thông báo: the latest notifications; opening the page marks them read."""
    items = list(Notification.objects.filter(user=request.user)[:100])
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "web/notifications.html", {"items": items})
