"""Logical backup and restore of the whole database and its files (ADR 0008).

An archive is a zip file, encrypted with age to the authority's public keys
(`lifecycle.sealing`) and written mode 600, holding
- `data.jsonl`: one JSON object per row (Django's "python" serialisation, dates with full
  microsecond precision so every audit row's hash still verifies), models in dependency order;
  values encrypted at rest in the database (two-factor secrets) stay encrypted with the
  field keys (`core.encryption`);
- `files/<storage>/<name>`: the uploaded and generated files (`lifecycle.backup_files`);
- `manifest.json`: format version, when and from which database vendor, the migrations
  applied, the number of rows per model, the SHA-256 of `data.jsonl` and of each file, and the
  audit chain's last hash.
The manifest is authenticated with the rest: age's encryption is authenticated, and restore
decrypts the whole archive before it reads any of it. It is also signed (`manifest.sig`,
`lifecycle.signing`) with the installation's Ed25519 key, and the restore command accepts only
an archive signed by a key the authority trusts: age alone cannot tell who made an archive.

The same archive restores into SQLite or PostgreSQL, into a freshly migrated database
only (`restore` refuses a database that already has users or audit rows), and only if the
restored audit trail ends at the hash the manifest recorded.
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

from core.encryption import EncryptedTextField, FieldKeyError
from core.encryption import decrypt as decrypt_field
from core.encryption import encrypt as encrypt_field

from . import backup_files, sealing, signing

FORMAT = "harbour-backup/2"
EXCLUDED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
BATCH = 2000


# The signing keys whose signature restore accepts; None: not checked (the restore command
# always checks, unless told --allow-unsigned).
Trusted = list[signing.Ed25519PublicKey] | None


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class RestoreReport:
    rows: int
    per_model: dict[str, int]
    audit_rows: int
    audit_chain_ok: bool
    files: int = 0
    files_listed: int = 0
    # Harbour IDs of the records erased since the backup was taken, erased again (ADR 0010).
    erased_again: tuple[str, ...] = ()


def _models() -> list[type[Model]]:
    app_list = [(config, None) for config in apps.get_app_configs()]
    ordered = sort_dependencies(app_list, allow_cycles=True)
    return [
        m for m in ordered if m._meta.label_lower not in EXCLUDED and m._meta.managed and not m._meta.proxy
    ]


def _encrypted_fields(model: type[Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]


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
    encrypted = _encrypted_fields(model)
    last = None
    while True:
        page = queryset.filter(pk__gt=last) if last is not None else queryset
        batch = list(page[:BATCH])
        if not batch:
            return
        for row in serializers.serialize("python", batch):
            for name in encrypted:  # kept encrypted with the field keys inside the archive too
                if row["fields"][name] is not None:
                    row["fields"][name] = encrypt_field(row["fields"][name])
            yield row
        last = batch[-1].pk


def _applied_migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def _last_audit_hash() -> str:
    from audit.models import AuditEvent

    return AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or ""


def _write_data(archive: zipfile.ZipFile) -> tuple[dict[str, int], str]:
    digest = hashlib.sha256()
    counts: dict[str, int] = {}
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
    return counts, digest.hexdigest()


def write_backup(
    path: Path, recipients: list[str], signer: signing.Ed25519PrivateKey | None = None
) -> dict[str, Any]:
    """Write the archive at `path`, encrypted to the age `recipients` and its manifest signed by
    `signer` (the backup command always gives one); return the manifest."""
    try:
        keys = sealing.recipients_from(recipients)
    except sealing.SealingError as exc:
        raise BackupError(str(exc)) from exc
    if not keys:
        raise BackupError(
            "No key to encrypt the backup to: set HARBOUR_BACKUP_RECIPIENTS to the authority's age "
            "public key (age1...) or give --recipient. Harbour does not write unencrypted backups."
        )
    if path.exists():
        raise BackupError(f"{path} already exists: choose another name")
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with sealing.plain_workspace() as plain:
        with transaction.atomic():  # one consistent snapshot (repeatable on PostgreSQL below)
            if snapshot:  # the first statement of the transaction
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            with zipfile.ZipFile(plain, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
                counts, data_sha256 = _write_data(archive)
                try:
                    files = backup_files.write_files(archive)
                except backup_files.FilesError as exc:
                    raise BackupError(str(exc)) from exc
                manifest = {
                    "format": FORMAT,
                    "created_at": timezone.now().isoformat(),
                    "vendor": connection.vendor,
                    "migrations": _applied_migrations(),
                    "counts": counts,
                    "rows": sum(counts.values()),
                    "data_sha256": data_sha256,
                    "files": files,
                    "audit_last_hash": _last_audit_hash(),
                }
                manifest_bytes = json.dumps(manifest, indent=2).encode()
                archive.writestr("manifest.json", manifest_bytes)
                if signer is not None:
                    archive.writestr("manifest.sig", signing.sign(signer, manifest_bytes))
        try:
            sealing.seal(plain, path, keys)
        except sealing.SealingError as exc:
            raise BackupError(str(exc)) from exc
    return manifest


@contextmanager
def opened(path: Path, identities: list[Any]) -> Iterator[zipfile.ZipFile]:
    """The decrypted archive (authenticated as a whole before anything is read from it)."""
    if zipfile.is_zipfile(path):
        raise BackupError(
            f"{path} is an unencrypted archive from an earlier version of Harbour: take a new backup"
        )
    try:
        plain = sealing.unseal(path, identities)
    except sealing.SealingError as exc:
        raise BackupError(str(exc)) from exc
    with plain:
        try:
            archive = zipfile.ZipFile(plain)
        except zipfile.BadZipFile as exc:
            raise BackupError(f"{path} is not a Harbour backup archive") from exc
        with archive:
            yield archive


def _manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads(archive.read("manifest.json"))
    except (KeyError, json.JSONDecodeError) as exc:
        raise BackupError("The archive is not a Harbour backup archive") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}")
    return manifest


def _check_signature(archive: zipfile.ZipFile, trusted: Trusted) -> None:
    if trusted is None:  # the caller chose not to check who made the archive
        return
    names = set(archive.namelist())
    document = archive.read("manifest.sig") if "manifest.sig" in names else None
    data = archive.read("manifest.json") if "manifest.json" in names else b""
    try:
        signing.verify(document, data, trusted)
    except signing.SigningError as exc:
        raise BackupError(str(exc)) from exc


def _verified(archive: zipfile.ZipFile, trusted: Trusted) -> dict[str, Any]:
    """The manifest, after checking who signed it and the data and every file against it."""
    _check_signature(archive, trusted)
    manifest = _manifest(archive)
    digest = hashlib.sha256()
    with archive.open("data.jsonl") as raw:
        for line in raw:
            digest.update(line)
    if digest.hexdigest() != manifest["data_sha256"]:
        raise BackupError("The archive's data does not match its checksum: it is damaged or was changed")
    try:
        backup_files.verify_files(archive, manifest)
    except backup_files.FilesError as exc:
        raise BackupError(str(exc)) from exc
    return manifest


def verify_archive(path: Path, identities: list[Any], trusted: Trusted = None) -> dict[str, Any]:
    """Decrypt and check the archive without restoring it; return its manifest."""
    with opened(path, identities) as archive:
        return _verified(archive, trusted)


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
    try:
        backup_files.check_files_target(manifest)
    except backup_files.FilesError as exc:
        raise BackupError(str(exc)) from exc


def _flush_batch(model: type[Model], objects: list[Any], m2m: list[tuple[Any, dict[str, list[Any]]]]) -> None:
    model._base_manager.bulk_create(objects, batch_size=500)
    for obj, relations in m2m:
        for field_name, pks in relations.items():
            if pks:
                getattr(obj, field_name).set(pks)


def _opened_row(row: dict[str, Any], encrypted: dict[str, list[str]]) -> dict[str, Any]:
    for name in encrypted.get(row["model"], []):
        if row["fields"].get(name) is not None:
            try:
                row["fields"][name] = decrypt_field(row["fields"][name])
            except FieldKeyError as exc:
                raise BackupError(
                    "The archive's encrypted values (two-factor secrets) need the HARBOUR_FIELD_KEYS "
                    "of the installation that made it"
                ) from exc
    return row


def _load_rows(archive: zipfile.ZipFile, per_model: dict[str, int], touched: list[type[Model]]) -> None:
    """Insert the archive's rows, a model's rows in batches (archives are in model order)."""
    encrypted = {m._meta.label_lower: _encrypted_fields(m) for m in _models()}
    current: type[Model] | None = None
    objects: list[Any] = []
    m2m: list[tuple[Any, dict[str, list[Any]]]] = []
    with archive.open("data.jsonl") as raw:
        for line in io.TextIOWrapper(raw, encoding="utf-8"):
            row = _opened_row(json.loads(line), encrypted)
            for deserialized in serializers.deserialize("python", [row]):
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


def _check_restored(manifest: dict[str, Any], per_model: dict[str, int]) -> None:
    """Inside the restore's transaction: a mismatch undoes the whole restore."""
    if dict(per_model) != {k: v for k, v in manifest["counts"].items() if v}:
        raise BackupError("The number of rows restored does not match the backup's manifest")
    restored_last, recorded_last = _last_audit_hash(), manifest["audit_last_hash"]
    if restored_last != recorded_last:
        raise BackupError(
            f"The restored audit trail ends at hash {restored_last or '(none)'} but the backup's manifest "
            f"recorded {recorded_last or '(none)'}: audit rows are missing or were added. Nothing was restored."
        )


