"""Known-vulnerability audit of the LOCKED dependencies (uv.lock), with PyPI as the only source.

    python .ci/dependency_audit.py            (make audit; .ci/run)

1. `uv export --frozen` writes the exact pinned requirements (with hashes) from uv.lock.
2. `pip-audit --vulnerability-service pypi --no-deps --disable-pip` asks PyPI's JSON API,
   package by package, for known vulnerabilities (PyPI serves the OSV/PyPA advisory data).
   Nothing else is contacted.

Outcome (ADR 0012):
- any known vulnerability            -> exit 1 (the run fails), listing package, version, id, fix;
- except one listed in `.ci/dependency_audit_ignore.toml`: a reviewed exception for one
  advisory id of one locked package version, with its reason and an expiry date. Every
  exception is printed on every run; an expired one no longer hides its advisory (the run
  fails until it is reviewed again), and one that no longer matches is reported as stale;
- PyPI's vulnerability data reachable -> exit 0 when clean;
- the data cannot be reached (offline, proxy without the JSON API: every package "not found")
  -> a loud UNAUDITED report; exit 0, unless HARBOUR_REQUIRE_AUDIT=1 (set it where CI has
  internet access), then exit 2. A silent pass is never printed.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
IGNORE_FILE = Path(__file__).resolve().parent / "dependency_audit_ignore.toml"
REQUIRED_KEYS = ("package", "version", "ids", "module", "summary", "reason", "reviewed", "expires")


@dataclass(frozen=True)
class ReviewedException:
    package: str
    version: str
    ids: frozenset[str]
    module: str
    summary: str
    reason: str
    reviewed: date
    expires: date

    def covers(self, package: str, version: str, ids: set[str]) -> bool:
        return _norm(package) == _norm(self.package) and version == self.version and bool(ids & self.ids)

    def label(self) -> str:
        return f"{self.package} {self.version} {'/'.join(sorted(self.ids))}"


@dataclass
class Outcome:
    vulnerable: list[str] = field(default_factory=list)
    ignored: list[tuple[str, ReviewedException]] = field(default_factory=list)
    expired: list[ReviewedException] = field(default_factory=list)
    stale: list[ReviewedException] = field(default_factory=list)


def _norm(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def load_exceptions(path: Path = IGNORE_FILE) -> list[ReviewedException]:
    """The reviewed exceptions; a malformed entry is an error, never silently skipped."""
    if not path.exists():
        return []
    entries = tomllib.loads(path.read_text()).get("ignore", [])
    loaded = []
    for number, entry in enumerate(entries, 1):
        missing = [k for k in REQUIRED_KEYS if not entry.get(k)]
        if missing:
            raise ValueError(f"{path.name} entry {number}: missing {', '.join(missing)}")
        if not isinstance(entry["reviewed"], date) or not isinstance(entry["expires"], date):
            raise ValueError(f"{path.name} entry {number}: reviewed and expires must be dates")
        if entry["expires"] <= entry["reviewed"]:
            raise ValueError(f"{path.name} entry {number}: expires must be after reviewed")
        loaded.append(
            ReviewedException(
                package=entry["package"],
                version=str(entry["version"]),
                ids=frozenset(str(i) for i in entry["ids"]),
                module=entry["module"],
                summary=entry["summary"],
                reason=entry["reason"],
                reviewed=entry["reviewed"],
                expires=entry["expires"],
            )
        )
    return loaded


def classify(deps: list[dict[str, Any]], exceptions: list[ReviewedException], today: date) -> Outcome:
    """Split pip-audit's findings into failures and reviewed exceptions still in date."""
    outcome = Outcome()
    used: set[ReviewedException] = set()
    for dep in deps:
        for vuln in dep.get("vulns", []):
            ids = {vuln["id"], *vuln.get("aliases", [])}
            match = next((e for e in exceptions if e.covers(dep["name"], dep["version"], ids)), None)
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            line = f"{dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})"
            if match is not None:
                used.add(match)
            if match is not None and match.expires >= today:
                outcome.ignored.append((line, match))
            else:
                outcome.vulnerable.append(line)
                if match is not None and match not in outcome.expired:
                    outcome.expired.append(match)
    audited = {(_norm(d["name"]), d["version"]) for d in deps if "skip_reason" not in d}
    outcome.stale = [
        e for e in exceptions if e not in used and (_norm(e.package), e.version) in audited
    ]
    return outcome


def print_exceptions(exceptions: list[ReviewedException], today: date) -> None:
    print(f"Reviewed exceptions ({IGNORE_FILE.name}): {len(exceptions)}")
    for e in exceptions:
        state = "EXPIRED" if e.expires < today else f"until {e.expires.isoformat()}"
        print(f"  - {e.label()} [{state}; reviewed {e.reviewed.isoformat()}; code: {e.module}]")
        print(f"    {e.summary}")
        print(f"    Why accepted: {e.reason}")


def _uv() -> str:
    for candidate in (ROOT / ".tools/bin/uv", Path("/tmp/tools/bin/uv")):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("uv")
    if not found:
        sys.exit("dependency audit: uv not found (run `make install`)")
    return found


def main() -> int:
    today = datetime.now(UTC).date()
    exceptions = load_exceptions()
    print_exceptions(exceptions, today)
    with tempfile.TemporaryDirectory() as tmp:
        requirements = Path(tmp) / "requirements.txt"
        subprocess.run(  # noqa: S603 - fixed arguments
            [_uv(), "export", "--frozen", "--no-emit-project", "--format", "requirements-txt", "-o", str(requirements)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        audit = subprocess.run(  # noqa: S603 - fixed arguments
            [
                sys.executable, "-m", "pip_audit", "--disable-pip", "--no-deps", "--require-hashes",
                "-r", str(requirements), "--vulnerability-service", "pypi", "--format", "json",
                "--progress-spinner", "off",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    try:
        report = json.loads(audit.stdout)
    except json.JSONDecodeError:
        print(audit.stderr or audit.stdout)
        print("dependency audit: pip-audit did not produce a report")
        return 2
    deps = report.get("dependencies", [])
    audited = [d for d in deps if "skip_reason" not in d]
    skipped = [d for d in deps if "skip_reason" in d]
    outcome = classify(audited, exceptions, today)
    for line, exception in outcome.ignored:
        print(f"IGNORED (reviewed, until {exception.expires.isoformat()}) {line}")
    for line in outcome.vulnerable:
        print(f"VULNERABLE {line}")
    for exception in outcome.expired:
        print(f"EXPIRED exception {exception.label()} (expired {exception.expires.isoformat()}): review it")
    for exception in outcome.stale:
        print(f"STALE exception {exception.label()}: no longer reported, remove it from {IGNORE_FILE.name}")
    print(
        f"dependency audit: {len(deps)} locked packages, {len(audited)} audited, {len(skipped)} not audited, "
        f"{len(outcome.vulnerable)} known vulnerabilities, {len(outcome.ignored)} ignored under reviewed exceptions"
    )
    if outcome.vulnerable:
        return 1
    if not audited and skipped:
        print("!" * 78)
        print("UNAUDITED: PyPI's vulnerability data could not be reached from this machine")
        print(f"(first reason: {skipped[0]['skip_reason']}).")
        print("No package was checked. Run `make audit` where the package index's vulnerability data is reachable.")
        print("!" * 78)
        return 2 if os.environ.get("HARBOUR_REQUIRE_AUDIT") == "1" else 0
    if skipped:
        print("Not audited: " + ", ".join(d["name"] for d in skipped))
    return 0


if __name__ == "__main__":
    sys.exit(main())
