"""Drawing an audit programme's sample, and assigning auditors away from the child's team:
pure functions over the candidates (children with an allocated social worker on the day)."""

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .models import SamplingRule


@dataclass(frozen=True)
class Candidate:
    person_id: int
    worker_id: int
    team_id: int
    kind: str  # the kind of work (`quality.workload.kinds_of_work`)
    cp_plans: int  # how many child protection plans the child has had


def draw(rule: str, candidates: Sequence[Candidate], size: int, rng: random.Random) -> list[Candidate]:
    """The sample: `size` candidates at random; or spread across each team and kind of work in
    turn (a random one from each group, round and round); or, for the theme, at random from the
    children on a second or later child protection plan."""
    pool = sorted(candidates, key=lambda c: c.person_id)
    if rule == SamplingRule.SECOND_CP_PLAN:
        pool = [c for c in pool if c.cp_plans >= 2]
    if rule != SamplingRule.STRATIFIED:
        return rng.sample(pool, min(size, len(pool)))
    groups: dict[tuple[int, str], list[Candidate]] = defaultdict(list)
    for c in pool:
        groups[(c.team_id, c.kind)].append(c)
    for members in groups.values():
        rng.shuffle(members)
    order = sorted(groups)
    chosen: list[Candidate] = []
    while len(chosen) < min(size, len(pool)):
        for key in order:
            if groups[key] and len(chosen) < size:
                chosen.append(groups[key].pop())
    return chosen


def assign(sample: Sequence[Candidate], auditors: Sequence[tuple[int, int | None]]) -> dict[int, int]:
    """Each sampled child's auditor (`auditors`: (user, their team)), never from the child's
    own team when another can audit, sharing the cases out evenly."""
    load: dict[int, int] = {user: 0 for user, _ in auditors}
    found = {}
    for c in sample:
        away = [user for user, team in auditors if team != c.team_id] or [user for user, _ in auditors]
        chosen = min(away, key=lambda user: (load[user], user))
        load[chosen] += 1
        found[c.person_id] = chosen
    return found
