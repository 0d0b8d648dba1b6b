"""Weighted caseloads: each child on a worker's caseload weighs as the heaviest kind of work
they are (the weights, and the amber and red thresholds, are the authority's standard, with
lower thresholds for a newly qualified worker's protected caseload)."""

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q

from accounts.models import User
from care_leavers.models import CareLeaver
from looked_after.models import PeriodOfCare
from permanence.models import CareProceedings
from protection.models import CPPlan
from workforce.models import Allocation, AllocationRole

from . import rules
from .models import Standard

KIND_LABELS = {
    "court": "Court proceedings",
    "cp": "Child protection",
    "child_in_care": "Child in care",
    "care_leaver": "Care leaver",
    "cin": "Child in need",
}


def weights(standard: Standard) -> dict[str, Decimal]:
    return {
        "court": standard.weight_court,
        "cp": standard.weight_cp,
        "child_in_care": standard.weight_child_in_care,
        "care_leaver": standard.weight_care_leaver,
        "cin": standard.weight_cin,
    }


def kinds_of_work(person_ids: Collection[int], on: date, standard: Standard) -> dict[int, str]:
    """The heaviest kind of work each child is on `on` (child in need when none other)."""
    ids = list(person_ids)
    if not ids:
        return {}
    current = Q(end_date__isnull=True) | Q(end_date__gt=on)
    # Each kind's children across the authority, kept to `ids` here: a caseload of thousands
    # of children is cheaper to intersect than to send to the database as a list of keys.
    applying: dict[str, set[int]] = {
        "court": set(
            CareProceedings.objects.filter(issue_date__lte=on)
            .filter(Q(concluded_on__isnull=True) | Q(concluded_on__gt=on))
            .values_list("person_id", flat=True)
        ),
        "cp": set(CPPlan.objects.filter(current, start_date__lte=on).values_list("person_id", flat=True)),
        "child_in_care": set(
            PeriodOfCare.objects.filter(current, start_date__lte=on).values_list("person_id", flat=True)
        ),
        "care_leaver": set(CareLeaver.objects.values_list("person_id", flat=True)),
    }
    weight = weights(standard)
    # The heaviest kind that applies (the first declared of equal weights); child in need when
    # none does. Written lightest first, so the heaviest is written last and stands.
    heaviest_first = sorted(applying, key=lambda k: weight[k], reverse=True)
    found = dict.fromkeys(ids, "cin")
    for kind in reversed(heaviest_first):
        for person_id in applying[kind].intersection(found):
            found[person_id] = kind
    return found


@dataclass(frozen=True)
class WorkerLoad:
    worker: User
    children: int
    weighted: Decimal
    rag: str  # "green", "amber" or "red"
    protected: bool  # a newly qualified worker's protected caseload
    by_kind: dict[str, int] = field(default_factory=dict)
    amber: Decimal = Decimal(0)  # the thresholds that apply to this worker
    red: Decimal = Decimal(0)

    @property
    def over_threshold(self) -> bool:
        """At or over the amber threshold that applies to the worker (amber or red)."""
        return self.rag != "green"


def caseloads(workers: Iterable[User], on: date) -> list[WorkerLoad]:
    """Each worker's allocated children on `on`, counted and weighted, heaviest first."""
    workers = list(workers)
    standard = rules.standard_on(on)
    rows = list(
        Allocation.objects.current(on)
        .filter(worker__in=workers, role=AllocationRole.SOCIAL_WORKER, person__record_status="ACTIVE")
        .values_list("worker_id", "person_id")
        .distinct()
    )
    kinds = kinds_of_work({person_id for _, person_id in rows}, on, standard)
    weight = weights(standard)
    per_worker: dict[int, Counter[str]] = {w.pk: Counter() for w in workers}
    for worker_id, person_id in rows:
        per_worker[worker_id][kinds[person_id]] += 1
    loads = []
    for w in workers:
        counts = per_worker[w.pk]
        weighted = sum((weight[k] * n for k, n in counts.items()), Decimal(0))
        protected = rules.newly_qualified_on(w, on, standard)
        amber, red = (
            (standard.newly_qualified_caseload_amber, standard.newly_qualified_caseload_red)
            if protected
            else (standard.caseload_amber, standard.caseload_red)
        )
        rag = "red" if weighted >= red else "amber" if weighted >= amber else "green"
        loads.append(
            WorkerLoad(
                worker=w,
                children=sum(counts.values()),
                weighted=weighted,
                rag=rag,
                protected=protected,
                by_kind=dict(counts),
                amber=amber,
                red=red,
            )
        )
    return sorted(loads, key=lambda load: (-load.weighted, load.worker.last_name))
