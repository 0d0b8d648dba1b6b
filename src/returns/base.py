"""The contract between the return builders and the rest of Harbour.

Each return (CIN census, SSDA903, Annex A) is built by a package under `returns/` from what
workers record. A builder is a pure read of the database: it never writes. Every row it emits
carries its *provenance* (the child and the recorded object it came from), so a validator
finding on a row can be traced to the place in the record where a worker fixes it.

    cin_census.build(year, *, person_ids=None, progress=None) -> ReturnOutput
    cin_census.validate(output, year) -> list[Finding]
    ssda903.build(year, *, person_ids=None, progress=None) -> ReturnOutput
    ssda903.validate(output, year, previous=None) -> list[Finding]
    annex_a.build(as_of, *, progress=None) -> ReturnOutput

`person_ids` limits a build to some children (one child's re-validation after an edit);
`progress(done, total, stage)` lets a long run report how far it has got.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

Progress = Callable[[int, int, str], None]


def no_progress(done: int, total: int, stage: str) -> None:  # noqa: ARG001
    """The default progress callback: report nothing."""


@dataclass(frozen=True)
class Source:
    """Where a return row came from: the child, and the recorded object a worker edits."""

    person_id: int | None
    model: str = ""  # "app_label.modelname", e.g. "looked_after.placement"; "" = the person
    pk: int | None = None


@dataclass
class Table:
    """One table of a return: column names, rows, and the source of each row (same order)."""

    name: str
    columns: list[str]
    rows: list[list[object]] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def add(self, row: list[object], source: Source) -> None:
        self.rows.append(row)
        self.sources.append(source)


@dataclass
class ReturnOutput:
    """A built return: its tables (for validation and provenance) and its files (for download)."""

    name: str  # "cin_census" | "ssda903" | "annex_a"
    tables: dict[str, Table]
    files: dict[str, bytes]  # file name -> content
    gaps: list[Gap] = field(default_factory=list)


class Severity(StrEnum):
    ERROR = "error"
    QUERY = "query"  # the DfE's "Q" rules and warnings: to be checked, may be right
    GAP = "gap"  # Harbour cannot satisfy the rule from recorded data


@dataclass(frozen=True)
class Finding:
    """One failing rule on one child (or on the whole return, when person_id is None)."""

    return_name: str
    rule_code: str
    message: str
    severity: Severity
    source: Source | None
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gap:
    """An item a return needs that Harbour does not (yet) record: reported, never hidden."""

    return_name: str
    item: str
    explanation: str


@dataclass
class ValidationInput:
    """Everything a return's rules read, by the names they read it under (SSDA903 adds last
    year's tables as "Episodes_last" and so on), and what `validate` needs to be told of it."""

    tables: dict[str, Table]
    options: dict[str, Any] = field(default_factory=dict)
