"""Benchmark: the statutory returns on a large authority (time and peak memory).

    python benchmarks/returns.py [--children 85000] [--cohort 5000] [--history-years 10]
                                 [--contact-rate 1.3] [--seed 2026] [--database PATH] [--keep]
                                 [--sample 20] [--fakes]

Generates a synthetic authority into a fresh SQLite database (about 85,000 children by
default, with ten years of front-door history and 1.3 times the demo's usual rate of
contacts: 4,500+ a month at this size), or reuses `--database` if it already has people.
A cohort of at most `--cohort` children is generated through the services and copied
inside the database up to `--children` (`demo.tiling`): minutes instead of hours.
`--cohort 0` generates every child through the services.
Then, each in its own Python process so its peak memory is its own, it prints:

- each export (CIN census, SSDA903, Annex A): seconds to build and peak memory;
- the three exports together (the goal: under 30 seconds);
- the validation of live data in Harbour (DfE rules for the CIN census and SSDA903, with
  the findings kept current): seconds per return and peak memory;
- a single child's re-validation after each kind of edit (nothing the returns hold, a
  review, an episode of care, identity details) and with nothing kept from before: median
  and slowest over `--sample` children. Each edit is rolled back once timed.

Importing the return packages (pandas, the DfE validators) is not counted: a worker does
it once. Peak memory is the process's resident peak during the measurement (Linux), next
to its size before it. A return whose builder is not in this version of Harbour is skipped
with a message. `--fakes`
swaps in the test suite's fake builders to check the benchmark itself, not Harbour's speed.
Scale it down to try it: `--children 500 --history-years 2`. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from reference import setup_django  # beside this script

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 1, 15)  # fixed, so every run makes the same data
RETURNS = ("cin_census", "ssda903", "annex_a")


def _arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--children", type=int, default=85_000, help="children to generate")
    parser.add_argument("--history-years", type=int, default=10, help="years of front-door history")
    parser.add_argument(
        "--contact-rate",
        type=float,
        default=1.3,
        help="front-door contacts a month relative to the demo's usual rate (1.0 gives about 0.046"
        " a child a month: about 3,900 a month for 85,000 children; 1.3 about 5,000)",
    )
    parser.add_argument(
        "--cohort",
        type=int,
        default=5_000,
        help="children generated through the services, then copied up to --children (0: all of them)",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database", type=Path, help="SQLite file to use (generated into if empty)")
    parser.add_argument("--keep", action="store_true", help="keep the generated database (printed)")
    parser.add_argument("--sample", type=int, default=20, help="children for the re-validation timing")
    parser.add_argument(
        "--processes",
        type=int,
        help="processes a re-validation's rules run on, as a worker's (default: HARBOUR_VALIDATION_PROCESSES)",
    )
    parser.add_argument("--fakes", action="store_true", help="use the test fakes (checks the benchmark only)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: one measurement, as JSON
    return parser.parse_args(argv)


def _status_mb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _reset_peak() -> None:
    """Start counting the peak from now (Linux: writing 5 to clear_refs resets VmHWM)."""
    with contextlib.suppress(OSError):  # elsewhere the peak counts from the start of the process
        Path("/proc/self/clear_refs").write_text("5")


def _rss_mb() -> float:
    current = _status_mb("VmRSS")
    return current if current is not None else _peak_rss_mb()


def _peak_rss_mb() -> float:
    peak = _status_mb("VmHWM")
    if peak is not None:
        return peak
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux, bytes on macOS
    return usage / (1024 * 1024) if sys.platform == "darwin" else usage / 1024


def _children_peak_mb() -> list[float]:
    """Peak memory of each of this process's child processes (the validation helpers)."""
    try:
        pids = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split()
    except OSError:
        return []
    peaks = []
    for pid in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
    return peaks


def _use_fakes() -> None:
    from contextlib import ExitStack

    from returns.tests.fakes import fake_returns

    stack = ExitStack()
    stack.enter_context(fake_returns())
    _use_fakes.stack = stack  # type: ignore[attr-defined]  # kept open for the process


