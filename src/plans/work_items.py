"""The items every plan puts on "My work" (core.worklist), whichever its kind: a plan awaiting
sign-off, and each action of an active plan still open after its by-when date. Each stage's
`worklist.py` adds them beside its own."""

from collections.abc import Collection, Iterator
from datetime import date
from typing import Any

from core.links import url
from core.worklist import SIGN_OFF, WorkItem

from .models import Plan, PlanStatus
from .smart import SmartAction


def awaiting_sign_off(plan: Plan, rule_id: str) -> WorkItem:
    """A drafted plan, waiting since it was made for the chair's or a manager's sign-off."""
    return WorkItem(
        plan.person_id,  # type: ignore[attr-defined]
        f"{plan.kind.title} awaiting sign-off",
        rule_id,
        plan.start_date,
        None,
        url(f"{plan.kind.urls}:plan", plan.pk),
        SIGN_OFF,
    )


def overdue_actions(model: type[SmartAction], person_ids: Collection[int], today: date) -> Iterator[WorkItem]:
    """The overdue actions (`smart.action_overdue`) of these children's active plans of one
    kind (`model`: the kind's action model)."""
    rows: Any = model._default_manager  # a concrete action model: its `plan` is a field
    actions = (
        rows.filter(plan__person_id__in=person_ids, plan__status=PlanStatus.ACTIVE)
        .overdue(today)
        .select_related("plan")
    )
    for a in actions:
        yield WorkItem(
            a.plan.person_id,
            f"Plan action overdue: {a.what[:60]}",
            "plan_action",
            a.by_when or today,
            None,
            url(f"{a.plan.kind.urls}:plan", a.plan_id),
            "plan_action",
        )
