"""The quality measures, each a pure function of what is recorded, as of a day or over a
period. Each returns a `Measure`: the numerator and denominator with the people behind them
(workers' or children's keys); the performance catalogue declares the measures of children
as indicators (`performance/catalogue/quality.py`).

- supervision within standard: of the active social workers, those whose supervision is not
  overdue on the day (the standard in force then, `quality.rules`);
- oversight within standard: of the children with an allocated social worker, those whose
  management oversight is not overdue on the day (`quality.oversight`);
- audits good or better: of the audits in the period, those graded outstanding or good (the
  moderated grade where there is one, else the auditor's);
- moderation agreement: of the audits moderated in the period, those whose agreed grade is the
  auditor's;
- audit actions overdue: of the audit actions open on the day (set, and neither done nor
  withdrawn by then), those past their due date;
- average caseload: children allocated to social workers per active social worker;
- weighted caseload: the same, each child weighted by the kind of work (`quality.workload`);
  its `counted` are the workers whose weighted caseload is amber or red.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q

from workforce.queries import social_workers

from . import queries
from .models import Action, CaseAudit, Moderation
from .models.audits import GOOD_OR_BETTER
from .oversight import oversight_states
from .workload import WorkerLoad, caseloads


@dataclass(frozen=True)
class Measure:
    numerator: int | Decimal
    denominator: int
    included: tuple[int, ...]  # the denominator's subjects (workers' or children's keys)
    counted: tuple[int, ...]  # the numerator's subjects
    subject: str  # "worker" or "child"

    @property
    def rate(self) -> float | None:
        return float(self.numerator) / self.denominator if self.denominator else None


def _ratio(included: list[int], counted: list[int], subject: str) -> Measure:
    return Measure(len(counted), len(included), tuple(included), tuple(counted), subject)


def supervision_within_standard(on: date) -> Measure:
    states = queries.supervision_states(social_workers(on), on)
    included = sorted(s.worker.pk for s in states)
    return _ratio(included, sorted(s.worker.pk for s in states if not s.overdue), "worker")


def oversight_within_standard(on: date) -> Measure:
    states = oversight_states(None, on)
    included = sorted(s.person_id for s in states)
    return _ratio(included, sorted(s.person_id for s in states if not s.overdue(on)), "child")


def audits_good_or_better(start: date, end: date) -> Measure:
    audits = CaseAudit.objects.filter(audited_on__range=(start, end)).select_related("moderation")
    included, counted = [], []
    for audit in audits.order_by("pk"):
        moderation = getattr(audit, "moderation", None)
        grade = moderation.agreed_grade if moderation else audit.grade
        included.append(audit.person_id)
        if grade in GOOD_OR_BETTER:
            counted.append(audit.person_id)
    return _ratio(included, counted, "child")


def moderation_agreement(start: date, end: date) -> Measure:
    rows = Moderation.objects.filter(moderated_on__range=(start, end)).select_related("audit").order_by("pk")
    included = [m.audit.person_id for m in rows]
    return _ratio(included, [m.audit.person_id for m in rows if m.agrees], "child")


def audit_actions_overdue(on: date) -> Measure:
    open_then = Action.objects.filter(
        Q(done_on__isnull=True) | Q(done_on__gt=on),
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on),
        audit__isnull=False,
        set_on__lte=on,
    )
    rows = list(open_then.order_by("pk").values_list("person_id", "due_on"))
    return _ratio([p for p, _ in rows], [p for p, due in rows if due < on], "child")


def worker_caseloads(on: date) -> list[WorkerLoad]:
    """Each social worker's caseload on the day, counted and weighted (`quality.workload`):
    the workers the caseload measures count."""
    return caseloads(social_workers(on), on)


def average_caseload(on: date) -> Measure:
    loads = worker_caseloads(on)
    return Measure(
        sum(load.children for load in loads),
        len(loads),
        tuple(sorted(load.worker.pk for load in loads)),
        tuple(sorted(load.worker.pk for load in loads if load.children)),
        "worker",
    )


def weighted_caseload(on: date) -> Measure:
    loads = worker_caseloads(on)
    return Measure(
        sum((load.weighted for load in loads), Decimal(0)),
        len(loads),
        tuple(sorted(load.worker.pk for load in loads)),
        tuple(sorted(load.worker.pk for load in loads if load.over_threshold)),
        "worker",
    )


__all__ = [
    "Measure",
    "audit_actions_overdue",
    "audits_good_or_better",
    "average_caseload",
    "moderation_agreement",
    "oversight_within_standard",
    "supervision_within_standard",
    "weighted_caseload",
    "worker_caseloads",
]