# --- One measurement, in its own process ----------------------------------------------------


def _measure(args: argparse.Namespace) -> dict[str, object]:
    if args.processes:
        os.environ["HARBOUR_VALIDATION_PROCESSES"] = str(args.processes)
    setup_django(args.database, HARBOUR_REVALIDATE_ON_CHANGE="false")
    if args.fakes:
        _use_fakes()
    from django.db import connection

    from returns import registry

    connection.ensure_connection()
    for name in registry.SPECS:
        registry.implementation(name)  # importing the packages is not counted
    _reset_peak()
    baseline = _rss_mb()
    kind, _, which = args.measure.partition(":")
    started = time.perf_counter()
    result: dict[str, object] = {}
    if kind == "export":
        impl = registry.implementation(which)
        if impl is None:
            return {"skipped": registry.missing_message(which)}
        spec = registry.spec(which)
        param = registry.collection_year(AS_OF) if spec.parameter == "year" else AS_OF
        output = impl.build(param)
        result = {
            "rows": sum(len(t.rows) for t in output.tables.values()),
            "bytes": sum(len(c) for c in output.files.values()),
            "gaps": len(output.gaps),
        }
    elif kind == "validate":
        from returns import services

        run = services.validate_live_data(year=registry.collection_year(AS_OF))
        result = {"status": run.status, "error": run.error, "returns": run.counts}
    elif kind == "revalidate":
        from returns import processes, services
        from returns.tasks import warm_up_worker

        year = registry.collection_year(AS_OF)
        ids = _sample_children(args.sample)
        # What a worker does when it starts: load the rule sets and their analysis, and start
        # its helper processes (HARBOUR_VALIDATION_PROCESSES, --processes; ADR 0024).
        warm_up_worker()
        result["processes"] = processes.helpers() + 1
        # What a worker loads once, not per child: the postcode letters the sample's
        # placements use. A pass over the sample loads them all, and leaves each child's
        # findings current, as after the nightly run or an earlier edit.
        for pk in ids:
            services.revalidate_children([pk], year=year)
        times: dict[str, list[float]] = {label: [] for label in EDITS}
        for pk in ids:
            for label, edit in EDITS.items():
                elapsed = _time_after_edit(pk, edit, year)
                if elapsed is not None:
                    times[label].append(elapsed)
        result |= {"times": times, "available": [n for n in registry.VALIDATED if registry.available(n)]}
        result["helpers_peak_mb"] = _children_peak_mb()
    result.update(seconds=time.perf_counter() - started, peak_mb=_peak_rss_mb(), baseline_mb=baseline)
    return result


class _Undo(Exception):
    """Raised to roll an edit back once its re-validation is timed."""


def _time_after_edit(pk: int, edit: Callable[[int], bool], year: int) -> float | None:
    """Seconds to re-validate the child after `edit` (then rolled back, so that every edit
    starts from the same record); None if the edit does not apply to the child."""
    from django.db import transaction

    from returns import services

    elapsed = None
    with contextlib.suppress(_Undo), transaction.atomic():
        if edit(pk):
            started = time.perf_counter()
            services.revalidate_children([pk], year=year)
            elapsed = time.perf_counter() - started
        raise _Undo
    return elapsed


def _edit_nothing_returned(pk: int) -> bool:  # noqa: ARG001
    """A case note or a visit: nothing the returns hold changes (the re-validation still runs)."""
    return True


def _edit_review(pk: int) -> bool:
    """A child looked after: their latest review's participation code is recorded again."""
    from looked_after.models import LACReview

    review = LACReview.objects.filter(person_id=pk).order_by("-pk").first()
    if review is None:
        return False
    code = "PN2" if review.participation != "PN2" else "PN1"
    return bool(LACReview.objects.filter(pk=review.pk).update(participation=code))


