"""A large synthetic authority in minutes: copy a generated cohort inside the database (ADR 0019).

Generating a child through every stage's services (`demo.generator.generate`) takes about
a tenth of a second, so 85,000 children with ten years of history would take hours.
`tile(copies)` instead copies the cohort already in the database `copies - 1` more times,
one copy per transaction, table by table, set-based:

* Which tables: every model of a Harbour app is copied unless `SHARED_MODELS` names it
  (reference and system rows: the audit, the returns' runs and findings, sign-in
  records ...); Django's and other packages' tables are shared. Worked out from the
  models' `_meta`, so a new model in a stage app is copied without anyone remembering.
  Staff and teams are copied too (a larger authority has more of them, and caseloads stay
  the cohort's), all but the rows in `SHARED_ROWS` (the generator's system account).
* Keys: copy k's primary keys are the cohort's plus k × the table's largest key, and each
  foreign key into a copied table moves by that table's offset (a reference to a shared
  row stays). Keys written into text (`KEY_FIELDS`, e.g. a chronology annotation's
  "workforce.Allocation:12") move the same way.
* Most tables are copied by one `INSERT … SELECT` per copy. The few whose rows must change
  beyond their keys go through Python, in batches (`HANDLERS` in `demo.tiling_rows`):
  people get new identifiers and names (each name of the cohort mapped to another of the
  same heritage and sex, consistently within a copy, so families keep one family name and
  search finds the copies by their own names), and their search keys (`NameKey`) are made
  again from the new names (`DERIVED`); staff get new usernames, teams new names.
* Dates, codes and free text stay as they are, so every copy's returns are as valid as
  the cohort's. Addresses, and names written inside free text, are the cohort's.
* Afterwards the Harbour ID sequence is moved past the copies' IDs and PostgreSQL's
  sequences past the copied keys, and the child population is multiplied by the copies.
  The audit is not copied, so its chain still verifies.

A unique field or constraint the tiling cannot make distinct (one with no copied foreign
key and no handler) stops it before anything is written (`plan`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import F

from accounts.models import Team, User
from people.models import IdentifierSequence, Person, RecordType
from performance.models import ChildPopulation, PopulationGroup

from .accounts import SYSTEM_USERNAME
from .generator import large_sqlite_cache
from .tiling_rows import DERIVED, HANDLERS, Copier, Row, TilingError

SRC = Path(__file__).resolve().parents[1]
SQLITE_CACHE_MIB = 512
PYTHON_BATCH = 2000

# Harbour models whose rows are not a cohort's: kept once, never copied (with the reason).
SHARED_MODELS: dict[str, str] = {
    "audit.AuditEvent": "what people did and saw; a copy is nobody's act, and the chain must still verify",
    "people.IdentifierSequence": "one sequence for the authority, moved past the copies' Harbour IDs",
    "returns.ExportRun": "a run of a return, not a child's record",
    "returns.ExportRunStatusChange": "belongs to an export run",
    "returns.ValidationRun": "a run of the validation, not a child's record",
    "returns.ValidationFinding": "made again by the next validation run",
    "returns.PendingRevalidation": "a queue of work, not a record",
    "returns.ValidatedInput": "made again by the next validation run",
    "accounts.SignInAttempt": "sign-in history of real accounts",
    "accounts.LockoutRelease": "sign-in history of real accounts",
    "accounts.TotpDevice": "two-factor secrets: the copies of staff cannot sign in",
    "accounts.RecoveryCode": "two-factor recovery codes: the copies of staff cannot sign in",
    "core.Draft": "a user's unsaved form, holding addresses of the cohort's pages",
    "core.Notification": "a message to a user, holding addresses of the cohort's pages",
    "quality.AuditTool": "the authority's audit tool: its sections and questions serve every copy",
    "quality.AuditSection": "part of the authority's audit tool",
    "quality.AuditQuestion": "part of the authority's audit tool",
    "quality.Standard": "the authority's supervision and oversight standards",
    "performance.ChildPopulation": "the authority's population, scaled by the copies afterwards",
    "performance.PopulationGroup": "the authority's population by group, scaled by the copies afterwards",
    "performance.Target": "the authority's local targets",
    "performance.LoadedComparator": "published England figures",
}


def _system_accounts() -> list[int]:
    return list(User.objects.filter(username=SYSTEM_USERNAME).values_list("pk", flat=True))


# Rows of copied models kept once and shared by every copy: the generator's own account.
SHARED_ROWS: dict[str, Callable[[], list[int]]] = {"accounts.User": _system_accounts}
# Text fields holding "app.Model:pk[:more]" keys of other rows.
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "casework.ChronologyAnnotation": ("source_key",),
    "casework.ChildView": ("informed_source_key",),
}
# Unique fields a handler makes distinct in each copy.
HANDLED_UNIQUE: dict[str, frozenset[str]] = {
    "people.Person": frozenset({"la_child_id"}),
    "accounts.User": frozenset({"username", "identity_provider_subject"}),
    "accounts.Team": frozenset({"name"}),
}


@dataclass
class Table:
    model: type[models.Model]
    label: str
    name: str
    pk: str  # the primary key's column
    fields: list[models.Field[Any, Any]]
    links: dict[str, str]  # foreign key column -> label of the copied model it points at
    top: int = 0  # the cohort's largest key: copy k adds k × top
    shared: list[int] = field(default_factory=list)  # keys of rows kept once


@dataclass(frozen=True)
class TileSummary:
    copies: int
    persons: int
    children: int
    staff: int
    teams: int
    rows: int  # rows written by the tiling
    seconds: float

    def lines(self) -> list[str]:
        return [
            f"Tiled the cohort into {self.copies} copies:",
            f"  persons      {self.persons:>9,} ({self.children:,} children and young people)",
            f"  teams        {self.teams:>9,}",
            f"  workers      {self.staff:>9,}",
            f"  rows copied  {self.rows:>9,}",
            f"  time         {self.seconds:>9.1f} s",
        ]


def harbour_models() -> list[type[models.Model]]:
    """Every concrete model of Harbour's own apps, many-to-many tables included."""
    found: list[type[models.Model]] = []
    for config in apps.get_app_configs():
        if Path(config.path).resolve().parent != SRC:
            continue
        for model in config.get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy:
                found.append(model)
    return found


