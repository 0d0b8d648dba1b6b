"""Statutory returns: export runs, validation of live data, re-validation of one child.

    request_export(actor, return_name, year=.. | as_of=..)   queue a build (a background task)
    run_export(run_id)                                         the task: build, validate, store
    request_validation(actor)                                  queue a full validation now
    validate_live_data(actor=None)                             CIN census + SSDA903, all children
    revalidate_children(person_ids)                            the same rules for some children
    queue_revalidation(person_ids)                             after a change: debounced task
    record_download(actor, run)                                audit a download of a built return

Builders are found through `returns.registry`; a missing one is reported, never guessed at.
Writes happen in short transactions of their own: a build can take a while and must not
hold the database while it reads. Nothing here logs or stores personal data: failures are
recorded as the kind of error and the stage it happened in.
"""

from __future__ import annotations

import io
import logging
import time
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission, require
from audit import services as auditor
from audit.models import AuditAction
from core.workflow import transition

from . import findings, incremental, registry
from .base import Finding, ReturnOutput, Severity
from .machines import ExportRunMachine
from .models import (
    ExportRun,
    ExportRunStatusChange,
    PendingRevalidation,
    RunStatus,
    ValidatedInput,
    ValidationRun,
)
from .queue import enqueue

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL_SECONDS = 0.5
# Beyond this many children changed in one transaction (a bulk load), re-validate everyone.
BULK_CHANGE_THRESHOLD = 200
ALL_KEY = "all"
# A waiting re-validation older than this is taken as lost (e.g. the queue was cleared) and queued again.
PENDING_STALE_AFTER = timedelta(hours=1)


# --- Export runs ---------------------------------------------------------------------------


def request_export(
    *, actor: User, return_name: str, year: int | None = None, as_of: date | None = None
) -> ExportRun:
    """Queue a build of a return for `year` (CIN census, SSDA903) or `as_of` (Annex A)."""
    require(actor, Permission.EXPORT_RETURNS)
    spec = registry.spec(return_name)
    if spec.parameter == "year" and not year:
        raise ValidationError({"year": "Enter the collection year"})
    if spec.parameter == "as_of" and as_of is None:
        raise ValidationError({"as_of": "Enter the date to draw the lists at"})
    if not registry.available(return_name):
        raise ValidationError(registry.missing_message(return_name))
    now = timezone.now()
    with transaction.atomic():
        run = ExportRun.objects.create(
            return_name=return_name,
            year=year if spec.parameter == "year" else None,
            as_of=as_of if spec.parameter == "as_of" else None,
            requested_by=actor,
            requested_at=now,
            status=RunStatus.QUEUED,
        )
        ExportRunStatusChange.objects.create(
            run=run, status=RunStatus.QUEUED, event="request", occurred_at=now, recorded_by=actor
        )
        auditor.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=run,
            summary=f"Requested the {spec.label} ({run.parameter_label})",
            changes={"return": return_name, "year": run.year, "as_of": run.as_of},
        )
        transaction.on_commit(
            lambda: enqueue("returns.tasks.run_export", run.pk, task_name=f"export-{run.pk}")
        )
    return run


def _move(run: ExportRun, event: str, *, reason: str = "", **fields: Any) -> None:
    """One step of the run's workflow, with its history row and audit, in its own transaction."""
    with transaction.atomic():
        locked = ExportRun.objects.select_for_update().get(pk=run.pk)
        for name, value in fields.items():
            setattr(locked, name, value)
        if fields:
            locked.save(update_fields=list(fields))
        transition(
            locked,
            event,
            machine_cls=ExportRunMachine,
            history_model=ExportRunStatusChange,
            history_fk="run",
            actor=locked.requested_by,
            reason=reason,
            summary=f"Return export {locked.pk}: {event}",
        )
    run.refresh_from_db()


