"""Due and overdue items for children in care (reviews, visits, plans, health, PEPs, RHIs).
The looked-after reviews are the IRO's work too (the IRO's My work holds them alone)."""

from collections.abc import Collection, Iterable
from datetime import date

from accounts.permissions import Role
from core.worklist import WorkItem, since_earliest

from .models import MissingEpisode, PeriodOfCare
from .queries import summaries

IRO_WORK = frozenset({Role.IRO.value})
REVIEW_RULES = "lac_"  # the looked-after review clocks: lac_first_review, lac_second_review, lac_review


def items(person_ids: Collection[int], today: date) -> Iterable[WorkItem]:
    for pid, summary in summaries(person_ids, today).items():
        for item in summary.items:
            yield WorkItem(
                person_id=pid,
                title=item.title,
                rule_id=item.rule_id,
                due=item.due,
                local_target=None,
                link=item.link,
                kind="Children in care",
                roles=IRO_WORK if item.rule_id.startswith(REVIEW_RULES) else frozenset(),
            )


def open_work_person_ids(today: date) -> dict[int, date]:
    """Children in care (a period of care not ended) or missing now, since the earliest."""
    periods = PeriodOfCare.objects.filter(end_date__isnull=True).values_list("person_id", "start_date")
    missing = MissingEpisode.objects.filter(ended_at__isnull=True).values_list("person_id", "started_at")
    return since_earliest([*periods, *missing])
