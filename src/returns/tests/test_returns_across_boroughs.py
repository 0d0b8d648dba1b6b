"""Both returns pass the DfE's rules on any generated authority, not only the seeds the other
tests use: authorities of several seeds, sizes and dates, each year's CIN census and SSDA903
with no errors, and no query that docs/returns/ does not explain (`demo.returns_check`;
`make check-returns-spread` runs the same check on larger authorities)."""

from datetime import date

import pytest

from demo.returns_check import check_returns, collection_years
from demo.tests.boroughs import generate_borough

# (seed, children, as of): the days just after 31 March (the year's return being prepared,
# a child newly looked after then), the autumn, and the last days of a collection year.
BOROUGHS = [(13, 70, date(2026, 4, 9)), (29, 50, date(2026, 11, 2)), (41, 50, date(2026, 3, 20))]


@pytest.mark.parametrize(("seed", "children", "as_of"), BOROUGHS, ids=lambda v: str(v))
def test_both_returns_have_no_errors_on_any_generated_authority(transactional_db, seed, children, as_of):
    generate_borough(children, seed, as_of)

    checks = check_returns(as_of)

    assert {(c.name, c.year) for c in checks} == {
        (n, y) for n in ("ssda903", "cin_census") for y in collection_years(as_of)
    }
    assert all(c.rows for c in checks)
    assert [(c.name, c.year, dict(c.errors)) for c in checks if c.errors] == []
    assert [(c.name, c.year, c.unexplained) for c in checks if c.unexplained] == []


@pytest.mark.parametrize(
    ("as_of", "years"),
    [(date(2026, 3, 31), (2026, 2025)), (date(2026, 4, 1), (2027, 2026)), (date(2026, 11, 2), (2027, 2026))],
)
def test_the_collection_year_in_progress_ends_on_the_next_31_march(as_of, years):
    assert collection_years(as_of) == years
