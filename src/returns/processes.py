"""Helper processes that run a share of a return's rules beside the process asking (ADR 0024).

A child's re-validation after an edit runs the DfE rules that read what changed: about 160
SSDA903 rules for an episode of care, each a few milliseconds of the package's pandas work on
the child's small frames, none dominating. That work is CPU-bound Python, so threads cannot
share it; processes can. A background worker (`returns.tasks.warm_up_worker`) starts
`HARBOUR_VALIDATION_PROCESSES - 1` helpers when it starts, each with Django set up and the
year's rule sets loaded, and keeps them for its lifetime. A validation then hands each helper a
share of the rules with the child's frames, runs its own share, and merges the outcomes.

Only processes that start helpers use them (the workers and the benchmark): web processes and
the tests run every rule themselves unless a test starts helpers. A helper that fails or does
not answer in time has its share run by the process asking, and the helpers are stopped, so a
broken helper costs one slower validation, never a wrong or missing finding. Helpers exit when
the process that started them does, however it ends (`_exit_with_parent`).
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.util
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

import django

from . import registry

logger = logging.getLogger(__name__)

# A share that has not come back in this long is run by the process asking.
SHARE_TIMEOUT_SECONDS = 120.0
PARENT_CHECK_SECONDS = 2.0

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_helpers = 0


def helpers() -> int:
    """How many helper processes are running for this process (0: it runs every rule itself)."""
    return _helpers if _pool is not None else 0


def start(count: int, year: int) -> int:
    """Start `count` helpers for the collection year `year` (each sets Django up and loads the
    year's rules before its first share) and return how many run: none in a daemonic process
    (it may not have children: a django-q2 worker unless `daemonize_workers` is off), or for
    `count` below 1. Stops any helpers already running for this process first."""
    global _pool, _helpers
    stop()
    if count < 1 or multiprocessing.current_process().daemon:
        return 0
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited connections
    settings_module = os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.local")
    pool = ProcessPoolExecutor(
        max_workers=count,
        mp_context=context,
        initializer=_set_up_helper,
        initargs=(settings_module, year, os.getpid(), sorted(registry.loaded_postcode_letters())),
    )
    started = [pool.submit(_ready) for _ in range(count)]  # one each: every helper starts now
    with _lock:
        _pool, _helpers = pool, count
    # A django-q2 worker ends through multiprocessing, which waits for its children before the
    # interpreter's exit hooks run (so the pool's own never would): stop the helpers first.
    multiprocessing.util.Finalize(None, stop, exitpriority=100)  # before its queues close (10)
    for future in started:
        future.result(timeout=SHARE_TIMEOUT_SECONDS)
    return count


def stop() -> None:
    """Stop this process's helpers, if any (they finish the share in hand first)."""
    global _pool, _helpers
    with _lock:
        pool, _pool, _helpers = _pool, None, 0
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def submit(func: Callable[..., Any], *args: Any) -> Future[Any] | None:
    """Run `func(*args)` in a helper; None when no helper runs (the caller runs it itself).
    `func` and the arguments are pickled, so pass data as bytes if the caller changes it."""
    pool = _pool
    if pool is None:
        return None
    try:
        return pool.submit(func, *args)
    except RuntimeError:  # shut down or broken meanwhile
        return None


def result_or_none(future: Future[Any]) -> Any:
    """The share's outcome, or None when its helper failed or did not answer in time; then the
    helpers are stopped (the next worker process starts new ones) and the caller runs it."""
    try:
        return future.result(timeout=SHARE_TIMEOUT_SECONDS)
    except Exception as exc:  # noqa: BLE001 - any failure of a helper: the caller runs the share
        logger.warning(
            "a validation helper process failed (%s); its rules run in the worker", type(exc).__name__
        )
        threading.Thread(target=stop, daemon=True).start()  # not waiting for a helper that hangs
        return None


def _ready() -> int:
    return os.getpid()


def _set_up_helper(settings_module: str, year: int, parent: int, postcode_letters: list[str]) -> None:
    """In the helper, before its first share: Django set up (the rules' modules import models),
    this year's and last year's rule sets loaded and read, the postcodes its parent has loaded
    (a helper reads no database), and a watch on the parent."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the worker, which stops its helpers
    django.setup()
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    registry.warm_up(year, postcode_letters)


def _exit_with_parent(parent: int) -> None:
    """Exit when the process that started this helper is gone (a worker killed at its time
    limit cannot shut its helpers down, and a helper waiting for work would wait forever)."""
    wait_for_parent(parent)
    os._exit(0)


def wait_for_parent(
    parent: int, *, check: Callable[[], int] = os.getppid, interval: float = PARENT_CHECK_SECONDS
) -> None:
    """Return once this process's parent is no longer `parent` (it has ended: the helper was
    handed to another process)."""
    while check() == parent:
        time.sleep(interval)
