"""The independent reviewing officer and looked-after reviews, with their actions."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

import timescales
from accounts.models import User
from accounts.permissions import Permission, Role
from accounts.permissions import require as _require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from codes import cin as cin_codes
from core.extensions import changed
from core.validation import not_before, not_in_future
from people.models import Person
from workforce import services as workforce
from workforce.models import Allocation, AllocationRole

from ..clocks import next_review_due
from ..models import LACReview, PeriodOfCare, ReviewAction


@transaction.atomic
def allocate_iro(*, actor: User, person: Person, iro: User, start_date: date) -> Allocation:
    """Allocate the child's IRO (a workforce allocation with role IRO; s25A Children Act 1989)."""
    _require(actor, Permission.ALLOCATE_CHILD)
    if iro.role != Role.IRO.value:
        raise ValidationError({"iro": "Select an independent reviewing officer"})
    if iro.team is None:
        raise ValidationError({"iro": "The IRO must belong to a team"})
    allocation = workforce.allocate(
        actor=actor, person=person, worker=iro, team=iro.team, role=AllocationRole.IRO, start_date=start_date
    )
    changed(person)
    return allocation


@dataclass(frozen=True)
class ActionDetails:
    who: str
    what: str
    due_on: date


@transaction.atomic
def record_review(
    *,
    actor: User,
    period: PeriodOfCare,
    held_on: date,
    participation: str,
    iro_met_child: bool,
    child_views: str = "",
    decisions: str = "",
    actions: Sequence[ActionDetails] = (),
    iro: User | None = None,
) -> LACReview:
    """Record a looked-after review; its due date (rule, calendar version) is fixed from the
    reviews held before it."""
    _require(actor, Permission.RECORD_LAC_REVIEW)
    not_in_future(held_on, field="held_on", label="The review date")
    not_before(
        "held_on", held_on, period.start_date, "The review must be on or after the child became looked after"
    )
    if participation not in cin_codes.PARTICIPATION:
        raise ValidationError({"participation": "Select how the child took part"})
    held = list(period.reviews.values_list("held_on", flat=True))
    if held and held_on <= max(held):
        raise ValidationError({"held_on": "The review must be after the last review recorded"})
    for i, item in enumerate(actions):
        if not item.who.strip() or not item.what.strip():
            raise ValidationError({"actions": f"Action {i + 1}: enter who will do what"})
        if item.due_on < held_on:
            raise ValidationError({"actions": f"Action {i + 1}: the date must be on or after the review"})
    due = next_review_due(period.start_date, held)
    review = LACReview.objects.create(
        period=period,
        person=period.person,
        sequence=len(held) + 1,
        rule_id=due.rule_id,
        due_date=due.due,
        calendar_version=timescales.calendar_version(),
        held_on=held_on,
        participation=participation,
        iro=iro or actor,
        iro_met_child=iro_met_child,
        child_views=child_views.strip(),
        decisions=decisions.strip(),
        recorded_by=actor,
    )
    ReviewAction.objects.bulk_create(
        ReviewAction(
            review=review, person=period.person, who=a.who.strip(), what=a.what.strip(), due_on=a.due_on
        )
        for a in actions
    )
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        period.person,
        review,
        f"Recorded looked-after review {review.sequence}",
        changes={
            "held_on": held_on,
            "due_date": due.due,
            "participation": participation,
            "actions": len(actions),
        },
    )
    return review


@transaction.atomic
def complete_review_action(*, actor: User, action: ReviewAction, completed_on: date) -> ReviewAction:
    """Mark a review's action done on `completed_on`."""
    _require(actor, Permission.RECORD_CARE)
    if action.completed_on is not None:
        raise ValidationError({"completed_on": "This action is already complete"})
    not_in_future(completed_on, field="completed_on", label="The completion date")
    action.completed_on = completed_on
    action.completed_by = actor
    action.save(update_fields=["completed_on", "completed_by"])
    audit_and_tell(
        actor,
        AuditAction.UPDATE,
        action.person,
        action,
        "Completed a review action",
        changes={"completed_on": completed_on},
    )
    return action
