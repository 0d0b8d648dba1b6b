"""Where the platform finds each return's builder and validator: by name, when first needed.

The builders live in their own packages (`returns.cin_census`, `returns.ssda903`,
`returns.annex_a`) and follow the contract in `returns.base`. The platform (export runs,
validation, the data-quality page) never imports them directly: it asks `builder(name)`,
so a return whose package has no `build` yet is reported as not available instead of
breaking the pages, and tests can put a fake in its place with `override(...)`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from typing import Any

from .base import Finding, ReturnOutput, ValidationInput


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


@dataclass(frozen=True)
class Implementation:
    """One return's functions. `validate` is None for a return without DfE rules."""

    build: Callable[..., ReturnOutput]
    validate: Callable[..., list[Finding]] | None
    # For a child's re-validation that runs only the rules reading what changed (ADR 0023);
    # without them, every rule runs.
    validation_input: Callable[[ReturnOutput, int], ValidationInput] | None = None
    rules_reading: Callable[[int, frozenset[str] | None], frozenset[str]] | None = None
    # Load the year's rules once, in a worker or helper process, and (SSDA903) the postcodes
    # for these first letters (None: those the returns hold); see `warm_up` below.
    warm_up: Callable[[int, Collection[str] | None], None] | None = None


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
