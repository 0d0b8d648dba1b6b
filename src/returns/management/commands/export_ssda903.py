"""`manage.py export_ssda903`: write the SSDA903 files for a collection year and validate them.

    python manage.py export_ssda903 --year 2026 --output /tmp/903-2026 [--previous /tmp/903-2025]

`--year` is the year the collection ends (2026 = 1 April 2025 to 31 March 2026). The CSVs
(header.csv, episodes.csv, …, DfE column names, dates dd/mm/yyyy) are written to `--output`.
The DfE rules then run on them; last year's files come from `--previous` when given, else
last year is built from Harbour's history. A summary of failing rules is printed.
"""

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from returns.base import Severity
from returns.ssda903 import build, validate
from returns.ssda903.codes import TABLE_COLUMNS
from returns.ssda903.validation import summary

FIRST_YEAR, LAST_YEAR = 2023, 2027  # the years the DfE rule sets cover


class Command(BaseCommand):
    help = "Write the SSDA903 (children looked after) return as CSV files and validate it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="Collection year end, e.g. 2026.")
        parser.add_argument("--output", type=Path, required=True, help="Directory to write the CSV files to.")
        parser.add_argument("--previous", type=Path, default=None, help="Directory of last year's CSV files.")

    def handle(self, *args: Any, **options: Any) -> None:
        year: int = options["year"]
        output: Path = options["output"]
        previous: Path | None = options["previous"]
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise CommandError(
                f"--year {year} is not a year the DfE rules cover: give a year from {FIRST_YEAR} to {LAST_YEAR} "
                "(the year the collection ends on 31 March)."
            )
        if output.exists() and not output.is_dir():
            raise CommandError(f"--output {output} is a file, not a directory.")
        if previous is not None:
            if not previous.is_dir():
                raise CommandError(f"--previous {previous} is not a directory.")
            if not _has_903_files(previous):
                raise CommandError(
                    f"--previous {previous} holds no SSDA903 CSV files (header.csv, episodes.csv, …)."
                )
        started = time.perf_counter()
        result = build(year)
        output.mkdir(parents=True, exist_ok=True)
        for name, content in result.files.items():
            (output / name).write_bytes(content)
        built = time.perf_counter() - started
        self.stdout.write(
            f"SSDA903 {year - 1}/{str(year)[2:]}: {len(result.files)} files written to {output}"
        )
        for name, table in result.tables.items():
            self.stdout.write(f"  {name:<15} {len(table.rows):>7,} rows")
        findings = validate(result, year, previous=previous)
        counts = summary(findings)
        messages: dict[str, str] = {}
        for f in findings:
            messages.setdefault(f.rule_code, f.message)
        errors = sum(n for (severity, _), n in counts.items() if severity == Severity.ERROR)
        queries = sum(n for (severity, _), n in counts.items() if severity == Severity.QUERY)
        self.stdout.write(
            f"Validation ({'last year from ' + str(previous) if previous else 'last year from Harbour history'}): "
            f"{errors} errors, {queries} queries, {sum(1 for s, _ in counts if s == Severity.GAP)} rules not checked"
        )
        order = {Severity.ERROR: 0, Severity.QUERY: 1, Severity.GAP: 2}
        for (severity, code), n in sorted(
            counts.items(), key=lambda kv: (order[Severity(kv[0][0])], kv[0][1])
        ):
            self.stdout.write(f"  {severity:<5} {code:<10} {n:>6}  {messages[code][:110]}")
        for gap in result.gaps:
            self.stdout.write(f"  gap   {gap.item}: {gap.explanation}")
        self.stdout.write(f"Done in {time.perf_counter() - started:.1f} s (build {built:.1f} s).")


def _has_903_files(directory: Path) -> bool:
    headers = {",".join(cols) for cols in TABLE_COLUMNS.values()}
    for path in directory.glob("*.csv"):
        with path.open(encoding="utf-8", errors="replace") as handle:
            first = handle.readline().strip().lstrip("\ufeff")
        if first in headers:
            return True
    return False