class _ProgressWriter:
    """The builder's progress callback: writes done/total/stage to the run, at most twice a second."""

    def __init__(self, run_id: int, weight: tuple[int, int] = (0, 1)) -> None:
        self.run_id = run_id
        self.last = 0.0
        self.stage = ""
        self.part, self.parts = weight

    def __call__(self, done: int, total: int, stage: str) -> None:
        moment = time.monotonic()
        if stage == self.stage and moment - self.last < PROGRESS_INTERVAL_SECONDS and done < total:
            return
        self.last, self.stage = moment, stage
        scale = 1000
        overall_total = scale * self.parts
        overall_done = scale * self.part + (scale * done // total if total else 0)
        ExportRun.objects.filter(pk=self.run_id).update(
            progress_done=min(overall_done, overall_total),
            progress_total=overall_total,
            progress_stage=stage[:80],
        )


def _file_for(output: ReturnOutput, run: ExportRun) -> tuple[str, bytes]:
    """The one file a run offers for download: the return's file, or a zip of its files."""
    if len(output.files) == 1:
        name, content = next(iter(output.files.items()))
        return name, content
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(output.files.items()):
            archive.writestr(name, content)
    label = run.year or (run.as_of.isoformat() if run.as_of else "")
    return f"{run.return_name}_{label}.zip", buffer.getvalue()


def _severity_counts(found: Iterable[Finding]) -> dict[str, int]:
    counts = {str(s): 0 for s in Severity}
    for finding in found:
        counts[str(finding.severity)] = counts.get(str(finding.severity), 0) + 1
    return counts


def run_export(run_id: int) -> ExportRun:
    """The background task: build the return with progress, validate it, store its file."""
    run = ExportRun.objects.select_related("requested_by").get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return run  # already taken (a retried task)
    _move(run, "start", started_at=timezone.now(), progress_stage="Starting")
    stage = "checking permission"
    try:
        require(run.requested_by, Permission.EXPORT_RETURNS)
        impl = registry.implementation(run.return_name)
        if impl is None:
            raise LookupError("builder not available")
        spec = registry.spec(run.return_name)
        validate = impl.validate if spec.validated and run.year is not None else None
        stage = "building"
        progress = _ProgressWriter(run.pk, (0, 2 if validate is not None else 1))
        if spec.parameter == "year":
            output = impl.build(run.year, progress=progress)
        else:
            output = impl.build(run.as_of, progress=progress)
        counts: dict[str, Any] = {
            "rows": {name: len(table.rows) for name, table in output.tables.items()},
            "gaps": len(output.gaps),
        }
        if validate is not None and run.year is not None:
            stage = "validating"
            progress = _ProgressWriter(run.pk, (1, 2))
            progress(0, 1, "Checking the DfE's validation rules")
            found = validate(output, run.year)
            counts["findings"] = _severity_counts(found)
            if run.year == registry.collection_year(timezone.localdate()):
                with transaction.atomic():
                    findings.sync(run.return_name, found, output.gaps, now=timezone.now())
        stage = "storing the file"
        name, content = _file_for(output, run)
        path = storages["returns"].save(f"{run.return_name}/{run.pk}/{name}", ContentFile(content))
    except Exception as exc:  # noqa: BLE001 - any failure is the run's, recorded without its message
        logger.warning("return export %s failed while %s: %s", run.pk, stage, type(exc).__name__)
        error = f"Failed while {stage} ({type(exc).__name__})."
        if isinstance(exc, LookupError):
            error = registry.missing_message(run.return_name)
        elif stage == "checking permission":
            error = "The person who asked for this export may no longer export returns."
        _move(run, "fail", reason=error, error=error[:300], finished_at=timezone.now())
        return run
    _move(
        run,
        "succeed",
        finished_at=timezone.now(),
        counts=counts,
        file_name=name,
        file_path=path,
        file_size=len(content),
        progress_done=1,
        progress_total=1,
        progress_stage="Finished",
    )
    return run


def _read_file(run: ExportRun) -> bytes:
    with storages["returns"].open(run.file_path, "rb") as handle:
        return handle.read()  # type: ignore[no-any-return]


def record_download(*, actor: User, run: ExportRun) -> bytes:
    """A user downloads a finished return: checked and audited (the file holds children's data)."""
    require(actor, Permission.EXPORT_RETURNS)
    if run.status != RunStatus.SUCCEEDED or not run.file_path:
        raise ValidationError("This return has no file to download")
    content = _read_file(run)
    with transaction.atomic():
        auditor.record(
            actor=actor,
            action=AuditAction.EXPORT,
            obj=run,
            summary=f"Downloaded {run.file_name}",
            changes={"return": run.return_name, "bytes": len(content)},
        )
    return content


# --- Validation of live data ---------------------------------------------------------------


def request_validation(*, actor: User) -> None:
    """Queue a full validation of live data now (a performance analyst's "check everything")."""
    require(actor, Permission.EXPORT_RETURNS)
    with transaction.atomic():
        auditor.record(
            actor=actor, action=AuditAction.CREATE, summary="Asked for a full validation of live data"
        )
        _queue_once(ALL_KEY, "returns.tasks.validate_live_data", actor.pk)


@dataclass
class _Validated:
    """One return validated: its findings, the rules that ran (None: all of them), and the
    fingerprints of the children's rows they were worked out from (None: not kept)."""

    found: list[Finding]
    output: ReturnOutput
    rules: frozenset[str] | None = None
    prints: dict[int, incremental.Fingerprints] | None = None
    rules_run: int | str = "all"  # how many rules ran, for the counts


def _validate_all(name: str, year: int) -> _Validated | None:
    """Every child: all the rules, and the fingerprints of every child's rows."""
    impl = registry.implementation(name)
    if impl is None or impl.validate is None:
        return None
    output = impl.build(year)
    if impl.validation_input is None:
        return _Validated(impl.validate(output, year), output)
    given = impl.validation_input(output, year)
    found = impl.validate(output, year, **given.options)
    return _Validated(found, output, prints=incremental.fingerprints(given.tables))


def _validate_children(name: str, year: int, ids: list[int]) -> _Validated | None:
    """Some children (after an edit): only the rules that read a table in which their rows
    have changed since their findings were last worked out (ADR 0023)."""
    impl = registry.implementation(name)
    if impl is None or impl.validate is None:
        return None
    output = impl.build(year, person_ids=ids)
    if not _has_rows_of(output, ids):
        return _Validated([], output, prints={}, rules_run=0)  # not in this return: nothing to find or keep
    if impl.validation_input is None or impl.rules_reading is None:
        return _Validated(impl.validate(output, year, children_only=True), output)
    given = impl.validation_input(output, year)
    prints = incremental.fingerprints(given.tables, ids)
    stored = dict(
        ValidatedInput.objects.filter(return_name=name, year=year, person_id__in=ids).values_list(
            "person_id", "fingerprints"
        )
    )
    changed: frozenset[str] | None = frozenset()
    for pk in ids:
        tables = incremental.changed(stored.get(pk), prints[pk])
        changed = None if tables is None or changed is None else changed | tables
    rules = impl.rules_reading(year, changed)
    found = impl.validate(output, year, children_only=True, rules=rules, **given.options) if rules else []
    return _Validated(found, output, rules=rules, prints=prints, rules_run=len(rules))


def _keep_inputs(
    name: str, year: int, prints: dict[int, incremental.Fingerprints], ids: list[int] | None
) -> None:
    """Store the fingerprints the findings were worked out from (for `ids`, or everyone)."""
    stored = ValidatedInput.objects.filter(return_name=name)
    stored = stored if ids is None else stored.filter(person_id__in=ids)
    stored.delete()
    now = timezone.now()
    ValidatedInput.objects.bulk_create(
        [
            ValidatedInput(return_name=name, year=year, person_id=pk, fingerprints=fp, validated_at=now)
            for pk, fp in prints.items()
        ],
        batch_size=1000,
    )


def _has_rows_of(output: ReturnOutput, person_ids: list[int]) -> bool:
    """Whether any row of the return is one of these children's. A finding on a child is
    always on one of their rows (this year's or, for SSDA903, last year's, which is built only
    for the children in this year's return), so a child with none has no finding here."""
    wanted = set(person_ids)
    return any(s.person_id in wanted for table in output.tables.values() for s in table.sources)


def validate_live_data(*, actor: User | None = None, year: int | None = None) -> ValidationRun:
    """Run the DfE's rules over every child for the collection year in progress (default) and
    keep the stored findings current. `actor` None is the nightly schedule."""
    if actor is not None:
        require(actor, Permission.EXPORT_RETURNS)
    PendingRevalidation.objects.filter(key=ALL_KEY).delete()
    year = year or registry.collection_year(timezone.localdate())
    run = ValidationRun.objects.create(year=year, requested_by=actor, started_at=timezone.now())
    counts: dict[str, Any] = {}
    try:
        for name in registry.VALIDATED:
            started = time.perf_counter()
            result = _validate_all(name, year)
            if result is None:
                counts[name] = {"available": False}
                continue
            found, output = result.found, result.output
            with transaction.atomic():
                synced = findings.sync(name, found, output.gaps, now=timezone.now())
                _keep_inputs(name, year, result.prints or {}, None)
            counts[name] = {
                "available": True,
                "findings": _severity_counts(found),
                "gaps": len(output.gaps),
                "seconds": round(time.perf_counter() - started, 2),
                **synced.as_dict(),
            }
    except Exception as exc:  # noqa: BLE001 - recorded on the run without its message
        logger.warning("validation run %s failed: %s", run.pk, type(exc).__name__)
        run.status, run.error = RunStatus.FAILED, f"Failed ({type(exc).__name__})."
    else:
        run.status = RunStatus.SUCCEEDED
    run.finished_at, run.counts = timezone.now(), counts
    with transaction.atomic():
        run.save(update_fields=["status", "error", "finished_at", "counts"])
        auditor.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=run,
            summary=f"Validation of live data for {year - 1} to {year}: {run.get_status_display().lower()}",
            changes={"status": run.status},
        )
    return run


