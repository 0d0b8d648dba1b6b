"""Run the DfE's CIN census validation rules (the `cin_validator` package) on a built return.

The package's own XML ingress grows its tables one child at a time (quadratic), so the
DataFrames are built here in one pass from the return's tables, exactly as that ingress
builds them from the XML (a test compares the two; ADR 0013). Each rule runs on its own copy
of the data, as the package's runner does. Every failing location (table + row) is mapped
back to the row's `Source`: the child and the recorded object a worker edits; return-level
rules and header rows have no source.
"""

from __future__ import annotations

import warnings
from typing import Any

import pandas as pd
from cin_validator.rule_engine import CINTable, RuleContext, RuleDefinition, RuleType
from cin_validator.rules.ruleset_utils import get_year_ruleset
from cin_validator.utils import process_date_columns

from ..base import Finding, Gap, ReturnOutput, Severity, Source, Table
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
    return process_date_columns(frame)


def data_frames(output: ReturnOutput) -> dict[str, pd.DataFrame]:
    return {name: data_frame(table) for name, table in output.tables.items()}


def _severity(rule: RuleDefinition) -> Severity:
    return (
        Severity.QUERY if rule.rule_type == RuleType.QUERY or str(rule.code).endswith("Q") else Severity.ERROR
    )


def _locations(ctx: RuleContext) -> list[pd.DataFrame]:
    found = []
    for frame in (ctx.type_zero_issues, ctx.type_one_issues, ctx.type_two_issues, ctx.type_three_issues):
        if isinstance(frame, pd.DataFrame) and len(frame):
            found.append(frame)
    return found


def validate(output: ReturnOutput, year: int, *, rules: list[str] | None = None) -> list[Finding]:
    """Every failing rule location as a Finding (errors ERROR, "Q" rules QUERY)."""
    registry = rule_set(year)
    frames = {CINTable[name]: frame for name, frame in data_frames(output).items()}
    findings: dict[tuple[Any, ...], Finding] = {}
    fields: dict[tuple[Any, ...], list[str]] = {}
    for code, rule in registry.items():
        if rules is not None and code not in rules:
            continue
        ctx = RuleContext(rule)
        data = {table: frame.copy() for table, frame in frames.items()}
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
        if isinstance(ctx.la_level_issues, pd.DataFrame) and len(ctx.la_level_issues):
            key = (code, None, "return")
            findings[key] = Finding(RETURN_NAME, str(code), message, severity, None)
            fields[key] = []
    return [
        Finding(f.return_name, f.rule_code, f.message, f.severity, f.source, tuple(fields[key]))
        for key, f in findings.items()
    ]
