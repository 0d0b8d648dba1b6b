"""Benchmark: generate a borough of demo data (about 100,000 person records) into SQLite.

    python benchmarks/demo_generation.py [--persons 100000] [--seed 2026]

Creates a fresh SQLite database in a temporary directory, migrates it, runs the demo
generator for enough children to give about `--persons` person records (children,
young people and the adults around them), and prints the figures: persons, seconds,
persons a second and peak memory (resident set size). Not part of the test suite.
"""

import argparse
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from reference import setup_django  # beside this script

AS_OF = date(2026, 1, 15)  # fixed, so every run makes the same data


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000, help="about how many person records")
    parser.add_argument("--seed", type=int, default=2026)
    return parser.parse_args()


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    args = _arguments()
    with tempfile.TemporaryDirectory(prefix="harbour-bench-") as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        from django.core.management import call_command

        from demo.generator import children_for_persons, generate

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        migrated = time.perf_counter() - started

        children = children_for_persons(args.persons)
        summary = generate(children=children, seed=args.seed, as_of=AS_OF)
        size_mb = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 1e6

    print("Demo data generation (SQLite)")
    for line in summary.lines()[1:]:
        print(line)
    print(f"  persons/s    {summary.persons / summary.seconds:>9,.0f}")
    print(f"  peak RSS     {_peak_rss_mb():>9,.0f} MB")
    print(f"  database     {size_mb:>9,.0f} MB")
    print(
        f"  (migrate     {migrated:>9.1f} s, not counted; {children:,} children asked for, seed {args.seed})"
    )


if __name__ == "__main__":
    main()
