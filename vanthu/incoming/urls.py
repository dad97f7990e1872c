from django.urls import path

from . import views

app_name = "incoming"

urlpatterns = [
    path("", views.incoming_list, name="list"),
    path("cho-xu-ly/", views.inbox, name="inbox"),
    path("vao-so/", views.incoming_create, name="create"),
    path("kiem-tra-trung/", views.duplicate_check, name="duplicate_check"),
    path("<int:pk>/", views.incoming_detail, name="detail"),
    path("<int:pk>/tep/<int:file_id>/", views.file_download, name="file"),
    path("<int:pk>/<slug:action>/", views.incoming_action, name="action"),
]
