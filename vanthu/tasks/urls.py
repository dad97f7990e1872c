from django.urls import path

from . import views, views_programme

app_name = "tasks"

urlpatterns = [
    # task pages (views.py)
    path("", views.task_list, name="list"),
    path("giao/", views.task_create, name="create"),
    path("giao-nhieu/", views.task_bulk_create, name="bulk"),
    path("don-doc/", views.remind_many, name="remind_many"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/sua/", views.task_edit, name="edit"),
    path("<int:pk>/nhiem-vu-con/", views.task_split, name="split"),
    path("<int:pk>/thao-tac/<str:action>/", views.task_action, name="action"),
    path("<int:pk>/tep/<int:file_id>/", views.task_file, name="file"),
    # work programme (views_programme.py)
    path("chuong-trinh/", views_programme.programme_index, name="programme_index"),
    path("chuong-trinh/mau-nhap.xlsx", views_programme.programme_template, name="programme_template"),
    path("chuong-trinh/<int:year>/", views_programme.programme_detail, name="programme"),
    path("chuong-trinh/<int:year>/nhap/", views_programme.programme_import, name="programme_import"),
    path(
        "chuong-trinh/noi-dung/<int:pk>/dieu-chinh/",
        views_programme.programme_item_move,
        name="programme_move",
    ),
]
