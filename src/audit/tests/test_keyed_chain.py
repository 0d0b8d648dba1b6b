"""The keyed chain: each row's hash an HMAC under a key kept outside the database."""

import hashlib
import hmac
import importlib
import io
import json
import sys
from datetime import UTC

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from audit import keys as audit_keys
from audit import services as auditor
from audit.hashing import GENESIS_HASH, content_hash, keyed_hash, unkeyed_hash
from audit.models import AuditAction, AuditEvent
from audit.services import verify_chain

TABLE = AuditEvent._meta.db_table
K1 = "k1:" + "a" * 43
K2 = "k2:" + "b" * 43


@pytest.fixture
def chain(db):
    return [
        auditor.record(actor=None, action=AuditAction.SEARCH, summary=f"Search {n}", changes={"n": n})
        for n in range(5)
    ]


def _store(event: AuditEvent) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {TABLE} SET summary = %s, key_id = %s, prev_hash = %s, hash = %s WHERE id = %s",
            [event.summary, event.key_id, event.prev_hash, event.hash, event.pk],
        )


def _rewrite_from(first: AuditEvent, summary: str, *, key_id: str | None, hasher, last_id: int = 0) -> str:
    """What someone with write access to the table can do: change a row, then recompute its
    hash and every later row's (up to `last_id`), so each still follows the one before."""
    rows = AuditEvent.objects.filter(id__gte=first.pk).order_by("id")
    rows = list(rows.filter(id__lte=last_id) if last_id else rows)
    prev = rows[0].prev_hash
    for row in rows:
        if row.pk == first.pk:
            row.summary = summary
        if key_id is not None:
            row.key_id = key_id
        row.prev_hash = prev
        row.hash = hasher(row)
        _store(row)
        prev = row.hash
    return prev


def _legacy_rows(count: int) -> list[AuditEvent]:
    """Rows as written before the chain was keyed: no key id, plain SHA-256."""
    prev, rows = GENESIS_HASH, []
    for n in range(count):
        row = AuditEvent(
            occurred_at=timezone.now(), action=AuditAction.VIEW, summary=f"Old {n}", prev_hash=prev
        )
        row.hash = unkeyed_hash(row)
        row.save()
        rows.append(row)
        prev = row.hash
    return rows


def test_record_signs_each_row_with_the_current_key_when_keys_configured(db, settings):
    settings.HARBOUR_AUDIT_KEYS = [K1]

    event = auditor.record(actor=None, action=AuditAction.SEARCH, summary="Search")

    assert event.key_id == "k1"
    assert event.hash == keyed_hash(event) != unkeyed_hash(event)
    settings.HARBOUR_AUDIT_KEYS = [K2]  # another key gives another hash
    assert keyed_hash(AuditEvent(**{**_fields(event), "key_id": "k2"})) != event.hash


def _fields(event: AuditEvent) -> dict:
    return {f.attname: getattr(event, f.attname) for f in AuditEvent._meta.concrete_fields if f.name != "id"}


def test_record_uses_a_key_derived_from_the_secret_key_when_none_configured(chain):
    assert {e.key_id for e in chain} == {audit_keys.DERIVED_KEY_ID}
    assert verify_chain().ok


def test_keyed_hash_is_hmac_sha256_over_the_canonical_content_when_computed(chain, settings):
    settings.HARBOUR_AUDIT_KEYS = [K1]
    event = auditor.record(actor=None, action=AuditAction.EXPORT, summary="Export")

    payload = {
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat(),
        "actor_id": None,
        "actor_username": "",
        "action": "EXPORT",
        "person_id": None,
        "object_type": "",
        "object_id": "",
        "summary": "Export",
        "changes": {},
        "reason": "",
        "request_id": event.request_id,
        "prev_hash": chain[-1].hash,
        "key_id": "k1",
    }
    blob = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()

    assert event.hash == hmac.new(b"a" * 43, blob, hashlib.sha256).hexdigest()


def test_verify_chain_finds_row_rewritten_with_recomputed_unkeyed_hashes_when_key_id_kept(chain):
    _rewrite_from(chain[2], "nothing to see here", key_id=None, hasher=unkeyed_hash)

    report = verify_chain()

    assert (report.first_bad_id, report.checked) == (chain[2].pk, 2)
    assert "changed" in report.problem


def test_verify_chain_finds_rows_rewritten_unkeyed_when_key_id_cleared(chain):
    _rewrite_from(chain[2], "nothing to see here", key_id="", hasher=unkeyed_hash)

    report = verify_chain()

    assert report.first_bad_id == chain[2].pk
    assert "follows keyed rows" in report.problem


def test_verify_chain_finds_whole_chain_rewritten_unkeyed_when_no_unkeyed_rows_allowed(chain):
    _rewrite_from(chain[0], "nothing to see here", key_id="", hasher=unkeyed_hash)

    report = verify_chain()

    assert report.first_bad_id == chain[0].pk
    assert "HARBOUR_AUDIT_UNKEYED_UNTIL" in report.problem


def test_verify_chain_finds_row_rewritten_with_a_guessed_key_when_key_id_kept(chain):
    wrong = audit_keys.AuditKeys(current="local", secrets={"local": b"a guess at the key, not the key"})
    _rewrite_from(chain[1], "rewritten", key_id=None, hasher=lambda row: keyed_hash(row, wrong))

    assert verify_chain().first_bad_id == chain[1].pk


