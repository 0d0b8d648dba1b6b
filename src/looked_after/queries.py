"""Read models: what is due for children in care, computed set-based from history rows.

`summaries(person_ids, today)` loads the open periods of care and their history in a fixed
number of queries and returns, per child, the current episode and every due item (clocks
from `looked_after.clocks` and `timescales`). The person-page panel, the worklist and the
team/IRO/health/virtual-school pages all read it, so they agree.
"""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from django.db.models import prefetch_related_objects
from django.utils import timezone

import timescales
from casework.models import Visit, VisitKind
from core.extensions import holds
from core.links import url
from people.models import Person
from timescales import Unit
from workforce.models import Allocation, AllocationRole

from .clocks import Stay, moves_in_last_12_months, next_health_review_due, next_review_due, next_visit_due
from .models import (
    CareEpisode,
    EducationPlan,
    ExploitationScreening,
    HealthAssessment,
    HealthCheckKind,
    LACReview,
    MissingEpisode,
    PeriodOfCare,
    Placement,
    ReviewAction,
)

# Area a due item belongs to, so the health and virtual-school views see only their own.
CARE, HEALTH, EDUCATION, MISSING = "care", "health", "education", "missing"
PEP_TERM_MONTHS = 4  # local convention for "each term" (TIMESCALES §2.24, confidence M)


@dataclass(frozen=True)
class DueItem:
    title: str
    rule_id: str
    due: date
    area: str
    link: str
    due_at: datetime | None = None  # for hour-based clocks

    def overdue(self, now: datetime) -> bool:
        if self.due_at is not None:
            return self.due_at < now
        return self.due < now.date() if isinstance(now, datetime) else self.due < now


@dataclass
class CareSummary:
    person: Person
    period: PeriodOfCare
    episode: CareEpisode | None
    placement: Placement | None
    iro: Allocation | None = None
    last_visit: date | None = None
    last_review_on: date | None = None
    moves_12_months: int = 0
    items: list[DueItem] = field(default_factory=list)

    def due(self, area: str, rule_prefix: str = "") -> DueItem | None:
        found = [i for i in self.items if i.area == area and i.rule_id.startswith(rule_prefix)]
        return min(found, key=lambda i: i.due) if found else None

    @property
    def next_review(self) -> DueItem | None:
        return self.due(CARE, "lac_")

    @property
    def next_visit(self) -> DueItem | None:
        return self.due(CARE, "placement_visit")

    @property
    def health_due(self) -> list[DueItem]:
        return [i for i in self.items if i.area == HEALTH]


def _age_on(dob: date | None, on: date) -> int | None:
    if dob is None:
        return None
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


class _Check(NamedTuple):
    kind: str
    completed_on: date


@dataclass
class _History:
    episodes: dict[int, CareEpisode]
    stays: dict[int, list[Stay]]
    reviews: dict[int, list[date]]  # held on, in order
    visits: dict[int, list[date]]
    checks: dict[int, list[_Check]]
    peps: dict[int, list[date]]
    iros: dict[int, Allocation]
    actions: dict[int, list[ReviewAction]]
    missing: dict[int, list[MissingEpisode]]
    screenings: dict[int, ExploitationScreening]


# The history a child may have none of: `summary_of` skips their queries for a child the
# record's page read has no rows of them (`core.extensions.holds`; `summary.HOLDS`).
SKIPPABLE = (HealthAssessment, EducationPlan, ReviewAction, MissingEpisode, ExploitationScreening)


def _load(periods: list[PeriodOfCare], today: date, skip: Collection[type] = ()) -> _History:
    period_ids = [p.pk for p in periods]
    pids = [p.person_id for p in periods]
    h = _History(
        episodes={
            e.period_id: e
            for e in CareEpisode.objects.filter(
                period_id__in=period_ids, end_date__isnull=True
            ).select_related("legal_status", "placement")
        },
        stays=defaultdict(list),
        reviews=defaultdict(list),
        visits=defaultdict(list),
        checks=defaultdict(list),
        peps=defaultdict(list),
        iros={
            a.person_id: a
            for a in Allocation.objects.current(today)
            .filter(person_id__in=pids, role=AllocationRole.IRO)
            .select_related("worker")
        },
        actions=defaultdict(list),
        missing=defaultdict(list),
        screenings={},
    )
    placements = Placement.objects.filter(person_id__in=pids)
    for pid, start, end, kind in placements.values_list(
        "person_id", "start_date", "end_date", "placement_type"
    ):
        h.stays[pid].append(Stay(start, end, kind))
    # Rows, not records: a caseload's children can have dozens of reviews and checks each.
    reviews = LACReview.objects.filter(period_id__in=period_ids).order_by("held_on")
    for period_id, held_on in reviews.values_list("period_id", "held_on"):
        h.reviews[period_id].append(held_on)
    visit_rows = Visit.objects.filter(person_id__in=pids, kind=VisitKind.CLA, child_seen=True)
    for pid, day in visit_rows.values_list("person_id", "visited_on"):
        h.visits[pid].append(day)
    _load_optional(h, period_ids, pids, skip)
    return h


