from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "vanthu.web"
    label = "web"
    verbose_name = "Giao diện"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_refresh_sqlite_statistics, sender=self)


def _refresh_sqlite_statistics(using: str = "default", **kwargs) -> None:
    """SQLite plans well only with statistics: refresh them after every migrate (ANALYZE, ~2 s at 1M rows)."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
