"""`manage.py export_annex_a`: writes the workbook, reports rows and gaps, refuses bad input."""

import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from openpyxl import load_workbook

from .annex_a_cohort import build_cohort


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("export_annex_a", *args, stdout=out)
    return out.getvalue()


def test_writes_the_workbook_and_prints_rows_per_list_and_the_gaps(make_user, tmp_path):
    build_cohort(make_user)
    target = tmp_path / "annex.xlsx"
    printed = run("--as-of", "2026-06-30", "--output", str(target))
    book = load_workbook(target)
    assert book.sheetnames == [f"List {n}" for n in range(1, 12)]
    assert book["List 8"].max_row == 3  # titles and two children in care
    assert "List 1   Contacts" in printed
    assert "List 8   Children in care" in printed
    lines = {line.split()[1]: line for line in printed.splitlines() if line.startswith("  List")}
    assert lines["1"].rstrip().endswith("2 rows")
    assert lines["8"].rstrip().endswith("2 rows")
    assert lines["11"].rstrip().endswith("0 rows")
    assert "List 11: Adopters" in printed
    assert "List 10: Family identifier" in printed


@pytest.mark.parametrize("bad", ["2026-02-30", "30/06/2026", "yesterday"])
def test_a_bad_date_is_refused(db, tmp_path, bad):
    with pytest.raises(CommandError, match="is not a date like"):
        run("--as-of", bad, "--output", str(tmp_path / "a.xlsx"))
    assert not (tmp_path / "a.xlsx").exists()


def test_a_future_date_is_refused(db, tmp_path):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(CommandError, match="is in the future"):
        run("--as-of", tomorrow.isoformat(), "--output", str(tmp_path / "a.xlsx"))


def test_both_arguments_are_required(db, tmp_path):
    with pytest.raises(CommandError, match="--as-of"):
        run("--output", str(tmp_path / "a.xlsx"))
    with pytest.raises(CommandError, match="--output"):
        run("--as-of", "2026-06-30")


def test_a_missing_folder_is_refused_before_building(db, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        run("--as-of", "2026-06-30", "--output", str(tmp_path / "nowhere" / "a.xlsx"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_an_unwritable_folder_is_refused(db, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(CommandError, match="permission denied"):
            run("--as-of", "2026-06-30", "--output", str(locked / "a.xlsx"))
    finally:
        locked.chmod(0o700)


def test_a_folder_or_a_non_workbook_name_is_refused(db, tmp_path):
    (tmp_path / "dir.xlsx").mkdir()
    with pytest.raises(CommandError, match="is a folder"):
        run("--as-of", "2026-06-30", "--output", str(tmp_path / "dir.xlsx"))
    with pytest.raises(CommandError, match=r"must be an \.xlsx file"):
        run("--as-of", "2026-06-30", "--output", str(tmp_path / "annex.csv"))


def test_a_failed_write_is_a_clear_error(db, tmp_path, monkeypatch):
    def full_disk(self, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    with pytest.raises(CommandError, match="No space left on device"):
        run("--as-of", "2026-06-30", "--output", str(tmp_path / "a.xlsx"))


def test_an_inspection_date_today_is_allowed(db, tmp_path):
    printed = run("--as-of", timezone.localdate().isoformat(), "--output", str(tmp_path / "today.xlsx"))
    assert (tmp_path / "today.xlsx").exists()
    assert "0 rows" in printed
