"""The PostgreSQL search table again, with the viewers inside the folded vector and small ranking vectors.

The table is derived data: it is dropped and created empty; run ``vanthu reindex`` after migrating."""

from django.db import migrations


def recreate(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    from vanthu.search.pg import DDL, DROP

    for statement in [*DROP, *DDL]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_search_table")]

    operations = [migrations.RunPython(recreate, migrations.RunPython.noop, elidable=False)]
