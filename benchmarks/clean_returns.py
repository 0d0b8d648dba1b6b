"""Check: both statutory returns are clean on generated authorities of many seeds and sizes.

    python benchmarks/clean_returns.py [--authorities SEED:CHILDREN ...] [--as-of YYYY-MM-DD]

For each authority, generates the demo into a fresh SQLite database (`generate_demo_data`,
one Python process each), then builds and validates the CIN census and SSDA903 for the
collection year in progress on the demo's date and the year before (`demo.returns_check`,
the check the suite runs on small authorities). Prints, per authority and return, the rows,
errors and queries by rule, the time taken, and beside it a fixed pure-Python reference
workload (compare machines by it). Exits 1 if any return has an error or a query that
docs/returns/ does not explain. Slow at full size (minutes per thousand children): run by
`make check-returns-spread`, not by `make benchmark` or the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from reference import reference_workload  # beside this script

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ["2026:2500", "7:1500", "13:3000", "29:1000", "41:600"]
REPORT = """
import json, os
from datetime import date
from demo.returns_check import check_returns
checks = check_returns(date.fromisoformat(os.environ["CHECK_AS_OF"]))
print("RESULT " + json.dumps([
    {"name": c.name, "year": c.year, "rows": c.rows, "errors": dict(c.errors),
     "queries": dict(c.queries), "unexplained": sorted(c.unexplained)} for c in checks]))
"""


def _manage(database: Path, *args: str, as_of: date | None = None) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
    }
    if as_of is not None:
        env["CHECK_AS_OF"] = as_of.isoformat()
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"manage.py {args[0]} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def check(seed: int, children: int, as_of: date) -> bool:
    with tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "authority.sqlite3"
        started = time.perf_counter()
        _manage(database, "migrate", "--noinput", "-v0")
        _manage(
            database,
            "generate_demo_data",
            "--children",
            str(children),
            "--seed",
            str(seed),
            "--as-of",
            as_of.isoformat(),
        )
        generated = time.perf_counter() - started
        out = _manage(database, "shell", "-c", REPORT, as_of=as_of)
    result = json.loads(next(line for line in out.splitlines() if line.startswith("RESULT "))[7:])
    print(f"seed {seed}, {children:,} children, as of {as_of}: generated in {generated:.0f} s, checked in "
          f"{time.perf_counter() - started - generated:.0f} s")  # fmt: skip
    clean = True
    for r in result:
        queries = ", ".join(f"{code} x{n}" for code, n in sorted(r["queries"].items())) or "none"
        errors = ", ".join(f"{code} x{n}" for code, n in sorted(r["errors"].items())) or "none"
        ok = not r["errors"] and not r["unexplained"]
        clean &= ok
        print(f"  {'ok  ' if ok else 'FAIL'} {r['name']:<10} {r['year']}  {r['rows']:>7,} rows  errors: {errors}; "
              f"queries: {queries}" + (f"; unexplained: {', '.join(r['unexplained'])}" if r["unexplained"] else ""))  # fmt: skip
    return clean


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--authorities", nargs="+", default=DEFAULT, help="SEED:CHILDREN for each authority")
    parser.add_argument(
        "--as-of", type=date.fromisoformat, default=None, help="the demo's date (default today)"
    )
    args = parser.parse_args()
    as_of = args.as_of or datetime.now(ZoneInfo("Europe/London")).date()
    print(f"reference workload {min(reference_workload() for _ in range(3)):.3f} s (pure Python, fixed)")
    results = []
    for spec in args.authorities:
        seed, children = (int(part) for part in spec.split(":"))
        results.append(check(seed, children, as_of))
    print(f"{sum(results)} of {len(results)} authorities clean")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