def test_verify_chain_accepts_unkeyed_rows_before_keyed_ones_when_written_before_keying(db, settings):
    legacy = _legacy_rows(3)
    keyed = [auditor.record(actor=None, action=AuditAction.SEARCH, summary=f"New {n}") for n in range(2)]
    settings.HARBOUR_AUDIT_UNKEYED_UNTIL = legacy[-1].pk

    report = verify_chain()

    assert keyed[0].prev_hash == legacy[-1].hash and keyed[0].key_id
    assert (report.ok, report.checked, report.unkeyed) == (True, 5, 3)
    settings.HARBOUR_AUDIT_UNKEYED_UNTIL = None  # a demo database: any unkeyed opening accepted
    assert verify_chain().ok
    settings.HARBOUR_AUDIT_UNKEYED_UNTIL = legacy[0].pk
    assert verify_chain().first_bad_id == legacy[1].pk


def test_verify_chain_finds_unkeyed_rows_rewritten_when_keyed_rows_follow(db, settings):
    legacy = _legacy_rows(3)
    keyed = auditor.record(actor=None, action=AuditAction.SEARCH, summary="New")
    settings.HARBOUR_AUDIT_UNKEYED_UNTIL = legacy[-1].pk
    new_last = _rewrite_from(legacy[1], "rewritten", key_id=None, hasher=unkeyed_hash, last_id=legacy[-1].pk)
    AuditEvent.objects.filter(pk=keyed.pk).update(prev_hash=new_last)  # relinked, but not re-signed

    report = verify_chain()

    assert report.first_bad_id == keyed.pk  # the keyed row's HMAC covers the last unkeyed hash
    assert report.checked == 3


def test_verify_chain_verifies_rows_of_an_older_key_when_keys_rotated(db, settings):
    settings.HARBOUR_AUDIT_KEYS = [K1]
    old = auditor.record(actor=None, action=AuditAction.SEARCH, summary="Under k1")
    settings.HARBOUR_AUDIT_KEYS = [K2, K1]
    new = auditor.record(actor=None, action=AuditAction.SEARCH, summary="Under k2")

    assert (old.key_id, new.key_id) == ("k1", "k2")
    assert verify_chain().ok
    settings.HARBOUR_AUDIT_KEYS = [K2]  # the old key dropped too soon
    report = verify_chain()
    assert report.first_bad_id == old.pk
    assert "'k1'" in report.problem


def test_verify_chain_finds_key_id_swapped_when_both_keys_held(db, settings):
    settings.HARBOUR_AUDIT_KEYS = [K1, K2]
    event = auditor.record(actor=None, action=AuditAction.SEARCH, summary="Under k1")
    AuditEvent.objects.filter(pk=event.pk).update(key_id="k2")

    assert verify_chain().first_bad_id == event.pk


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (["no-separator" + "x" * 40], "id:secret"),
        (["bad id!:" + "x" * 40], "id:secret"),
        (["k1:short"], "too short"),
        ([K1, "k1:" + "c" * 40], "twice"),
    ],
)
def test_configured_keys_refuse_when_entries_are_malformed(settings, entries, message):
    settings.HARBOUR_AUDIT_KEYS = entries

    with pytest.raises(ImproperlyConfigured, match=message):
        audit_keys.configured()


def test_configured_keys_sign_with_the_first_when_several(settings):
    settings.HARBOUR_AUDIT_KEYS = [K2, K1]

    keys = audit_keys.configured()

    assert keys.current == "k2"
    assert set(keys.secrets) == {"k1", "k2"}


def test_new_audit_key_command_prints_an_entry_the_settings_accept_when_run(settings):
    out = io.StringIO()
    call_command("new_audit_key", "--id", "2026-12", stdout=out)
    entry = out.getvalue().strip()

    settings.HARBOUR_AUDIT_KEYS = [entry]
    assert entry.startswith("2026-12:")
    assert audit_keys.configured().current == "2026-12"
    with pytest.raises(CommandError, match="letters, digits"):
        call_command("new_audit_key", "--id", "not valid")


def test_production_refuses_to_start_when_no_audit_keys(monkeypatch):
    from config.settings import base

    monkeypatch.setattr(base, "SECRET_KEY", "x" * 50)
    monkeypatch.setattr(base, "HARBOUR_FIELD_KEYS", ["k"])
    monkeypatch.setattr(base, "HARBOUR_AUDIT_KEYS", [])
    monkeypatch.delitem(sys.modules, "config.settings.production", raising=False)

    with pytest.raises(ImproperlyConfigured, match="HARBOUR_AUDIT_KEYS"):
        importlib.import_module("config.settings.production")


def test_verify_audit_chain_command_names_the_problem_when_rewritten_unkeyed(chain):
    _rewrite_from(chain[3], "tampered", key_id="", hasher=unkeyed_hash)

    with pytest.raises(CommandError, match=f"broken at row {chain[3].pk}: it is unkeyed"):
        call_command("verify_audit_chain")


def test_content_hash_follows_the_rows_scheme_when_computed(chain):
    legacy = AuditEvent(**{**_fields(chain[0]), "key_id": ""})

    assert content_hash(legacy) == unkeyed_hash(legacy)
    assert content_hash(chain[0]) == keyed_hash(chain[0]) == chain[0].hash
