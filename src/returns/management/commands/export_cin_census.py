"""`manage.py export_cin_census --year YYYY --output FILE.xml`: write the CIN census for the
collection year ending 31 March YYYY and print the DfE validation summary (counts per rule)."""

from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from returns.base import Severity
from returns.cin_census import build, validate
from returns.cin_census.validation import FIRST_YEAR


class Command(BaseCommand):
    help = (
        "Export the children in need census for the collection year ending 31 March YYYY "
        "(e.g. 2026 = 1 April 2025 to 31 March 2026) and validate it with the DfE's rules."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--year", required=True, help="The year the collection ends (31 March), e.g. 2026"
        )
        parser.add_argument(
            "--output", required=True, help="Where to write the XML file, e.g. cin_census_2026.xml"
        )

    def handle(self, *args: Any, year: str, output: str, **options: Any) -> None:
        if not year.isdigit() or len(year) != 4:
            raise CommandError(f"--year must be a four-digit year such as 2026, not {year!r}")
        collection_year = int(year)
        if collection_year < FIRST_YEAR or collection_year > 2100:
            raise CommandError(
                f"--year must be {FIRST_YEAR} or later: the DfE's rules start with {FIRST_YEAR - 1}-{str(FIRST_YEAR)[2:]}"
            )
        path = Path(output)
        if not output or path.is_dir():
            raise CommandError(f"--output must be a file path, not {output!r}")
        if not path.parent.exists():
            raise CommandError(f"--output: the folder {str(path.parent)!r} does not exist")

        result = build(collection_year)
        content = next(iter(result.files.values()))
        path.write_bytes(content)
        findings = validate(result, collection_year)

        children = len(result.tables["ChildIdentifiers"].rows)
        episodes = len(result.tables["CINdetails"].rows)
        self.stdout.write(
            f"CIN census {collection_year - 1}-{str(collection_year)[2:]}: {children:,} children, "
            f"{episodes:,} episodes written to {path}"
        )
        counts = Counter((f.severity, f.rule_code, f.message) for f in findings)
        for severity, title in ((Severity.ERROR, "Errors"), (Severity.QUERY, "Queries")):
            rows = sorted((code, message, n) for (sev, code, message), n in counts.items() if sev == severity)
            total = sum(n for _, _, n in rows)
            self.stdout.write(f"{title}: {total:,}")
            for code, message, n in rows:
                self.stdout.write(f"  {code:>6}  {n:>6,}  {message}")
        self.stdout.write(
            f"Gaps (items Harbour cannot return or rules that could not run): {len(result.gaps)}"
        )
        for gap in result.gaps:
            self.stdout.write(f"  {gap.item}: {gap.explanation}")
