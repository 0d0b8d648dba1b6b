"""The application's PostgreSQL role: the audit tables append-only by privilege."""

import importlib
import io
import os

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from audit import services as auditor
from audit.models import AuditAction, AuditCheckpoint, AuditEvent

ON_POSTGRESQL = connection.vendor == "postgresql"
EVENTS = AuditEvent._meta.db_table
CHECKPOINTS = AuditCheckpoint._meta.db_table
INSERT_EVENT = (
    f"INSERT INTO {EVENTS} (occurred_at, actor_username, action, object_type, object_id, summary, changes, "
    "reason, request_id, prev_hash, hash, key_id) "
    "VALUES (now(), '', 'SEARCH', '', '', 'as the app', '{}', '', '', %s, %s, '')"
)


def _owner(sql: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql)


def _install_triggers() -> None:
    with override_settings(HARBOUR_AUDIT_TRIGGERS=True), connection.schema_editor() as editor:
        migration = importlib.import_module("audit.migrations.0001_squashed_0005_keyed_chain_and_checkpoints")
        migration.install_triggers(None, editor)


def _connect_as(role: str) -> psycopg.Connection:
    params = {**connection.get_connection_params(), "user": role}
    params.pop("password", None)
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return psycopg.connect(**params, autocommit=True)


@pytest.fixture
def app_role(transactional_db):
    """A throwaway application role on the test database, with the append-only triggers in
    place; both removed afterwards (roles are cluster-wide, and the test database's tables
    are emptied with TRUNCATE between tests)."""
    role = f"harbour_test_app_{os.getpid()}"
    _install_triggers()
    try:
        yield role
    finally:
        for table, names in (
            (EVENTS, ("audit_no_change", "audit_no_truncate")),
            (CHECKPOINTS, ("audit_checkpoint_no_change", "audit_checkpoint_no_truncate")),
        ):
            for name in names:
                _owner(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        _owner(
            f"DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN "
            f"EXECUTE 'DROP OWNED BY {role}'; EXECUTE 'DROP ROLE {role}'; END IF; END $$"
        )


@pytest.mark.skipif(not ON_POSTGRESQL, reason="database roles are PostgreSQL's (CI runs the suite on it)")
def test_app_role_can_only_read_and_append_audit_rows_when_hardened(app_role):
    event = auditor.record(actor=None, action=AuditAction.SEARCH, summary="Before hardening")
    out = io.StringIO()

    call_command("harden_database", "--app-role", app_role, stdout=out)

    assert f"Created role {app_role}" in out.getvalue()
    assert "audit_no_change" in out.getvalue()
    with _connect_as(app_role) as app:
        app.execute(INSERT_EVENT, ["x" * 64, "y" * 64])  # appending works
        assert app.execute(f"SELECT count(*) FROM {EVENTS}").fetchone() == (2,)
        refused = [
            (f"UPDATE {EVENTS} SET summary = 'tampered' WHERE id = %s", [event.pk]),
            (f"DELETE FROM {EVENTS} WHERE id = %s", [event.pk]),
            (f"TRUNCATE {EVENTS}", []),
            (f"DROP TRIGGER audit_no_change ON {EVENTS}", []),
            (f"ALTER TABLE {EVENTS} DISABLE TRIGGER ALL", []),
            (f"DROP TABLE {EVENTS}", []),
            (f"UPDATE {CHECKPOINTS} SET rows = 0", []),
            (f"TRUNCATE {CHECKPOINTS}", []),
            (f"DROP TRIGGER audit_checkpoint_no_change ON {CHECKPOINTS}", []),
            ("DELETE FROM django_migrations", []),
        ]
        for sql, params in refused:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                app.execute(sql, params)
        # Every other table is the application's to read and write.
        app.execute(
            "INSERT INTO accounts_team (name, kind, is_active) VALUES ('Hardening test team', 'ASSESSMENT', true)"
        )
        app.execute("UPDATE accounts_team SET name = 'Renamed' WHERE name = 'Hardening test team'")
        app.execute("DELETE FROM accounts_team WHERE name = 'Renamed'")
    assert AuditEvent.objects.get(pk=event.pk).summary == "Before hardening"


@pytest.mark.skipif(not ON_POSTGRESQL, reason="database roles are PostgreSQL's (CI runs the suite on it)")
def test_harden_database_updates_an_existing_role_and_sets_its_password_when_run_again(app_role, monkeypatch):
    call_command("harden_database", "--app-role", app_role, stdout=io.StringIO())
    monkeypatch.setenv("HARBOUR_TEST_APP_PASSWORD", "not-a-real-password")
    out = io.StringIO()

    call_command(
        "harden_database", "--app-role", app_role, "--password-env", "HARBOUR_TEST_APP_PASSWORD", stdout=out
    )

    assert f"Updated role {app_role}" in out.getvalue()
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolpassword IS NOT NULL FROM pg_authid WHERE rolname = %s", [app_role])
        assert cursor.fetchone() == (True,)


@pytest.mark.skipif(not ON_POSTGRESQL, reason="database roles are PostgreSQL's (CI runs the suite on it)")
def test_harden_database_refuses_the_owner_role_when_given(db):
    owner = connection.get_connection_params()["user"]

    with pytest.raises(CommandError, match="must not be the tables' owner"):
        call_command("harden_database", "--app-role", owner)


@pytest.mark.skipif(not ON_POSTGRESQL, reason="database roles are PostgreSQL's (CI runs the suite on it)")
def test_harden_database_refuses_when_password_variable_unset(db, monkeypatch):
    monkeypatch.delenv("HARBOUR_TEST_UNSET", raising=False)

    with pytest.raises(CommandError, match="HARBOUR_TEST_UNSET is not set"):
        call_command("harden_database", "--app-role", "anyone", "--password-env", "HARBOUR_TEST_UNSET")


@pytest.mark.skipif(ON_POSTGRESQL, reason="the SQLite refusal")
def test_harden_database_refuses_when_database_is_sqlite(db):
    with pytest.raises(CommandError, match="PostgreSQL only"):
        call_command("harden_database", "--app-role", "harbour_app")
