"""Early help's lines of the summary on every page of a child's record: the open episode,
since when, its lead professional and worker, and the plan's next action due
(`core.extensions.SummaryFacts`). Early help has no statutory clocks: its dates are the
plan's next review at the authority's standard and its soonest action still to do, as on
the early help worker's work list (`early_help.worklist`)."""

from datetime import date
from typing import Any

from django.db.models import Min, Q

from accounts.permissions import Permission
from core.extensions import SummaryFact, first_of
from core.links import url
from core.presenters import govuk_date

from .models import EarlyHelpEpisode, EpisodeStatus
from .worklist import review_item, with_last_review

HOLDS = [EarlyHelpEpisode]

ORDER = 12


def facts(person: Any, user: Any, today: date) -> list[SummaryFact]:
    if not user.has_perm(Permission.VIEW_EARLY_HELP.value):
        return []
    episode = first_of(
        person,
        with_last_review(EarlyHelpEpisode.objects.filter(person=person, status=EpisodeStatus.OPEN))
        .select_related("worker")
        .annotate(next_action=Min("actions__by_when", filter=Q(actions__completed_on__isnull=True))),
    )
    if episode is None:
        return []
    link = url("people:work", person.pk) + "#early-help"
    found = [
        SummaryFact("Early help", f"Open since {govuk_date(episode.start_date)}", link=link, order=ORDER)
    ]
    lead = ", ".join(n for n in (episode.lead_professional_name, episode.lead_professional_agency) if n)
    if lead:
        found.append(SummaryFact("Lead professional", lead, link=link, order=ORDER))
    if episode.worker is not None:
        found.append(SummaryFact("Early help worker", episode.worker.display_name, link=link, order=ORDER))
    review = review_item(episode)
    found.append(SummaryFact("Early help plan review", due=review.due, link=link, order=ORDER))
    if episode.next_action is not None:  # type: ignore[attr-defined]
        found.append(
            SummaryFact("Early help plan action", due=episode.next_action, link=link, order=ORDER)  # type: ignore[attr-defined]
        )
    return found