def _load_optional(h: _History, period_ids: list[int], pids: list[int], skip: Collection[type]) -> None:
    if HealthAssessment not in skip:
        checks = HealthAssessment.objects.filter(person_id__in=pids).order_by("completed_on")
        for person_id, kind, completed_on in checks.values_list("person_id", "kind", "completed_on"):
            h.checks[person_id].append(_Check(kind, completed_on))
    if EducationPlan not in skip:
        for period_id, day in EducationPlan.objects.filter(period_id__in=period_ids).values_list(
            "period_id", "meeting_on"
        ):
            h.peps[period_id].append(day)
    if ReviewAction not in skip:
        for a in ReviewAction.objects.filter(review__period_id__in=period_ids, completed_on__isnull=True):
            h.actions[a.person_id].append(a)
    if MissingEpisode not in skip:
        awaiting = (
            MissingEpisode.objects.filter(
                person_id__in=pids, ended_at__isnull=False, rhi_held_at__isnull=True
            )
            .exclude(rhi_accepted=False)
            .exclude(rhi_offered=False)
        )
        for m in awaiting:
            h.missing[m.person_id].append(m)
    if ExploitationScreening not in skip:
        for s in ExploitationScreening.objects.filter(person_id__in=pids).order_by("screened_on", "id"):
            h.screenings[s.person_id] = s


_REVIEW_LABELS = {
    "lac_first_review": "First looked-after review",
    "lac_second_review": "Second looked-after review",
}


def _placement_items(s: CareSummary, h: _History, held: list[date], timeline: str) -> None:
    placement, person = s.placement, s.person
    if placement is None:
        return
    vdue = next_visit_due(
        regime=placement.visit_regime,
        placement_start=placement.start_date,
        visits=h.visits[person.pk],
        first_review=held[0] if held else None,
        intended_until_18=placement.intended_until_18,
    )
    first = not any(v >= placement.start_date for v in h.visits[person.pk])
    visit_link = url("casework:record_visit", person.pk) + "?kind=CLA"
    s.items.append(
        DueItem(
            "First visit in the placement" if first else "Statutory visit",
            "placement_visit_first" if first else "placement_visit",
            vdue,
            CARE,
            visit_link,
        )
    )
    if placement.placement_plan_completed_on is None:
        due = timescales.due_date("placement_plan", placement.start_date)
        s.items.append(DueItem("Placement plan", "placement_plan", due, CARE, timeline))  # type: ignore[arg-type]
    if placement.awaiting_parent_approval:
        s.items.append(
            DueItem(
                "Approve placement with parents",
                "placement_with_parents",
                placement.start_date,
                CARE,
                timeline,
            )
        )
    elif placement.with_parents and placement.parent_review_on:
        s.items.append(
            DueItem(
                "Review placement with parents",
                "placement_with_parents_review",
                placement.parent_review_on,
                CARE,
                timeline,
            )
        )


def _care_items(s: CareSummary, h: _History, timeline: str) -> None:
    period = s.period
    held = h.reviews[period.pk]
    review = next_review_due(period.start_date, held)
    s.items.append(
        DueItem(
            _REVIEW_LABELS.get(review.rule_id, "Looked-after review"),
            review.rule_id,
            review.due,
            CARE,
            timeline,
        )
    )
    _placement_items(s, h, held, timeline)
    if period.care_plan_completed_on is None:
        due = timescales.due_date("care_plan", period.start_date)
        s.items.append(DueItem("Care plan", "care_plan", due, CARE, timeline))  # type: ignore[arg-type]
    if period.permanence_plan_completed_on is None:
        by = (
            next_review_due(period.start_date, held[:1]).due if held else timescales.add_months(review.due, 3)
        )
        s.items.append(
            DueItem("Permanence plan (by the second review)", "permanence_plan", by, CARE, timeline)
        )
    for a in h.actions[s.person.pk]:
        s.items.append(DueItem(f"Review action: {a.what[:60]}", "review_action", a.due_on, CARE, timeline))


def _health_items(s: CareSummary, h: _History, today: date, timeline: str) -> None:
    person, period = s.person, s.period
    health = [c for c in h.checks[person.pk] if c.kind in (HealthCheckKind.INITIAL, HealthCheckKind.REVIEW)]
    recent_initial = period.start_date - timedelta(days=92)  # an IHA in the previous 3 months counts
    has_iha = any(c.kind == HealthCheckKind.INITIAL and c.completed_on >= recent_initial for c in health)
    if not has_iha:
        due = timescales.due_date("initial_health_assessment", period.start_date)
        s.items.append(
            DueItem("Initial health assessment", "initial_health_assessment", due, HEALTH, timeline)
        )  # type: ignore[arg-type]
    elif person.date_of_birth:
        due = next_health_review_due(health[-1].completed_on, person.date_of_birth)
        s.items.append(DueItem("Review health assessment", "review_health_assessment", due, HEALTH, timeline))
    dental = [c.completed_on for c in h.checks[person.pk] if c.kind == HealthCheckKind.DENTAL]
    last_dental = dental[-1] if dental else period.start_date
    s.items.append(
        DueItem(
            "Dental check",
            "dental_check",
            timescales.apply_interval(last_dental, 12, Unit.MONTHS),
            HEALTH,
            timeline,
        )
    )


