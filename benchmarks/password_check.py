"""Benchmark: the password check at sign-in, by hasher.

    python benchmarks/password_check.py [--runs 7]

Hashes one password with each of the hashers in the base settings' PASSWORD_HASHERS that
can run here (Argon2 first, then the PBKDF2 that older passwords were hashed with) and times
checking it, as the password step of sign-in does. Prints the median and slowest check of
each, beside the time of a fixed pure-Python loop on the same machine (so figures from
different machines can be compared). Not part of the test suite.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")
    sys.path.insert(0, str(SRC))
    import django

    django.setup()
    from django.contrib.auth.hashers import get_hashers
    from duplicates import reference_loop_ms

    password = "a long enough test password"  # noqa: S105
    print(f"reference loop: {reference_loop_ms():.1f} ms")
    for hasher in get_hashers():
        try:
            encoded = hasher.encode(password, hasher.salt())
        except (ValueError, ImportError) as exc:  # a library this machine does not have
            print(f"{hasher.algorithm}: not available ({exc.__class__.__name__})")
            continue
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            assert hasher.verify(password, encoded)
            times.append((time.perf_counter() - start) * 1000)
        print(f"{hasher.algorithm}: median {statistics.median(times):.0f} ms, slowest {max(times):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