def revalidate_children(person_ids: Iterable[int], *, year: int | None = None) -> dict[str, Any]:
    """Run the rules for these children only and refresh their findings (after an edit)."""
    ids = sorted(set(person_ids))
    PendingRevalidation.objects.filter(key__in=[f"person:{pk}" for pk in ids]).delete()
    if not ids:
        return {}
    year = year or registry.collection_year(timezone.localdate())
    counts: dict[str, Any] = {}
    for name in registry.VALIDATED:
        result = _validate_children(name, year, ids)
        if result is None:
            continue
        with transaction.atomic():
            if result.rules is None or result.rules:
                synced = findings.sync(
                    name,
                    result.found,
                    result.output.gaps,
                    now=timezone.now(),
                    person_ids=ids,
                    rules=result.rules,
                )
            else:
                synced = findings.SyncCounts(0, 0, 0, 0)
            if result.prints is not None:
                _keep_inputs(name, year, result.prints, ids)
        counts[name] = synced.as_dict() | {"rules": result.rules_run}
    return counts


def _queue_once(key: str, func: str, *args: Any) -> bool:
    """Enqueue `func` unless the same work is already waiting (see PendingRevalidation)."""
    PendingRevalidation.objects.filter(
        key=key, requested_at__lt=timezone.now() - PENDING_STALE_AFTER
    ).delete()
    _, created = PendingRevalidation.objects.get_or_create(key=key, defaults={"requested_at": timezone.now()})
    if created:
        transaction.on_commit(lambda: enqueue(func, *args, task_name=f"revalidate-{key}"))
    return created


