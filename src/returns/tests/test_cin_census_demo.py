"""The CIN census on a generated borough: the DfE's rules report no errors, the build is a
handful of queries whatever the number of children, and the export command."""

from collections import Counter
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from demo.returns_check import CIN_EXPLAINED
from demo.tests.boroughs import generated_borough
from returns.base import Severity
from returns.cin_census import build, validate

AS_OF = date(2026, 6, 15)  # the demo's current collection year ends 31 March 2027
YEARS = (2026, 2027)
# Queries the demo is allowed to raise, each explained in docs/returns/cin-census.md.
EXPLAINED_QUERIES = CIN_EXPLAINED


@pytest.fixture(scope="module")
def borough(django_db_setup, django_db_blocker):
    with generated_borough(django_db_blocker, 40, 5, AS_OF):
        yield


@pytest.mark.parametrize("year", YEARS)
def test_the_dfe_rules_report_no_errors_on_the_demo(borough, db, year):
    output = build(year)
    assert len(output.tables["ChildIdentifiers"].rows) > 5
    findings = validate(output, year)
    errors = Counter(f.rule_code for f in findings if f.severity == Severity.ERROR)
    assert errors == Counter()
    assert {f.rule_code for f in findings} <= EXPLAINED_QUERIES
    assert all(f.source is None or f.source.person_id for f in findings)


def test_the_build_is_a_handful_of_queries_for_one_child_or_all(borough, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        everyone = build(2027)
    person = everyone.tables["CINdetails"].sources[0].person_id
    with django_assert_max_num_queries(10):
        one = build(2027, person_ids=[person])
    assert {s.person_id for s in one.tables["CINdetails"].sources} == {person}
    mine = [
        r
        for r, s in zip(
            everyone.tables["CINdetails"].rows, everyone.tables["CINdetails"].sources, strict=True
        )
        if s.person_id == person
    ]
    assert one.tables["CINdetails"].rows == mine


def test_export_command_writes_the_file_and_prints_the_summary(borough, db, tmp_path):
    target = tmp_path / "cin.xml"
    out = StringIO()
    call_command("export_cin_census", "--year", "2027", "--output", str(target), stdout=out)
    text = out.getvalue()
    assert target.read_bytes().startswith(b"<?xml")
    assert b"<Year>2027</Year>" in target.read_bytes()
    assert "CIN census 2026-27:" in text
    assert "Errors: 0" in text
    assert "Queries:" in text and "Gaps" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "26", "--output", "x.xml"], "four-digit year"),
        (["--year", "abcd", "--output", "x.xml"], "four-digit year"),
        (["--year", "2019", "--output", "x.xml"], "2023 or later"),
        (["--year", "2026", "--output", "/no/such/folder/x.xml"], "does not exist"),
    ],
)
def test_export_command_refuses_bad_arguments(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_cin_census", *args, stdout=StringIO())


def test_export_command_refuses_a_folder_as_output(db, tmp_path):
    with pytest.raises(CommandError, match="file path"):
        call_command("export_cin_census", "--year", "2026", "--output", str(tmp_path), stdout=StringIO())
    assert not any(Path(tmp_path).iterdir())
