from django.apps import AppConfig, apps


class WebConfig(AppConfig):
    name = "vanthu.web"
    label = "web"
    verbose_name = "Giao diện"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        # Django sends post_migrate once per app *with models*; ``web`` has none, so listen to all and act once.
        post_migrate.connect(_refresh_sqlite_statistics, dispatch_uid="vanthu.web.sqlite_statistics")


def _refresh_sqlite_statistics(app_config: AppConfig | None = None, using: str = "default", **kwargs) -> None:
    """SQLite plans well only with statistics: refresh them after every migrate (ANALYZE, ~2 s at 1M rows).

    Runs on the last app's signal of a ``migrate``, i.e. once, after every table exists.
    """
    from django.db import connections

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if app_config is not None and with_models and app_config is not with_models[-1]:
        return
    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
