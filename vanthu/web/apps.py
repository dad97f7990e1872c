from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "vanthu.web"
    label = "web"
    verbose_name = "Giao diện"
