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

from django.db.models import DateTimeField, F, Max, Q, QuerySet
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


def _latest(
    rows: QuerySet[Any], field: str, on: date, among: QuerySet[Any], person: str = "person_id"
) -> dict[int, date]:
    """The latest day of `field` (a date, or a time read as its day) on or before `on` of each
    child's `rows`, for the children `among` (a query of their keys); `person`: the lookup from
    a row to its child. One grouped query, however many children."""
    day = TruncDate(field) if isinstance(rows.model._meta.get_field(field), DateTimeField) else F(field)
    mine = rows.filter(**{f"{person}__in": among}).annotate(day=day).filter(day__lte=on)
    return dict(mine.values(person).annotate(last=Max("day")).values_list(person, "last").order_by())


def oversight_states(person_ids: Collection[int] | None, on: date) -> list[OversightState]:
    """The allocated children's (of these, when given) oversight against the standard in
    force on `on`: the allocations, and one grouped query for each kind of oversight (and
    for the plans and episodes), however many children."""
    rows = Allocation.objects.current(on).filter(
        role=AllocationRole.SOCIAL_WORKER, person__record_status="ACTIVE"
    )
    if person_ids is not None:
        rows = rows.filter(person_id__in=person_ids)
    among = rows.values("person_id")
    notes = CaseNote.objects.filter(kind=CaseNoteKind.MANAGEMENT_OVERSIGHT, status=CaseNoteStatus.FINAL)
    recorded_by_kind = [
        _latest(ManagementDecision.objects.all(), "decided_on", on, among),
        _latest(notes, "occurred_on", on, among),
        _latest(CaseDirection.objects.all(), "given_on", on, among),
        _latest(Assessment.objects.all(), "authorised_on", on, among),
        _latest(AssessmentReturn.objects.all(), "returned_at", on, among, "assessment__person_id"),
        _latest(CINPlan.objects.all(), "signed_off_on", on, among),
    ]
    on_plan = set(
        CPPlan.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gt=on), person_id__in=among, start_date__lte=on
        ).values_list("person_id", flat=True)
    )
    episodes = _latest(
        Referral.objects.filter(Q(closure_date__isnull=True) | Q(closure_date__gt=on)),
        "referral_date",
        on,
        among,
    )
    standard = rules.standard_on(on)
    states: dict[int, OversightState] = {}
    for person_id, start in rows.values_list("person_id", "start_date"):
        recorded = [latest.get(person_id) for latest in recorded_by_kind]
        cp, episode = person_id in on_plan, episodes.get(person_id)
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
