"""Run every benchmark in this folder, one process each (`make benchmark`).

    python benchmarks/run.py [extra arguments passed to every benchmark]

A benchmark is any other `*.py` module here; each runs in its own Python process so its
timing and peak memory are its own. Benchmarks are not part of the test suite. The returns
benchmark (hours at full size) has its own target, `make benchmark-returns`, and so has the
check that the returns are clean on many generated authorities, `make check-returns-spread`.
"""

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    modules = sorted(
        p
        for p in HERE.glob("*.py")
        if p.name
        not in {
            "run.py",
            "__init__.py",
            "reference.py",
            "tiled_register.py",
            "returns.py",
            "clean_returns.py",
        }
    )
    failed = 0
    for module in modules:
        print(f"== {module.stem}", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(module), *sys.argv[1:]], check=False)  # noqa: S603
        print(
            f"== {module.stem}: {'ok' if result.returncode == 0 else 'FAILED'} in {time.perf_counter() - started:.1f} s\n"
        )
        failed += result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
