"""Two-factor secrets encrypted at rest (core.encryption, ADR 0008).

The column becomes text wide enough for a Fernet token, then every stored secret is
encrypted in place. The rows are read and written with SQL: the field's Python side expects
a token already, and the plain secrets must not pass through it.
"""

from django.db import migrations

import core.encryption


def _rewrite(apps, schema_editor, change):
    device = apps.get_model("accounts", "TotpDevice")
    table = schema_editor.connection.ops.quote_name(device._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, secret FROM {table}")  # noqa: S608 (a table name, no input)
        rows = cursor.fetchall()
        for pk, value in rows:
            cursor.execute(f"UPDATE {table} SET secret = %s WHERE id = %s", [change(value), pk])  # noqa: S608


def encrypt_secrets(apps, schema_editor):
    _rewrite(apps, schema_editor, core.encryption.encrypt)


def decrypt_secrets(apps, schema_editor):
    _rewrite(apps, schema_editor, core.encryption.decrypt)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_sign_in_code_failures"),
    ]

    operations = [
        migrations.AlterField(
            model_name="totpdevice",
            name="secret",
            field=core.encryption.EncryptedTextField(help_text="Encrypted at rest (core.encryption)."),
        ),
        migrations.RunPython(encrypt_secrets, decrypt_secrets),
    ]
