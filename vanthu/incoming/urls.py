from django.urls import path

from . import views
from .views_registers import followup_book, register_book

app_name = "incoming"

urlpatterns = [
    path("", views.incoming_list, name="list"),
    path("cho-xu-ly/", views.inbox, name="inbox"),
    path("vao-so/", views.incoming_create, name="create"),
    path("kiem-tra-trung/", views.duplicate_check, name="duplicate_check"),
    path("so-den/", register_book, name="register_book"),
    path("so-theo-doi/", followup_book, name="followup_book"),
    path("<int:pk>/", views.incoming_detail, name="detail"),
    path("<int:pk>/tep/<int:file_id>/", views.file_download, name="file"),
    path("<int:pk>/<slug:action>/", views.incoming_action, name="action"),
]
