from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from core.encryption import EncryptedTextField, FieldKeyError, reencrypt


class Command(BaseCommand):
    help = (
        "Re-encrypt every value encrypted at rest under the first of HARBOUR_FIELD_KEYS "
        "(run after putting a new key first; then the old key can be removed)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        changed = 0
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                for model in apps.get_models():
                    table = connection.ops.quote_name(model._meta.db_table)
                    pk = connection.ops.quote_name(model._meta.pk.column or "id")  # type: ignore[union-attr]
                    for field in model._meta.concrete_fields:
                        if not isinstance(field, EncryptedTextField):
                            continue
                        column = connection.ops.quote_name(field.column or field.name)
                        cursor.execute(f"SELECT {pk}, {column} FROM {table} WHERE {column} IS NOT NULL")  # noqa: S608
                        for key, token in cursor.fetchall():
                            cursor.execute(
                                f"UPDATE {table} SET {column} = %s WHERE {pk} = %s",  # noqa: S608
                                [reencrypt(token), key],
                            )
                            changed += 1
        except FieldKeyError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Re-encrypted {changed} values under the first key.")
