"""Run the DfE SSDA903 validation rules (`lac_validator`, csc-validator-be-903) in-process.

The tables go to the rules as DataFrames shaped exactly as the package's own CSV reader
shapes them (every value a string, upper-cased, blanks missing), so a finding here is a
finding in the DfE's tool. What is different is the postcode step: the package merges each
upload against its whole postcode table (about 2.6 million rows) every run; here the table
is loaded once per process and indexed by postcode, and PL_LA, PL_LOCATION and PL_DISTANCE
are derived with the package's own formula (`lac_validator.datastore`). That, and caching
the rule registry, is what makes one child's re-validation fast.

Each failing row maps back to its `Source` (table + row index). Rules that crash on the
data, and rules that cannot run because Harbour does not hold their reference data (the
Ofsted provider lists behind the URN rules), are returned as GAP findings, never hidden.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import inspect
import io
import logging
import pickle
import statistics
import threading
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings

from .. import rule_source
from ..base import Finding, ReturnOutput, Severity, Source, Table, ValidationInput
from . import codes as c

NAME = "ssda903"
logger = logging.getLogger(__name__)

# Rules whose reference data (the Ofsted children's homes and social care providers lists)
# Harbour does not hold: they skip themselves without it.
PROVIDER_LIST_RULES = frozenset({"1008", "219", "221", "224", "227", "228", "229", "241"})
# Known faults in the package (RETURNS.md "Known faults"): these crash on every run.
CRASHING_RULES = frozenset({"231", "233"})
# The DfE's warnings: to be checked, may be right.
QUERY_RULES = frozenset({"EPI", "454", "232"})
# Rules that check the XML form of the return only (Harbour writes CSV).
XML_ONLY_RULES = frozenset({"105"})
# Up to this many children, last year is built only for the children in this year's return.
PARTIAL_PREVIOUS_LIMIT = 500

_lock = threading.Lock()
_registries: dict[int, dict[str, Any]] = {}
_postcodes: dict[str, Any] = {}


def registry(year: int) -> dict[str, Any]:
    """The rule set for a collection year (`lac2025_26` for 2026), imported once."""
    if year not in _registries:
        first = min(max(year, 2023), 2027)
        module = importlib.import_module(f"lac_validator.rules.lac{first - 1}_{str(first)[2:]}")
        _registries[year] = dict(module.registry)
    return _registries[year]


def la_gss_code() -> str:
    """The authority's GSS code, which the rules use to tell in-area from out-of-area."""
    return str(settings.HARBOUR_AUTHORITY.get("gss_code", ""))


def _postcode_table(letters: set[str]) -> Any:
    """The ONS postcode table for the given first letters, indexed by postcode without spaces,
    with the upper-tier LA of each; loaded once per process."""
    import pandas as pd

    with _lock:
        missing = {x for x in letters if x and x.isalpha()} - set(_postcodes.get("letters", set()))
        if missing or "frame" not in _postcodes:
            from lac_validator import datastore

            datastore.postcodes.load_postcodes(missing | set(_postcodes.get("letters", set())))
            frame = datastore.postcodes.dataframe[["pcd_abbr", "laua", "oseast1m", "osnrth1m"]]
            frame = frame.drop_duplicates("pcd_abbr").set_index("pcd_abbr")
            la = datastore.la_df[["LTLA21CD", "UTLA21CD"]].drop_duplicates("LTLA21CD").set_index("LTLA21CD")
            frame = frame.assign(laua=frame["laua"].astype(str))
            frame = frame.join(la, on="laua")
            _postcodes["frame"] = frame
            _postcodes["letters"] = set(_postcodes.get("letters", set())) | missing
            _postcodes["pd"] = pd
        return _postcodes["frame"]


def warm_up(year: int, postcode_letters: Collection[str] | None = None) -> None:
    """Load this year's and last year's rule sets and read what each rule reads and flags
    from its source, so that a worker's first re-validation costs what the others do; and
    the postcode table for the first letters given, by default those of the placements and
    homes the two years' returns hold (about 0.1 s a letter; all of them would take a
    gigabyte: a letter met later is loaded then)."""
    for rules in (registry(year), registry(year - 1)):
        for code, rule in rules.items():
            read_tables(LOCAL_EQUIVALENTS.get(code, rule.func))
            flagged_tables(rule.func)
    _postcode_table(set(recorded_postcode_letters(year) if postcode_letters is None else postcode_letters))


def recorded_postcode_letters(year: int) -> set[str]:
    """The first letters of the postcodes of the placements in this year's or last year's
    return, and of the homes of the children placed (what `_enrich` will look up)."""
    from django.db.models import Q
    from django.db.models.functions import Substr, Upper

    from looked_after.models import Placement
    from people.models import Address

    placements = Placement.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=date(year - 2, 4, 1)))
    homes = Address.objects.filter(person_id__in=placements.values("person_id"))
    letters: set[str] = set()
    for rows in (placements, homes):
        letters.update(
            rows.annotate(letter=Upper(Substr("postcode", 1, 1))).values_list("letter", flat=True).distinct()
        )
    return {x for x in letters if x and x.isalpha()}


