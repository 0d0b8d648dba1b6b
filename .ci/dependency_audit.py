"""Known-vulnerability audit of the LOCKED dependencies (uv.lock), with PyPI as the only source.

    python .ci/dependency_audit.py            (make audit; .ci/run)

1. `uv export --frozen` writes the exact pinned requirements (with hashes) from uv.lock.
2. `pip-audit --vulnerability-service pypi --no-deps --disable-pip` asks PyPI's JSON API,
   package by package, for known vulnerabilities (PyPI serves the OSV/PyPA advisory data).
   Nothing else is contacted.

Outcome (ADR 0012):
- any known vulnerability            -> exit 1 (the run fails), listing package, version, id, fix;
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _uv() -> str:
    for candidate in (ROOT / ".tools/bin/uv", Path("/tmp/tools/bin/uv")):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("uv")
    if not found:
        sys.exit("dependency audit: uv not found (run `make install`)")
    return found


def main() -> int:
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
    vulnerable = [(d, v) for d in audited for v in d.get("vulns", [])]
    for dep, vuln in vulnerable:
        fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
        print(f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})")
    print(
        f"dependency audit: {len(deps)} locked packages, {len(audited)} audited, {len(skipped)} not audited, "
        f"{len(vulnerable)} known vulnerabilities"
    )
    if vulnerable:
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
