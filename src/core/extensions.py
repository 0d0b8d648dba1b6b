"""How each stage's app plugs into shared pages without editing them (ADR 0026).

An installed app may provide any of these modules; core discovers them in INSTALLED_APPS
order, so adding a stage never means editing another app's code. Each has a typed contract:

- `<app>/navigation.py`: `ITEMS: list[NavItem]`, links in the service navigation.
- `<app>/panels.py`: `PANELS: list[PanelBuilder]`, each a section of the person's page
  (e.g. "Child protection", "Children in care"); optionally `PREFETCH: list[str]`, the
  person's relations its panels read (`person.referrals.all()`): loaded once for all panels
  before they are built, so two stages reading the same rows cost one query; and optionally
  `HOLDS: list[type[Model]]`, the record types (models with a `person` foreign key) its
  panels list: which of them the person has any rows of is read for every panel in one
  query before they are built, and a panel asks `holds(person, Model)` (or uses `listed`,
  `first_of`) before querying one, so a stage the child never reached costs no query.
- `<app>/worklist.py`: `items: worklist.Provider`, the due and overdue work of these
  children; optionally `open_work_person_ids: worklist.OpenWork` (see core.worklist).
- `<app>/episode_guards.py`: `open_work: EpisodeGuard`, the work this stage still has open
  on a child-in-need episode (closing the episode is refused while any is open).
- `<app>/visit_checks.py`: `refusals: VisitCheck`, why this stage refuses a visit of a kind
  on a date (a child protection visit for a child with no child protection plan then), by
  form field; casework's `record_visit` asks every stage before it records one.
- `<app>/workload.py`: `caseloads: CaseloadWeigher`, each worker's caseload weighed against
  the authority's thresholds (the team page shows it beside the workers it lists).
- `<app>/summary.py`: `facts: SummaryFacts`, the stage's lines of the summary at the top of
  every page of a child's record (legal status, plan status, the stage's next statutory
  dates); optionally `HOLDS`, as a panel module's: the types are read in the same one query.
- `<app>/on_change.py`: `record_changed: ChangeListener`, told after a transaction that
  changed these people's records has committed: a service that changes a child's record
  says so with `changed(person)` (below), beside its audit. It must be quick: queue
  background work, do not do it.

The chronology's sources (`<app>/chronology.py`) and document generators
(`<app>/documents.py`) are plug-in points of casework, found with `app_modules` too; their
contracts are casework's (`casework.chronology`, `casework.documents`).
"""

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Protocol, TypeVar

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Model, QuerySet, prefetch_related_objects

if TYPE_CHECKING:
    from datetime import date
    from decimal import Decimal

    from accounts.models import User
    from frontdoor.models import Referral
    from people.models import Person

M = TypeVar("M", bound=Model)


