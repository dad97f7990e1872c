"""URLs of the outgoing register books (sổ đăng ký văn bản đi, sổ gửi bưu điện); included by ``urls.py``."""

from django.urls import path

from .views_registers import postal_book, register_book

urlpatterns = [
    path("dang-ky/", register_book, name="register_book"),
    path("buu-dien/", postal_book, name="postal_book"),
]
