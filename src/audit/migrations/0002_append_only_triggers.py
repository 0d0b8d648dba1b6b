from django.conf import settings
from django.db import migrations


def install_triggers(apps, schema_editor):  # noqa: ANN001, ARG001
    # The trigger SQL is kept here (not imported from app code) so this migration
    # stays valid whatever happens to the app later.
    if not getattr(settings, "HARBOUR_AUDIT_TRIGGERS", True):
        return
    table = "audit_auditevent"
    message = "audit rows are append-only"
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        statements = [
            "CREATE OR REPLACE FUNCTION harbour_audit_append_only() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{message}'; END; $$ LANGUAGE plpgsql;",
            f"CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION harbour_audit_append_only();",
            f"CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION harbour_audit_append_only();",
        ]
    else:
        statements = [
            f"CREATE TRIGGER audit_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END;",
            f"CREATE TRIGGER audit_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END;",
        ]
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(install_triggers, migrations.RunPython.noop)]