def loaded_postcode_letters() -> set[str]:
    """The first letters whose postcodes this process has loaded."""
    return set(_postcodes.get("letters", set()))


def _enrich(episodes: Any, local_authority: str) -> Any:
    """PL_LA, PL_LOCATION and PL_DISTANCE, as `lac_validator.datastore._add_postcode_derived_fields`."""
    import numpy as np
    import pandas as pd

    episodes = episodes.copy()
    home = episodes["HOME_POST"].astype("object").str.upper().str.replace(" ", "")
    place = episodes["PL_POST"].astype("object").str.upper().str.replace(" ", "")
    letters = set(home.dropna().str[:1]) | set(place.dropna().str[:1])
    table = _postcode_table(letters)
    home_d = table.reindex(home.fillna("").values)
    pl_d = table.reindex(place.fillna("").values)
    home_d.index = episodes.index
    pl_d.index = episodes.index
    episodes["PL_LA"] = pl_d["UTLA21CD"]
    episodes["PL_LOCATION"] = "IN"
    episodes.loc[episodes["PL_LA"].ne(local_authority), "PL_LOCATION"] = "OUT"
    laua = pl_d["laua"].where(pl_d["laua"].notna() & (pl_d["laua"] != "nan"))
    episodes.loc[laua.isna(), "PL_LOCATION"] = pd.NA
    for letter, code in {"S": "SCO", "N": "NIR", "W": "WAL"}.items():
        mask = laua.fillna("").str.upper().str.startswith(letter) & episodes["PL_POST"].notnull()
        episodes.loc[mask, ["PL_LA", "PL_LOCATION"]] = [code, "OUT"]
    distance = (
        np.sqrt((home_d["oseast1m"] - pl_d["oseast1m"]) ** 2 + (home_d["osnrth1m"] - pl_d["osnrth1m"]) ** 2)
        / 1000
        / 1.6093
    )
    episodes["PL_DISTANCE"] = distance.round(decimals=1)
    return episodes


def frame(table: Table) -> Any:
    """A table as the package's CSV reader would load it."""
    import numpy as np
    import pandas as pd

    rows = [[np.nan if v is None or v == "" else str(v).upper() for v in row] for row in table.rows]
    return pd.DataFrame(rows, columns=table.columns, dtype=object)


def frames_from_output(output: ReturnOutput) -> dict[str, Any]:
    return {name: frame(table) for name, table in output.tables.items()}


def frames_from_directory(directory: Path) -> dict[str, Any]:
    """Last year's files, read with the package's own CSV reader (recognised by header)."""
    from lac_validator.ingress import read_csvs_from_text

    files = [
        {"name": p.name, "file_content": p.read_bytes(), "description": "This year"}
        for p in sorted(Path(directory).glob("*.csv"))
        if p.stat().st_size and len(p.read_bytes().splitlines()) > 0
    ]
    if not files:
        raise FileNotFoundError(f"No SSDA903 CSV files in {directory}")
    return dict(read_csvs_from_text(files))


OLD_SEX_CODES = {"1": "M", "2": "F"}  # before 2024/25 (rule 101)


def _same_sex_codes(last: dict[str, Any], year: int) -> None:
    """Last year's SEX in this year's codes: 2023/24 files have 1/2, 2024/25 M/F/U, so
    rule 202 (sex differs from last year's) would otherwise flag every child in both."""
    if c.sex_code("M", year) != "M" or c.sex_code("M", year - 1) == "M":
        return
    for df in last.values():
        if "SEX" in df.columns:
            df["SEX"] = df["SEX"].map(lambda v: OLD_SEX_CODES.get(str(v), v))


def _add_uasc_flag(frames: dict[str, Any]) -> None:
    header, uasc = frames.get("Header"), frames.get("UASC")
    if header is None:
        return
    children = set(uasc["CHILD"].dropna()) if uasc is not None else set()
    header["UASC"] = header["CHILD"].map(lambda x: "1" if x in children else "0")


@dataclass
class RunResult:
    findings: list[Finding]
    ran: list[str]
    skipped: list[str]
    crashed: list[str]


