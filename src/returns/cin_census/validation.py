"""Run the DfE's CIN census validation rules (the `cin_validator` package) on a built return.

The package's own XML ingress grows its tables one child at a time (quadratic), so the
DataFrames are built here in one pass from the return's tables, exactly as that ingress
builds them from the XML (a test compares the two; ADR 0015). Each rule runs on its own copy
of the data, as the package's runner does. Every failing location (table + row) is mapped
back to the row's `Source`: the child and the recorded object a worker edits; return-level
rules and header rows have no source.
"""

from __future__ import annotations

import ast
import inspect
import warnings
from collections.abc import Callable, Collection
from functools import cache
from typing import Any

import pandas as pd
from cin_validator.rule_engine import CINTable, RuleContext, RuleDefinition, RuleType
from cin_validator.rules.ruleset_utils import get_year_ruleset

from .. import rule_source
from ..base import Finding, Gap, ReturnOutput, Severity, Source, Table, ValidationInput
from .builder import RETURN_NAME

pd.options.mode.chained_assignment = None
FIRST_YEAR = 2023  # the oldest rule set the package ships (cin2022_23)


def rule_set(year: int) -> dict[str, RuleDefinition]:
    """The package's rules for the collection year ending 31 March `year`."""
    if year < FIRST_YEAR:
        raise ValueError(f"No CIN census rules before {FIRST_YEAR - 1}-{str(FIRST_YEAR)[2:]}")
    latest = year
    while True:
        try:
            return dict(get_year_ruleset(str(latest)))
        except ModuleNotFoundError:
            if latest <= FIRST_YEAR:
                raise
            latest -= 1  # a year with no published rule set yet uses the latest one


def data_frame(table: Table) -> pd.DataFrame:
    """One validator table: object columns, absent values as pd.NA, dates as the package's
    ingress then processes them (`process_date_columns`)."""
    rows = [[pd.NA if value is None else value for value in row] for row in table.rows]
    frame = pd.DataFrame(rows, columns=table.columns, dtype=object)
    for column in frame:
        if "date" in column.lower():
            # What `process_date_columns` does, told the format: every date here is ISO.
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d", errors="coerce")
    return frame


def data_frames(output: ReturnOutput) -> dict[str, pd.DataFrame]:
    return {name: data_frame(table) for name, table in output.tables.items()}


def _severity(rule: RuleDefinition) -> Severity:
    return (
        Severity.QUERY if rule.rule_type == RuleType.QUERY or str(rule.code).endswith("Q") else Severity.ERROR
    )


def _pushed(issues: Any) -> bool:
    """Whether a rule pushed any failing row (rules often push empty frames)."""
    if isinstance(issues, list):
        return any(_pushed(i) for i in issues)
    row_df = getattr(issues, "row_df", None)
    return row_df is not None and len(row_df) > 0


def _locations(ctx: RuleContext) -> list[pd.DataFrame]:
    """The failing (table, column, row) locations, built only for what a rule pushed: the
    package's properties build frames even for empty pushes, which dominates on one child."""
    found = []
    if ctx.issues:
        found.append(ctx.type_zero_issues)
    if _pushed(ctx.type1_issues):
        found.append(ctx.type_one_issues)
    if _pushed(ctx.type2_issues):
        found.append(ctx.type_two_issues)
    if _pushed(ctx.type3_issues):
        found.append(ctx.type_three_issues)
    return [f for f in found if isinstance(f, pd.DataFrame) and len(f)]


@cache
def _reads(func: Callable[..., Any]) -> tuple[frozenset[CINTable], bool]:
    """The tables a rule's module works on, and whether it can raise a return-level finding."""
    tables = frozenset(v for v in func.__globals__.values() if isinstance(v, CINTable))
    try:
        return_level = "push_la_level" in inspect.getsource(func)
    except (OSError, TypeError):
        return_level = True
    return tables - {CINTable.Header}, return_level


def _can_find_anything(rule: RuleDefinition, frames: dict[CINTable, pd.DataFrame]) -> bool:
    """A child-level rule can only flag rows of the tables it reads: when all of them are
    empty (one child with no CP plan, say) it cannot fail and is not run."""
    tables, return_level = _reads(rule.func)
    return return_level or not tables or any(len(frames[t]) for t in tables)


_PUSHES = frozenset({"push_issue", "push_type_1", "push_type_2", "push_type_3"})


@cache
def flagged_tables(func: Callable[..., Any]) -> frozenset[CINTable] | None:
    """The tables a rule can flag rows of: the `table` of each `push_issue`/`push_type_N` call
    in its source (a name of one of the module's `CINTable`s, or `CINTable.X`). None when one
    of them cannot be read there: such a rule is never skipped for it. Return-level pushes
    (`push_la_level`) flag no row and name no child."""
    tree = rule_source.definition(func)
    if tree is None:
        return None
    names = func.__globals__
    members: dict[str, CINTable] = dict(CINTable.__members__)  # type: ignore[union-attr]
    tables: set[CINTable] = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method = node.func.attr
        if method == "push_la_level":
            continue
        if method not in _PUSHES:
            if method.startswith("push"):
                return None
            continue
        arg = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "table"), None)
        if isinstance(arg, ast.Name) and isinstance(names.get(arg.id), CINTable):
            tables.add(names[arg.id])
        elif (
            isinstance(arg, ast.Attribute)
            and isinstance(arg.value, ast.Name)
            and names.get(arg.value.id) is CINTable
            and arg.attr in members
        ):
            tables.add(members[arg.attr])
        else:
            return None
    return frozenset(tables)