def plan() -> list[Table]:
    """The tables a copy writes, or TilingError naming what the tiling cannot copy."""
    copied = {m._meta.label: m for m in harbour_models() if m._meta.label not in SHARED_MODELS}
    tables: list[Table] = []
    problems: list[str] = []
    for label, model in copied.items():
        meta = model._meta
        if not isinstance(meta.pk, models.AutoField | models.BigAutoField):
            problems.append(f"{label}: its primary key is not an automatic integer")
            continue
        links: dict[str, str] = {}
        for f in meta.concrete_fields:
            if not f.is_relation or f.related_model is None:
                continue
            target = f.related_model._meta  # type: ignore[union-attr]
            if f.target_field != target.pk:  # type: ignore[attr-defined]
                problems.append(f"{label}.{f.name}: points at a field other than the primary key")
            if target.label in copied:
                links[str(f.column)] = target.label
        tables.append(
            Table(
                model=model,
                label=label,
                name=meta.db_table,
                pk=str(meta.pk.column),
                fields=list(meta.concrete_fields),
                links=links,
            )
        )
        problems += _unique_problems(model, links)
    if problems:
        raise TilingError("Cannot tile: " + "; ".join(problems))
    return tables


def _unique_problems(model: type[models.Model], links: dict[str, str]) -> list[str]:
    meta = model._meta
    handled = HANDLED_UNIQUE.get(meta.label, frozenset())
    by_name = {f.name: f for f in meta.concrete_fields}

    def distinct(names: Iterable[str]) -> bool:
        return any(
            n == meta.pk.name or n in handled or (n in by_name and by_name[n].column in links) for n in names
        )

    groups: list[tuple[str, ...]] = [
        (f.name,) for f in meta.concrete_fields if f.unique and not f.primary_key
    ]
    groups += [tuple(names) for names in meta.unique_together]
    for constraint in meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            if constraint.expressions:
                groups.append((f"expressions of {constraint.name}",))  # never distinct: needs a handler
            else:
                groups.append(tuple(constraint.fields))
    return [
        f"{meta.label}: unique {', '.join(names)} would repeat in every copy (add a handler)"
        for names in groups
        if not distinct(names)
    ]


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _moved(
    table: Table, column: str, copy: int, offsets: dict[str, int], shared: dict[str, list[int]]
) -> str:
    """The SQL expression for `column` in copy `copy`."""
    col = _quote(column)
    if column == table.pk:
        return f"{col} + {copy * table.top}"
    target = table.links.get(column)
    if target is None:
        return col
    moved = f"{col} + {copy * offsets[target]}"
    if shared.get(target):
        kept = ", ".join(str(int(pk)) for pk in shared[target])
        return f"CASE WHEN {col} IN ({kept}) THEN {col} ELSE {moved} END"
    return moved


