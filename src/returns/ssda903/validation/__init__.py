"""Run the DfE SSDA903 validation rules (`lac_validator`, csc-validator-be-903) in-process.

The tables go to the rules as the package's own CSV reader would give them (`tables`), so a
finding here is a finding in the DfE's tool. What is different is the postcode step, done
once per process (`postcodes`), and the rule sets loaded once (`rules`): that is what makes
one child's re-validation fast, with the rules that cannot matter to the child left out
(`reads`) and the rest shared with helper processes (`shares`).

Each failing row maps back to its `Source` (table + row index). Rules that crash on the
data, and rules that cannot run because Harbour does not hold their reference data (the
Ofsted provider lists behind the URN rules), are returned as GAP findings (`findings`),
never hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from ...base import Finding, ReturnOutput, Severity
from ..build import build
from .findings import NAME, gap_findings, known_faults, source_of, summary, with_history
from .postcodes import loaded_postcode_letters, postcode_table, recorded_postcode_letters
from .reads import cannot_flag, flagged_tables, nothing_to_check, read_tables, rules_reading
from .rules import LOCAL_EQUIVALENTS, QUERY_RULES, SHARED_FRAME_WRITERS, RunResult, registry, run_codes
from .shares import run_share, run_shared, shares
from .tables import (
    CARE_HISTORY,
    children_by_id,
    cross_year_children,
    datastore,
    la_gss_code,
    validation_input,
)

__all__ = [
    "CARE_HISTORY",
    "LOCAL_EQUIVALENTS",
    "SHARED_FRAME_WRITERS",
    "datastore",
    "known_faults",
    "la_gss_code",
    "loaded_postcode_letters",
    "read_tables",
    "registry",
    "rules_reading",
    "run_codes",
    "run_rules",
    "run_share",
    "shares",
    "summary",
    "validate",
    "validation_input",
    "warm_up",
]


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
    postcode_table(set(recorded_postcode_letters(year) if postcode_letters is None else postcode_letters))


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
    a rule is not run when every table it can flag has no rows (`reads.cannot_flag`), rather than
    when every table it declares is empty (some rules read and flag tables they do not declare)."""
    data, last_sources = datastore(output, year, previous)
    children = children_by_id(output)
    findings: list[Finding] = []
    ran: list[str] = []
    skipped: list[str] = []
    crashed: list[str] = []
    rules = registry(year)
    plan: list[str] = []  # the rules to run, in the rule set's order
    for code, rule in rules.items():
        if rule_filter is not None and not rule_filter(code):
            continue
        if cannot_flag(code, rule, data) if children_only else nothing_to_check(rule, data):
            ran.append(code)
            continue
        plan.append(code)
    if children_only:
        outcomes = run_shared(plan, data, year, (output, previous, data["metadata"]["localAuthority"]))
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
                        source=source_of(table_name, index, output, last_sources, data, children),
                        fields=fields,
                    )
                )
    return RunResult(findings, ran, skipped, crashed)


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
        previous = build(year - 1, person_ids=cross_year_children(output))
    wanted = None if rules is None else set(rules)
    result = run_rules(
        output,
        year,
        previous,
        children_only=children_only,
        rule_filter=None if wanted is None else wanted.__contains__,
    )
    findings = known_faults(with_history(result.findings, year), output, year)
    return findings + gap_findings(result, year)
