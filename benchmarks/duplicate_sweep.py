"""Benchmark: the authority-wide duplicate sweep (`quality.services.sweep_for_duplicates`).

    python benchmarks/duplicate_sweep.py [--people 150000] [--copies N] [--base N] [--seed 2026]
                                         [--database PATH]

Records `--people` synthetic people (`people.tests.duplicate_data.register`), of whom
`--copies` (by default one in a hundred) are a second record of someone else in the register,
retyped with one of the duplicate check's error types (`corrupted_copies`; a given name
missing is recorded as its initial, as a record needs a given name), into a fresh SQLite
database (or `--database`, kept and reused by later runs with the same arguments; `--database
""` uses the `DATABASE_URL` in the environment, e.g. PostgreSQL). With `--base N`, only N
originals and the copies are generated and recorded; the rest of the register, people who are
nobody's copy, is made inside the database from the originals' own names and dates
(`tiled_register.py`; PostgreSQL only), so a million people take minutes, not hours. It then
runs the sweep in a process of its own and prints:

- the sweep's time, by phase (blocking, weighing, queueing), and its peak memory (the
  process's peak resident set, and what it held before the sweep began);
- how many candidate pairs blocking gave, and how many blocks were too big to use;
- precision (proposed pairs that are seeded duplicates) and recall (seeded duplicates
  proposed), overall and by error type;

beside the fixed reference workload (`reference.py`). Not part of the test suite.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import tiled_register  # beside this script
from reference import reference_workload, setup_django


def _arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=150_000)
    parser.add_argument("--copies", type=int, default=None, help="seeded duplicates (default: people / 100)")
    parser.add_argument(
        "--base", type=int, default=None, help="people generated (default: all); the rest tiled (PostgreSQL)"
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database", default=None, help="SQLite file (default: a fresh temporary one)")
    parser.add_argument("--sweep-only", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _rss_kb(field: str) -> int:
    """`VmRSS` (now) or `VmHWM` (the peak) of this process, in kB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _sweep() -> dict[str, float]:
    """Run in a process of its own, so that the peak memory is the sweep's."""
    from people import pairs
    from quality.models import DuplicatePair
    from quality.services import queue_duplicates

    DuplicatePair.objects.all().delete()  # a kept database: measure a first sweep again
    before = _rss_kb("VmRSS")
    started = time.perf_counter()
    blocking = pairs.candidate_pairs()
    blocked = time.perf_counter()
    found = list(pairs.likely_pairs(blocking))
    weighed = time.perf_counter()
    queue_duplicates(actor=None, found=found, blocking=blocking)
    queued = time.perf_counter()
    return {
        "blocking": blocked - started,
        "weighing": weighed - blocked,
        "queueing": queued - weighed,
        "candidates": len(blocking.pairs),
        "skipped_blocks": blocking.skipped_blocks,
        "people": blocking.people,
        "before_kb": before,
        "peak_kb": _rss_kb("VmHWM"),
    }


def _load(args: argparse.Namespace) -> dict[tuple[int, int], tuple[str, ...]]:
    """The register, recorded once; the seeded pairs (lower key first) with their error types."""
    from django.core.management import call_command

    from people.models import Person
    from people.tests.duplicate_data import corrupted_copies, register

    call_command("migrate", verbosity=0)
    copies_wanted = args.copies if args.copies is not None else args.people // 100
    base = args.base if args.base is not None else args.people - copies_wanted
    originals = register(base, args.seed)
    copies = corrupted_copies(originals, copies_wanted, args.seed + 1)
    records = originals + [
        c.record
        if c.record.given_name
        else replace(c.record, given_name=originals[c.original].given_name[:1])
        for c in copies
    ]
    if not Person.objects.exists():
        recorded = tiled_register.record(records)
        tiled = tiled_register.tile(recorded[: len(originals)], args.people - len(records))
        if tiled:
            print(f"Tiled {args.people - len(records):,} further people in the database in {tiled:.0f} s")
    pks = list(Person.objects.order_by("pk").values_list("pk", flat=True)[: len(records)])
    seeded = {}
    for number, copy in enumerate(copies):
        a, b = pks[copy.original], pks[len(originals) + number]
        seeded[(min(a, b), max(a, b))] = copy.errors
    return seeded


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.sweep_only:
        setup_django(args.database)
        print("RESULT " + json.dumps(_sweep()))
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        database = args.database if args.database is not None else str(Path(scratch) / "sweep.sqlite3")
        setup_django(database)
        started = time.perf_counter()
        seeded = _load(args)
        print(
            f"Register: {args.people:,} people, {len(seeded):,} seeded duplicates, ready in {time.perf_counter() - started:.0f} s"
        )
        command = [sys.executable, __file__, "--sweep-only", "--database", database]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
        result = json.loads(next(line for line in output.splitlines() if line.startswith("RESULT "))[7:])
        from quality.models import DuplicatePair

        proposed = set(DuplicatePair.objects.values_list("person_id", "other_person_id"))
    total = result["blocking"] + result["weighing"] + result["queueing"]
    print(
        f"\nSweep of {result['people']:,} people: {total:.1f} s "
        f"(blocking {result['blocking']:.1f} s, weighing {result['weighing']:.1f} s, "
        f"queueing {result['queueing']:.1f} s)"
    )
    print(
        f"Peak memory {result['peak_kb'] / 1024:.0f} MB (the process held {result['before_kb'] / 1024:.0f} MB "
        f"before the sweep began)"
    )
    print(
        f"Candidate pairs after blocking: {result['candidates']:,} "
        f"({result['candidates'] / max(result['people'], 1):.1f} a person); "
        f"blocks too big to use: {result['skipped_blocks']}"
    )
    right = proposed & set(seeded)
    precision = len(right) / len(proposed) if proposed else 1.0
    print(
        f"\nProposed {len(proposed):,} pairs: precision {precision:.1%} ({len(proposed - right):,} not seeded)"
    )
    print(f"{'error type':<28}{'seeded':>8}{'recall':>9}")
    by_type, found_by_type = Counter(), Counter()
    for pair, errors in seeded.items():
        for key in ("all", *errors):
            by_type[key] += 1
            found_by_type[key] += pair in proposed
    for key in sorted(by_type, key=lambda k: (k != "all", k)):
        print(f"{key:<28}{by_type[key]:>8}{found_by_type[key] / by_type[key]:>9.1%}")
    print(f"\nreference workload {min(reference_workload() for _ in range(3)):.3f} s (pure Python, fixed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
