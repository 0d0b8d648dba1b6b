"""Server time and SQL queries of the load test's goal pages, one request at a time.

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python loadtest/page_profile.py [--users 10] [--repeat 3]

Uses Django's test client in-process against an existing demo database (e.g. one made by
`manage.py generate_demo_data --children 5000`): for the busiest demo practitioners, My work
(caseload), search by surname and the child's page for children on their caseload. Prints
per page: requests, median and 95th percentile time, most queries in one request, median
SQL time, and the slowest statements seen. Not a load test (no concurrency): it finds
N+1 queries and slow statements; `make loadtest` measures behaviour under load.
"""

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from accounts.permissions import Role  # noqa: E402
from people.models import Person  # noqa: E402
from workforce.models import Allocation  # noqa: E402


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10, help="busiest practitioners to act as")
    parser.add_argument("--repeat", type=int, default=3, help="requests per page and user")
    return parser.parse_args()


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main() -> int:
    args = _arguments()
    users = list(
        User.objects.filter(role=Role.SOCIAL_WORKER.value, is_active=True)
        .annotate(open=Count("allocations", filter=Q(allocations__end_date__isnull=True)))
        .order_by("-open")[: args.users]
    )
    surnames = list(
        Person.objects.filter(record_type="CHILD").values_list("family_name", flat=True).distinct()[:50]
    )
    times: dict[str, list[float]] = defaultdict(list)
    sql_times: dict[str, list[float]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    slowest: list[tuple[float, str, str]] = []
    client = Client(SERVER_NAME="localhost")
    for number, user in enumerate(users):
        client.force_login(user)
        caseload = list(
            Allocation.objects.filter(worker=user, end_date__isnull=True).values_list("person_id", flat=True)[
                :5
            ]
        )
        pages = [("my work (caseload)", "/work/my-work/")]
        # A search is posted and its results shown at a token (core.search_terms): time the results.
        pages += [
            (
                "search",
                client.post("/people/search/", {"q": surnames[(number + i) % len(surnames)]})["Location"],
            )
            for i in range(2)
        ]
        pages += [("child's page", f"/people/{pk}/") for pk in caseload]
        pages += [("child's work and plans", f"/people/{pk}/work/") for pk in caseload]
        for name, url in pages:
            client.get(url)  # warm (template compilation, caches)
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url)
                    elapsed = time.perf_counter() - started
                if response.status_code != 200:
                    print(f"{name} {url}: HTTP {response.status_code}")
                    return 1
                times[name].append(elapsed * 1000)
                counts[name] = max(counts[name], len(captured.captured_queries))
                sql = [(float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries]
                sql_times[name].append(sum(t for t, _ in sql))
                slowest.extend((t, name, s) for t, s in sql)
    print(
        f"{Person.objects.count()} people, {Allocation.objects.filter(end_date__isnull=True).count()} open allocations"
    )
    print(
        f"{'page':<22}{'requests':>9}{'median ms':>11}{'p95 ms':>9}{'max queries':>13}{'SQL ms (median)':>17}"
    )
    for name in times:
        print(
            f"{name:<22}{len(times[name]):>9}{statistics.median(times[name]):>11.1f}{_p95(times[name]):>9.1f}"
            f"{counts[name]:>13}{statistics.median(sql_times[name]):>17.1f}"
        )
    print("\nSlowest statements:")
    seen = set()
    for elapsed, name, statement in sorted(slowest, reverse=True):
        key = (name, statement[:120])
        if key in seen:
            continue
        seen.add(key)
        print(f"  {elapsed:7.1f} ms  [{name}] {statement[:400]}")
        if len(seen) >= 8:
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
