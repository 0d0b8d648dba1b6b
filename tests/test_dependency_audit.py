"""The dependency audit's reviewed exceptions (.ci/dependency_audit.py, ADR 0012)."""

import importlib.util
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load_script():
    spec = importlib.util.spec_from_file_location("dependency_audit", ROOT / ".ci" / "dependency_audit.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


audit = _load_script()
EXCEPTIONS = audit.load_exceptions()


def _dep(name, version, *vulns):
    return {"name": name, "version": version, "vulns": list(vulns)}


def _vuln(vuln_id, *aliases):
    return {"id": vuln_id, "aliases": list(aliases), "fix_versions": ["99.0"]}


def test_every_exception_names_its_advisories_reason_and_expiry_when_loaded():
    assert EXCEPTIONS, "the setuptools exceptions are expected while prpc-python pins setuptools<63"
    for exception in EXCEPTIONS:
        assert exception.ids and exception.reason and exception.module
        assert exception.expires - exception.reviewed <= timedelta(days=183), "review at least twice a year"


def test_listed_advisory_is_ignored_but_another_for_the_same_package_fails_when_classified():
    known = next(iter(EXCEPTIONS))
    advisory = sorted(known.ids)[0]
    deps = [_dep(known.package, known.version, _vuln("OSV-1", advisory), _vuln("PYSEC-2099-1"))]

    outcome = audit.classify(deps, EXCEPTIONS, known.reviewed)

    assert [line for line, _ in outcome.ignored] == [
        f"{known.package} {known.version}: OSV-1 (fixed in 99.0)"
    ]
    assert outcome.vulnerable == [f"{known.package} {known.version}: PYSEC-2099-1 (fixed in 99.0)"]


def test_exception_stops_hiding_the_advisory_when_expired():
    known = next(iter(EXCEPTIONS))
    deps = [_dep(known.package, known.version, _vuln(sorted(known.ids)[0]))]

    outcome = audit.classify(deps, EXCEPTIONS, known.expires + timedelta(days=1))

    assert len(outcome.vulnerable) == 1 and not outcome.ignored
    assert outcome.expired == [known]


def test_exception_does_not_cover_another_version_when_upgraded_and_is_reported_stale():
    known = next(iter(EXCEPTIONS))
    deps = [_dep(known.package, "999.0", _vuln(sorted(known.ids)[0])), _dep(known.package, known.version)]

    outcome = audit.classify(deps, EXCEPTIONS, known.reviewed)

    assert len(outcome.vulnerable) == 1
    assert known in outcome.stale


@pytest.mark.parametrize(
    "entry",
    [
        'package = "x"\nversion = "1"\nids = ["A"]\nmodule = "x.y"\nsummary = "s"\nreviewed = 2026-01-01\nexpires = 2026-02-01',
        'package = "x"\nversion = "1"\nids = ["A"]\nmodule = "x.y"\nsummary = "s"\nreason = "r"\n'
        "reviewed = 2026-02-01\nexpires = 2026-01-01",
    ],
    ids=["no reason", "expires before review"],
)
def test_malformed_exception_is_an_error_when_loaded(tmp_path, entry):
    path = tmp_path / "ignore.toml"
    path.write_text(f"[[ignore]]\n{entry}\n")

    with pytest.raises(ValueError):
        audit.load_exceptions(path)


def test_code_each_exception_is_about_is_never_imported_when_harbour_runs():
    """The reason given for each exception: Harbour does not load that code. Checked by
    starting Django, importing every URL's view (and so every app) and the DfE validators
    that bring setuptools in, in a fresh interpreter."""
    modules = sorted({e.module for e in EXCEPTIONS})
    script = (
        "import sys, django; django.setup()\n"
        "from django.urls import get_resolver; get_resolver().url_patterns\n"
        "import lac_validator, cin_validator, prpc_python\n"
        f"print([m for m in {modules!r} if m in sys.modules])\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PYTHONPATH": str(ROOT / "src")}

    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )

    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_today_is_within_every_exception_when_the_audit_runs():
    """Fails once an exception has expired: review it (renew, upgrade or remove)."""
    today = date.today()  # noqa: DTZ011 - a calendar date is meant
    assert all(e.expires >= today for e in EXCEPTIONS), [e.label() for e in EXCEPTIONS if e.expires < today]
