"""The DfE's SSDA903 rule sets by collection year, what Harbour knows of some of the rules,
and running a list of them on the tables (`run_codes`)."""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from ...base import Finding
from .postcodes import rule_392c

# Rules whose reference data (the Ofsted children's homes and social care providers lists)
# Harbour does not hold: they skip themselves without it.
PROVIDER_LIST_RULES = frozenset({"1008", "219", "221", "224", "227", "228", "229", "241"})
# The DfE's warnings: to be checked, may be right. SW11bSTG2 (a social worker's episode
# ending in the last five days before 31 March with none after it in the file) is one by
# what it can see: the next worker's episode may begin after 31 March, in next year's file,
# and a looked-after child with no worker is on the unallocated list while they wait
# (`workforce.queries.unallocated_children`; docs/returns/ssda903.md).
QUERY_RULES = frozenset({"EPI", "454", "232", "SW11bSTG2"})
# Rules that check the XML form of the return only (Harbour writes CSV).
XML_ONLY_RULES = frozenset({"105"})

_registries: dict[int, dict[str, Any]] = {}


def registry(year: int) -> dict[str, Any]:
    """The rule set for a collection year (`lac2025_26` for 2026), imported once."""
    if year not in _registries:
        first = min(max(year, 2023), 2027)
        module = importlib.import_module(f"lac_validator.rules.lac{first - 1}_{str(first)[2:]}")
        _registries[year] = dict(module.registry)
    return _registries[year]


# Rules that change, in place, a frame the later rules share (the package's copies are
# shallow): they always run, so the rules after them see what they see in the DfE's tool.
# A test runs every rule on a generated cohort and checks that this list is complete.
SHARED_FRAME_WRITERS = frozenset({"365"})

# Rules Harbour runs in its own words, with the same outcome as the package's.
LOCAL_EQUIVALENTS: dict[str, Callable[[dict[str, Any]], dict[str, list[Any]]]] = {"392c": rule_392c}


@dataclass
class RunResult:
    findings: list[Finding]
    ran: list[str]
    skipped: list[str]
    crashed: list[str]


Outcome = tuple[str, dict[str, list[Any]] | None]  # a rule's failing rows by table; None: it crashed


def run_codes(
    data: dict[str, Any],
    year: int,
    codes: list[str],
    *,
    silent: Collection[str] = (),
    seconds: dict[str, float] | None = None,
) -> list[Outcome]:
    """Run these rules of the year's set on `data`, in the order given, each on its own
    shallow copies of the tables; the outcomes of the `silent` ones are not returned (they
    ran only for what they change in the shared frames, `SHARED_FRAME_WRITERS`). Each rule's
    time is put in `seconds`, if given."""
    rules = registry(year)
    logging.getLogger("lac_validator").setLevel(logging.WARNING)
    outcomes: list[Outcome] = []
    for code in codes:
        func = LOCAL_EQUIVALENTS.get(code, rules[code].func)
        started = time.perf_counter()
        try:
            with contextlib.redirect_stdout(io.StringIO()):  # some rules print their frames
                result = func(_Copies(data))
        except Exception:  # noqa: BLE001 - a crashing rule is reported as a gap, not raised
            result = None
        if seconds is not None:
            seconds[code] = time.perf_counter() - started
        if code not in silent:
            outcomes.append((code, result))
    return outcomes


class _Copies(dict[str, Any]):
    """What a rule sees: each table a fresh shallow copy (rules add columns to the frames
    they read), made only when the rule reads it, like the package's `copy_datastore`."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        self._copied: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key == "metadata":
            return super().__getitem__(key)
        if key not in self._copied:
            self._copied[key] = super().__getitem__(key).copy(deep=False)
        return self._copied[key]

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        try:
            return self[key]
        except KeyError:
            return default
