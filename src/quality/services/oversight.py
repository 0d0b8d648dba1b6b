"""Management oversight at a point of the child's journey: the manager's decision (the one
record of it, `protection.ManagementDecision`) with the point, direction and review date."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from audit import services as auditor
from audit.models import AuditAction
from people.models import Person
from protection.services import record_management_decision

from ..action_rows import ActionRow, create_actions
from ..models import Oversight, OversightPoint


@transaction.atomic
def record_oversight(
    *,
    actor: User,
    person: Person,
    point: str,
    decided_on: date,
    decision: str,
    rationale: str,
    review_on: date,
    direction: str = "",
    actions: list[ActionRow] | None = None,
) -> Oversight:
    """Record management oversight. The decision and rationale are checked, audited and said
    to have changed the record by `record_management_decision`; this adds the rest."""
    if point not in OversightPoint.values:
        raise ValidationError({"point": "Select the point at which the oversight was given"})
    made = record_management_decision(
        actor=actor,
        person=person,
        decision=decision,
        rationale=rationale,
        decided_on=decided_on,
        context=OversightPoint(point).label,
    )
    if review_on <= decided_on:
        raise ValidationError({"review_on": "The review date must be after the decision"})
    oversight = Oversight.objects.create(
        decision=made, point=point, direction=direction.strip(), review_on=review_on
    )
    create_actions(person, actions or [], decided_on, oversight=oversight)
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=oversight,
        summary="Recorded management oversight",
        changes={"point": point, "review_on": review_on, "actions": len(actions or [])},
    )
    return oversight
