"""A child's re-validation shared between this process and its helper processes (ADR 0024,
`returns.processes`): the rules dealt into shares, each run where it was dealt, the outcomes
merged in the rule set's order."""

from __future__ import annotations

import pickle
import statistics
import time
from dataclasses import dataclass
from typing import Any

from ... import processes
from .rules import SHARED_FRAME_WRITERS, Outcome, run_codes
from .tables import datastore


@dataclass(frozen=True)
class ShareDone:
    """A helper's share: the outcomes, each rule's time and the time to make its tables."""

    outcomes: list[Outcome]
    seconds: dict[str, float]
    preparing: float


def run_share(payload: bytes, year: int, codes: list[str], silent: list[str]) -> ShareDone:
    """`run_codes` in a helper process (`returns.processes`), on the tables made here from
    the return as `datastore` made them there. The tables are not sent made: a DataFrame
    unpickled is not the same to the rules (`astype(str)` then writes into the frame it reads,
    so rule 355 would change what the rules after it see)."""
    started = time.perf_counter()
    output, previous, local_authority = pickle.loads(payload)  # noqa: S301 - from our own process
    data, _ = datastore(output, year, previous, local_authority=local_authority)
    preparing = time.perf_counter() - started
    seconds: dict[str, float] = {}
    return ShareDone(run_codes(data, year, codes, silent=silent, seconds=seconds), seconds, preparing)


def shares(
    plan: list[str], count: int, costs: dict[str, float] | None = None, head_start: float = 0.0
) -> list[tuple[list[str], list[str]]]:
    """The rules of `plan` dealt into `count` shares (the first this process's, the others
    helpers'), each kept in the plan's order, with the rules it runs only for their change to
    the shared frames: a rule that changes a frame the later rules read (`SHARED_FRAME_WRITERS`)
    runs in every share holding a rule after it, and is reported by the share it was dealt to.

    Without `costs`, the rules are dealt in turn. With them (each rule's seconds, as last
    seen), the costliest first, each to the share that would end soonest, a helper's share
    starting `head_start` seconds late (a helper makes its own tables first)."""
    if costs is None:
        dealt = [list(range(n, len(plan), count)) for n in range(count)]
    else:
        usual = sorted(costs.values())[len(costs) // 2] if costs else 0.0
        load = [0.0] + [head_start] * (count - 1)
        dealt = [[] for _ in range(count)]
        for position in sorted(range(len(plan)), key=lambda p: (-costs.get(plan[p], usual), p)):
            soonest = min(range(count), key=lambda n: (load[n], n))
            dealt[soonest].append(position)
            load[soonest] += costs.get(plan[position], usual)
    writers = [i for i, code in enumerate(plan) if code in SHARED_FRAME_WRITERS]
    out = []
    for positions in dealt:
        silent = [w for w in writers if w not in positions and any(p > w for p in positions)]
        out.append(([plan[p] for p in sorted(positions + silent)], [plan[w] for w in silent]))
    return [share for share in out if share[0]]


# Each rule's time and a helper's time to make its tables, as last seen in this process's
# re-validations: how the next one's rules are dealt (`shares`).
_rule_seconds: dict[str, float] = {}

_preparing_seconds: list[float] = []


def run_shared(plan: list[str], data: dict[str, Any], year: int, made_from: tuple[Any, ...]) -> list[Outcome]:
    """The plan's outcomes, in its order, from this process and its helpers, if it has any
    (ADR 0024); a share whose helper fails is run here. The same outcomes as `run_codes`.
    `made_from`: the return, last year's and the GSS code that `data` was made from."""
    helpers = min(processes.helpers(), len(plan) // MIN_RULES_A_SHARE)
    if helpers < 1:
        return run_codes(data, year, plan)
    known = _rule_seconds if set(plan) <= set(_rule_seconds) else None
    head_start = statistics.median(_preparing_seconds) if _preparing_seconds else 0.0
    own, *theirs = shares(plan, helpers + 1, known, head_start)
    payload = pickle.dumps(made_from, protocol=pickle.HIGHEST_PROTOCOL)
    pending = [(share, processes.submit(run_share, payload, year, *share)) for share in theirs]
    outcomes = run_codes(data, year, own[0], silent=own[1], seconds=_rule_seconds)
    for share, future in pending:
        done = None if future is None else processes.result_or_none(future)
        if done is None:  # the helper failed: this process runs the share, on tables made afresh
            done = run_share(payload, year, *share)
        outcomes.extend(done.outcomes)
        _rule_seconds.update(done.seconds)
        _preparing_seconds[:] = [*_preparing_seconds[-9:], done.preparing]
    order = {code: n for n, code in enumerate(plan)}
    return sorted(outcomes, key=lambda outcome: order[outcome[0]])


# Fewer rules than this a share are run in one process: a helper makes its own tables from the
# return (about 20 ms for a child) before its share, so a few rules cost more handed over (a
# review recorded runs about 30 rules: 80 ms in one process, about 110 ms in two).
MIN_RULES_A_SHARE = 25
