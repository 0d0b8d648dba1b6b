"""Logical backup and restore of the whole database (ADR 0008).

An archive is a zip file holding
- `data.jsonl`: one JSON object per row (Django's "python" serialisation, dates with full
  microsecond precision so every audit row's hash still verifies), models in dependency order;
- `manifest.json`: format version, when and from which database vendor, the migrations
  applied, the number of rows per model, the SHA-256 of `data.jsonl`, and the audit chain's
  last hash.
A `<archive>.sha256` file beside it lets operators check the archive before copying it.

The same archive restores into SQLite or PostgreSQL, into a freshly migrated database
only (`restore` refuses a database that already has users or audit rows).
"""

import hashlib
import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers import sort_dependencies
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.utils import timezone

FORMAT = "harbour-backup/1"
EXCLUDED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
BATCH = 2000


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class RestoreReport:
    rows: int
    per_model: dict[str, int]
    audit_rows: int
    audit_chain_ok: bool


def _models() -> list[type[Model]]:
    app_list = [(config, None) for config in apps.get_app_configs()]
    ordered = sort_dependencies(app_list, allow_cycles=True)
    return [
        m for m in ordered if m._meta.label_lower not in EXCLUDED and m._meta.managed and not m._meta.proxy
    ]


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()  # full microseconds (DjangoJSONEncoder would cut them)
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    raise TypeError(f"Cannot back up a value of type {type(value).__name__}")


def _rows(model: type[Model]) -> Iterator[dict[str, Any]]:
    queryset = model._base_manager.order_by("pk")
    last = None
    while True:
        page = queryset.filter(pk__gt=last) if last is not None else queryset
        batch = list(page[:BATCH])
        if not batch:
            return
        yield from serializers.serialize("python", batch)
        last = batch[-1].pk


def _applied_migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def write_backup(path: Path) -> dict[str, Any]:
    """Write the archive at `path`; return its manifest."""
    from audit.models import AuditEvent

    digest = hashlib.sha256()
    counts: dict[str, int] = {}
    path.parent.mkdir(parents=True, exist_ok=True)
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with (
        transaction.atomic(),  # one consistent snapshot (repeatable on PostgreSQL below)
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive,
    ):
        if snapshot:  # the first statement of the transaction
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        with archive.open("data.jsonl", "w", force_zip64=True) as raw:
            out = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
            for model in _models():
                n = 0
                for row in _rows(model):
                    line = json.dumps(row, default=_default, ensure_ascii=False, separators=(",", ":")) + "\n"
                    digest.update(line.encode())
                    out.write(line)
                    n += 1
                counts[model._meta.label_lower] = n
            out.flush()
            out.detach()
        last_hash = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or ""
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "migrations": _applied_migrations(),
            "counts": counts,
            "rows": sum(counts.values()),
            "data_sha256": digest.hexdigest(),
            "audit_last_hash": last_hash,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    Path(f"{path}.sha256").write_text(f"{file_sha256(path)}  {path.name}\n")
    return manifest


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        with zipfile.ZipFile(path) as archive:
            manifest: dict[str, Any] = json.loads(archive.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError) as exc:
        raise BackupError(f"{path} is not a Harbour backup archive") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}")
    return manifest


def verify_archive(path: Path) -> dict[str, Any]:
    """Check the sidecar checksum (if present) and the data checksum in the manifest."""
    sidecar = Path(f"{path}.sha256")
    if sidecar.exists() and sidecar.read_text().split()[0] != file_sha256(path):
        raise BackupError("The archive does not match its .sha256 file: it is damaged or was changed")
    manifest = read_manifest(path)
    digest = hashlib.sha256()
    with zipfile.ZipFile(path) as archive, archive.open("data.jsonl") as raw:
        for line in raw:
            digest.update(line)
    if digest.hexdigest() != manifest["data_sha256"]:
        raise BackupError("The archive's data does not match its checksum: it is damaged or was changed")
    return manifest


