"""The DfE rules on an empty return and on the recorded cohort (`ssda903_cohort`); and
`manage.py export_ssda903` as an operator uses it. The generated cohort's checks are in
`test_ssda903_generated`."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from returns.base import Severity
from returns.ssda903 import build, validate
from returns.ssda903.validation import run_rules

from .ssda903_cohort import YEAR, build_cohort


def test_rules_with_nothing_to_check_are_not_run_but_count_as_run(db):
    output = build(YEAR)  # an empty return
    result = run_rules(output, YEAR, build(YEAR - 1))
    assert result.findings == []
    assert "101" in result.ran  # Header is empty: nothing to check, so not executed
    assert "231" not in result.crashed  # its tables are empty too: it does not get to crash


# -- the command -------------------------------------------------------------------------------


@pytest.fixture
def cohort(db):
    return build_cohort()


def test_export_writes_the_files_and_a_summary(cohort, tmp_path):
    out = StringIO()
    call_command("export_ssda903", "--year", str(YEAR), "--output", str(tmp_path / "903"), stdout=out)
    names = {p.name for p in (tmp_path / "903").iterdir()}
    assert {"header.csv", "episodes.csv", "social_worker_episodes.csv", "oc3.csv", "ad1.csv"} <= names
    text = out.getvalue()
    assert "0 errors" in text
    assert "gap   231" in text  # a rule the validator cannot run is reported
    assert (tmp_path / "903" / "episodes.csv").read_text().startswith("CHILD,DECOM,RNE,LS,CIN,PLACE")


def test_export_with_last_years_files(cohort, tmp_path):
    last, this = tmp_path / "last", tmp_path / "this"
    call_command("export_ssda903", "--year", str(YEAR - 1), "--output", str(last), stdout=StringIO())
    out = StringIO()
    call_command(
        "export_ssda903", "--year", str(YEAR), "--output", str(this), "--previous", str(last), stdout=out
    )
    assert f"last year from {last}" in out.getvalue()
    assert "0 errors" in out.getvalue()


def test_last_years_files_drive_the_cross_year_rules(cohort, tmp_path):
    """A child whose open episode is missing from last year's files fails the continuity rules."""
    last = tmp_path / "last"
    call_command("export_ssda903", "--year", str(YEAR - 1), "--output", str(last), stdout=StringIO())
    episodes = (last / "episodes.csv").read_text().splitlines()
    g = cohort.children["G"].la_child_id
    (last / "episodes.csv").write_text("\n".join(line for line in episodes if not line.startswith(g)) + "\n")
    findings = validate(build(YEAR), YEAR, previous=last)
    failing = {f.rule_code for f in findings if f.severity == Severity.ERROR and f.source
               and f.source.person_id == cohort.children["G"].pk}  # fmt: skip
    assert failing  # e.g. NoE / 562: an episode that began before the year is not in last year's return


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2031", "--output", "{tmp}/x"], "not a year the DfE rules cover"),
        (["--year", "2026", "--output", "{tmp}/file.txt"], "is a file, not a directory"),
        (["--year", "2026", "--output", "{tmp}/x", "--previous", "{tmp}/missing"], "is not a directory"),
        (
            ["--year", "2026", "--output", "{tmp}/x", "--previous", "{tmp}/empty"],
            "holds no SSDA903 CSV files",
        ),
    ],
)
def test_export_refuses_bad_arguments(db, tmp_path, args, message):
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CommandError, match=message):
        call_command("export_ssda903", *[a.format(tmp=tmp_path) for a in args], stdout=StringIO())
    assert not Path(tmp_path / "x").exists()
