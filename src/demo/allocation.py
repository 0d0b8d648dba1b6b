"""Who works with each demo family: allocations to workers and teams, with history.

Allocations are planned as each family is made, before the stages of the child's journey
run (`demo.stages`), so the team is chosen by the kind of family, the children's ages and
disabilities, and some chance: assessment, family safeguarding, children in care (with an
IRO), disabled children or early help (the worker is the lead professional); care leavers
get a personal adviser. Brothers and sisters share a worker. About a third of open cases
have had an earlier worker, ended for one of the Standard Safeguarding Dataset reasons.
`social.worker` is given the first suitable families until they hold 15–20 children;
`iro` reviews the first 40 children in care.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from accounts.models import Team, TeamKind, User
from workforce.models import AllocationReason, AllocationRole

from .families import FamilyKind, FamilySpec, age_on, years_before
from .names import Weighted, pick
from .staffing import Workforce

K = TeamKind
R = AllocationReason
PATHWAYS: Weighted = ((K.ASSESSMENT, 30), (K.SAFEGUARDING, 33), (K.CHILDREN_IN_CARE, 17), (K.EARLY_HELP, 20))
CHANGE_REASONS: Weighted = (
    (R.TSPROC, 35), (R.LEFTRL, 20), (R.MANAGE, 15), (R.ABSENC, 8), (R.ORGRST, 8), (R.CHCHAN, 4), (R.PCCHAN, 4),
    (R.OTHERS, 6),
)  # fmt: skip
EARLIER_WORKERS: Weighted = (("0", 60), ("1", 28), ("2", 12))
UNALLOCATED_SHARE = 0.12  # households whose case is not open at present
SOCIAL_WORKER_CASELOAD = (15, 20)
IRO_CASELOAD = 40
TRANSFERRED_FROM_ASSESSMENT = frozenset({K.SAFEGUARDING, K.CHILDREN_IN_CARE, K.DISABLED_CHILDREN})


@dataclass(frozen=True)
class AllocationSpec:
    member: int  # index into the family's members
    worker: User
    team: Team
    role: str
    start_date: date
    reason: str


@dataclass(frozen=True)
class _Spell:
    worker: User
    team: Team
    start_date: date
    reason: str


class AllocationPlanner:
    """Decides each family's allocations, in the order families are made."""

    def __init__(self, rng: random.Random, workforce: Workforce, as_of: date) -> None:
        self.rng = rng
        self.ws = workforce
        self.as_of = as_of
        self.social_worker = workforce.demo["social.worker"]
        self.iro = workforce.demo["iro"]
        self.caseload_target = rng.randint(*SOCIAL_WORKER_CASELOAD)
        self.caseload = 0
        self.iro_caseload = 0

    def plan(self, family: FamilySpec) -> list[AllocationSpec]:
        if family.kind == FamilyKind.CARE_LEAVER:
            return self._care_leaver(family)
        if family.kind == FamilyKind.UASC:
            arrived = family.statuses[0].start_date
            return self._allocate(family, family.children, K.CHILDREN_IN_CARE, arrived, history=False)
        return self._household(family)

    # --- families ---------------------------------------------------------------------------

    def _household(self, family: FamilySpec) -> list[AllocationSpec]:
        kids = family.children
        if self.caseload < self.caseload_target and self.caseload + len(kids) <= SOCIAL_WORKER_CASELOAD[1]:
            self.caseload += len(kids)
            team = self.ws.social_worker_team
            return self._allocate(
                family, kids, K.SAFEGUARDING, self._referral(family), team=team, worker=self.social_worker
            )
        if self.rng.random() < UNALLOCATED_SHARE:
            return []
        return self._allocate(family, kids, self._pathway(family), self._referral(family))

    def _care_leaver(self, family: FamilySpec) -> list[AllocationSpec]:
        plans: list[AllocationSpec] = []
        young_person, *babies = family.children
        born = family.members[young_person].born or self.as_of
        if self.rng.random() < 0.88:
            since = max(years_before(born, -18), self.as_of - timedelta(days=self.rng.randint(30, 3 * 365)))
            team = self.rng.choice(self.ws.teams[K.CARE_LEAVERS])
            spells = self._spells(team, K.CARE_LEAVERS, self._holder(team), since, history=True)
            plans += self._for_children([young_person], spells, AllocationRole.PERSONAL_ADVISER)
        if babies and self.rng.random() < 0.5:
            kind = self.rng.choice((K.ASSESSMENT, K.SAFEGUARDING))
            plans += self._allocate(family, babies, kind, self._referral(family, babies))
        return plans

    # --- choosing -----------------------------------------------------------------------

    def _pathway(self, family: FamilySpec) -> str:
        kids = [family.members[k] for k in family.children]
        if all(k.born is None for k in kids):
            return self.rng.choice((K.ASSESSMENT, K.SAFEGUARDING))
        disabled = any(set(k.disabilities) - {"NONE"} for k in kids)
        if disabled and self.rng.random() < 0.25:
            return K.DISABLED_CHILDREN
        return pick(self.rng, PATHWAYS)

    def _referral(self, family: FamilySpec, kids: list[int] | None = None) -> date:
        """When the current involvement began: after the youngest born child's birth."""
        births = [b for k in (kids or family.children) if (b := family.members[k].born) is not None]
        if not births:
            return self.as_of - timedelta(days=self.rng.randint(7, 150))
        referral = self.as_of - timedelta(days=self.rng.randint(7, 900))
        return min(self.as_of, max(referral, max(births)))

    def _holder(self, team: Team, *, besides: User | None = None) -> User:
        holders = [
            u
            for u in self.ws.case_holders[team.pk]
            if u.pk not in (self.social_worker.pk, getattr(besides, "pk", None))
        ]
        return self.rng.choice(holders)

    # --- writing the plan -----------------------------------------------------------------

    def _allocate(
        self,
        family: FamilySpec,
        kids: list[int],
        kind: str,
        since: date,
        *,
        history: bool = True,
        team: Team | None = None,
        worker: User | None = None,
    ) -> list[AllocationSpec]:
        team = team or self.rng.choice(self.ws.teams[kind])
        spells = self._spells(team, kind, worker or self._holder(team), since, history=history)
        # An early help worker is the family's lead professional (one at a time, like a social worker).
        role = AllocationRole.LEAD_PROFESSIONAL if kind == K.EARLY_HELP else AllocationRole.SOCIAL_WORKER
        plans = self._for_children(kids, spells, role)
        if kind == K.CHILDREN_IN_CARE:
            plans += self._iro(family, kids, spells[-1].start_date)
        return plans

    def _spells(self, team: Team, kind: str, current: User, since: date, *, history: bool) -> list[_Spell]:
        """The allocation history, oldest first, ending with `current` (all in sequence)."""
        earlier = int(pick(self.rng, EARLIER_WORKERS)) if history else 0
        span = (self.as_of - since).days
        # Changes of worker at least a week apart (the 903 social worker episodes are never
        # shorter than 3 days, rule SW09STG2).
        slots = range(7, span + 1, 7)
        earlier = min(earlier, len(slots))
        changes = sorted(self.rng.sample(slots, earlier)) if earlier else []
        starts = [since] + [since + timedelta(days=d) for d in changes]
        reasons = [R.FCONTA] + [pick(self.rng, CHANGE_REASONS) for _ in changes]
        workers: list[tuple[User, Team]] = [(current, team)]
        for reason in reversed(reasons[1:]):  # walk back from the current worker
            later, later_team = workers[0]
            if reason == R.TSPROC and kind in TRANSFERRED_FROM_ASSESSMENT:
                earlier_team = self.rng.choice(self.ws.teams[K.ASSESSMENT])
            else:
                earlier_team = later_team
            workers.insert(0, (self._holder(earlier_team, besides=later), earlier_team))
        return [
            _Spell(worker=w, team=t, start_date=s, reason=r)
            for (w, t), s, r in zip(workers, starts, reasons, strict=True)
        ]

    @staticmethod
    def _for_children(kids: list[int], spells: list[_Spell], role: str) -> list[AllocationSpec]:
        return [
            AllocationSpec(
                member=kid, worker=s.worker, team=s.team, role=role, start_date=s.start_date, reason=s.reason
            )
            for kid in kids
            for s in spells
        ]

    def _iro(self, family: FamilySpec, kids: list[int], in_care_from: date) -> list[AllocationSpec]:
        unit = self.ws.teams[K.SAFEGUARDING_UNIT][0]
        others = [u for u in self.ws.iros if u.pk != self.iro.pk] or [self.iro]
        plans = []
        for kid in kids:
            born = family.members[kid].born
            if born is None or age_on(born, self.as_of) >= 18:
                continue
            if self.iro_caseload < IRO_CASELOAD:
                self.iro_caseload += 1
                iro = self.iro
            else:
                iro = self.rng.choice(others)
            start = min(self.as_of, in_care_from + timedelta(days=self.rng.randint(0, 28)))
            plans.append(
                AllocationSpec(
                    member=kid,
                    worker=iro,
                    team=unit,
                    role=AllocationRole.IRO,
                    start_date=start,
                    reason=R.FCONTA,
                )
            )
        return plans