def _check_target(manifest: dict[str, Any]) -> None:
    from accounts.models import User
    from audit.models import AuditEvent

    if User.objects.exists() or AuditEvent.objects.exists():
        raise BackupError(
            "The database is not empty (it has users or audit rows). Restore into a new, migrated database."
        )
    here = {tuple(m) for m in _applied_migrations()}
    missing = {tuple(m) for m in manifest["migrations"]} - here
    if missing:
        names = ", ".join(f"{a}.{n}" for a, n in sorted(missing)[:5])
        raise BackupError(f"The backup was taken with migrations this database has not applied: {names}")


def _flush_batch(model: type[Model], objects: list[Any], m2m: list[tuple[Any, dict[str, list[Any]]]]) -> None:
    model._base_manager.bulk_create(objects, batch_size=500)
    for obj, relations in m2m:
        for field_name, pks in relations.items():
            if pks:
                getattr(obj, field_name).set(pks)


def _load_rows(path: Path, per_model: dict[str, int], touched: list[type[Model]]) -> None:
    """Insert the archive's rows, a model's rows in batches (archives are in model order)."""
    current: type[Model] | None = None
    objects: list[Any] = []
    m2m: list[tuple[Any, dict[str, list[Any]]]] = []
    with zipfile.ZipFile(path) as archive, archive.open("data.jsonl") as raw:
        for line in io.TextIOWrapper(raw, encoding="utf-8"):
            for deserialized in serializers.deserialize("python", [json.loads(line)]):
                model = type(deserialized.object)
                if model is not current or len(objects) >= BATCH:
                    if current is not None:
                        _flush_batch(current, objects, m2m)
                    if model not in touched:
                        touched.append(model)
                    current, objects, m2m = model, [], []
                objects.append(deserialized.object)
                if deserialized.m2m_data:
                    m2m.append((deserialized.object, dict(deserialized.m2m_data)))  # type: ignore[arg-type]
                per_model[model._meta.label_lower] += 1
    if current is not None:
        _flush_batch(current, objects, m2m)


@contextmanager
def _keep_recorded_timestamps() -> Iterator[None]:
    """bulk_create would stamp auto_now/auto_now_add fields with the restore time."""
    changed = []
    for model in _models():
        for field in model._meta.concrete_fields:
            flags = (getattr(field, "auto_now", False), getattr(field, "auto_now_add", False))
            if any(flags):
                changed.append((field, flags))
                field.auto_now = field.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for field, (now, now_add) in changed:
            field.auto_now, field.auto_now_add = now, now_add  # type: ignore[attr-defined]


def restore_backup(path: Path) -> RestoreReport:
    """Load a verified archive into an empty, migrated database; verify the audit chain."""
    from audit.services import verify_chain

    manifest = verify_archive(path)
    _check_target(manifest)
    per_model: dict[str, int] = defaultdict(int)
    touched: list[type[Model]] = []
    with transaction.atomic(), connection.constraint_checks_disabled(), _keep_recorded_timestamps():
        for model in _models():  # rows a migration may have seeded are replaced by the backup's
            if manifest["counts"].get(model._meta.label_lower) and model._base_manager.exists():
                model._base_manager.all().delete()
        _load_rows(path, per_model, touched)
        connection.check_constraints()
        sequence_sql = connection.ops.sequence_reset_sql(no_style(), touched)
        if sequence_sql:
            with connection.cursor() as cursor:
                for sql in sequence_sql:
                    cursor.execute(sql)
    if dict(per_model) != {k: v for k, v in manifest["counts"].items() if v}:
        raise BackupError("The number of rows restored does not match the backup's manifest")
    report = verify_chain()
    return RestoreReport(
        rows=sum(per_model.values()),
        per_model=dict(per_model),
        audit_rows=report.checked,
        audit_chain_ok=report.ok,
    )
