"""Read-side helpers for early help pages (set-based, restricted records left out)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q

from accounts.models import User
from assessments.models import Assessment, AssessmentOutcome
from frontdoor.queries import stepped_to_early_help
from people.access import Purpose, decide
from people.models import Person
from protection.models import CPPlan, StepDown

from . import clocks
from .models import EarlyHelpEpisode, EntryRoute, EpisodeStatus, FamilyGroupConferenceRequest


@dataclass
class FgcRow:
    request: FamilyGroupConferenceRequest
    days_waiting: int


def fgc_rows(requests: Iterable[FamilyGroupConferenceRequest], today: date) -> list[FgcRow]:
    return [
        FgcRow(r, clocks.days_waiting(r.requested_on, today, r.held_on or r.withdrawn_on)) for r in requests
    ]


def _visible(user: User, episodes: Iterable[EarlyHelpEpisode]) -> list[EarlyHelpEpisode]:
    return [e for e in episodes if decide(user, e.person, Purpose.VIEW).allowed]


def open_episodes(user: User, today: date) -> list[EarlyHelpEpisode]:
    """Open episodes of the user's team (or all, for a user without a team), oldest first."""
    rows = EarlyHelpEpisode.objects.filter(status=EpisodeStatus.OPEN).select_related(
        "person__restriction", "worker"
    )
    if user.team_id:
        rows = rows.filter(worker__team_id=user.team_id)
    return _visible(user, rows.order_by("start_date")[:500])


def fgc_waiting_list(user: User, today: date) -> list[FgcRow]:
    """Every family waiting for a family group conference, longest wait first."""
    waiting = (
        FamilyGroupConferenceRequest.objects.filter(held_on__isnull=True, withdrawn_on__isnull=True)
        .select_related("episode__person__restriction")
        .order_by("requested_on")
    )
    return [
        row
        for row in fgc_rows(waiting, today)
        if decide(user, row.request.episode.person, Purpose.VIEW).allowed
    ]


# How far back the "waiting for early help" list looks for handovers, and how many it lists.
AWAITING_WITHIN_DAYS = 365
AWAITING_LISTED = 100


@dataclass
class AwaitingRow:
    person: Person
    route: str  # the EntryRoute of the episode to start
    source: str  # what handed the child to early help
    since: date
    days_waiting: int


@dataclass
class Awaiting:
    rows: list[AwaitingRow]  # longest wait first, at most `limit`, only children the user may see
    total: int  # children waiting, listed or not


def awaiting_early_help(
    user: User, today: date, *, within_days: int = AWAITING_WITHIN_DAYS, limit: int = AWAITING_LISTED
) -> Awaiting:
    """Children handed to early help who have no early help episode since, longest wait first.

    A child is handed over by a front-door decision "Step to early help", an authorised
    assessment whose outcome includes early help, or a child protection plan that ended
    stepping down to early help, in the last `within_days` days; the latest handover counts.
    They stop waiting when an early help episode is open or starts on or after that day.
    Derived from those records each time: nothing is stored. The `limit` who have waited
    longest are listed, leaving out children the user may not see (restricted records) and
    closed (merged, deceased) records; `total` counts every child waiting."""
    since = today - timedelta(days=within_days)
    handovers = _handovers(since, today)
    _leave_out_taken_up(handovers, since)
    waiting = sorted(handovers, key=lambda person_id: (handovers[person_id][0], person_id))
    rows: list[AwaitingRow] = []
    for start in range(0, len(waiting), 200):
        chunk = waiting[start : start + 200]
        people = Person.objects.active().filter(pk__in=chunk).select_related("restriction").in_bulk()
        for person_id in chunk:
            person = people.get(person_id)
            if person is None or not decide(user, person, Purpose.VIEW).allowed:
                continue
            day, route, source = handovers[person_id]
            rows.append(AwaitingRow(person, route, source, day, (today - day).days))
            if len(rows) == limit:
                return Awaiting(rows, len(waiting))
    return Awaiting(rows, len(waiting))


def _handovers(since: date, today: date) -> dict[int, tuple[date, str, str]]:
    """Each child's latest handover to early help from `since` to `today`: (day, route, source)."""
    handovers: dict[int, tuple[date, str, str]] = {}

    def hand_over(person_id: int, day: date | None, route: str, source: str) -> None:
        if day is not None and day <= today and (person_id not in handovers or day > handovers[person_id][0]):
            handovers[person_id] = (day, route, source)

    for person_id, decided_on in stepped_to_early_help(since=since).items():
        hand_over(person_id, decided_on, EntryRoute.FRONT_DOOR, "Front door: step to early help")
    for person_id, outcomes, day in Assessment.objects.filter(
        authorised_on__gte=since, outcomes__icontains=f'"{AssessmentOutcome.EARLY_HELP.value}"'
    ).values_list("person_id", "outcomes", "authorised_on"):
        if AssessmentOutcome.EARLY_HELP in outcomes:  # the text matched: check the list itself
            hand_over(person_id, day, EntryRoute.STEP_DOWN, "Assessment: referral to early help")
    for person_id, day in CPPlan.objects.filter(
        end_date__gte=since, step_down=StepDown.EARLY_HELP
    ).values_list("person_id", "end_date"):
        hand_over(
            person_id, day, EntryRoute.STEP_DOWN, "Child protection plan ended: step down to early help"
        )
    return handovers


def _leave_out_taken_up(handovers: dict[int, tuple[date, str, str]], since: date) -> None:
    """Drop the children with an open early help episode, or one started on or after their
    handover (an episode that started before `since` and is closed cannot be)."""
    episodes = EarlyHelpEpisode.objects.filter(Q(status=EpisodeStatus.OPEN) | Q(start_date__gte=since))
    for person_id, start_date, status in episodes.values_list("person_id", "start_date", "status"):
        if person_id in handovers and (status == EpisodeStatus.OPEN or start_date >= handovers[person_id][0]):
            del handovers[person_id]
