"""The erasure register: one line for each record erased under the retention rules, kept
outside the database so that a restore cannot take it back (ADR 0010).

A backup holds the records as they were when it was taken; restoring it brings back every
record erased since. The register says which: after loading the rows, `restore` erases
again each record the register names that the restore brought back
(`lifecycle.services.erase_again`), before anyone can open it.

Each line is a JSON object with no personal data: the record type, its key and Harbour ID,
when it was erased and the approval it was erased under (the deletion request). The file
is `HARBOUR_ERASURE_REGISTER` (default `var/erasure-register.jsonl`, beside the database
and outside the media root, so no backup holds it and no restore overwrites it), appended
to once the erasure has committed, readable by its owner only. Keep it with the
installation, and copy it to a new one before restoring there.
"""

import json
import logging
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


class RegisterError(Exception):
    pass


@dataclass(frozen=True)
class Erasure:
    record: str  # the model's label: "people.person"
    pk: int
    harbour_id: str
    erased_at: str  # ISO 8601, with the time zone
    approval: str  # the approval it was erased under: "deletion request 12"

    @property
    def when(self) -> datetime:
        return datetime.fromisoformat(self.erased_at)


def location() -> Path:
    return Path(settings.HARBOUR_ERASURE_REGISTER)


def note_on_commit(erasure: Erasure) -> None:
    """Add `erasure` to the register once the current transaction commits (never if it rolls
    back: a register line must mean the record is gone)."""
    transaction.on_commit(partial(_append_or_warn, erasure))


def _append_or_warn(erasure: Erasure) -> None:
    """The erasure has committed: a register that cannot be written must not turn it into an
    error page. Say so loudly, with the line to add by hand (identifiers only)."""
    try:
        append(erasure)
    except OSError as exc:
        logger.error(
            "the erasure register could not be written (%s): add this line to %s by hand: %s",
            type(exc).__name__,
            location(),
            json.dumps(asdict(erasure)),
        )


def append(erasure: Erasure) -> None:
    path = location()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(asdict(erasure), separators=(",", ":")) + "\n"
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as out:
        out.write(line)
        out.flush()
        os.fsync(out.fileno())


def read() -> list[Erasure]:
    """Every erasure in the register, oldest first (none if there is no register yet)."""
    path = location()
    if not path.exists():
        return []
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            found.append(Erasure(**json.loads(line)))
        except (TypeError, ValueError) as exc:
            raise RegisterError(f"Line {number} of the erasure register {path} cannot be read") from exc
    return found
