from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.results, name="results"),
    path("luu/", views.save, name="save"),
    path("luu/<int:pk>/xoa/", views.delete, name="delete"),
]
