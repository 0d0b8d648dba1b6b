"""Read-side helpers for early help pages (set-based, restricted records left out)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from accounts.models import User
from people.access import Purpose, decide

from . import clocks
from .models import EarlyHelpEpisode, EpisodeStatus, FamilyGroupConferenceRequest


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