@cache
def read_tables(func: Callable[..., Any]) -> frozenset[str] | None:
    """The tables a rule reads: the `data_container[X]` lookups in its body, where X is one of
    its module's `CINTable`s (or `CINTable.X`). None (it may read any) when it uses the tables
    otherwise (hands them on, iterates them, looks one up by a name not read here). A test
    checks, rule by rule, that the tables a rule is seen to read are among these."""
    definition = rule_source.definition(func)
    if definition is None or not definition.args.args:
        return None
    container = definition.args.args[0].arg
    names = func.__globals__
    members: dict[str, CINTable] = dict(CINTable.__members__)  # type: ignore[union-attr]
    tables: set[str] = set()
    looked_up: set[int] = set()
    nodes = [n for statement in definition.body for n in ast.walk(statement)]
    for node in nodes:
        if not (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name)):
            continue
        if node.value.id != container:
            continue
        key = node.slice
        if isinstance(key, ast.Name) and isinstance(names.get(key.id), CINTable):
            tables.add(names[key.id].name)
        elif (
            isinstance(key, ast.Attribute)
            and isinstance(key.value, ast.Name)
            and names.get(key.value.id) is CINTable
            and key.attr in members
        ):
            tables.add(key.attr)
        else:
            return None
        looked_up.add(id(node.value))
    if any(isinstance(n, ast.Name) and n.id == container and id(n) not in looked_up for n in nodes):
        return None
    return frozenset(tables)


def rules_reading(year: int, tables: frozenset[str] | None) -> frozenset[str]:
    """The year's rules that can read one of these tables (every rule for None; none for no
    table)."""
    rules = rule_set(year)
    if tables is None:
        return frozenset(rules)
    if not tables:
        return frozenset()
    return frozenset(
        code for code, rule in rules.items() if (reads := read_tables(rule.func)) is None or reads & tables
    )


def warm_up(year: int, postcode_letters: Collection[str] | None = None) -> None:  # noqa: ARG001
    """Load the year's rule set and read what each rule reads and flags from its source, so
    that a worker's first re-validation costs what the others do. (The CIN rules look up no
    postcodes: `postcode_letters` is there for `registry.warm_up`'s one signature.)"""
    for rule in rule_set(year).values():
        read_tables(rule.func)
        flagged_tables(rule.func)
        _reads(rule.func)


def validation_input(output: ReturnOutput, year: int) -> ValidationInput:  # noqa: ARG001
    """What the rules read for this return: its own tables."""
    return ValidationInput(tables=dict(output.tables))


def _cannot_flag_a_child(rule: RuleDefinition, output: ReturnOutput) -> bool:
    """For a re-validation of some children: whether no table the rule can flag holds a row of
    a child (the header row is the return's), so it can raise no finding on them, whatever else
    it reads. When its flagged tables cannot be read from its source, the tables it reads."""
    tables = flagged_tables(rule.func)
    if tables is None:
        tables, _ = _reads(rule.func)  # the tables it reads, then
    return not any(
        any(source is not None and source.person_id is not None for source in output.tables[t.name].sources)
        for t in tables
        if t.name in output.tables
    )


def validate(
    output: ReturnOutput, year: int, *, rules: Collection[str] | None = None, children_only: bool = False
) -> list[Finding]:
    """Every failing rule location as a Finding (errors ERROR, "Q" rules QUERY).

    `children_only` (a re-validation of some children): only the findings on the children's
    rows are wanted. They are the same as in a run without it; rules that cannot flag any of
    their rows are not run, so return-level findings and gaps may be missing."""
    registry = rule_set(year)
    frames = {CINTable[name]: frame for name, frame in data_frames(output).items()}
    findings: dict[tuple[Any, ...], Finding] = {}
    fields: dict[tuple[Any, ...], list[str]] = {}
    for code, rule in registry.items():
        if rules is not None and code not in rules:
            continue
        if _cannot_flag_a_child(rule, output) if children_only else not _can_find_anything(rule, frames):
            continue
        ctx = RuleContext(rule)
        reads, _ = _reads(rule.func)
        # Each rule gets its own copy of what it reads (some rules change their input).
        data = {
            table: frame.copy() if table in reads or not reads else frame for table, frame in frames.items()
        }
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                rule.func(data, ctx)
        except Exception as exc:  # noqa: BLE001 - a broken rule is reported, never hidden
            output.gaps.append(
                Gap(
                    RETURN_NAME,
                    f"rule {code}",
                    f"The rule could not run on this data ({type(exc).__name__}).",
                )
            )
            continue
        severity = _severity(rule)
        message = str(rule.message or code)
        for frame in _locations(ctx):
            for table_name, column, row_id in zip(
                frame["tables_affected"], frame["columns_affected"], frame["ROW_ID"], strict=True
            ):
                table = output.tables.get(str(table_name))
                source: Source | None = None
                if table is not None and table_name != "Header" and pd.notna(row_id):
                    row = int(row_id)
                    if 0 <= row < len(table.sources):
                        source = table.sources[row]
                key = (code, source, table_name if source is None else "")
                if key not in findings:
                    findings[key] = Finding(RETURN_NAME, str(code), message, severity, source)
                    fields[key] = []
                if str(column) not in fields[key]:
                    fields[key].append(str(column))
        if ctx.la_issues:
            key = (code, None, "return")
            findings[key] = Finding(RETURN_NAME, str(code), message, severity, None)
            fields[key] = []
    return [
        Finding(f.return_name, f.rule_code, f.message, f.severity, f.source, tuple(fields[key]))
        for key, f in findings.items()
    ]
