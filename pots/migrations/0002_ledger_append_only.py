"""The database itself refuses to change or remove a ledger entry, whatever code or person asks.

PostgreSQL: a row trigger raises on UPDATE or DELETE. (TRUNCATE is left alone: the test runner empties
tables with it between transactional tests; production roles should not hold TRUNCATE on the table.)
SQLite: the same with two RAISE(ABORT) triggers. Other databases get no trigger (the ORM guards remain).
"""

from django.db import migrations

PG_CREATE = """
CREATE OR REPLACE FUNCTION pots_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'pots_ledgerentry is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER pots_ledger_append_only
    BEFORE UPDATE OR DELETE ON pots_ledgerentry
    FOR EACH ROW EXECUTE FUNCTION pots_ledger_append_only();
"""
PG_DROP = """
DROP TRIGGER IF EXISTS pots_ledger_append_only ON pots_ledgerentry;
DROP FUNCTION IF EXISTS pots_ledger_append_only();
"""
SQLITE_CREATE = [
    """CREATE TRIGGER pots_ledger_no_update BEFORE UPDATE ON pots_ledgerentry
       BEGIN SELECT RAISE(ABORT, 'pots_ledgerentry is append-only: UPDATE is not allowed'); END;""",
    """CREATE TRIGGER pots_ledger_no_delete BEFORE DELETE ON pots_ledgerentry
       BEGIN SELECT RAISE(ABORT, 'pots_ledgerentry is append-only: DELETE is not allowed'); END;""",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS pots_ledger_no_update;", "DROP TRIGGER IF EXISTS pots_ledger_no_delete;"]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_CREATE, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("pots", "0001_floors")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
