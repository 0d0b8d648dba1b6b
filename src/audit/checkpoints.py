"""Signed checkpoints that anchor the audit chain outside the database (ADR 0003).

A checkpoint names the chain's last row (its id is the sequence number), that row's hash
and the number of rows up to it, signed with the audit key (HMAC-SHA256, `audit.keys`). The
nightly schedule takes one (`tasks.checkpoint_nightly`) and appends it to
`HARBOUR_AUDIT_ANCHOR_FILE`; `manage.py audit_checkpoint --output FILE` takes one and writes it
for the authority to keep. `manage.py verify_audit_chain --checkpoint FILE` then proves the
chain still holds each anchor unchanged: a chain cut short before the anchor, or rewritten
up to it (even by someone who later obtained the key), no longer matches it.
"""

import json
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from . import keys as audit_keys
from .hashing import GENESIS_HASH
from .models import AuditCheckpoint, AuditEvent
from .verification import verify_chain

FORMAT = "harbour-audit-checkpoint/1"
_SIGNED = ("format", "sequence", "rows", "last_hash", "created_at", "key_id")


class CheckpointError(Exception):
    pass


def exported(checkpoint: AuditCheckpoint) -> dict[str, Any]:
    """The checkpoint as the signed JSON object the authority keeps."""
    return {
        "format": FORMAT,
        "sequence": checkpoint.event_id,
        "rows": checkpoint.rows,
        "last_hash": checkpoint.last_hash,
        "created_at": checkpoint.created_at.isoformat(),
        "key_id": checkpoint.key_id,
        "signature": checkpoint.signature,
    }


def _message(anchor: dict[str, Any]) -> bytes:
    signed = {name: anchor.get(name) for name in _SIGNED}
    return json.dumps(signed, sort_keys=True, separators=(",", ":")).encode()


def anchor_problem(anchor: dict[str, Any], keys: audit_keys.AuditKeys | None = None) -> str:
    """Why the chain does not hold this anchor unchanged, or "" if it does."""
    keys = keys or audit_keys.configured()
    if not isinstance(anchor, dict) or anchor.get("format") != FORMAT:
        return "it is not a Harbour audit checkpoint"
    sequence, rows, last_hash = anchor.get("sequence"), anchor.get("rows"), anchor.get("last_hash")
    if not (isinstance(sequence, int) and isinstance(rows, int) and isinstance(last_hash, str)):
        return "it is malformed"
    try:
        expected = audit_keys.sign(str(anchor.get("key_id")), _message(anchor), keys)
    except audit_keys.UnknownAuditKey:
        return f"it is signed with the audit key {anchor.get('key_id')!r}, which HARBOUR_AUDIT_KEYS does not hold"
    if expected != anchor.get("signature"):
        return "its signature does not match: the checkpoint was changed or not made by Harbour"
    if sequence == 0:
        return "" if last_hash == GENESIS_HASH else "it is malformed"
    stored = AuditEvent.objects.filter(id=sequence).values_list("hash", flat=True).first()
    if stored is None:
        return f"audit row {sequence} is gone: the chain was cut short or rewritten"
    if stored != last_hash:
        return f"audit row {sequence} has a different hash: the chain was rewritten up to it"
    present = AuditEvent.objects.filter(id__lte=sequence).count()
    if present != rows:
        return f"{present} audit rows lead up to row {sequence}, not the {rows} anchored"
    return ""


def take_checkpoint() -> AuditCheckpoint:
    """Verify the chain since the last checkpoint, then anchor its end (refused if broken)."""
    keys = audit_keys.configured()
    previous = AuditCheckpoint.objects.order_by("-id").first()
    after_id, after_hash = 0, GENESIS_HASH
    if previous is not None:
        problem = anchor_problem(exported(previous), keys)
        if problem:
            raise CheckpointError(f"The last checkpoint no longer holds ({problem}): no checkpoint taken.")
        after_id, after_hash = previous.event_id, previous.last_hash
    report = verify_chain(after_id=after_id, after_hash=after_hash)
    if not report.ok:
        raise CheckpointError(
            f"The audit chain is broken at row {report.first_bad_id} ({report.problem}): no checkpoint taken."
        )
    checkpoint = AuditCheckpoint(
        created_at=timezone.now(),
        event_id=report.last_id,
        last_hash=report.last_hash,
        rows=AuditEvent.objects.filter(id__lte=report.last_id).count(),
        key_id=keys.current,
    )
    checkpoint.signature = audit_keys.sign(keys.current, _message(exported(checkpoint)), keys)
    checkpoint.save()
    return checkpoint


def write_new(path: Path, anchor: dict[str, Any]) -> None:
    """Write one checkpoint to a new file, readable by its owner only."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise CheckpointError(f"{path} already exists: choose another name") from exc
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(json.dumps(anchor, indent=2) + "\n")


def append_to_anchor_file(anchor: dict[str, Any]) -> Path | None:
    """Add the checkpoint as a line of HARBOUR_AUDIT_ANCHOR_FILE (when set)."""
    name = getattr(settings, "HARBOUR_AUDIT_ANCHOR_FILE", "")
    if not name:
        return None
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as out:
        out.write(json.dumps(anchor, separators=(",", ":")) + "\n")
    return path


def read_anchors(path: Path) -> list[dict[str, Any]]:
    """The checkpoints in a file: one JSON object, or one per line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CheckpointError(f"Cannot read the checkpoint file {path}: {exc.strerror}") from exc
    try:
        whole = json.loads(text)
        anchors = whole if isinstance(whole, list) else [whole]
    except json.JSONDecodeError:
        try:
            anchors = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise CheckpointError(f"{path} is not a checkpoint file (JSON, or JSON lines)") from exc
    if not anchors:
        raise CheckpointError(f"{path} holds no checkpoint")
    return anchors


def stored_problems() -> list[tuple[AuditCheckpoint, str]]:
    """The checkpoints kept in the database that the chain no longer holds."""
    keys = audit_keys.configured()
    found = []
    for checkpoint in AuditCheckpoint.objects.order_by("id").iterator():
        problem = anchor_problem(exported(checkpoint), keys)
        if problem:
            found.append((checkpoint, problem))
    return found
