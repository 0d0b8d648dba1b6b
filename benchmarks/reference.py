"""What every benchmark shares: the fixed reference workload it prints beside its timings, so
figures from machines of different speeds can be compared (divide by it), and setting Django
up against the database measured. A helper, not a benchmark: `run.py` skips it."""

import hashlib
import os
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def setup_django(sqlite_file: Path | str | None, **environ: str) -> None:
    """Set Django up as deployed (no query log): on `sqlite_file` when given, else on
    DATABASE_URL as it is (e.g. PostgreSQL); `environ`: further settings for this run."""
    if sqlite_file:
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ.setdefault("HARBOUR_DEBUG", "false")
    os.environ.update(environ)
    sys.path.insert(0, str(SRC))
    import django

    django.setup()


def reference_workload() -> float:
    """Seconds for a fixed CPU-bound pure-Python task: 200,000 rounds of SHA-256 and a sort."""
    started = time.perf_counter()
    digest = b"harbour"
    for _ in range(200_000):
        digest = hashlib.sha256(digest).digest()
    sorted(range(300_000, 0, -1))
    return time.perf_counter() - started