def restore_backup(path: Path, identities: list[Any], trusted: Trusted = None) -> RestoreReport:
    """Load a verified archive into an empty, migrated database; erase again the records the
    erasure register says were erased since (their rows in the same transaction, their files
    once the archive's files are back); verify the audit chain."""
    from audit.services import verify_chain

    from . import erasure_register
    from .erasure import delete_files
    from .services import erase_again

    try:
        erasures = erasure_register.read()
    except erasure_register.RegisterError as exc:
        raise BackupError(f"{exc}: nothing was restored") from exc
    with opened(path, identities) as archive:
        manifest = _verified(archive, trusted)
        _check_target(manifest)
        per_model: dict[str, int] = defaultdict(int)
        touched: list[type[Model]] = []
        with transaction.atomic(), connection.constraint_checks_disabled(), _keep_recorded_timestamps():
            for model in _models():  # rows a migration may have seeded are replaced by the backup's
                if manifest["counts"].get(model._meta.label_lower) and model._base_manager.exists():
                    model._base_manager.all().delete()
            _load_rows(archive, per_model, touched)
            connection.check_constraints()
            sequence_sql = connection.ops.sequence_reset_sql(no_style(), touched)
            if sequence_sql:
                with connection.cursor() as cursor:
                    for sql in sequence_sql:
                        cursor.execute(sql)
            _check_restored(manifest, per_model)
            erased, erased_files = erase_again(actor=None, erasures=erasures)
        try:
            files = backup_files.restore_files(archive, manifest)
        except backup_files.FilesError as exc:
            raise BackupError(str(exc)) from exc
        delete_files(erased_files)
    report = verify_chain()
    return RestoreReport(
        rows=sum(per_model.values()),
        per_model=dict(per_model),
        audit_rows=report.checked,
        audit_chain_ok=report.ok,
        files=files,
        files_listed=len(manifest["files"]),
        erased_again=tuple(e.harbour_id for e in erased),
    )
