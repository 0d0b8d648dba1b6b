"""When each child last had management oversight, and when the next is due.

Oversight is any recorded manager's view of the child's case: a management decision (which
every structured oversight is, `quality.models.Oversight`), a case note of the kind
"management oversight" once final, a case direction given in supervision, a manager's
authorisation of an assessment or return of one for more work (with their comments), and a
manager's sign-off of a child in need plan. Only oversight of the child's current episode
counts (given on or after the day the open referral was received): what a manager decided in
an earlier, closed episode says nothing of this one. A child with none is counted from the
start of their current allocation."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import DateTimeField, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncDate

from assessments.models import Assessment, AssessmentReturn
from casework.models import CaseNote, CaseNoteKind, CaseNoteStatus
from cin.models import CINPlan
from frontdoor.models import Referral
from protection.models import CPPlan, ManagementDecision
from workforce.models import Allocation, AllocationRole

from . import rules
from .models import CaseDirection


@dataclass(frozen=True)
class OversightState:
    person_id: int
    last: date | None  # the last oversight, or None when there has been none
    since: date  # what the next is counted from: the last, or the allocation's start
    on_cp_plan: bool
    due: date

    def overdue(self, today: date) -> bool:
        return self.due < today


def _latest(rows: QuerySet[Any], field: str, on: date, person: str = "person_id") -> Subquery:
    """The latest day of `field` (a date, or a time read as its day) of the outer row's
    child's `rows` on or before `on`; `person`: the lookup from a row to its child."""
    day = TruncDate(field) if isinstance(rows.model._meta.get_field(field), DateTimeField) else F(field)
    mine = rows.filter(**{person: OuterRef("person_id")}).annotate(day=day).filter(day__lte=on)
    return Subquery(mine.order_by("-day").values("day")[:1])


def oversight_states(person_ids: Collection[int] | None, on: date) -> list[OversightState]:
    """The allocated children's (of these, when given) oversight against the standard in
    force on `on`, in one query."""
    rows = Allocation.objects.current(on).filter(
        role=AllocationRole.SOCIAL_WORKER, person__record_status="ACTIVE"
    )
    if person_ids is not None:
        rows = rows.filter(person_id__in=person_ids)
    notes = CaseNote.objects.filter(kind=CaseNoteKind.MANAGEMENT_OVERSIGHT, status=CaseNoteStatus.FINAL)
    current_plan = CPPlan.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gt=on), person_id=OuterRef("person_id"), start_date__lte=on
    )
    found = rows.values_list("person_id", "start_date").annotate(
        decision=_latest(ManagementDecision.objects.all(), "decided_on", on),
        note=_latest(notes, "occurred_on", on),
        direction=_latest(CaseDirection.objects.all(), "given_on", on),
        authorised=_latest(Assessment.objects.all(), "authorised_on", on),
        returned=_latest(AssessmentReturn.objects.all(), "returned_at", on, "assessment__person_id"),
        signed_off=_latest(CINPlan.objects.all(), "signed_off_on", on),
        cp=Exists(current_plan),
        episode=_latest(
            Referral.objects.filter(Q(closure_date__isnull=True) | Q(closure_date__gt=on)),
            "referral_date",
            on,
        ),
    )
    standard = rules.standard_on(on)
    states: dict[int, OversightState] = {}
    for person_id, start, *recorded, cp, episode in found.values_list(
        "person_id",
        "start_date",
        "decision",
        "note",
        "direction",
        "authorised",
        "returned",
        "signed_off",
        "cp",
        "episode",
    ):
        this_episode = [day for day in recorded if day is not None and (episode is None or day >= episode)]
        last = max(this_episode, default=None)
        earlier = states.get(person_id)
        since = last or min(start, earlier.since if earlier else start)
        states[person_id] = OversightState(
            person_id=person_id,
            last=last,
            since=since,
            on_cp_plan=cp,
            due=rules.oversight_due(since, cp, standard),
        )
    return list(states.values())
