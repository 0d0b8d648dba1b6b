"""Where the platform finds each return's builder and validator: by name, when first needed.

The builders live in their own packages (`returns.cin_census`, `returns.ssda903`,
`returns.annex_a`) and follow the contract in `returns.base`. The platform (export runs,
validation, the data-quality page) never imports them directly: it asks `implementation(name)`,
so a return whose package has no `build` yet is reported as not available instead of
breaking the pages, and tests can put a fake in its place with `override(...)`.

A return's package plugs in by the names it exports, each typed below: `build` (required),
and for a return with the DfE's rules `validate`, then optionally `validation_input` and
`rules_reading` (a child's re-validation runs only the rules reading what changed, ADR 0023),
`warm_up` and `loaded_postcode_letters` (a worker's and its helpers' first re-validation,
ADR 0024).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from typing import Any, Protocol

from .base import Finding, Progress, ReturnOutput, ValidationInput


@dataclass(frozen=True)
class ReturnSpec:
    name: str
    label: str
    parameter: str  # "year" (collection year ending 31 March) or "as_of" (a date)
    validated: bool  # whether the DfE's rules exist for it (Annex A has none)


SPECS: dict[str, ReturnSpec] = {
    "cin_census": ReturnSpec("cin_census", "Children in need census", "year", True),
    "ssda903": ReturnSpec("ssda903", "SSDA903 (children looked after)", "year", True),
    "annex_a": ReturnSpec("annex_a", "Ofsted Annex A", "as_of", False),
}

# What Harbour validates over live data, in this order.
VALIDATED = tuple(name for name, spec in SPECS.items() if spec.validated)


class Build(Protocol):
    """`build(period, *, progress=None, person_ids=None)`: the return for its period (the
    collection year ending 31 March, an `int`, or Annex A's inspection date), read from what
    workers recorded and never writing. `person_ids` (returns with rules only) limits it to
    some children, for their re-validation."""

    def __call__(
        self, period: Any, /, *, progress: Progress | None = ..., person_ids: Iterable[int] | None = ...
    ) -> ReturnOutput: ...


class Validate(Protocol):
    """`validate(output, year, *, children_only=False, rules=None, **options)`: every failing
    rule as a finding, and a GAP finding for each rule that could not run. `children_only`:
    only findings on the return's children are wanted (rules that cannot flag them may be
    left out); `rules`: run only these; `options`: what the return's `validation_input` said
    its rules need (SSDA903: last year's return, `previous`)."""

    def __call__(
        self,
        output: ReturnOutput,
        year: int,
        /,
        *,
        children_only: bool = ...,
        rules: Collection[str] | None = ...,
        **options: Any,
    ) -> list[Finding]: ...


class ValidationInputOf(Protocol):
    """`validation_input(output, year)`: every table the rules read, by the names they read
    them under, and the options `validate` needs."""

    def __call__(self, output: ReturnOutput, year: int, /) -> ValidationInput: ...


class RulesReading(Protocol):
    """`rules_reading(year, tables)`: the codes of the year's rules that can read one of
    these tables (every rule for None, none for no table)."""

    def __call__(self, year: int, tables: frozenset[str] | None, /) -> frozenset[str]: ...


class WarmUp(Protocol):
    """`warm_up(year, postcode_letters)`: load the year's rules and what each reads, and the
    postcodes starting with these letters (None: those the returns hold)."""

    def __call__(self, year: int, postcode_letters: Collection[str] | None, /) -> None: ...


class LoadedPostcodeLetters(Protocol):
    """`loaded_postcode_letters()`: the first letters of the postcodes this process has
    loaded (a helper process loads the same before its first share)."""

    def __call__(self) -> Collection[str]: ...


@dataclass(frozen=True)
class Implementation:
    """One return's functions, as its package exports them. `validate` is None for a return
    without DfE rules; without `validation_input` and `rules_reading` a child's re-validation
    runs every rule."""

    build: Build
    validate: Validate | None
    validation_input: ValidationInputOf | None = None
    rules_reading: RulesReading | None = None
    warm_up: WarmUp | None = None
    loaded_postcode_letters: LoadedPostcodeLetters | None = None


_overrides: dict[str, Implementation | None] = {}


def spec(name: str) -> ReturnSpec:
    try:
        return SPECS[name]
    except KeyError as exc:
        raise LookupError(f"No such return: {name!r}") from exc


def implementation(name: str) -> Implementation | None:
    """The return's builder and validator, or None if its package does not provide them yet."""
    spec(name)
    if name in _overrides:
        return _overrides[name]
    try:
        module: Any = import_module(f"returns.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"returns.{name}":
            return None
        raise
    build = getattr(module, "build", None)
    if build is None:
        return None
    return Implementation(
        build=build,
        validate=getattr(module, "validate", None),
        validation_input=getattr(module, "validation_input", None),
        rules_reading=getattr(module, "rules_reading", None),
        warm_up=getattr(module, "warm_up", None),
        loaded_postcode_letters=getattr(module, "loaded_postcode_letters", None),
    )


def warm_up(year: int, postcode_letters: Collection[str] | None = None) -> None:
    """Load the rules of every validated return for `year` (and what each reads), and the
    postcodes for these first letters (None: those of the placements and homes the returns
    hold), so that a process's first re-validation costs what the others do. The one warm-up
    of a background worker (`returns.tasks.warm_up_worker`) and of its helper processes
    (`returns.processes`). A failure is raised: the caller decides whether to go on."""
    for name in VALIDATED:
        impl = implementation(name)
        if impl is not None and impl.warm_up is not None:
            impl.warm_up(year, postcode_letters)


def loaded_postcode_letters() -> set[str]:
    """The first letters of the postcodes the validated returns have loaded in this process:
    what its helper processes load as they start (`returns.processes`)."""
    letters: set[str] = set()
    for name in VALIDATED:
        impl = implementation(name)
        if impl is not None and impl.loaded_postcode_letters is not None:
            letters.update(impl.loaded_postcode_letters())
    return letters


def available(name: str) -> bool:
    return implementation(name) is not None


def missing_message(name: str) -> str:
    return f"The {spec(name).label} builder is not available in this version of Harbour."


@contextmanager
def override(name: str, impl: Implementation | None) -> Iterator[None]:
    """Use `impl` for return `name` inside the block (tests, benchmarks); None = missing."""
    spec(name)
    had, before = name in _overrides, _overrides.get(name)
    _overrides[name] = impl
    try:
        yield
    finally:
        if had:
            _overrides[name] = before
        else:
            _overrides.pop(name, None)


def collection_year(today: date) -> int:
    """The collection year in progress on `today`, named by the year it ends (31 March)."""
    return today.year + 1 if today >= date(today.year, 4, 1) else today.year
