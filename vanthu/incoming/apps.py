from django.apps import AppConfig


class IncomingConfig(AppConfig):
    name = "vanthu.incoming"
    label = "incoming"
    verbose_name = "Văn bản đến"
