"""The table of the PostgreSQL search backend (and the unaccent extension); nothing on SQLite."""

from django.db import migrations


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    from vanthu.search.pg import DDL

    for statement in DDL:
        schema_editor.execute(statement)


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    from vanthu.search.pg import DROP

    for statement in DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
