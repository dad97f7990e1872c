from django.urls import include, path

from . import views, views_actions, views_drafting, views_layout

app_name = "outgoing"

urlpatterns = [
    path("", views.outgoing_list, name="list"),
    path("soan-thao/", views_drafting.outgoing_create, name="create"),
    path("so/", include("vanthu.outgoing.urls_registers")),
    path("<int:pk>/", views.outgoing_detail, name="detail"),
    path("<int:pk>/sua/", views_drafting.outgoing_edit, name="edit"),
    path("<int:pk>/phien-ban/", views_drafting.add_version, name="add_version"),
    path("<int:pk>/phien-ban/<int:version_id>/", views_layout.version_download, name="version"),
    path("<int:pk>/the-thuc.<str:fmt>", views_layout.layout_download, name="layout"),
    path("<int:pk>/<slug:action>/", views_actions.outgoing_action, name="action"),
]
