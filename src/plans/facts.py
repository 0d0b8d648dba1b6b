"""The line each current plan gives the summary on every page of a child's record
(`core.extensions.SummaryFacts`), for the stage whose plans they are."""

from collections.abc import Callable
from typing import Any

from core.extensions import SummaryFact
from core.links import url
from core.presenters import govuk_date

from .models import Plan


def current_plans(
    model: type[Plan], person: Any, order: int, detail: Callable[[Any], str] | None = None
) -> list[SummaryFact]:
    """Each of the child's current plans of this kind: its status since it started (then
    `detail(plan)`, where given), linking to the plan's page."""
    kind = model.kind
    rows: Any = model.objects  # a concrete plan model: its `person` is a field
    return [
        SummaryFact(
            kind.title,
            f"{plan.get_status_display()} since {govuk_date(plan.start_date)}"
            + (f": {detail(plan)}" if detail else ""),
            link=url(f"{kind.urls}:plan", plan.pk),
            order=order,
        )
        for plan in rows.filter(person=person).current()
    ]