def datastore(
    output: ReturnOutput,
    year: int,
    previous: ReturnOutput | Path | str | None,
    *,
    local_authority: str | None = None,
) -> tuple[dict[str, Any], dict[str, list[Source]]]:
    """The rules' input: this year's and last year's tables, enriched, and the metadata
    (`local_authority`: the authority's GSS code, by default from the settings)."""
    import pandas as pd

    current = frames_from_output(output)
    for name in c.tables_for(year):  # every table present, even empty, so no rule skips for want of one
        if name not in current:
            current[name] = pd.DataFrame(columns=c.TABLE_COLUMNS[name], dtype=object)
    _add_uasc_flag(current)
    last_sources: dict[str, list[Source]] = {}
    last: dict[str, Any] = {}
    if isinstance(previous, ReturnOutput):
        last = frames_from_output(previous)
        last_sources = {name: t.sources for name, t in previous.tables.items()}
    elif previous is not None:
        last = frames_from_directory(Path(previous))
    _same_sex_codes(last, year)
    _add_uasc_flag(last)
    gss = la_gss_code() if local_authority is None else local_authority
    data: dict[str, Any] = dict(current)
    data.update({f"{name}_last": df for name, df in last.items()})
    for name in ("Episodes", "Episodes_last"):
        if name in data:
            data[name] = _enrich(data[name], gss)
    data["metadata"] = {
        "collectionYear": str(year),
        "localAuthority": gss,
        "collection_start": f"01/04/{year - 1}",
        "collection_end": f"31/03/{year}",
        "file_format": "csv",
    }
    return data, last_sources


def run_rules(
    output: ReturnOutput,
    year: int,
    previous: ReturnOutput | Path | str | None,
    *,
    rule_filter: Callable[[str], bool] | None = None,
    children_only: bool = False,
) -> RunResult:
    """Run the year's rules; findings for failing rows, and which rules ran, skipped or crashed.

    `children_only`: only findings on the children's rows are wanted (a child's re-validation):
    a rule is not run when every table it can flag has no rows (`_cannot_flag`), rather than
    when every table it declares is empty (some rules read and flag tables they do not declare)."""
    data, last_sources = datastore(output, year, previous)
    children = _children_by_id(output)
    findings: list[Finding] = []
    ran: list[str] = []
    skipped: list[str] = []
    crashed: list[str] = []
    rules = registry(year)
    plan: list[str] = []  # the rules to run, in the rule set's order
    for code, rule in rules.items():
        if rule_filter is not None and not rule_filter(code):
            continue
        if _cannot_flag(code, rule, data) if children_only else _nothing_to_check(rule, data):
            ran.append(code)
            continue
        plan.append(code)
    if children_only:
        outcomes = _run_shared(plan, data, year, (output, previous, data["metadata"]["localAuthority"]))
    else:
        outcomes = run_codes(data, year, plan)
    for code, result in outcomes:
        if result is None:
            crashed.append(code)
            continue
        if result == {}:
            skipped.append(code)
            continue
        ran.append(code)
        rule = rules[code]
        severity = Severity.QUERY if code in QUERY_RULES else Severity.ERROR
        fields = tuple(rule.affected_fields or ())
        for table_name, rows in result.items():
            for index in rows:
                if index is None or (isinstance(index, float) and index != index):
                    continue
                findings.append(
                    Finding(
                        return_name=NAME,
                        rule_code=code,
                        message=str(rule.message or ""),
                        severity=severity,
                        source=_source(table_name, index, output, last_sources, data, children),
                        fields=fields,
                    )
                )
    return RunResult(findings, ran, skipped, crashed)


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


@dataclass(frozen=True)
class ShareDone:
    """A helper's share: the outcomes, each rule's time and the time to make its tables."""

    outcomes: list[Outcome]
    seconds: dict[str, float]
    preparing: float


def run_share(payload: bytes, year: int, codes: list[str], silent: list[str]) -> ShareDone:
    """`run_codes` in a helper process (`returns.processes`), on the tables made here from
    the return as `datastore` made them there. The tables are not sent made: a DataFrame
    unpickled is not the same to the rules (`astype(str)` then writes into the frame it reads,
    so rule 355 would change what the rules after it see)."""
    started = time.perf_counter()
    output, previous, local_authority = pickle.loads(payload)  # noqa: S301 - from our own process
    data, _ = datastore(output, year, previous, local_authority=local_authority)
    preparing = time.perf_counter() - started
    seconds: dict[str, float] = {}
    return ShareDone(run_codes(data, year, codes, silent=silent, seconds=seconds), seconds, preparing)


