import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from audit.database_role import RoleError, harden


class Command(BaseCommand):
    help = (
        "PostgreSQL: create or update the application's database role: reads and writes on every "
        "table, but only SELECT and INSERT on the audit tables, not the owner (so it cannot drop the "
        "append-only triggers). Run as the owner, after every migrate (ADR 0003)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--app-role", required=True, metavar="NAME", help="The application's role")
        parser.add_argument(
            "--password-env",
            default="",
            metavar="VAR",
            help="Set the role's password from this environment variable (kept off the command line)",
        )

    def handle(self, *args: Any, app_role: str, password_env: str, **options: Any) -> None:
        password = ""
        if password_env:
            password = os.environ.get(password_env, "")
            if not password:
                raise CommandError(f"The environment variable {password_env} is not set.")
        try:
            done = harden(app_role, password)
        except RoleError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{'Created' if done.created else 'Updated'} role {done.role}: reads and writes on {done.tables} "
            "tables, the audit tables read and append only."
        )
        if done.triggers:
            self.stdout.write(f"Append-only triggers in place: {', '.join(done.triggers)}.")
        else:
            self.stdout.write(
                self.style.WARNING(
                    "No append-only triggers on the audit tables (HARBOUR_AUDIT_TRIGGERS off?)."
                )
            )