def _education_items(s: CareSummary, h: _History, today: date, timeline: str) -> None:
    age = _age_on(s.person.date_of_birth, today)
    if age is None or not 3 <= age < 18:
        return
    peps = h.peps[s.period.pk]
    if not peps:
        due = timescales.due_date("pep_initial", s.period.start_date)
        s.items.append(DueItem("Personal education plan", "pep_initial", due, EDUCATION, timeline))  # type: ignore[arg-type]
    else:
        due = timescales.apply_interval(max(peps), PEP_TERM_MONTHS, Unit.MONTHS)
        s.items.append(DueItem("Termly PEP review", "pep_review", due, EDUCATION, timeline))


def _missing_items(s: CareSummary, h: _History, timeline: str) -> None:
    pid = s.person.pk
    if pid in h.screenings:
        due = h.screenings[pid].review_on
        s.items.append(
            DueItem("Exploitation screening review", "exploitation_screening", due, MISSING, timeline)
        )
    for m in h.missing[pid]:
        if m.ended_at is None:  # pragma: no cover - filtered in the query
            continue
        due_at = timescales.due_date("return_home_interview", m.ended_at)
        local = timezone.localtime(due_at)  # type: ignore[arg-type]
        s.items.append(
            DueItem(
                f"Return home interview (by {local:%H:%M} on {local:%-d %b %Y})",
                "return_home_interview",
                local.date(),
                MISSING,
                url("looked_after:update_missing", m.pk),
                due_at=local,
            )
        )


def summaries(
    person_ids: Collection[int], today: date, skip: Collection[type] = ()
) -> dict[int, CareSummary]:
    """Per child with an open period of care: current episode, IRO and every due item (`skip`:
    the `SKIPPABLE` history known to be empty for these children, not read)."""
    periods = list(
        PeriodOfCare.objects.filter(person_id__in=list(person_ids), end_date__isnull=True).select_related(
            "person"
        )
    )
    return _summarise(periods, today, skip)


def _summarise(periods: list[PeriodOfCare], today: date, skip: Collection[type]) -> dict[int, CareSummary]:
    if not periods:
        return {}
    h = _load(periods, today, skip)
    out: dict[int, CareSummary] = {}
    for period in periods:
        person = period.person
        timeline = url("looked_after:timeline", person.pk)
        episode = h.episodes.get(period.pk)
        reviews = h.reviews[period.pk]
        s = CareSummary(
            person=person,
            period=period,
            episode=episode,
            placement=episode.placement if episode else None,
            iro=h.iros.get(person.pk),
            last_visit=max(h.visits[person.pk], default=None),
            last_review_on=reviews[-1] if reviews else None,
            moves_12_months=moves_in_last_12_months(h.stays[person.pk], today),
        )
        _care_items(s, h, timeline)
        _health_items(s, h, today, timeline)
        _education_items(s, h, today, timeline)
        _missing_items(s, h, timeline)
        s.items.sort(key=lambda i: i.due)
        out[person.pk] = s
    return out


def summary_of(person: Person, today: date) -> CareSummary | None:
    """`summaries` for one child, read once a request: the child's page and the summary at
    its top both show it (kept on the person object the door let in)."""
    memo: dict[date, CareSummary | None] = person.__dict__.setdefault("_care_summary", {})
    if today not in memo:
        skip = [model for model in SKIPPABLE if not holds(person, model)]
        # The child's periods of care, read once for the summary and the record's panels
        # (`panels.PREFETCH`, which then finds them read).
        prefetch_related_objects([person], "periods_of_care")
        periods = [p for p in person.periods_of_care.all() if p.end_date is None]  # type: ignore[attr-defined]
        memo[today] = _summarise(periods, today, skip).get(person.pk)
    return memo[today]


def current_episode(period: PeriodOfCare) -> CareEpisode | None:
    return period.episodes.filter(end_date__isnull=True).select_related("legal_status", "placement").first()


def open_period(person: Person) -> PeriodOfCare | None:
    return PeriodOfCare.objects.filter(person=person, end_date__isnull=True).first()


def period_on(person: Person, day: date) -> PeriodOfCare | None:
    """The latest period of care the child had started by `day` (what a check or an episode
    recorded on that day belongs to), if any."""
    return PeriodOfCare.objects.filter(person=person, start_date__lte=day).first()


def current_iro(person: Person, on: date | None = None) -> Allocation | None:
    return (
        Allocation.objects.current(on or timezone.localdate())
        .filter(person=person, role=AllocationRole.IRO)
        .select_related("worker")
        .first()
    )
