"""URLs of the outgoing register books (sổ đăng ký văn bản đi, sổ gửi bưu điện); included by ``urls.py``."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