def shares(
    plan: list[str], count: int, costs: dict[str, float] | None = None, head_start: float = 0.0
) -> list[tuple[list[str], list[str]]]:
    """The rules of `plan` dealt into `count` shares (the first this process's, the others
    helpers'), each kept in the plan's order, with the rules it runs only for their change to
    the shared frames: a rule that changes a frame the later rules read (`SHARED_FRAME_WRITERS`)
    runs in every share holding a rule after it, and is reported by the share it was dealt to.

    Without `costs`, the rules are dealt in turn. With them (each rule's seconds, as last
    seen), the costliest first, each to the share that would end soonest, a helper's share
    starting `head_start` seconds late (a helper makes its own tables first)."""
    if costs is None:
        dealt = [list(range(n, len(plan), count)) for n in range(count)]
    else:
        usual = sorted(costs.values())[len(costs) // 2] if costs else 0.0
        load = [0.0] + [head_start] * (count - 1)
        dealt = [[] for _ in range(count)]
        for position in sorted(range(len(plan)), key=lambda p: (-costs.get(plan[p], usual), p)):
            soonest = min(range(count), key=lambda n: (load[n], n))
            dealt[soonest].append(position)
            load[soonest] += costs.get(plan[position], usual)
    writers = [i for i, code in enumerate(plan) if code in SHARED_FRAME_WRITERS]
    out = []
    for positions in dealt:
        silent = [w for w in writers if w not in positions and any(p > w for p in positions)]
        out.append(([plan[p] for p in sorted(positions + silent)], [plan[w] for w in silent]))
    return [share for share in out if share[0]]


# Each rule's time and a helper's time to make its tables, as last seen in this process's
# re-validations: how the next one's rules are dealt (`shares`).
_rule_seconds: dict[str, float] = {}
_preparing_seconds: list[float] = []


def _run_shared(
    plan: list[str], data: dict[str, Any], year: int, made_from: tuple[Any, ...]
) -> list[Outcome]:
    """The plan's outcomes, in its order, from this process and its helpers, if it has any
    (ADR 0024); a share whose helper fails is run here. The same outcomes as `run_codes`.
    `made_from`: the return, last year's and the GSS code that `data` was made from."""
    from .. import processes

    helpers = min(processes.helpers(), len(plan) // MIN_RULES_A_SHARE)
    if helpers < 1:
        return run_codes(data, year, plan)
    known = _rule_seconds if set(plan) <= set(_rule_seconds) else None
    head_start = statistics.median(_preparing_seconds) if _preparing_seconds else 0.0
    own, *theirs = shares(plan, helpers + 1, known, head_start)
    payload = pickle.dumps(made_from, protocol=pickle.HIGHEST_PROTOCOL)
    pending = [(share, processes.submit(run_share, payload, year, *share)) for share in theirs]
    outcomes = run_codes(data, year, own[0], silent=own[1], seconds=_rule_seconds)
    for share, future in pending:
        done = None if future is None else processes.result_or_none(future)
        if done is None:  # the helper failed: this process runs the share, on tables made afresh
            done = run_share(payload, year, *share)
        outcomes.extend(done.outcomes)
        _rule_seconds.update(done.seconds)
        _preparing_seconds[:] = [*_preparing_seconds[-9:], done.preparing]
    order = {code: n for n, code in enumerate(plan)}
    return sorted(outcomes, key=lambda outcome: order[outcome[0]])


# Fewer rules than this a share are run in one process: a helper makes its own tables from the
# return (about 20 ms for a child) before its share, so a few rules cost more handed over (a
# review recorded runs about 30 rules: 80 ms in one process, about 110 ms in two).
MIN_RULES_A_SHARE = 25


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


def _nothing_to_check(rule: Any, data: dict[str, Any]) -> bool:
    """A rule flags rows of the tables it reads: when every one of them is present and empty
    (one child's re-validation, say), it cannot fail, so it is not run."""
    tables = rule.tables
    if not isinstance(tables, list) or not tables or not all(isinstance(t, str) for t in tables):
        return False
    return all(t in data and len(data[t]) == 0 for t in tables)


# Rules that change, in place, a frame the later rules share (the package's copies are
# shallow): they always run, so the rules after them see what they see in the DfE's tool.
# A test runs every rule on a generated cohort and checks that this list is complete.
SHARED_FRAME_WRITERS = frozenset({"365"})


@cache
def flagged_tables(func: Callable[..., Any]) -> frozenset[str] | None:
    """The tables a rule can flag rows of: the keys of the dicts its function returns, read
    from its source. None when they cannot be read there (a key that is not a literal, a
    return of something other than a dict literal): such a rule is never skipped for it."""
    function = rule_source.definition(func)
    if function is None:
        return None
    tables: set[str] = set()
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue  # a nested function's returns are not the rule's
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return None
        if isinstance(node, ast.Return):
            if not isinstance(node.value, ast.Dict):
                return None
            for key in node.value.keys:
                if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                    return None
                tables.add(key.value)
        pending.extend(ast.iter_child_nodes(node))
    return frozenset(tables)


def _table_keys() -> frozenset[str]:
    names = set(c.TABLE_COLUMNS)
    return frozenset(names | {f"{name}_last" for name in names})


@cache
def read_tables(func: Callable[..., Any]) -> frozenset[str] | None:
    """The tables a rule can read (its `dfs[...]` keys): every table name written in its body
    (or held by a module constant it uses), and in the body of each function of the package it
    hands the tables to, followed down. None (it may read any) when it, or one of those, uses
    the tables other than by looking one up (`dfs.keys()`, `for name in dfs`, `d = dfs`),
    hands them to a function outside the package, or builds a table's name. A test checks,
    rule by rule, that the tables a rule is seen to read on generated data are among these."""
    found: set[str] = set()
    return frozenset(found) if _collect_reads(func, None, found, set()) else None


def _collect_reads(
    function: Any, tables_param: str | None, found: set[str], seen: set[tuple[Any, str]]
) -> bool:
    """Add to `found` the table names in `function`, whose parameter `tables_param` holds the
    tables (None: a rule, whose first parameter does), and in what it hands them to; False
    when it may read any table."""
    if (function, str(tables_param)) in seen:
        return True
    seen.add((function, str(tables_param)))
    helper = f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', '')}"
    if helper in HELPER_READS:
        found.update(HELPER_READS[helper])  # and the tables named to it, named in the caller
        return True
    definition = rule_source.definition(function)
    if definition is None:
        return False
    params = [a.arg for a in definition.args.args]
    dfs = tables_param or (params[0] if params else "")
    nodes = [n for statement in definition.body for n in ast.walk(statement)]
    if not _tables_only_looked_up(nodes, dfs) or _builds_a_name(nodes):
        return False
    found.update(_named_tables(nodes, function.__globals__))
    for callee, param in _handed_to(nodes, dfs, function.__globals__):
        if callee is None or param is None or not _collect_reads(callee, param, found, seen):
            return False
    return True


# The package's helpers that list the tables only to check that those named to them are there
# (`set(dfs.keys())`), and what else they read: read as such, not as reading any table.
HELPER_READS: dict[str, frozenset[str]] = {
    "lac_validator.utils.add_col_to_tables_CONTINUOUSLY_LOOKED_AFTER": frozenset({"Episodes"}),
}


def _named_tables(nodes: list[ast.AST], names: dict[str, Any]) -> set[str]:
    """Table names written out, or held by a module constant used."""
    keys = _table_keys()
    found = set()
    for node in nodes:
        value = node.value if isinstance(node, ast.Constant) else None
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            value = names.get(node.id)
        if isinstance(value, str) and value in keys:
            found.add(value)
    return found


def _builds_a_name(nodes: list[ast.AST]) -> bool:
    """Whether a string is built that might be a table's name (f"{x}", x + "_last")."""
    return any(
        isinstance(node, ast.JoinedStr)
        or (
            isinstance(node, ast.BinOp)
            and any(
                isinstance(side, ast.Constant) and side.value == "_last" for side in (node.left, node.right)
            )
        )
        for node in nodes
    )


def _handed_to(nodes: list[ast.AST], dfs: str, names: dict[str, Any]) -> Iterator[tuple[Any, str | None]]:
    """Each package function the tables are handed to, with its parameter that receives them
    (None for the function or the parameter when it cannot be told)."""
    for node in nodes:
        if not isinstance(node, ast.Call):
            continue
        positions = [i for i, a in enumerate(node.args) if _is_name(a, dfs)]
        keywords = [k.arg for k in node.keywords if _is_name(k.value, dfs)]
        if not positions and not keywords:
            continue
        callee = _resolve(node.func, names)
        if callee is None:
            yield None, None
            continue
        params = list(inspect.signature(callee).parameters)
        for i in positions:
            yield callee, params[i] if i < len(params) else None
        for keyword in keywords:
            yield callee, keyword


def _tables_only_looked_up(nodes: list[ast.AST], dfs: str) -> bool:
    """Whether every use of the tables' name is a lookup (`dfs[...]`, `dfs.get(...)`), a
    membership test (`... in dfs`) or an argument of a call (followed by the caller): not an
    alias (`d = dfs`), nor anything else that could reach a table unseen."""
    allowed: set[int] = set()
    for node in nodes:
        if (
            isinstance(node, ast.Subscript)
            and _is_name(node.value, dfs)
            or isinstance(node, ast.Attribute)
            and node.attr == "get"
            and _is_name(node.value, dfs)
        ):
            allowed.add(id(node.value))
        elif isinstance(node, ast.Compare):
            for op, right in zip(node.ops, node.comparators, strict=True):
                if isinstance(op, (ast.In, ast.NotIn)) and _is_name(right, dfs):
                    allowed.add(id(right))
        elif isinstance(node, ast.Call):
            allowed.update(id(a) for a in [*node.args, *(k.value for k in node.keywords)] if _is_name(a, dfs))
    return all(id(n) in allowed for n in nodes if _is_name(n, dfs))


def _is_name(node: ast.AST | None, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _in_package(func: Any) -> bool:
    return str(getattr(func, "__module__", "")).startswith("lac_validator.")


def _resolve(node: ast.expr, names: dict[str, Any]) -> Any:
    """The package's function a call names (`helper(...)`, `utils.helper(...)`), or None."""
    target: Any = None
    if isinstance(node, ast.Name):
        target = names.get(node.id)
    elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        target = getattr(names.get(node.value.id), node.attr, None)
    return target if inspect.isfunction(target) and _in_package(target) else None


def rules_reading(year: int, tables: frozenset[str] | None) -> frozenset[str]:
    """The year's rules that can read one of these tables (every rule for None; none for no
    table), with the rules that change a frame the others share, which always run with them."""
    rules = registry(year)
    if tables is None:
        return frozenset(rules)
    if not tables:
        return frozenset()
    found = set()
    for code, rule in rules.items():
        reads = read_tables(LOCAL_EQUIVALENTS.get(code, rule.func))
        if reads is None or (reads | AFTER_RULES_READS.get(code, frozenset())) & tables:
            found.add(code)
    return frozenset(found | (SHARED_FRAME_WRITERS & set(rules) if found else set()))


def _cannot_flag(code: str, rule: Any, data: dict[str, Any]) -> bool:
    """For a re-validation of some children: whether every table the rule can flag has no
    rows (or is absent), so it cannot report one of their rows whatever the other tables hold.
    A rule whose flagged tables cannot be read from its source is run, unless it rewrites a
    shared frame (then it is skipped only as in a whole run, when its own tables are empty)."""
    if code in SHARED_FRAME_WRITERS or code in LOCAL_EQUIVALENTS:
        return _nothing_to_check(rule, data)
    tables = flagged_tables(rule.func)
    if tables is None:
        return False
    return all(len(data.get(t, ())) == 0 for t in tables)


def _rule_392c(dfs: dict[str, Any]) -> dict[str, list[Any]]:
    """Rule 392c ("Postcode(s) provided are invalid") as the package writes it, with the
    postcode table looked up through the index loaded once, instead of a merge with the whole
    table on every run (which costs seconds)."""
    import pandas as pd

    if "Episodes" not in dfs:
        return {}
    episodes = dfs["Episodes"]
    home = episodes["HOME_POST"].astype("object").str.upper().str.replace(" ", "")
    place = episodes["PL_POST"].astype("object").str.upper().str.replace(" ", "")
    table = _postcode_table(set(home.dropna().str[:1]) | set(place.dropna().str[:1]))
    # get_indexer uses the index's hash table, built once; isin would hash 2.6 million rows again.
    home_valid = pd.Series(table.index.get_indexer(home.fillna("").values) >= 0, index=episodes.index)
    pl_valid = pd.Series(table.index.get_indexer(place.fillna("").values) >= 0, index=episodes.index)
    error_mask = (episodes["HOME_POST"].notna() & ~home_valid) | (episodes["PL_POST"].notna() & ~pl_valid)
    return {"Episodes": episodes.index[error_mask].tolist()}


LOCAL_EQUIVALENTS: dict[str, Callable[[dict[str, Any]], dict[str, list[Any]]]] = {"392c": _rule_392c}


def _children_by_id(output: ReturnOutput) -> dict[str, int | None]:
    header = output.tables.get("Header")
    if header is None:
        return {}
    return {str(row[0]).upper(): src.person_id for row, src in zip(header.rows, header.sources, strict=True)}


def _source(
    table_name: str,
    index: object,
    output: ReturnOutput,
    last_sources: dict[str, list[Source]],
    data: dict[str, Any],
    children: dict[str, int | None],
) -> Source | None:
    name = table_name.removesuffix("_last")
    try:
        position = int(index)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    if table_name.endswith("_last"):
        sources = last_sources.get(name)
        if sources is not None and 0 <= position < len(sources):
            return sources[position]
        frame_ = data.get(table_name)
        if frame_ is not None and position in frame_.index and "CHILD" in frame_.columns:
            return Source(children.get(str(frame_.at[position, "CHILD"]).upper()))
        return None
    table = output.tables.get(name)
    if table is not None and 0 <= position < len(table.sources):
        return table.sources[position]
    return None


def validation_input(output: ReturnOutput, year: int) -> ValidationInput:
    """What the rules read: this year's tables and last year's (built from Harbour's history,
    for the children in this return), named as the rules name them ("Episodes_last")."""
    from .build import build

    previous = build(year - 1, person_ids=_person_ids(output))
    tables = dict(output.tables)
    tables.update({f"{name}_last": table for name, table in previous.tables.items()})
    tables[CARE_HISTORY] = _care_history(output, year)
    return ValidationInput(tables=tables, options={"previous": previous})


# What Harbour adds to the rules' findings reads more than the rules do: `with_history` reads
# the care history before last year, `known_faults` the rows a finding is on and some others.
CARE_HISTORY = "care history"
AFTER_RULES_READS: dict[str, frozenset[str]] = {
    "1001": frozenset({CARE_HISTORY}),
    "1002": frozenset({CARE_HISTORY}),
    "SW11bSTG2": frozenset({"SWEpisodes"}),
    "624": frozenset({"Header"}),
    "146": frozenset({"Episodes"}),
    "187": frozenset({"Episodes", "AD1"}),
}


@dataclass(frozen=True)
class CareHistory:
    """A child's care history as Harbour holds it, beyond the two years in the files."""

    date_of_birth: date | None
    periods: tuple[tuple[date, date | None], ...]  # periods of care: start, end
    before_last_year: bool  # an episode of care ended before last year's return began


def care_histories(ids: set[int], year: int) -> dict[int, CareHistory]:
    """The care history of each of these children (read for everyone when they are many)."""
    from looked_after.models import CareEpisode, PeriodOfCare
    from people.models import Person

    periods_of_care = PeriodOfCare.objects.order_by("person_id", "start_date", "pk")
    episodes = CareEpisode.objects.filter(end_date__lt=date(year - 2, 4, 1))
    people = Person.objects.order_by("pk")
    if len(ids) <= PARTIAL_PREVIOUS_LIMIT:  # more: read everyone, one query each
        periods_of_care = periods_of_care.filter(person_id__in=ids)
        episodes = episodes.filter(person_id__in=ids)
        people = people.filter(pk__in=ids)
    periods: dict[int, list[tuple[date, date | None]]] = {}
    for pk, start, end in periods_of_care.values_list("person_id", "start_date", "end_date"):
        periods.setdefault(pk, []).append((start, end))
    seen_before = set(episodes.values_list("person_id", flat=True))
    return {
        pk: CareHistory(dob, tuple(periods.get(pk, ())), pk in seen_before)
        for pk, dob in people.values_list("pk", "date_of_birth").iterator(chunk_size=5000)
        if pk in ids
    }


def _care_history(output: ReturnOutput, year: int) -> Table:
    """What `with_history` reads of the children in the return, as a table."""
    ids = {pk for pk in _children_by_id(output).values() if pk is not None}
    table = Table(CARE_HISTORY, ["person", "date_of_birth", "periods", "before_last_year"])
    for pk, history in sorted(care_histories(ids, year).items()):
        table.add([pk, str(history.date_of_birth), history.periods, history.before_last_year], Source(pk))
    return table


def validate(
    output: ReturnOutput,
    year: int,
    previous: ReturnOutput | Path | str | None = None,
    *,
    children_only: bool = False,
    rules: Collection[str] | None = None,
) -> list[Finding]:
    """Every failing SSDA903 rule, one finding per failing row, plus GAP findings for the
    rules that could not run. `previous` is last year's return (a directory of CSVs or a
    built return); when not given, last year is built from Harbour's history.

    `children_only` (a re-validation of some children): only the findings on the children's
    rows are wanted. They are the same as in a run without it; rules that cannot flag any of
    their rows are not run, so findings and gaps that name no child may be missing.
    `rules`: run only these (the others are neither run nor reported as gaps)."""
    if previous is None:
        from .build import build

        person_ids = _person_ids(output)
        previous = build(year - 1, person_ids=person_ids)
    wanted = None if rules is None else set(rules)
    result = run_rules(
        output,
        year,
        previous,
        children_only=children_only,
        rule_filter=None if wanted is None else wanted.__contains__,
    )
    findings = known_faults(with_history(result.findings, year), output)
    return findings + gap_findings(result, year)


def known_faults(findings: list[Finding], output: ReturnOutput) -> list[Finding]:
    """Findings that are faults of the package's rules, not of the data, become queries:

    * SW11bSTG2 flags a change of social worker in the last 5 days before 31 March even when
      the next worker's episode follows (RETURNS.md, known faults).
    * 624 ("date of birth of the first child contradicts last year's") treats a blank as a
      contradiction; a care leaver not looked after this year must have MOTHER and MC_DOB
      blank (rule 628), so a young mother in care last year would always fail it.
    * 146 (placement type not valid) on K3: the 2024/25 rule set lists the code as "k3", in
      lower case, so it rejects supported accommodation written as the guide gives it.
    * 187 on the AD1 row of a child adopted on 31 March itself: the rules count that child as
      looked after continuously at 31 March (so in OC2) and as adopted in the year (so in
      AD1), then flag the two together: whatever is recorded, one rule fails.
    """
    sw = output.tables.get("SWEpisodes")
    sw_rows = {src: row for row, src in zip(sw.rows, sw.sources, strict=True)} if sw else {}
    sw_starts = {(str(row[0]), str(row[3])) for row in sw.rows} if sw else set()
    header = output.tables.get("Header")
    header_rows = {src: row for row, src in zip(header.rows, header.sources, strict=True)} if header else {}
    episodes = output.tables.get("Episodes")
    place = c.TABLE_COLUMNS["Episodes"].index("PLACE")
    places = (
        {src: str(row[place]) for row, src in zip(episodes.rows, episodes.sources, strict=True)}
        if episodes
        else {}
    )
    dec = c.TABLE_COLUMNS["Episodes"].index("DEC")
    ended_31_march = (
        {
            src.person_id
            for row, src in zip(episodes.rows, episodes.sources, strict=True)
            if str(row[dec])[:5] == "31/03"
        }
        if episodes
        else set()
    )
    ad1 = output.tables.get("AD1")
    ad1_sources = set(ad1.sources) if ad1 else set()
    out: list[Finding] = []
    for f in findings:
        note = ""
        if f.rule_code == "SW11bSTG2" and f.source in sw_rows:
            row = sw_rows[f.source]
            if row[4] and (str(row[0]), str(row[4])) in sw_starts:
                note = "The next social worker's episode starts that day: a known fault of the rule."
        elif f.rule_code == "624" and f.source in header_rows and not header_rows[f.source][6]:
            note = "No date is reported this year (a care leaver not looked after in the year, rule 628)."
        elif f.rule_code == "146" and places.get(f.source) == "K3":  # type: ignore[arg-type]
            note = "K3 is a valid code; this year's rule set lists it as 'k3': a known fault of the rule."
        elif f.rule_code == "187" and f.source in ad1_sources and f.source.person_id in ended_31_march:
            note = "Adopted on 31 March: the rules count the child in both OC2 and AD1, a known fault of the rule."
        if note:
            f = Finding(f.return_name, f.rule_code, f"{f.message} {note}", Severity.QUERY, f.source, f.fields)
        out.append(f)
    return out


# Rules that look for a care leaver's time in care only in this year's and last year's
# episodes ("This tool can only test the current and previous year"): Harbour holds the
# whole history, so a finding is kept as an error only when that history agrees.
TWO_YEAR_RULES = frozenset({"1001", "1002"})


def with_history(findings: list[Finding], year: int) -> list[Finding]:
    """Findings of the two-year care leaver rules become queries when the young person's
    full care history in Harbour makes them a relevant or former relevant child and part of
    it is in neither this year's nor last year's files: an episode that ended before last
    year began (the first episodes of a period that went on into last year are enough)."""
    flagged = {
        f.source.person_id
        for f in findings
        if f.rule_code in TWO_YEAR_RULES and f.source and f.source.person_id is not None
    }
    if not flagged:
        return findings
    from care_leavers import eligibility

    confirmed = {
        pk
        for pk, history in care_histories(flagged, year).items()
        if history.date_of_birth
        and history.periods
        and history.before_last_year
        and eligibility.compute_eligibility(history.date_of_birth, list(history.periods), date(year, 3, 31))
        != eligibility.NONE
    }
    out: list[Finding] = []
    for f in findings:
        if f.rule_code in TWO_YEAR_RULES and f.source and f.source.person_id in confirmed:
            f = Finding(
                f.return_name,
                f.rule_code,
                f"{f.message} Harbour's care history shows this young person was looked after before "
                "last year, so the DfE's check of the full history should pass.",
                Severity.QUERY,
                f.source,
                f.fields,
            )
        out.append(f)
    return out


def _person_ids(output: ReturnOutput) -> list[int] | None:
    """The children whose last-year rows the cross-year rules read: those in this return.
    A large return builds last year whole (one query per table either way)."""
    header = output.tables.get("Header")
    if header is None:
        return None
    ids = {s.person_id for s in header.sources if s.person_id is not None}
    return sorted(ids) if len(ids) <= PARTIAL_PREVIOUS_LIMIT else None


def gap_findings(result: RunResult, year: int) -> list[Finding]:
    found: list[Finding] = []
    rules = registry(year)
    for code in sorted(set(result.crashed)):
        found.append(
            Finding(
                NAME,
                code,
                f"This rule could not run: the validator fails on it ({rules[code].message or ''}).",
                Severity.GAP,
                None,
            )
        )
    for code in sorted(set(result.skipped) & PROVIDER_LIST_RULES):
        found.append(
            Finding(
                NAME,
                code,
                "Not checked: the rule needs the Ofsted children's homes and social care providers lists, "
                f"which Harbour does not hold ({rules[code].message or ''}).",
                Severity.GAP,
                None,
            )
        )
    for code in sorted(set(result.skipped) - PROVIDER_LIST_RULES - XML_ONLY_RULES):
        found.append(
            Finding(NAME, code, f"Not checked: the rule found none of the data it needs ({rules[code].message or ''}).",
                    Severity.GAP, None)
        )  # fmt: skip
    return found


def summary(findings: list[Finding]) -> dict[tuple[str, str], int]:
    """Counts of findings per (severity, rule)."""
    counts: dict[tuple[str, str], int] = {}
    for f in findings:
        key = (str(f.severity), f.rule_code)
        counts[key] = counts.get(key, 0) + 1
    return counts