def queue_revalidation(person_ids: Iterable[int]) -> None:
    """After children's records changed: re-validate them in the background, once each even
    if they change again before the worker gets to it. A bulk change re-validates everyone."""
    if not settings.HARBOUR_REVALIDATE_ON_CHANGE:
        return
    ids = sorted(set(person_ids))
    if not ids:
        return
    with transaction.atomic():
        if len(ids) > BULK_CHANGE_THRESHOLD or PendingRevalidation.objects.filter(key=ALL_KEY).exists():
            _queue_once(ALL_KEY, "returns.tasks.validate_live_data", None)
            return
        keys = {f"person:{pk}": pk for pk in ids}
        stale = timezone.now() - PENDING_STALE_AFTER
        PendingRevalidation.objects.filter(key__in=keys, requested_at__lt=stale).delete()
        waiting = set(PendingRevalidation.objects.filter(key__in=keys).values_list("key", flat=True))
        fresh = [pk for key, pk in keys.items() if key not in waiting]
        if not fresh:
            return
        now = timezone.now()
        PendingRevalidation.objects.bulk_create(
            [PendingRevalidation(key=f"person:{pk}", requested_at=now) for pk in fresh], ignore_conflicts=True
        )
        transaction.on_commit(lambda: enqueue("returns.tasks.revalidate_children", fresh))
