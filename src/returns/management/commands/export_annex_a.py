"""`manage.py export_annex_a`: write Ofsted's Annex A workbook (lists 1-11) as at a date.

    python manage.py export_annex_a --as-of 2026-09-30 --output annex_a.xlsx

Prints the number of rows in each list and what Harbour could not fill (the gaps).
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from returns import annex_a
from returns.annex_a.spec import TITLES


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-09-30") from exc


def _checked_output(value: str) -> Path:
    path = Path(value).expanduser()
    if path.suffix.lower() != ".xlsx":
        raise CommandError(f"--output must be an .xlsx file, not {value!r}")
    if path.is_dir():
        raise CommandError(f"--output {value!r} is a folder; give a file name ending .xlsx")
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise CommandError(f"Cannot write {value!r}: the folder {str(folder)!r} does not exist")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CommandError(f"Cannot write {value!r}: permission denied")
    return path


class Command(BaseCommand):
    help = "Write Ofsted's Annex A lists 1-11 as at a date to an Excel workbook."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as-of",
            type=_iso_date,
            required=True,
            help="The inspection date (YYYY-MM-DD): lists cover the 6 or 12 months up to it.",
        )
        parser.add_argument("--output", required=True, help="The workbook to write (.xlsx).")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of: date = options["as_of"]
        if as_of > timezone.localdate():
            raise CommandError(
                f"--as-of {as_of.isoformat()} is in the future; Annex A looks back from a past date"
            )
        path = _checked_output(options["output"])
        started = time.perf_counter()
        output = annex_a.build(as_of)
        try:
            path.write_bytes(output.files[annex_a.file_name(as_of)])
        except OSError as exc:
            raise CommandError(f"Cannot write {str(path)!r}: {exc.strerror or exc}") from exc
        self.stdout.write(f"Annex A as at {as_of:%d/%m/%Y} written to {path}")
        for name, table in output.tables.items():
            self.stdout.write(f"  {name:<8} {TITLES[name]:<64} {len(table.rows):>7,} rows")
        if output.gaps:
            self.stdout.write("Not recorded in Harbour (columns left empty):")
            for gap in output.gaps:
                self.stdout.write(f"  - {gap.item}: {gap.explanation}")
        self.stdout.write(f"Built in {time.perf_counter() - started:.1f} s")
