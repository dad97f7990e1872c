from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "vanthu.common"
    label = "common"
    verbose_name = "Dùng chung"
