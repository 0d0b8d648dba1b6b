"""`manage.py generate_demo_data`: fill an empty database with a synthetic borough.

    python manage.py generate_demo_data --children 1500 --seed 2026 [--if-empty] [--as-of 2026-01-15]
                                        [--cohort 5000]

The same --children, --seed and --as-of always give the same data (see `demo.generator`).
With --cohort, a large authority in minutes: a cohort of at most that many children is
generated through the services, then copied inside the database until there are about
--children (`demo.tiling`, ADR 0019).
"""

import argparse
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from demo.generator import DemoDataExists, generate
from demo.tiling import copies_for, tile
from demo.totp import enrol_demo_accounts
from people.models import Person


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-01-15") from exc


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


class Command(BaseCommand):
    help = "Fill an empty database with synthetic children's social care data, staff and demo accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--children", type=_positive, default=1500, help="Children and young people to make."
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed: same seed, same data.")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the database already has people."
        )
        parser.add_argument(
            "--as-of",
            type=_iso_date,
            default=None,
            help="The date the data is 'as at' (YYYY-MM-DD); default today. Ages and dates count back from it.",
        )
        parser.add_argument(
            "--cohort",
            type=_positive,
            default=None,
            help="Generate at most this many children through the services, then copy them"
            " inside the database up to --children (a large authority in minutes).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Person.objects.exists():
            self.stdout.write("The database already has people: demo data not generated.")
            return
        as_of = options["as_of"] or timezone.localdate()
        progress = self.stdout.write if options["verbosity"] >= 1 else None
        copies, children = 1, options["children"]
        if options["cohort"]:
            copies, children = copies_for(children, options["cohort"])
        try:
            summary = generate(children=children, seed=options["seed"], as_of=as_of, progress=progress)
        except DemoDataExists as exc:
            raise CommandError(f"{exc} (pass --if-empty to skip quietly)") from exc
        for line in summary.lines():
            self.stdout.write(line)
        if copies > 1:
            for line in tile(copies, seed=options["seed"], progress=progress).lines():
                self.stdout.write(line)
        # The demo accounts get two-factor secrets derived from the seed (demo data only).
        enrol_demo_accounts(options["seed"])
        self.stdout.write("Demo sign-in accounts: python manage.py demo_accounts")
