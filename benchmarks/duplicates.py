"""Benchmark: the duplicate check the front door runs before a child's record is created.

    python benchmarks/duplicates.py [--people 5000] [--copies 5000] [--extra 0] [--seed 2026]
                                    [--database PATH]

Generates a register of `--people` synthetic people (`people.tests.duplicate_data`) into a
fresh SQLite database (or `--database`, kept and reused by later runs with the same
arguments; `--database ""` uses the `DATABASE_URL` in the environment, e.g. PostgreSQL), plus
`--extra` further people who are nobody's copy (to see speed on a large register: on
PostgreSQL made inside the database from the register's own names and dates,
`tiled_register.py`, a million in minutes; on SQLite generated and recorded), then runs `people.search.find_possible_duplicates` on
`--copies` corrupted copies, typed as a front-door worker would (given name, family name,
date of birth). It prints, overall and by error type:

- recall: the true record is among the candidates shown;
- first-candidate precision: the first candidate is the true record, of copies with any;
- no candidate: copies for which nothing was shown;

and the median and 95th-percentile time of one check, beside the time of a fixed
pure-Python loop on the same machine (so figures from different machines can be compared).
Not part of the test suite.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import tiled_register  # beside this script
from reference import setup_django


def _arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--copies", type=int, default=5000)
    parser.add_argument("--extra", type=int, default=0, help="further people who are nobody's copy")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database", default=None, help="SQLite file (default: a fresh temporary one)")
    return parser.parse_args(argv)


def reference_loop_ms() -> float:
    """A fixed pure-Python workload: the median of five runs, in milliseconds."""
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        total = 0
        for i in range(200_000):
            total += i * i % 7
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def _load(args: argparse.Namespace) -> list[int]:
    from django.core.management import call_command
    from django.db import connection

    from people.tests.duplicate_data import register

    call_command("migrate", verbosity=0)
    from people.models import Person

    if Person.objects.exists():  # a database kept from an earlier run: its people, in order
        return list(Person.objects.order_by("pk").values_list("pk", flat=True)[: args.people])
    if connection.vendor != "postgresql":  # every person generated and recorded (slow past 100,000)
        return tiled_register.record(register(args.people + args.extra, args.seed))[: args.people]
    pks = tiled_register.record(register(args.people, args.seed))
    tiled = tiled_register.tile(pks, args.extra)
    print(f"Tiled {args.extra:,} further people in the database in {tiled:.0f} s")
    return pks


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    with tempfile.TemporaryDirectory() as scratch:
        setup_django(
            args.database if args.database is not None else str(Path(scratch) / "duplicates.sqlite3")
        )
        from people.search import find_possible_duplicates
        from people.tests.duplicate_data import Record, check_copies, corrupted_copies, register

        started = time.perf_counter()
        pks = _load(args)
        print(f"Register: {len(pks) + args.extra:,} people, loaded in {time.perf_counter() - started:.0f} s")
        copies = corrupted_copies(register(args.people, args.seed), args.copies, args.seed + 1)
        times: list[float] = []

        def check(record: Record) -> list[int]:
            start = time.perf_counter()
            matches = find_possible_duplicates(
                given_name=record.given_name,
                family_name=record.family_name,
                date_of_birth=record.date_of_birth,
            )
            times.append((time.perf_counter() - start) * 1000)
            return [m.person.pk for m in matches]

        outcomes = check_copies(copies, pks, check)
    print(f"\n{'error type':<28}{'copies':>7}{'recall':>9}{'first right':>13}{'none shown':>12}")
    for name, outcome in sorted(outcomes.items(), key=lambda kv: (kv[0] != "all", kv[0])):
        none = 1 - outcome.any_candidate / outcome.copies
        print(
            f"{name:<28}{outcome.copies:>7}{outcome.recall:>9.1%}"
            f"{outcome.first_precision:>13.1%}{none:>12.1%}"
        )
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(
        f"\nOne check: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms; "
        f"reference loop {reference_loop_ms():.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
