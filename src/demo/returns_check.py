"""Whether a generated authority's statutory returns are clean: both years' CIN census and
SSDA903 (the collection year in progress on the demo's date and the one before) with no
error from the DfE's rules, and no query that docs/returns/ does not explain.

The suite runs it on several small authorities (`returns/tests/test_returns_across_boroughs.py`),
`make check-returns-spread` on larger ones; both read the same lists below.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

# Queries the demo may raise, each explained in docs/returns/cin-census.md ...
CIN_EXPLAINED = frozenset({"2887Q", "2888Q", "2991Q", "8530Q", "8569Q", "8670Q", "8675Q", "8770Q", "8873Q"})
# ... and in docs/returns/ssda903.md ("Queries that remain on the demo data").
SSDA903_EXPLAINED = frozenset({"1001", "1002", "624", "SW11bSTG2", "187", "210", "146", "EPI", "232", "454"})
EXPLAINED = {"cin_census": CIN_EXPLAINED, "ssda903": SSDA903_EXPLAINED}


@dataclass
class ReturnCheck:
    """One return for one collection year: its rows, and its findings' rule codes by severity."""

    name: str
    year: int
    rows: int
    errors: Counter[str] = field(default_factory=Counter)
    queries: Counter[str] = field(default_factory=Counter)

    @property
    def unexplained(self) -> set[str]:
        return set(self.queries) - EXPLAINED[self.name]

    @property
    def clean(self) -> bool:
        return not self.errors and not self.unexplained


def collection_years(as_of: date) -> tuple[int, int]:
    """The collection year in progress on `as_of` (named for the 31 March it ends on) and the
    year before it."""
    current = as_of.year + 1 if (as_of.month, as_of.day) >= (4, 1) else as_of.year
    return current, current - 1


def check_returns(as_of: date) -> list[ReturnCheck]:
    """Build and validate both returns for both years, as the export would."""
    from returns import cin_census, ssda903
    from returns.base import Severity

    checks = []
    for year in collection_years(as_of):
        for name, module in (("ssda903", ssda903), ("cin_census", cin_census)):
            output = module.build(year)
            findings = module.validate(output, year)
            checks.append(
                ReturnCheck(
                    name,
                    year,
                    sum(len(t.rows) for t in output.tables.values()),
                    Counter(f.rule_code for f in findings if f.severity == Severity.ERROR),
                    Counter(f.rule_code for f in findings if f.severity == Severity.QUERY),
                )
            )
    return checks