def _edit_episode(pk: int) -> bool:
    """A child looked after: their latest episode of care's reason is changed (a placement
    or legal status change rewrites the episodes the same way)."""
    from looked_after.models import CareEpisode

    episode = CareEpisode.objects.filter(person_id=pk).order_by("-start_date", "-pk").first()
    if episode is None:
        return False
    code = "P" if episode.reason_new_episode != "P" else "T"
    return bool(CareEpisode.objects.filter(pk=episode.pk).update(reason_new_episode=code))


def _edit_identity(pk: int) -> bool:
    """Identity details: the child's recorded ethnicity (in both returns' child tables)."""
    from people.models import Person

    person = Person.objects.get(pk=pk)
    code = "WBRI" if person.ethnicity != "WBRI" else "MWBC"
    return bool(Person.objects.filter(pk=pk).update(ethnicity=code))


def _edit_first_time(pk: int) -> bool:
    """Nothing kept from an earlier validation (a child new to Harbour's findings): every rule runs."""
    from returns.models import ValidatedInput

    ValidatedInput.objects.filter(person_id=pk).delete()
    return True


EDITS: dict[str, Callable[[int], bool]] = {
    "case note or visit (nothing returned changes)": _edit_nothing_returned,
    "review recorded (SSDA903 reviews)": _edit_review,
    "episode of care changed (SSDA903 episodes)": _edit_episode,
    "identity details (both returns)": _edit_identity,
    "first validation of the child (every rule)": _edit_first_time,
}


