from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("van-ban-den/", views.incoming_section, name="incoming_section"),
    path("nhiem-vu.<str:fmt>", views.task_report_export, name="task_report"),
]
