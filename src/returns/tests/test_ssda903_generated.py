"""The DfE rules on a generated cohort (about 40 children through the demo generator) must
report no errors, for the whole return and for one child's rows alone."""

from datetime import date

import pytest
from django.db import transaction

from demo.generator import generate
from returns.base import Severity
from returns.ssda903 import build, validate

AS_OF = date(2026, 10, 31)  # in the collection year 2026/27


@pytest.fixture(scope="module")
def shared_generated(django_db_setup, django_db_blocker):
    """The generated cohort, made once for this module's tests, rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        generate(children=40, seed=7, as_of=AS_OF)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def generated(shared_generated, db):
    """The generated cohort, each test's own changes to it rolled back after the test."""


def _errors(findings):
    return [(f.rule_code, f.message[:80], f.source) for f in findings if f.severity == Severity.ERROR]


@pytest.mark.parametrize("year", [2027, 2026])
def test_generated_cohort_has_no_validator_errors(generated, year):
    output = build(year)
    assert output.tables["Episodes"].rows, "the generated cohort has children in care"
    assert _errors(validate(output, year)) == []


def test_one_child_revalidation_matches_the_whole_return(generated):
    year = 2027
    whole = build(year)
    child = next(s.person_id for s in whole.tables["Episodes"].sources)
    one = build(year, person_ids=[child])
    assert {s.person_id for t in one.tables.values() for s in t.sources} == {child}
    whole_rows = [r for r, s in zip(whole.tables["Episodes"].rows, whole.tables["Episodes"].sources, strict=True)
                  if s.person_id == child]  # fmt: skip
    assert one.tables["Episodes"].rows == whole_rows
    assert _errors(validate(one, year)) == []
