from django.apps import AppConfig


class OrganizationConfig(AppConfig):
    name = "vanthu.organization"
    label = "organization"
    verbose_name = "Tổ chức, cán bộ"

    def ready(self) -> None:
        from . import signals  # noqa: F401
