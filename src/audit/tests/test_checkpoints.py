"""Signed checkpoints anchoring the chain outside the database."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from audit import services as auditor
from audit import tasks
from audit.checkpoints import CheckpointError, anchor_problem, exported, take_checkpoint
from audit.hashing import keyed_hash
from audit.models import AuditAction, AuditCheckpoint, AuditEvent
from audit.services import verify_chain

TABLE = AuditEvent._meta.db_table


@pytest.fixture
def chain(db):
    return [auditor.record(actor=None, action=AuditAction.SEARCH, summary=f"Search {n}") for n in range(5)]


def _raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _export(tmp_path: Path, name: str = "anchor.json") -> Path:
    path = tmp_path / name
    call_command("audit_checkpoint", "--output", str(path), stdout=io.StringIO())
    return path


def _verify(*files: Path) -> str:
    out = io.StringIO()
    args = [a for f in files for a in ("--checkpoint", str(f))]
    call_command("verify_audit_chain", *args, stdout=out)
    return out.getvalue().strip()


def test_take_checkpoint_anchors_the_last_row_when_chain_intact(chain):
    checkpoint = take_checkpoint()

    anchor = exported(checkpoint)
    assert (anchor["sequence"], anchor["rows"], anchor["last_hash"]) == (chain[-1].pk, 5, chain[-1].hash)
    assert anchor["key_id"] == chain[-1].key_id
    assert len(anchor["signature"]) == 64
    assert anchor_problem(anchor) == ""


def test_audit_checkpoint_command_writes_an_owner_only_file_the_chain_holds_when_run(chain, tmp_path):
    path = _export(tmp_path)
    auditor.record(actor=None, action=AuditAction.SEARCH, summary="Later")

    assert path.stat().st_mode & 0o777 == 0o600
    assert json.loads(path.read_text())["sequence"] == chain[-1].pk
    assert _verify(path) == "Audit chain intact: 6 rows verified; 1 exported checkpoints held."
    with pytest.raises(CommandError, match="already exists"):
        call_command("audit_checkpoint", "--output", str(path))


def test_anchor_detects_the_chain_cut_short_when_rows_deleted_after_checkpoint(chain, tmp_path):
    path = _export(tmp_path)
    _raw(f"DELETE FROM {TABLE} WHERE id >= %s", [chain[3].pk])  # the tail removed: still a valid chain

    assert verify_chain().ok
    with pytest.raises(CommandError, match=f"row {chain[-1].pk} is gone: the chain was cut short"):
        _verify(path)


def test_anchor_detects_a_rewrite_when_made_with_the_key(chain, tmp_path):
    """Even whoever obtains the key later cannot rewrite what an exported anchor covers."""
    path = _export(tmp_path)
    rows = list(AuditEvent.objects.filter(id__gte=chain[1].pk).order_by("id"))
    prev = rows[0].prev_hash
    for row in rows:
        row.summary = "rewritten" if row.pk == chain[1].pk else row.summary
        row.prev_hash, row.hash = prev, None
        row.hash = keyed_hash(row)
        _raw(
            f"UPDATE {TABLE} SET summary = %s, prev_hash = %s, hash = %s WHERE id = %s",
            [row.summary, row.prev_hash, row.hash, row.pk],
        )
        prev = row.hash

    assert verify_chain().ok
    with pytest.raises(CommandError, match=f"row {chain[-1].pk} has a different hash"):
        _verify(path)


def test_anchor_detects_rows_removed_and_the_ids_renumbered_when_counted(chain, tmp_path):
    path = _export(tmp_path)
    anchor = json.loads(path.read_text())

    assert anchor_problem({**anchor, "rows": 4}).startswith("its signature does not match")
    _raw(f"DELETE FROM {TABLE} WHERE id = %s", [chain[0].pk])
    assert anchor_problem(anchor) == f"4 audit rows lead up to row {chain[-1].pk}, not the 5 anchored"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"sequence": 1}, "signature does not match"),
        ({"signature": "0" * 64}, "signature does not match"),
        ({"key_id": "other"}, "HARBOUR_AUDIT_KEYS does not hold"),
        ({"format": "something else"}, "not a Harbour audit checkpoint"),
        ({"sequence": "5"}, "malformed"),
    ],
)
def test_anchor_problem_refuses_a_checkpoint_when_changed(chain, change, problem):
    anchor = exported(take_checkpoint())

    assert problem in anchor_problem({**anchor, **change})


def test_verify_audit_chain_reports_a_stored_checkpoint_when_chain_no_longer_holds_it(chain):
    checkpoint = take_checkpoint()
    _raw(f"DELETE FROM {TABLE} WHERE id = %s", [chain[-1].pk])

    with pytest.raises(CommandError, match=f"checkpoint {checkpoint.pk} \\(row {chain[-1].pk}\\)"):
        call_command("verify_audit_chain")


def test_take_checkpoint_refuses_when_chain_broken(chain):
    _raw(f"UPDATE {TABLE} SET summary = %s WHERE id = %s", ["tampered", chain[2].pk])

    with pytest.raises(CheckpointError, match=f"broken at row {chain[2].pk}"):
        take_checkpoint()
    assert not AuditCheckpoint.objects.exists()
    with pytest.raises(CommandError, match="no checkpoint taken"):
        call_command("audit_checkpoint", "--output", "-")


def test_take_checkpoint_refuses_when_last_checkpoint_no_longer_holds(chain):
    take_checkpoint()
    _raw(f"DELETE FROM {TABLE} WHERE id = %s", [chain[-1].pk])

    with pytest.raises(CheckpointError, match="last checkpoint no longer holds"):
        take_checkpoint()


def test_take_checkpoint_verifies_only_rows_since_the_last_when_one_holds(chain):
    first = take_checkpoint()
    later = auditor.record(actor=None, action=AuditAction.SEARCH, summary="Later")
    _raw(f"UPDATE {TABLE} SET summary = %s WHERE id = %s", ["changed", chain[1].pk])  # before the anchor
    second = take_checkpoint()

    assert (first.event_id, second.event_id, second.rows) == (chain[-1].pk, later.pk, 6)
    assert second.last_hash == later.hash
    assert verify_chain().first_bad_id == chain[1].pk  # the full check (verify_audit_chain) still finds it


def test_take_checkpoint_anchors_the_empty_chain_when_no_rows(db):
    anchor = exported(take_checkpoint())

    assert (anchor["sequence"], anchor["rows"]) == (0, 0)
    assert anchor_problem(anchor) == ""


def test_nightly_task_appends_each_checkpoint_to_the_anchor_file_when_set(chain, settings, tmp_path):
    settings.HARBOUR_AUDIT_ANCHOR_FILE = str(tmp_path / "anchors" / "audit.jsonl")

    first = tasks.checkpoint_nightly()
    auditor.record(actor=None, action=AuditAction.SEARCH, summary="Later")
    tasks.checkpoint_nightly()

    anchor_file = Path(settings.HARBOUR_AUDIT_ANCHOR_FILE)
    lines = anchor_file.read_text().splitlines()
    assert first.startswith(f"Audit checkpoint at row {chain[-1].pk} (5 rows), appended to")
    assert [json.loads(line)["rows"] for line in lines] == [5, 6]
    assert anchor_file.stat().st_mode & 0o777 == 0o600
    assert _verify(anchor_file).endswith("2 exported checkpoints held.")


def test_nightly_task_keeps_the_checkpoint_in_the_database_only_when_no_anchor_file(chain, settings):
    settings.HARBOUR_AUDIT_ANCHOR_FILE = ""

    assert tasks.checkpoint_nightly() == f"Audit checkpoint at row {chain[-1].pk} (5 rows)"
    assert AuditCheckpoint.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "message"), [("not json at all", "not a checkpoint file"), ("", "no checkpoint")]
)
def test_verify_audit_chain_refuses_a_checkpoint_file_when_unreadable(chain, tmp_path, content, message):
    path = tmp_path / "anchor.json"
    path.write_text(content)

    with pytest.raises(CommandError, match=message):
        _verify(path)
    with pytest.raises(CommandError, match="Cannot read"):
        _verify(tmp_path / "missing.json")


def test_setup_schedules_registers_the_nightly_checkpoint_when_run(db):
    from django_q.models import Schedule

    call_command("setup_schedules", stdout=io.StringIO())

    assert Schedule.objects.get(name="audit: nightly checkpoint").func == "audit.tasks.checkpoint_nightly"