def _sample_children(count: int) -> list[int]:
    """Children with the most recorded history (the slowest to re-validate: looked-after
    reviews and periods of care, child in need plans), and some others."""
    from django.db.models import Count

    from people.models import Person

    children = Person.objects.active().children()
    history = (
        Count("periods_of_care", distinct=True)
        + Count("periods_of_care__reviews", distinct=True)
        + Count("cin_plans", distinct=True)
    )
    busiest = list(
        children.annotate(n=history).order_by("-n", "pk").values_list("pk", flat=True)[: max(1, count // 2)]
    )
    step = max(1, children.count() // max(1, count - len(busiest)))
    others = list(children.order_by("pk").values_list("pk", flat=True)[::step][: count - len(busiest)])
    return list(dict.fromkeys(busiest + others))[:count]


def _run_measurement(args: argparse.Namespace, what: str) -> dict[str, object]:
    command = [sys.executable, __file__, "--measure", what, "--database", str(args.database)]
    command += ["--sample", str(args.sample)] + (["--fakes"] if args.fakes else [])
    command += ["--processes", str(args.processes)] if args.processes else []
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        return {"failed": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# --- The whole benchmark --------------------------------------------------------------------


def _generate(args: argparse.Namespace) -> None:
    setup_django(args.database, HARBOUR_REVALIDATE_ON_CHANGE="false")
    from django.core.management import call_command

    from people.models import Person

    call_command("migrate", verbosity=0)
    if Person.objects.exists():
        print(f"Using the authority already in {args.database}")
        return
    from demo.generator import generate
    from demo.tiling import copies_for, tile

    copies, children = 1, args.children
    if args.cohort and args.children > args.cohort:
        copies, children = copies_for(args.children, args.cohort)
    print(f"Generating {children:,} children with {args.history_years} years of history ...", flush=True)
    summary = generate(
        children=children,
        seed=args.seed,
        as_of=AS_OF,
        history_years=args.history_years,
        contact_rate=args.contact_rate,
        progress=lambda message: print(message, flush=True),
    )
    for line in summary.lines():
        print(line)
    if copies > 1:
        print(f"Copying the cohort to {copies} times its size ...", flush=True)
        for line in tile(copies, seed=args.seed, progress=lambda m: print(m, flush=True)).lines():
            print(line)


def _describe_authority(args: argparse.Namespace) -> None:
    from datetime import timedelta

    from frontdoor.models import Contact
    from people.models import Person

    children = Person.objects.active().children().count()
    year_ago = AS_OF - timedelta(days=365)
    monthly = Contact.objects.filter(received_at__date__gt=year_ago).count() / 12
    oldest = Contact.objects.order_by("received_at").values_list("received_at", flat=True).first()
    print(f"Authority: {children:,} children; {monthly:,.0f} contacts a month over the last year", end="")
    print(f"; history from {oldest:%Y-%m-%d}" if oldest else "")


def _line(label: str, result: dict[str, object]) -> None:
    if "skipped" in result or "failed" in result:
        print(f"  {label:<28} skipped: {result.get('skipped') or result.get('failed')}")
        return
    extra = ""
    if "rows" in result:
        extra = f"  {result['rows']:>9,} rows  {int(result['bytes']) / 1e6:>7.1f} MB file"  # type: ignore[call-overload]
    print(
        f"  {label:<28} {result['seconds']:>8.2f} s   peak {result['peak_mb']:>7,.0f} MB"
        f" (process before it {result['baseline_mb']:,.0f} MB){extra}"
    )


def _report_exports(args: argparse.Namespace) -> None:
    print("\nExports (build from live data, in its own process each)")
    total = 0.0
    built = 0
    for name in RETURNS:
        result = _run_measurement(args, f"export:{name}")
        _line(name, result)
        if "seconds" in result:
            total += float(result["seconds"])  # type: ignore[arg-type]
            built += 1
    if built:
        goal = "within" if total < 30 else "OVER"
        print(
            f"  {'all built exports together':<28} {total:>8.2f} s   ({goal} the 30 s goal; {built} of 3 built)"
        )


def _report_validation(args: argparse.Namespace) -> None:
    print("\nValidation of live data in Harbour (DfE rules, findings kept current)")
    result = _run_measurement(args, "validate")
    for name, counts in dict(result.get("returns") or {}).items():  # type: ignore[call-overload]
        if not counts.get("available"):
            print(f"  {name:<28} skipped: its builder or validator is not in this version of Harbour")
            continue
        found = counts["findings"]
        print(
            f"  {name:<28} {counts['seconds']:>8.2f} s   {found['error']:,} errors,"
            f" {found['query']:,} queries, {counts['gaps']} gaps"
        )
    if result.get("error"):
        print(f"  the run failed: {result['error']}")
    _line("validation (whole run)", result)


def _report_revalidation(args: argparse.Namespace) -> None:
    print("\nA single child's re-validation after an edit")
    result = _run_measurement(args, "revalidate")
    times: dict[str, list[float]] = dict(result.get("times") or {})  # type: ignore[call-overload]
    if "failed" in result or not times:
        _line("re-validation", result)
    elif not result.get("available"):
        print("  skipped: no validated return is in this version of Harbour")
    else:
        for label, seconds in times.items():
            if not seconds:
                print(f"  {label:48s} no child in the sample")
                continue
            print(
                f"  {label:48s} {len(seconds):3d} children: median {statistics.median(seconds) * 1000:,.0f} ms,"
                f" slowest {max(seconds) * 1000:,.0f} ms"
            )
        helpers = [f"{mb:,.0f}" for mb in result.get("helpers_peak_mb") or []]  # type: ignore[attr-defined]
        print(
            f"  on {result.get('processes', 1)} process(es); peak memory {result['peak_mb']:,.0f} MB"
            + (f", helpers {', '.join(helpers)} MB" if helpers else "")
        )


def main() -> int:
    args = _arguments()
    if args.measure:
        print(json.dumps(_measure(args), default=str))
        return 0
    scratch = None
    if args.database is None:
        scratch = tempfile.mkdtemp(prefix="harbour-returns-bench-")
        args.database = Path(scratch) / "returns.sqlite3"
    started = time.perf_counter()
    _generate(args)
    print(f"  (database ready in {time.perf_counter() - started:,.0f} s)")
    _describe_authority(args)
    if args.fakes:
        print("  --fakes: the test suite's fake builders, not Harbour's (checks the benchmark only)")
    _report_exports(args)
    _report_validation(args)
    _report_revalidation(args)
    if scratch and not args.keep:
        shutil.rmtree(scratch)
    elif scratch:
        print(f"\nDatabase kept: {args.database} (rerun with --database to skip generating)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
