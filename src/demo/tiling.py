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
  beyond their keys go through Python, in batches (`HANDLERS`): people get new Harbour
  IDs, UPNs, former UPNs and NHS numbers (valid check characters, unique in the
  authority) and other names (each name of the cohort mapped to another of the same
  heritage and sex, consistently within a copy, so families keep one family name and
  search finds the copies by their own names); their search keys (`NameKey`) are made
  again from the new names (`DERIVED`). Staff get unique usernames and e-mail addresses,
  new Social Work England numbers and no usable password; teams unique names.
* Dates, codes and free text stay as they are, so every copy's returns are as valid as
  the cohort's. Addresses, and names written inside free text, are the cohort's.
* Afterwards the Harbour ID sequence is moved past the copies' IDs and PostgreSQL's
  sequences past the copied keys. The audit is not copied, so its chain still verifies.

A unique field or constraint the tiling cannot make distinct (one with no copied foreign
key and no handler) stops it before anything is written (`plan`).
"""

from __future__ import annotations

import math
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.contrib.auth.hashers import is_password_usable, make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from stdnum.gb import nhs, upn

from accounts.models import Team, User
from people.models import IdentifierSequence, Person, RecordType
from people.names import normalise, search_keys

from .accounts import SYSTEM_USERNAME
from .generator import large_sqlite_cache
from .identifiers import IdentifierIssuer

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
    "accounts.User": frozenset({"username"}),
    "accounts.Team": frozenset({"name"}),
}


class TilingError(Exception):
    """The database or the models cannot be tiled as they are."""


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


# --- The rows that change beyond their keys ----------------------------------------------------

Row = dict[str, Any]
_KEY = re.compile(r"^([a-z_][a-z0-9_]*\.[A-Za-z][A-Za-z0-9]*):(\d+)(.*)$", re.DOTALL)
_NUMBERED = re.compile(r"^(.*?)(\d+)$")


class Copier:
    """What the Python-side handlers share: offsets, identifier issuers and name maps."""

    def __init__(self, tables: list[Table], seed: int) -> None:
        self.offsets = {t.label: t.top for t in tables}
        self.seed = seed
        self.rng = random.Random(f"{seed}:tiling")
        self.issued = _identifiers_in_use()
        self._issuers: dict[str, IdentifierIssuer] = {}
        self.ids_per_copy = _la_child_id_sequence()
        self.names = NameMapper(seed)
        self.new_names: dict[int, list[tuple[str, str]]] = defaultdict(list)  # person id -> names
        self.taken_usernames = set(User.objects.values_list("username", flat=True))
        self.taken_teams = set(Team.objects.values_list("name", flat=True))

    def issuer(self, la_code: str) -> IdentifierIssuer:
        if la_code not in self._issuers:
            self._issuers[la_code] = IdentifierIssuer(self.rng, la_code, issued=self.issued)
        return self._issuers[la_code]

    def move_key(self, key: str, copy: int) -> str:
        match = _KEY.match(key or "")
        if not match or match.group(1) not in self.offsets:
            return key
        label, pk, rest = match.groups()
        return f"{label}:{int(pk) + copy * self.offsets[label]}{rest}"

    def new_upn(self, value: str) -> str:
        if not value or not upn.is_valid(value):
            return value
        compact = upn.compact(value)
        return self.issuer(compact[1:4]).upn(int(compact[8:10]))

    def new_nhs_number(self, value: str) -> str:
        if not value or not nhs.is_valid(value):
            return value
        return self.issuer("").nhs_number()

    def new_la_child_id(self, value: str, copy: int) -> str:
        match = _NUMBERED.match(value)
        if not match:
            raise TilingError(f"Harbour ID {value!r} does not end in a number")
        prefix, number = match.groups()
        return f"{prefix}{int(number) + copy * self.ids_per_copy:0{len(number)}d}"


def _identifiers_in_use() -> set[str]:
    issued: set[str] = set()
    for values in Person.objects.values_list("upn", "former_upn", "nhs_number").iterator():
        issued.update(v for v in values if v)
    issued.update(v for v in User.objects.values_list("swe_registration_number", flat=True) if v)
    return issued


def _la_child_id_sequence() -> int:
    last = IdentifierSequence.objects.filter(name="la_child_id").values_list("last_value", flat=True).first()
    if not last:
        raise TilingError("No Harbour IDs have been issued: generate a cohort first")
    return int(last)


class NameMapper:
    """Maps each name of the cohort to another of the same kind, differently in each copy.

    Names are grouped by the ethnicity most of their holders have (and, for given names,
    their sex and whether they are children, whose names are of another generation); a group with too few names joins its ethnicity's broad category, then
    everyone. Within a group each copy shuffles the names: a one-to-one map, so two
    people who share a name in the cohort share the new one in a copy."""

    MIN_GROUP = 8

    def __init__(self, seed: int) -> None:
        self.seed = seed
        family: dict[str, Counter[str]] = defaultdict(Counter)
        given: dict[str, Counter[tuple[str, str, str]]] = defaultdict(Counter)
        for given_name, middle, family_name, sex, ethnicity, record_type in Person.objects.values_list(
            "given_name", "middle_names", "family_name", "sex", "ethnicity", "record_type"
        ).iterator():
            family[family_name][ethnicity] += 1
            for name in [given_name, *middle.split()]:
                given[name][(ethnicity, sex, record_type)] += 1
        self.family_groups = self._groups({n: (c.most_common(1)[0][0],) for n, c in family.items() if n})
        self.given_groups = self._groups({n: c.most_common(1)[0][0] for n, c in given.items() if n})
        self._maps: dict[int, tuple[dict[str, str], dict[str, str]]] = {}

    @classmethod
    def _groups(cls, keyed: dict[str, tuple[str, ...]]) -> list[list[str]]:
        """Names grouped by (ethnicity[, sex]); small groups merged into broader ones."""

        def key(name: str, level: int) -> tuple[str, ...]:
            ethnicity, *rest = keyed[name]
            return ((ethnicity, *rest), (ethnicity[:1], *rest), tuple(rest), ())[level]

        pending = sorted(keyed)
        groups: list[list[str]] = []
        for level in range(4):
            buckets: dict[tuple[str, ...], list[str]] = defaultdict(list)
            for name in pending:
                buckets[key(name, level)].append(name)
            pending = []
            for names in buckets.values():
                if len(names) >= cls.MIN_GROUP or level == 3:
                    groups.append(names)
                else:
                    pending += names
        return groups

    def maps(self, copy: int) -> tuple[dict[str, str], dict[str, str]]:
        if copy not in self._maps:
            rng = random.Random(f"{self.seed}:tiling-names:{copy}")
            self._maps[copy] = (
                self._shuffled(self.given_groups, rng),
                self._shuffled(self.family_groups, rng),
            )
        return self._maps[copy]

    @staticmethod
    def _shuffled(groups: list[list[str]], rng: random.Random) -> dict[str, str]:
        mapping: dict[str, str] = {}
        for names in groups:
            shuffled = list(names)
            rng.shuffle(shuffled)
            mapping.update(zip(names, shuffled, strict=True))
        return mapping


def _person_rows(copier: Copier, rows: list[Row], copy: int) -> None:
    given, family = copier.names.maps(copy)
    for row in rows:
        row["la_child_id"] = copier.new_la_child_id(row["la_child_id"], copy)
        row["upn"] = copier.new_upn(row["upn"])
        row["former_upn"] = copier.new_upn(row["former_upn"])
        row["nhs_number"] = copier.new_nhs_number(row["nhs_number"])
        old_given = row["given_name"]
        row["given_name"] = given.get(old_given, old_given)
        row["middle_names"] = " ".join(given.get(n, n) for n in row["middle_names"].split())
        row["family_name"] = family.get(row["family_name"], row["family_name"])
        if row["preferred_name"]:
            row["preferred_name"] = given.get(row["preferred_name"], row["preferred_name"])
        row["given_name_norm"] = normalise(row["given_name"])
        row["family_name_norm"] = normalise(row["family_name"])
        names = copier.new_names[row["id"]]
        names.append((row["given_name"], row["family_name"]))
        if row["preferred_name"]:
            names.append((row["preferred_name"], row["family_name"]))


def _person_name_rows(copier: Copier, rows: list[Row], copy: int) -> None:
    given, family = copier.names.maps(copy)
    for row in rows:
        row["given_name"] = given.get(row["given_name"], row["given_name"])
        row["family_name"] = family.get(row["family_name"], row["family_name"])
        row["given_name_norm"] = normalise(row["given_name"])
        row["family_name_norm"] = normalise(row["family_name"])
        copier.new_names[row["person_id"]].append((row["given_name"], row["family_name"]))


def _user_rows(copier: Copier, rows: list[Row], copy: int) -> None:
    for row in rows:
        username = f"{row['username']}.{copy + 1}"
        if username in copier.taken_usernames:
            raise TilingError(f"The username {username} is taken: tile a freshly generated cohort only")
        copier.taken_usernames.add(username)
        row["username"] = username
        if "@" in row["email"]:
            local, domain = row["email"].rsplit("@", 1)
            row["email"] = f"{local}.{copy + 1}@{domain}"
        if is_password_usable(row["password"]):
            row["password"] = make_password(None)  # only the cohort's demo accounts sign in
        if row["swe_registration_number"]:
            row["swe_registration_number"] = copier.issuer("").swe_number()


def _team_rows(copier: Copier, rows: list[Row], copy: int) -> None:
    for row in rows:
        name = f"{row['name']} {copy + 1}"
        if name in copier.taken_teams:
            raise TilingError(f"The team name {name} is taken: tile a freshly generated cohort only")
        copier.taken_teams.add(name)
        row["name"] = name


def _name_keys(copier: Copier, table: Table, copy: int) -> int:
    """Search keys for the copied people, from their new names (`people.names.search_keys`)."""
    rows: list[Row] = []
    next_id = _next_id(table)  # a copy's names may have more keys than the cohort's
    for person_id, names in sorted(copier.new_names.items()):
        for part, key in search_keys(names):
            rows.append({"id": next_id, "person_id": person_id, "part": part, "key": key})
            next_id += 1
    copier.new_names.clear()
    _insert(table, rows)
    return len(rows)


def _next_id(table: Table) -> int:
    found = table.model._base_manager.aggregate(top=models.Max("pk"))["top"]
    return int(found or 0) + 1


HANDLERS: dict[str, Callable[[Copier, list[Row], int], None]] = {
    "people.Person": _person_rows,
    "people.PersonName": _person_name_rows,
    "accounts.User": _user_rows,
    "accounts.Team": _team_rows,
}
# Tables made from the copied rows instead of copied, after everything else in a copy.
DERIVED: dict[str, Callable[[Copier, Table, int], int]] = {"people.NameKey": _name_keys}


# --- Writing -----------------------------------------------------------------------------------


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
    copier = Copier(tables, seed)
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
                        written += DERIVED[table.label](copier, table, copy)
            if progress:
                progress(f"  copy {copy + 1} of {copies} written ({time.perf_counter() - began:.1f} s)")
    with transaction.atomic():
        _after(tables, copier, copies)
    return _summary(copies, written, time.perf_counter() - started)


def _top(table: Table) -> int:
    return int(table.model._base_manager.aggregate(top=models.Max("pk"))["top"] or 0)


def _after(tables: list[Table], copier: Copier, copies: int) -> None:
    """Harbour IDs and the database's own key sequences continue after the copies."""
    IdentifierSequence.objects.filter(name="la_child_id").update(last_value=copier.ids_per_copy * copies)
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
