"""The fixed reference workload every benchmark prints beside its timings, so figures from
machines of different speeds can be compared (divide by it). A helper, not a benchmark:
`run.py` skips it."""

import hashlib
import time


def reference_workload() -> float:
    """Seconds for a fixed CPU-bound pure-Python task: 200,000 rounds of SHA-256 and a sort."""
    started = time.perf_counter()
    digest = b"harbour"
    for _ in range(200_000):
        digest = hashlib.sha256(digest).digest()
    sorted(range(300_000, 0, -1))
    return time.perf_counter() - started