def _copy_in_sql(table: Table, copy: int, offsets: dict[str, int], shared: dict[str, list[int]]) -> int:
    columns = [str(f.column) for f in table.fields]
    select = ", ".join(_moved(table, c, copy, offsets, shared) for c in columns)
    where = f"{_quote(table.pk)} <= {int(table.top)}"
    if table.shared:
        where += f" AND {_quote(table.pk)} NOT IN ({', '.join(str(int(pk)) for pk in table.shared)})"
    # Only quoted names from the models' _meta and integers go into the statement.
    sql = (
        f"INSERT INTO {_quote(table.name)} ({', '.join(_quote(c) for c in columns)}) "  # noqa: S608
        f"SELECT {select} FROM {_quote(table.name)} WHERE {where}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return max(cursor.rowcount, 0)


def _cohort_rows(table: Table) -> Iterator[list[Row]]:
    """The cohort's rows of a handled table, as Python values, in batches."""
    names = [f.attname for f in table.fields]
    query = (
        table.model._base_manager.filter(pk__lte=table.top)
        .exclude(pk__in=table.shared)
        .order_by("pk")
        .values_list(*names)
    )
    batch: list[Row] = []
    for values in query.iterator(chunk_size=PYTHON_BATCH):
        batch.append(dict(zip(names, values, strict=True)))
        if len(batch) >= PYTHON_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _copy_in_python(
    copier: Copier, table: Table, copy: int, offsets: dict[str, int], shared: dict[str, list[int]]
) -> int:
    handler = HANDLERS.get(table.label)
    moves: dict[str, tuple[int, set[int]]] = {
        f.attname: (copy * offsets[table.links[f.column]], set(shared.get(table.links[f.column], ())))
        for f in table.fields
        if f.column in table.links
    }
    moves[table.model._meta.pk.attname] = (copy * table.top, set())
    keys = KEY_FIELDS.get(table.label, ())
    written = 0
    for rows in _cohort_rows(table):
        for row in rows:
            for name, (offset, kept) in moves.items():
                if row[name] is not None and row[name] not in kept:
                    row[name] += offset
            for name in keys:
                row[name] = copier.move_key(row[name], copy)
        if handler:
            handler(copier, rows, copy)
        _insert(table, rows)
        written += len(rows)
    return written


def _insert(table: Table, rows: list[Row]) -> None:
    if not rows:
        return
    fields = [f for f in table.fields if f.attname in rows[0]]
    sql = (
        f"INSERT INTO {_quote(table.name)} ({', '.join(_quote(str(f.column)) for f in fields)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    params = [[f.get_db_prep_save(row[f.attname], connection) for f in fields] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def tile(copies: int, *, seed: int, progress: Callable[[str], None] | None = None) -> TileSummary:
    """Make the cohort in the database `copies` times as large (see the module docstring)."""
    if copies < 1:
        raise TilingError("copies must be 1 or more")
    started = time.perf_counter()
    tables = plan()
    for table in tables:
        table.top = _top(table)
        table.shared = SHARED_ROWS[table.label]() if table.label in SHARED_ROWS else []
    if not any(t.top for t in tables if t.label == "people.Person"):
        raise TilingError("The database has no people to copy: generate a cohort first")
    offsets = {t.label: t.top for t in tables}
    shared = {t.label: t.shared for t in tables}
    copier = Copier(offsets, seed)
    written = 0
    with large_sqlite_cache(SQLITE_CACHE_MIB):
        for copy in range(1, copies):
            began = time.perf_counter()
            with transaction.atomic():
                for table in tables:
                    if not table.top or table.label in DERIVED:
                        continue
                    if table.label in HANDLERS or table.label in KEY_FIELDS:
                        written += _copy_in_python(copier, table, copy, offsets, shared)
                    else:
                        written += _copy_in_sql(table, copy, offsets, shared)
                for table in tables:
                    if table.label in DERIVED:
                        rows = DERIVED[table.label](copier, table.model, copy)
                        _insert(table, rows)
                        written += len(rows)
            if progress:
                progress(f"  copy {copy + 1} of {copies} written ({time.perf_counter() - began:.1f} s)")
    with transaction.atomic():
        _after(tables, copier, copies)
    return _summary(copies, written, time.perf_counter() - started)


def _top(table: Table) -> int:
    return int(table.model._base_manager.aggregate(top=models.Max("pk"))["top"] or 0)


def _after(tables: list[Table], copier: Copier, copies: int) -> None:
    """Harbour IDs and the database's own key sequences continue after the copies; the
    authority's child population grows with its children, so rates stay the cohort's."""
    IdentifierSequence.objects.filter(name="la_child_id").update(last_value=copier.ids_per_copy * copies)
    ChildPopulation.objects.update(population=F("population") * copies)
    PopulationGroup.objects.update(children=F("children") * copies)
    statements = connection.ops.sequence_reset_sql(no_style(), [t.model for t in tables])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            for table in tables:
                cursor.execute(f"ANALYZE {_quote(table.name)}")


def _summary(copies: int, rows: int, seconds: float) -> TileSummary:
    return TileSummary(
        copies=copies,
        persons=Person.objects.count(),
        children=Person.objects.filter(record_type=RecordType.CHILD).count(),
        staff=User.objects.count(),
        teams=Team.objects.count(),
        rows=rows,
        seconds=seconds,
    )


def copies_for(children: int, cohort: int) -> tuple[int, int]:
    """(copies, children in the cohort) to make about `children` from cohorts of at most `cohort`."""
    copies = max(1, math.ceil(children / cohort))
    return copies, math.ceil(children / copies)
