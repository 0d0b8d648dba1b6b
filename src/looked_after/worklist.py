"""Due and overdue items for children in care (reviews, visits, plans, health, PEPs, RHIs)."""

from collections.abc import Collection, Iterable
from datetime import date

from core.worklist import WorkItem

from .queries import summaries


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
            )
