"""The application's own PostgreSQL role: ordinary reads and writes, but the audit trail
append-only by privilege, not only by trigger (ADR 0003).

Migrations (and restores) run as the role that owns the tables; the application runs as a
role made here that is not that owner and cannot become it, so it cannot drop or disable the
append-only triggers, and holds only SELECT and INSERT on the audit tables (no UPDATE, DELETE
or TRUNCATE). Run `manage.py harden_database --app-role NAME` as the owner after every
`migrate`: it is idempotent and re-applies the grants to tables the release added.
"""

from dataclasses import dataclass

from django.db import connection, transaction

from .models import AuditCheckpoint, AuditEvent

# Tables the application may only read and append to.
APPEND_ONLY = (AuditEvent._meta.db_table, AuditCheckpoint._meta.db_table)
# Tables the application may only read: the migration history is the owner's.
READ_ONLY = ("django_migrations",)


class RoleError(Exception):
    pass


@dataclass(frozen=True)
class Hardened:
    role: str
    created: bool
    tables: int
    triggers: list[str]


def _one(sql: str, params: list[str]) -> object:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return row[0] if row else None


def _check_role(role: str, owner: str) -> None:
    if role == owner:
        raise RoleError(f"The application role must not be the tables' owner ({owner}).")
    flags = _one("SELECT rolsuper OR rolbypassrls OR rolcreaterole FROM pg_roles WHERE rolname = %s", [role])
    if flags:
        raise RoleError(
            f"The role {role} is a superuser or can bypass row security or make roles: it would not be held."
        )
    if _one("SELECT pg_has_role(%s, %s, 'MEMBER')", [role, owner]):
        raise RoleError(f"The role {role} is a member of the owner role {owner}: it could drop the triggers.")
    if _one(
        "SELECT pg_has_role(%s, 'pg_write_all_data', 'MEMBER') FROM pg_roles WHERE rolname = 'pg_write_all_data'",
        [role],
    ):
        raise RoleError(f"The role {role} is a member of pg_write_all_data: it could change audit rows.")


def harden(role: str, password: str = "") -> Hardened:
    """Create (if missing) and grant the application role on the current database and schema."""
    if connection.vendor != "postgresql":
        raise RoleError("Database roles apply to PostgreSQL only (SQLite has no roles).")
    quote = connection.ops.quote_name
    owner = str(_one("SELECT tableowner FROM pg_tables WHERE tablename = %s", [APPEND_ONLY[0]]) or "")
    if not owner:
        raise RoleError("The audit table is missing: run migrate (as the owner) first.")
    created = not _one("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
    r = quote(role)
    with transaction.atomic(), connection.cursor() as cursor:  # all the grants at once, or none
        if created:
            cursor.execute(
                f"CREATE ROLE {r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
            )
        _check_role(role, owner)
        if password:
            cursor.execute(f"ALTER ROLE {r} PASSWORD {_literal(password)}")
        database = quote(str(_one("SELECT current_database()", [])))
        schema = quote(str(_one("SELECT current_schema()", [])))
        statements = [
            f"GRANT CONNECT ON DATABASE {database} TO {r}",
            f"GRANT USAGE ON SCHEMA {schema} TO {r}",
            f"REVOKE CREATE ON SCHEMA {schema} FROM {r}",
            f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {r}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {r}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {r}",
            # Tables a later migration adds are usable at once; re-running this restricts them.
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {r}",
        ]
        statements += [f"REVOKE UPDATE, DELETE, TRUNCATE ON {quote(t)} FROM {r}" for t in APPEND_ONLY]
        statements += [f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {quote(t)} FROM {r}" for t in READ_ONLY]
        statements += [f"REVOKE UPDATE, DELETE, TRUNCATE ON {quote(t)} FROM PUBLIC" for t in APPEND_ONLY]
        for sql in statements:
            cursor.execute(sql)
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")
        tables = int(cursor.fetchone()[0])
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = ANY(%s::regclass[]) "
            "ORDER BY tgname",
            [list(APPEND_ONLY)],
        )
        triggers = [name for (name,) in cursor.fetchall()]
    return Hardened(role=role, created=created, tables=tables, triggers=triggers)


def _literal(text: str) -> str:
    from psycopg import sql

    return sql.Literal(text).as_string(connection.connection)
