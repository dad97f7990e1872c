from django.urls import path

from . import views, views_arrivals
from .views_registers import followup_book, register_book

app_name = "incoming"

urlpatterns = [
    path("", views.incoming_list, name="list"),
    path("cho-xu-ly/", views.inbox, name="inbox"),
    path("vao-so/", views.incoming_create, name="create"),
    path("kiem-tra-trung/", views.duplicate_check, name="duplicate_check"),
    path("dien-tu/", views_arrivals.arrival_list, name="arrivals"),
    path("dien-tu/<int:pk>/", views_arrivals.arrival_detail, name="arrival"),
    path("dien-tu/<int:pk>/tep/<int:file_id>/", views_arrivals.arrival_file, name="arrival_file"),
    path("dien-tu/<int:pk>/tiep-nhan/", views_arrivals.arrival_accept, name="arrival_accept"),
    path("dien-tu/<int:pk>/tu-choi/", views_arrivals.arrival_refuse, name="arrival_refuse"),
    path("so-den/", register_book, name="register_book"),
    path("so-theo-doi/", followup_book, name="followup_book"),
    path("<int:pk>/", views.incoming_detail, name="detail"),
    path("<int:pk>/tep/<int:file_id>/", views.file_download, name="file"),
    path("<int:pk>/<slug:action>/", views.incoming_action, name="action"),
]
