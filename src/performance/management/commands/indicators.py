"""`manage.py indicators --year YYYY --output FILE.json`: every indicator for the collection
year ending 31 March YYYY, computed from Harbour's recorded history."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from performance.figures import compute_all
from performance.periods import collection_year


class Command(BaseCommand):
    help = "Write every indicator for a collection year (ending 31 March YYYY) to a JSON file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--year", type=int, required=True, help="The year the collection year ends (31 March)."
        )
        parser.add_argument("--output", required=True, help="The JSON file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        period = collection_year(options["year"])
        figures = compute_all(period)
        document = {
            "year": options["year"],
            "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
            "indicators": {key: figure.as_json() for key, figure in figures.items()},
        }
        Path(options["output"]).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        self.stdout.write(f"{len(figures)} indicators for {period.label} written to {options['output']}")
