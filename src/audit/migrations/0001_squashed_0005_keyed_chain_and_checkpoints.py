"""The audit app's tables and their append-only triggers (squashed from 0001-0005).

The triggers make audit rows and checkpoints append-only (ADR 0003). The trigger SQL is kept
here (not imported from app code) so this migration stays valid whatever happens to the app
later.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MESSAGE = "audit rows are append-only"
TABLES = (("audit_auditevent", "audit"), ("audit_auditcheckpoint", "audit_checkpoint"))


def install_triggers(apps, schema_editor):  # noqa: ANN001, ARG001
    if not getattr(settings, "HARBOUR_AUDIT_TRIGGERS", True):
        return
    if schema_editor.connection.vendor == "postgresql":
        statements = [
            "CREATE OR REPLACE FUNCTION harbour_audit_append_only() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql;",
        ]
        for table, prefix in TABLES:
            statements += [
                f"CREATE TRIGGER {prefix}_no_change BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION harbour_audit_append_only();",
                f"CREATE TRIGGER {prefix}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION harbour_audit_append_only();",
            ]
    else:
        statements = [
            f"CREATE TRIGGER IF NOT EXISTS {prefix}_no_{verb.lower()} BEFORE {verb} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
            for table, prefix in TABLES
            for verb in ("UPDATE", "DELETE")
        ]
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):

    replaces = [('audit', '0001_initial'), ('audit', '0002_append_only_triggers'), ('audit', '0003_security_actions'), ('audit', '0004_audit_action_merge_undone'), ('audit', '0005_keyed_chain_and_checkpoints')]

    initial = True

    dependencies = [
        ('people', '0001_squashed_0004_access_grants'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('occurred_at', models.DateTimeField(db_index=True)),
                ('actor_username', models.CharField(blank=True, max_length=150)),
                ('action', models.CharField(choices=[('VIEW', 'Viewed'), ('CREATE', 'Created'), ('UPDATE', 'Changed'), ('MERGE', 'Merged'), ('UNMERGE', 'Merge undone'), ('RESTRICT', 'Restriction changed'), ('BREAK_GLASS', 'Broke the glass'), ('REFUSED', 'Access refused'), ('SEARCH', 'Searched'), ('EXPORT', 'Exported'), ('SIGN_IN', 'Signed in'), ('SIGN_IN_FAILED', 'Sign-in failed'), ('SIGN_OUT', 'Signed out'), ('LOCKOUT', 'Sign-in locked'), ('UNLOCK', 'Sign-in unlocked'), ('RESET_TWO_FACTOR', 'Two-factor reset'), ('DELETE', 'Deleted')], max_length=20)),
                ('object_type', models.CharField(blank=True, max_length=60)),
                ('object_id', models.CharField(blank=True, max_length=40)),
                ('summary', models.CharField(blank=True, max_length=200)),
                ('changes', models.JSONField(blank=True, default=dict)),
                ('reason', models.TextField(blank=True)),
                ('request_id', models.CharField(blank=True, max_length=36)),
                ('prev_hash', models.CharField(max_length=64)),
                ('hash', models.CharField(max_length=64, unique=True)),
                ('actor', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.person')),
                ('key_id', models.CharField(blank=True, default='', max_length=32)),
            ],
            options={
                'ordering': ['-occurred_at', '-id'],
                'indexes': [models.Index(fields=['person', 'occurred_at'], name='audit_audit_person__a98cb5_idx'), models.Index(fields=['actor', 'occurred_at'], name='audit_audit_actor_i_023a4b_idx')],
            },
        ),
        migrations.CreateModel(
            name='AuditCheckpoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField()),
                ('event_id', models.BigIntegerField()),
                ('last_hash', models.CharField(max_length=64)),
                ('rows', models.BigIntegerField()),
                ('key_id', models.CharField(max_length=32)),
                ('signature', models.CharField(max_length=64)),
            ],
            options={
                'ordering': ['-id'],
            },
        ),
        migrations.RunPython(install_triggers, migrations.RunPython.noop),
    ]
