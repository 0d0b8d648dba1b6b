"""The audit trail's hash chain, its verification and the append-only triggers."""

import importlib
import io

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import override_settings

from audit import services as auditor
from audit.models import AuditAction, AuditEvent
from audit.services import GENESIS_HASH, content_hash, verify_chain

TABLE = AuditEvent._meta.db_table


@pytest.fixture
def chain(db):
    """Five audit rows appended one by one, oldest first."""
    return [
        auditor.record(actor=None, action=AuditAction.SEARCH, summary=f"Search {n}", changes={"n": n})
        for n in range(5)
    ]


def _raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_record_chains_each_row_to_the_previous_when_appended(chain):
    assert chain[0].prev_hash == GENESIS_HASH
    for previous, event in zip(chain, chain[1:], strict=False):
        assert event.prev_hash == previous.hash
    for event in chain:
        stored = AuditEvent.objects.get(pk=event.pk)
        assert stored.hash == content_hash(stored)
    assert len({e.hash for e in chain}) == len(chain)


def test_record_many_chains_rows_within_one_call_when_several_given(chain):
    events = auditor.record_many(
        [auditor.PendingEvent(action=AuditAction.EXPORT, summary=f"Export {n}") for n in range(3)]
    )

    assert events[0].prev_hash == chain[-1].hash
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    assert verify_chain().ok


def test_record_stores_actor_and_person_when_given(social_worker, child):
    event = auditor.record(actor=social_worker, action=AuditAction.VIEW, person=child, summary="x" * 300)

    assert (event.actor_id, event.actor_username, event.person_id) == (
        social_worker.pk,
        social_worker.username,
        child.pk,
    )
    assert len(event.summary) == 200


def test_verify_chain_reports_ok_when_chain_intact(chain):
    report = verify_chain()

    assert report.ok
    assert report.checked == len(chain)
    assert report.first_bad_id is None


def test_verify_chain_reports_ok_when_chain_spans_several_batches(chain):
    report = verify_chain(batch_size=2)

    assert report.ok
    assert report.checked == len(chain)


def test_verify_chain_reports_ok_when_no_rows(db):
    assert verify_chain().ok
    assert verify_chain().checked == 0


@pytest.mark.parametrize("column", ["summary", "actor_username", "reason"])
def test_verify_chain_finds_tampered_row_when_content_changed(chain, column):
    target = chain[2]
    _raw(f"UPDATE {TABLE} SET {column} = %s WHERE id = %s", ["nothing to see here", target.pk])

    report = verify_chain(batch_size=2)

    assert not report.ok
    assert report.first_bad_id == target.pk
    assert report.checked == 2


def test_verify_chain_finds_tampered_row_when_hash_recomputed(chain):
    """Rewriting a row and its own hash still breaks the link to the next row."""
    target = AuditEvent.objects.get(pk=chain[1].pk)
    target.summary = "rewritten"
    new_hash = content_hash(target)
    _raw(f"UPDATE {TABLE} SET summary = %s, hash = %s WHERE id = %s", ["rewritten", new_hash, target.pk])

    assert verify_chain().first_bad_id == chain[2].pk


def test_verify_chain_finds_gap_when_row_deleted(chain):
    _raw(f"DELETE FROM {TABLE} WHERE id = %s", [chain[1].pk])

    report = verify_chain()

    assert not report.ok
    assert report.first_bad_id == chain[2].pk
    assert report.checked == 1


def test_verify_chain_finds_gap_when_first_row_deleted(chain):
    _raw(f"DELETE FROM {TABLE} WHERE id = %s", [chain[0].pk])

    assert verify_chain().first_bad_id == chain[1].pk


@pytest.mark.django_db(transaction=True)
def test_append_only_triggers_refuse_update_and_delete_when_installed():
    """Install the migration's triggers inside a transaction, try to change rows, roll back.

    A real transaction (not the test case's wrapper) is needed because SQLite's schema
    editor must switch foreign-key checks off before the transaction begins.
    """
    migration = importlib.import_module("audit.migrations.0001_squashed_0005_keyed_chain_and_checkpoints")
    event = auditor.record(actor=None, action=AuditAction.SEARCH, summary="original")
    sqlite = connection.vendor == "sqlite"
    if sqlite:
        assert connection.disable_constraint_checking()
    try:
        with override_settings(HARBOUR_AUDIT_TRIGGERS=True), transaction.atomic():
            with connection.schema_editor() as editor:
                migration.install_triggers(None, editor)

            with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
                _raw(f"UPDATE {TABLE} SET summary = %s WHERE id = %s", ["tampered", event.pk])
            with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
                AuditEvent.objects.filter(pk=event.pk).update(summary="tampered")
            with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
                _raw(f"DELETE FROM {TABLE} WHERE id = %s", [event.pk])
            if connection.vendor == "postgresql":
                with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
                    _raw(f"TRUNCATE {TABLE}", [])

            # Appending is still allowed, and the refused changes left no trace.
            auditor.record(actor=None, action=AuditAction.SEARCH, summary="appended")
            assert AuditEvent.objects.get(pk=event.pk).summary == "original"
            assert verify_chain().ok
            transaction.set_rollback(True)
    finally:
        if sqlite:
            connection.enable_constraint_checking()

    # The rollback removed the triggers again (the test database stays writable).
    AuditEvent.objects.filter(pk=event.pk).update(summary="changed after rollback")
    assert AuditEvent.objects.count() == 1


def test_install_triggers_does_nothing_when_setting_off(db):
    migration = importlib.import_module("audit.migrations.0001_squashed_0005_keyed_chain_and_checkpoints")

    class RecordingEditor:
        def __init__(self):
            self.connection = connection
            self.executed: list[str] = []

        def execute(self, sql):
            self.executed.append(sql)

    editor = RecordingEditor()
    with override_settings(HARBOUR_AUDIT_TRIGGERS=False):
        migration.install_triggers(None, editor)

    assert editor.executed == []


def test_verify_audit_chain_command_prints_count_when_chain_intact(chain):
    out = io.StringIO()

    call_command("verify_audit_chain", stdout=out)

    assert out.getvalue().strip() == f"Audit chain intact: {len(chain)} rows verified."


def test_verify_audit_chain_command_exits_zero_when_chain_intact(chain, capsys):
    execute_from_command_line(["manage.py", "verify_audit_chain"])  # no SystemExit: exit status 0

    assert f"{len(chain)} rows verified" in capsys.readouterr().out


def test_verify_audit_chain_command_errors_when_chain_tampered(chain, capsys):
    _raw(f"UPDATE {TABLE} SET summary = %s WHERE id = %s", ["tampered", chain[3].pk])

    with pytest.raises(CommandError, match=f"broken at row {chain[3].pk}"):
        call_command("verify_audit_chain")
    with pytest.raises(SystemExit) as excinfo:
        execute_from_command_line(["manage.py", "verify_audit_chain"])

    assert excinfo.value.code == 1
    assert "3 rows verified before it" in capsys.readouterr().err