@cache
def app_modules(module_name: str) -> tuple[ModuleType, ...]:
    """The `<app>.<module_name>` modules of installed apps, in INSTALLED_APPS order (core's
    own modules of those names, such as `core.worklist`, define the points, not plug into them)."""
    found = []
    for config in apps.get_app_configs():
        if config.name == "core":
            continue
        try:
            found.append(import_module(f"{config.name}.{module_name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{module_name}":
                raise
    return tuple(found)


@dataclass(frozen=True)
class NavItem:
    """A link in the service navigation, shown to holders of `permission` (a Permission value)."""

    key: str
    text: str
    url_name: str
    permission: str
    order: int = 100


@dataclass(frozen=True)
class Panel:
    """A section of the person page: a heading, a template and its context."""

    title: str
    template: str
    context: Mapping[str, object] = field(default_factory=dict)
    order: int = 100
    anchor: str = ""
    # The page of the child's record it is on: "" for Work and plans, OVERSIGHT for the
    # managers' and auditors' page (supervision, decisions, audits, data quality).
    section: str = ""


OVERSIGHT = "oversight"


class PanelBuilder(Protocol):
    """A section of the person's page for this user, or None when it has nothing to show."""

    def __call__(self, person: "Person", user: "User") -> Panel | None: ...


@dataclass(frozen=True)
class SummaryFact:
    """A line of the summary at the top of every page of a child's record: a status ("Legal
    status": "Full care order (C2)") or, with `due`, a statutory date ("Looked-after review")."""

    label: str
    text: str = ""
    due: "date | None" = None
    link: str = ""
    order: int = 100


class SummaryFacts(Protocol):
    """The stage's lines of the child's summary for this user, in a query or two (use `holds`
    first: a stage the child never reached costs none)."""

    def __call__(self, person: "Person", user: "User", today: "date") -> list[SummaryFact]: ...


class EpisodeGuard(Protocol):
    """The work a stage still has open on a child-in-need episode, each as a phrase for the
    refusal to close it ("a child in need plan"); empty when there is none."""

    def __call__(self, referral: "Referral") -> list[str]: ...


class VisitCheck(Protocol):
    """Why a visit of this kind on this day cannot be recorded, by form field ({} if it can)."""

    def __call__(self, person: "Person", kind: str, visited_on: "date") -> dict[str, str]: ...


class WeightedLoad(Protocol):
    """A worker's caseload weighed by the kinds of work it holds, against the thresholds that
    apply to them (lower for a newly qualified worker's protected caseload)."""

    @property
    def worker(self) -> "User": ...
    @property
    def children(self) -> int: ...
    @property
    def weighted(self) -> "Decimal": ...
    @property
    def amber(self) -> "Decimal": ...
    @property
    def red(self) -> "Decimal": ...
    @property
    def rag(self) -> str: ...  # "green", "amber" or "red"
    @property
    def protected(self) -> bool: ...


class CaseloadWeigher(Protocol):
    """These workers' caseloads on a day, weighed (in a few queries, never one per worker)."""

    def __call__(self, workers: Iterable["User"], on: "date") -> Sequence[WeightedLoad]: ...


class ChangeListener(Protocol):
    """Told, after commit, whose records changed; quick (queue work, do not do it)."""

    def __call__(self, person_ids: frozenset[int]) -> None: ...


def nav_items() -> list[NavItem]:
    items: list[NavItem] = [item for module in app_modules("navigation") for item in module.ITEMS]
    return sorted(items, key=lambda i: i.order)


def person_panels(person: "Person", user: "User") -> list[Panel]:
    """Every stage's sections of the person's page that this user may see, in order."""
    modules = app_modules("panels")
    shared = sorted({lookup for module in modules for lookup in getattr(module, "PREFETCH", ())})
    if shared:
        prefetch_related_objects([person], *shared)
    read_held(person)
    builders: list[PanelBuilder] = [build for module in modules for build in module.PANELS]
    panels = [panel for build in builders if (panel := build(person, user)) is not None]
    return sorted(panels, key=lambda p: p.order)


def summary_facts(person: "Person", user: "User", today: "date") -> list[SummaryFact]:
    """Every stage's lines of the child's summary (`summary.facts`), in order."""
    read_held(person)
    sources: list[SummaryFacts] = [module.facts for module in app_modules("summary")]
    return sorted((fact for facts in sources for fact in facts(person, user, today)), key=lambda f: f.order)


def read_held(person: "Person") -> None:
    """Read once, for the panels and the summary together, which of their declared record
    types the person has any rows of (a page asks again only for a fresh person object)."""
    types = _held_types()
    if types and getattr(person, "_held_records", None) is None:
        person._held_records = records_held(person.pk, types)  # type: ignore[attr-defined]


@cache
def _held_types() -> tuple[type[Model], ...]:
    """Every panel and summary module's `HOLDS`, once each, in a fixed order."""
    modules = (*app_modules("panels"), *app_modules("summary"))
    found = {model for module in modules for model in getattr(module, "HOLDS", ())}
    return tuple(sorted(found, key=lambda model: model._meta.label))


@cache
def _held_sql(types: tuple[type[Model], ...]) -> str:
    # Table and column names come from the models' metadata, quoted; the person is a parameter.
    quote = connection.ops.quote_name
    return "SELECT " + ", ".join(  # noqa: S608
        f"EXISTS (SELECT 1 FROM {quote(model._meta.db_table)}"  # noqa: S608
        f" WHERE {quote(_person_column(model))} = %s)"
        for model in types
    )


def _person_column(model: type[Model]) -> str:
    column = model._meta.get_field("person").column  # type: ignore[union-attr]
    if not isinstance(column, str):
        raise TypeError(f"{model._meta.label}.person is not a column")
    return column


def records_held(person_id: int, types: tuple[type[Model], ...]) -> frozenset[type[Model]]:
    """Which of these record types (models with a `person` foreign key) the person has any
    rows of, in one statement: an index probe a type. Every row counts, whatever a model's
    default manager leaves out, so a type read as held may still list nothing; one read as
    not held has no rows at all."""
    with connection.cursor() as cursor:
        cursor.execute(_held_sql(types), [person_id] * len(types))
        row = cursor.fetchone()
    return frozenset(model for model, held in zip(types, row, strict=True) if held)


def holds(person: "Person", model: type[Model]) -> bool:
    """Whether the person may have rows of `model`: False only when `person_panels` read that
    they have none (a panel built on its own, as in a test, always queries)."""
    held = getattr(person, "_held_records", None)
    return held is None or model in held


def listed(person: "Person", rows: QuerySet[M]) -> list[M]:
    """`list(rows)`, or `[]` without a query when the person has no rows of their model."""
    return list(rows) if holds(person, rows.model) else []


def first_of(person: "Person", rows: QuerySet[M]) -> M | None:
    """`rows.first()`, or None without a query when the person has no rows of their model."""
    return rows.first() if holds(person, rows.model) else None


def episode_open_work(referral: "Referral") -> list[str]:
    """Open work on a child-in-need episode, as each stage reports it (e.g. "an assessment")."""
    guards: list[EpisodeGuard] = [module.open_work for module in app_modules("episode_guards")]
    return [item for guard in guards for item in guard(referral)]


def visit_refusals(person: "Person", kind: str, visited_on: "date") -> dict[str, str]:
    """Every stage's reasons to refuse recording this visit (`visit_checks.refusals`)."""
    checks: list[VisitCheck] = [module.refusals for module in app_modules("visit_checks")]
    return {name: message for check in checks for name, message in check(person, kind, visited_on).items()}


def weighted_caseloads(workers: Iterable["User"], on: "date") -> dict[int, WeightedLoad]:
    """Each worker's weighted caseload (`workload.caseloads`), by the worker's key; empty when
    no installed app weighs caseloads."""
    people = list(workers)
    weighers: list[CaseloadWeigher] = [module.caseloads for module in app_modules("workload")]
    return {load.worker.pk: load for weigh in weighers for load in weigh(people, on)}


logger = logging.getLogger(__name__)


def changed(*people: "Person | int | None") -> None:
    """Once the current transaction commits, tell every app's `on_change` that these people's
    records changed (people or their keys). Every service that changes a child's record calls
    it in its transaction, beside the audit; nothing is told if the change rolls back."""
    ids = frozenset(p if isinstance(p, int) else p.pk for p in people if p is not None)
    if ids:
        transaction.on_commit(partial(record_changed, ids))


def record_changed(person_ids: Iterable[int]) -> None:
    """Tell each app's `on_change` that these records changed (after commit); a failing
    listener is logged and never undoes or fails the change itself."""
    ids = frozenset(person_ids)
    for module in app_modules("on_change"):
        try:
            listener: ChangeListener = module.record_changed
            listener(ids)
        except Exception as exc:  # noqa: BLE001 - the change is committed; report, do not raise
            logger.warning("on_change listener %s failed: %s", module.__name__, type(exc).__name__)
