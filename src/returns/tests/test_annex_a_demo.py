"""Annex A from a generated demo borough: every list builds, every row has its list's
columns, every coded cell holds one of Ofsted's labels, and the number of queries does not
depend on how many children there are."""

import io
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from demo.tests.boroughs import generated_borough
from returns import annex_a
from returns.annex_a import labels
from returns.annex_a.spec import COLUMNS

from . import annex_a_cohort as make

AS_OF = date(2026, 1, 15)

CODED = {
    "Gender": labels.SEX.values(),
    "Ethnicity": labels.ETHNICITY.values(),
    "Contact Source": labels.SOURCE.values(),
    "Referral Source": labels.SOURCE.values(),
    "Primary Need Code": labels.PRIMARY_NEED.values(),
    "Child's Category of Need": labels.PRIMARY_NEED.values(),
    "Reason for Closure": labels.CLOSURE_REASON.values(),
    "Case Status": labels.CASE_STATUS,
    "Initial Category of Abuse": labels.ABUSE_CATEGORY.values(),
    "Latest Category of Abuse": labels.ABUSE_CATEGORY.values(),
    "Child's Legal Status": labels.LEGAL_STATUS.values(),
    "Reason Ceased to be Looked After": labels.REASON_CEASED.values(),
    "Placement Type": labels.PLACEMENT_TYPE.values(),
    "Placement Provider": labels.PLACEMENT_PROVIDER.values(),
    "Placement Location": (labels.IN_AREA, labels.OUT_OF_AREA),
    "Eligibility Category": labels.ELIGIBILITY.values(),
    "LA in Touch": labels.IN_TOUCH.values(),
    "Type of Accommodation": labels.ACCOMMODATION.values(),
    "Suitability of Accommodation": labels.SUITABILITY.values(),
    "Activity Status": labels.ACTIVITY.values(),
    "Reason Why Child No Longer Placed for Adoption": labels.REASON_NO_LONGER_ADOPTION.values(),
}
YES_NO = re.compile(
    r"Disability|NFA\?|Seen|assessed as requiring|deemed unnecessary|Result in a Child Protection Plan"
    r"|Police Powers|\(UASC\)|second or subsequent|Return Interview"
)
DATES = re.compile(r"[Dd]ate")
COUNTS = re.compile(r"^Number of|Age of Child")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """A 40-child borough, shared by this module's read-only tests and rolled back after."""
    with generated_borough(django_db_blocker, 40, 5, AS_OF):
        with CaptureQueriesContext(connection) as queries:
            output = annex_a.build(AS_OF)
        yield output, len(queries.captured_queries)


def _check(title: str, value: object) -> None:
    if value is None:
        return
    if title in CODED:
        assert value in CODED[title], (title, value)
    elif DATES.search(title):
        assert isinstance(value, date) and value <= AS_OF, (title, value)
    elif YES_NO.search(title):
        assert value in (labels.YES, labels.NO), (title, value)
    elif COUNTS.search(title):
        assert isinstance(value, int) and value >= 0, (title, value)
    else:
        assert isinstance(value, str) and value, (title, value)


def test_every_list_builds_with_its_columns_and_valid_values(demo):
    output, _ = demo
    assert list(output.tables) == list(COLUMNS)
    filled = [name for name, table in output.tables.items() if table.rows]
    assert {"List 1", "List 3", "List 4", "List 6", "List 8"} <= set(filled)
    for name, table in output.tables.items():
        for row in table.rows:
            assert len(row) == len(COLUMNS[name]), name
            for title, value in zip(COLUMNS[name], row, strict=True):
                _check(title, value)
        assert all(source.person_id for source in table.sources)


def test_the_workbook_holds_the_same_rows(demo):
    output, _ = demo
    book = load_workbook(io.BytesIO(output.files[annex_a.file_name(AS_OF)]), read_only=True)
    for name, table in output.tables.items():
        rows = list(book[name].iter_rows(values_only=True))
        assert list(rows[0]) == COLUMNS[name]
        assert len(rows) - 1 == len(table.rows), name


def test_queries_do_not_grow_with_the_number_of_children(demo, make_user):
    """Adding the eight-child cohort to the demo borough adds rows, not queries."""
    output, demo_queries = demo
    make.build_cohort(make_user)  # in this test's savepoint, on top of the demo borough
    with CaptureQueriesContext(connection) as queries:
        bigger = annex_a.build(AS_OF)
    assert sum(len(t.rows) for t in bigger.tables.values()) > sum(len(t.rows) for t in output.tables.values())
    assert len(queries.captured_queries) == demo_queries
