"""Make the history append-only in the database itself: UPDATE and DELETE on events are refused."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER history_event_no_update BEFORE UPDATE ON history_event
       BEGIN SELECT RAISE(ABORT, 'history is append-only'); END""",
    """CREATE TRIGGER history_event_no_delete BEFORE DELETE ON history_event
       BEGIN SELECT RAISE(ABORT, 'history is append-only'); END""",
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS history_event_no_update", "DROP TRIGGER IF EXISTS history_event_no_delete"]

POSTGRES = [
    """CREATE OR REPLACE FUNCTION history_event_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'history is append-only' USING ERRCODE = 'integrity_constraint_violation'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER history_event_append_only BEFORE UPDATE OR DELETE ON history_event
       FOR EACH ROW EXECUTE FUNCTION history_event_append_only()""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS history_event_append_only ON history_event",
    "DROP FUNCTION IF EXISTS history_event_append_only()",
]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("history", "0002_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
