from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Tìm kiếm: one index of incoming and outgoing documents and tasks, with the viewers of each item."""

    name = "vanthu.search"
    verbose_name = "Tìm kiếm"

    def ready(self) -> None:
        from . import signals  # noqa: F401
