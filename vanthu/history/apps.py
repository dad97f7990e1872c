from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "vanthu.history"
    label = "history"
    verbose_name = "Quá trình xử lý"
