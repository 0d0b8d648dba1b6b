"""Benchmark: the team page a team manager starts the day with, and the lists it opens.

    python benchmarks/team_page.py [--children 1500] [--seed 2026] [--database PATH]
                                   [--team-size 150] [--repeat 5] [--as-of YYYY-MM-DD]

Generates a demo authority as of today (or `--as-of`) into a fresh SQLite database (or reuses `--database` if it
already has people; point DATABASE_URL at PostgreSQL and pass `--database ''` to measure
there), picks the team whose current caseload is nearest `--team-size` children (and the
biggest team), and prints for each, served to the team's manager, best and median of
`--repeat`:

- the team page (`/work/teams/<id>/`): the summary, with its query count and size;
- the first page of its overdue work, and of the children waiting for a worker;
- beside them, a fixed pure-Python reference workload, so figures from different machines
  can be compared (divide by the reference).

Goal: the team page under 300 ms for a team of 150 children. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from reference import reference_workload, setup_django  # beside this script

GOAL_MS = 300


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--children", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database", default=None, help="an SQLite file to reuse (or create)")
    parser.add_argument("--team-size", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=None,
        help="the demo's date (default today: the page is read on the day the data reaches)",
    )
    return parser.parse_args()


def timed(repeat: int, work: Callable[[], Any]) -> tuple[float, float, Any]:
    """Best and median seconds of `repeat` runs, and the last run's result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times), result


def _team_sizes(on: date) -> list[tuple[int, Any]]:
    """(children currently allocated, team) for every active team with any, biggest first."""
    from django.db.models import Count, Q

    from accounts.models import Team

    current = Q(allocations__start_date__lte=on) & (
        Q(allocations__end_date__isnull=True) | Q(allocations__end_date__gte=on)
    )
    teams = (
        Team.objects.filter(is_active=True)
        .annotate(children=Count("allocations__person", filter=current, distinct=True))
        .filter(children__gt=0)
        .order_by("-children", "pk")
    )
    return [(t.children, t) for t in teams]  # type: ignore[attr-defined]


def _reader(team: Any) -> Any:
    from accounts.models import User
    from accounts.permissions import Role

    return team.manager or User.objects.filter(role=Role.SERVICE_MANAGER.value, is_active=True).first()


def _measure(team: Any, children: int, repeat: int) -> None:
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(_reader(team))
    client.get("/")  # the first request after signing in writes the session's activity time
    summary = f"/work/teams/{team.pk}/"
    statements: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(summary)
    assert response.status_code == 200, response.status_code
    best, median, _ = timed(repeat, lambda: client.get(summary))
    print(f"{team.name}: {children} children allocated, read by {_reader(team).role_label.lower()}")
    print(
        f"  team page (summary)           {best * 1000:>7.0f} ms best, {median * 1000:>5.0f} ms median"
        f"   {len(statements)} queries, {len(response.content) / 1024:.0f} KB"
        + (f"   (goal: under {GOAL_MS} ms for 150 children)" if abs(children - 150) <= 30 else "")
    )
    for label, path in (
        ("overdue work, first page", f"/work/teams/{team.pk}/overdue/"),
        ("waiting for a worker, page 1", f"/work/teams/{team.pk}/waiting/"),
    ):
        best, median, _ = timed(repeat, lambda path=path: client.get(path))
        print(f"  {label:<29} {best * 1000:>7.0f} ms best, {median * 1000:>5.0f} ms median")


def main() -> None:
    args = _arguments()
    with tempfile.TemporaryDirectory(prefix="harbour-bench-") as tmp:
        # --database '': measure on DATABASE_URL as it is (e.g. PostgreSQL).
        database = None if args.database == "" else Path(args.database or Path(tmp) / "bench.sqlite3")
        setup_django(database)
        from django.core.management import call_command
        from django.utils import timezone

        from demo.generator import generate
        from people.models import Person

        call_command("migrate", verbosity=0)
        today = timezone.localdate()
        if not Person.objects.exists():
            generate(children=args.children, seed=args.seed, as_of=args.as_of or today)
        sizes = _team_sizes(today)
        if not sizes:
            raise SystemExit("No team has children allocated")
        nearest = min(sizes, key=lambda s: (abs(s[0] - args.team_size), s[1].pk))
        chosen = [nearest] + ([sizes[0]] if sizes[0][1].pk != nearest[1].pk else [])
        print(f"Team page ({Person.objects.count():,} person records, {len(sizes)} teams with children)")
        for children, team in chosen:
            _measure(team, children, args.repeat)
        reference = min(reference_workload() for _ in range(3))
        print(
            f"  reference workload            {reference:>8.3f} s   (pure Python, fixed: compare machines by it)"
        )


if __name__ == "__main__":
    main()
