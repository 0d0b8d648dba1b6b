"""CPU time used during the load test, by the server, the database and the load generator.

    python loadtest/cpu.py run -- COMMAND...   # runs COMMAND (the load generator), then reports

On one machine the three share its CPUs, so a page's time under load is partly waiting for
them; this says who used them. Reads /proc (Linux): user + system time, over the command's run,
of every process whose command is gunicorn (Harbour) or postgres (the database), and the
command's own (the load generator). Processes that ended during the run are not counted
(gunicorn's workers and PostgreSQL's connections live through it). Exits with the command's
exit status.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

GROUPS = {"gunicorn": "Harbour (gunicorn)", "postgres": "PostgreSQL"}
TICKS = os.sysconf("SC_CLK_TCK")


def _group(pid: str) -> str | None:
    """The group of a process: its command name, or for `python script`, the script's name."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        comm = Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return None
    names = {comm, *(Path(arg.decode(errors="replace")).name for arg in argv[:2])}
    return next((key for key in GROUPS if key in names), None)


def _ticks(pid: str) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def snapshot() -> dict[str, list]:
    found = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        group = _group(pid)
        ticks = _ticks(pid) if group else None
        if group and ticks is not None:
            found[pid] = [group, ticks]
    return found


def report(before: dict[str, list], seconds: float, generator: float) -> list[str]:
    used = {label: 0.0 for label in GROUPS.values()}
    for pid, (group, ticks) in snapshot().items():
        start = before.get(pid)
        used[GROUPS[group]] += (ticks - (start[1] if start and start[0] == group else 0)) / TICKS
    used["load generator (locust)"] = generator
    cpus = os.cpu_count() or 1
    lines = [f"CPU time over {seconds:.0f} s on {cpus} CPUs ({cpus * seconds:.0f} CPU-seconds available):"]
    for label, cpu in used.items():
        lines.append(f"  {label:<26} {cpu:8.1f} s  {100 * cpu / (cpus * seconds):5.1f}%")
    return lines


def run(command: list[str]) -> int:
    before = snapshot()
    started = time.monotonic()
    child = subprocess.Popen(command)  # noqa: S603 - the load test's own command line
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - started
    print("\n".join(report(before, seconds, usage.ru_utime + usage.ru_stime)))
    return os.waitstatus_to_exitcode(status)


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[:2] == ["run", "--"]:
        return run(argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
