"""The filter columns of the PostgreSQL search table: register, units, issuing agency (``sender``).

Run ``vanthu reindex`` after migrating: rows written before have them empty."""

from django.db import migrations


def add(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    from vanthu.search.pg import ADD_FILTERS

    for statement in ADD_FILTERS:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_postgres_search_head")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop, elidable=False)]
