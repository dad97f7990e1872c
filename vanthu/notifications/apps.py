from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "vanthu.notifications"
    label = "notifications"
    verbose_name = "Thông báo"
