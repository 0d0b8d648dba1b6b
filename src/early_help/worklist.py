"""Early help items for "My work": each open episode's plan review (the authority's standard,
`clocks.next_review_due`) and its plan actions still to do, due and overdue. They are the
early help worker's: an episode's worker holds its children without an allocation
(`held_by`), and only those who manage early help act on them."""

from collections.abc import Collection, Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Max, Prefetch, QuerySet

from accounts.permissions import Permission
from core.links import url
from core.worklist import WorkItem

from .clocks import next_review_due
from .models import EarlyHelpEpisode, EpisodeStatus, PlanAction

if TYPE_CHECKING:
    from accounts.models import User

KIND = "early_help"
ACT = Permission.MANAGE_EARLY_HELP.value


def review_item(episode: EarlyHelpEpisode) -> WorkItem:
    """The open episode's next plan review (read with `last_review`, `with_last_review`)."""
    return WorkItem(
        episode.person_id,
        "Early help plan review due",
        "early_help_review",
        next_review_due(episode.start_date, episode.last_review),  # type: ignore[attr-defined]
        None,
        url("early_help:review", episode.pk),
        KIND,
        permission=ACT,
    )


def with_last_review(rows: QuerySet[EarlyHelpEpisode]) -> QuerySet[EarlyHelpEpisode]:
    """Episodes with the date of their latest plan review (`last_review`), in the same query."""
    return rows.annotate(last_review=Max("reviews__reviewed_on"))


def items(person_ids: Collection[int], today: date) -> Iterable[WorkItem]:
    # The open episodes, and their actions still to do only when there are any episodes.
    to_do = Prefetch(
        "actions", queryset=PlanAction.objects.filter(completed_on__isnull=True), to_attr="to_do"
    )
    episodes = with_last_review(
        EarlyHelpEpisode.objects.filter(person_id__in=person_ids, status=EpisodeStatus.OPEN)
    ).prefetch_related(to_do)
    for episode in episodes:
        yield review_item(episode)
        for a in episode.to_do:  # type: ignore[attr-defined]
            yield WorkItem(
                episode.person_id,
                f"Early help plan action{' overdue' if a.by_when < today else ''}: {a.what[:60]}",
                "early_help_action",
                a.by_when,
                None,
                url("early_help:episode", episode.pk),
                KIND,
                permission=ACT,
            )


def held_by(user: "User", today: date) -> set[int]:
    """The children of the open early help episodes this user is the worker of (none, and no
    query, for a user who does not manage early help)."""
    if not user.has_perm(ACT):
        return set()
    episodes = EarlyHelpEpisode.objects.filter(worker=user, status=EpisodeStatus.OPEN)
    return set(episodes.values_list("person_id", flat=True))
