"""Benchmark: the indicator catalogue and the performance page (time and peak memory).

    python benchmarks/indicators.py [--children 500] [--seed 2026] [--database PATH]
                                    [--history-years 2] [--repeat 3]

Generates a demo authority into a fresh SQLite database (or reuses `--database` if it
already has people; point DATABASE_URL at PostgreSQL and pass `--database ''` to measure
there), then prints, best of `--repeat`:

- the whole catalogue for the collection year (every indicator, each query once);
- the whole catalogue for each of the 13 months of a trend;
- the performance page served to a performance analyst (`/performance/`), with its query
  count and the processor time it took (steadier than the elapsed time on a busy machine),
  the same page served to a team manager (their team's rows, attributed to teams and
  workers), and one indicator's page with its 13-month trend and drill-down;
- peak memory (resident set size);
- beside them, a fixed pure-Python reference workload, so figures from different machines
  can be compared (divide by the reference).

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from reference import reference_workload, setup_django  # beside this script

AS_OF = date(2026, 1, 15)  # fixed, so every run makes the same data


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--children", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--history-years", type=int, default=2)
    parser.add_argument("--database", default=None, help="an SQLite file to reuse (or create)")
    parser.add_argument("--repeat", type=int, default=3)
    return parser.parse_args()


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def processor_time(repeat: int, work: Callable[[], object]) -> float:
    """The least processor time (this process, not the database server's) of `repeat` runs."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return min(times)


def main() -> None:
    args = _arguments()
    with tempfile.TemporaryDirectory(prefix="harbour-bench-") as tmp:
        # --database '': measure on DATABASE_URL as it is (e.g. PostgreSQL).
        database = None if args.database == "" else Path(args.database or Path(tmp) / "bench.sqlite3")
        setup_django(database)
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from accounts.models import User
        from accounts.permissions import Role
        from demo.generator import generate
        from people.models import Person
        from performance.catalogue import CATALOGUE
        from performance.figures import compute_all, monthly
        from performance.periods import collection_year, collection_year_ending, trend_months

        call_command("migrate", verbosity=0)
        if not Person.objects.exists():
            generate(children=args.children, seed=args.seed, as_of=AS_OF, history_years=args.history_years)
        year = collection_year(collection_year_ending(AS_OF))
        months = trend_months(AS_OF)
        one_year = best(args.repeat, lambda: compute_all(year))
        trend = best(args.repeat, lambda: monthly(list(CATALOGUE.indicators.values()), months))
        analyst = User.objects.filter(role=Role.PERFORMANCE.value).first()
        manager = User.objects.filter(role=Role.TEAM_MANAGER.value, team__isnull=False).first()
        page_seconds = page_cpu = manager_seconds = indicator_seconds = float("nan")
        page_queries = 0
        period = f"?period={year.key}"
        if analyst is not None:
            client = Client(HTTP_HOST="localhost")
            client.force_login(analyst)
            client.get(f"/performance/{period}")  # the first request signs in and warms the templates
            page_seconds = best(args.repeat, lambda: client.get(f"/performance/{period}"))
            page_cpu = processor_time(args.repeat, lambda: client.get(f"/performance/{period}"))
            with CaptureQueriesContext(connection) as captured:
                client.get(f"/performance/{period}")
            page_queries = len(captured.captured_queries)
            indicator_seconds = best(args.repeat, lambda: client.get(f"/performance/referrals/{period}"))
        if manager is not None:
            managing = Client(HTTP_HOST="localhost")
            managing.force_login(manager)
            managing.get(f"/performance/{period}")
            manager_seconds = best(args.repeat, lambda: managing.get(f"/performance/{period}"))
        reference = best(args.repeat, reference_workload)
        people = Person.objects.count()

    print(f"Indicators ({people:,} person records, collection year {year.label})")
    print(f"  catalogue, one year           {one_year:>8.3f} s")
    print(f"  catalogue, 13 months          {trend:>8.3f} s")
    print(
        f"  year and 13 months together   {one_year + trend:>8.3f} s   (goal: under 2 s at 85,000 children)"
    )
    print(f"  performance page              {page_seconds * 1000:>8.0f} ms  (goal: under 300 ms)")
    print(f"    processor time              {page_cpu * 1000:>8.0f} ms  ({page_queries} queries)")
    print(f"  performance page, a manager   {manager_seconds * 1000:>8.0f} ms")
    print(f"  one indicator with its trend  {indicator_seconds * 1000:>8.0f} ms")
    print(f"  peak RSS                      {_peak_rss_mb():>8.0f} MB")
    print(
        f"  reference workload            {reference:>8.3f} s   (pure Python, fixed: compare machines by it)"
    )


if __name__ == "__main__":
    main()
