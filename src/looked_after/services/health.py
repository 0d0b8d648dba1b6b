"""Health assessments and dental checks of a child in care, with the SSDA903 OC2 items."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission
from accounts.permissions import require as _require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from codes import ssda903
from core.validation import not_in_future
from people.models import Person

from ..models import HealthAssessment, HealthCheckKind
from ..queries import period_on


@transaction.atomic
def record_health_check(
    *,
    actor: User,
    person: Person,
    kind: str,
    completed_on: date,
    practitioner: str = "",
    immunisations_up_to_date: bool | None = None,
    sdq_score: int | None = None,
    sdq_reason: str = "",
    substance_misuse: bool | None = None,
    intervention_received: bool | None = None,
    convicted: bool | None = None,
    health_plan_actions: str = "",
    intervention_offered: bool | None = None,
) -> HealthAssessment:
    """Record a health assessment (initial or review) or dental check, with the OC2 items."""
    _require(actor, Permission.RECORD_CARE)
    if kind not in HealthCheckKind.values:
        raise ValidationError({"kind": "Select the kind of check"})
    not_in_future(completed_on, field="completed_on", label="The date of the check")
    if sdq_score is not None and not 0 <= sdq_score <= 40:
        raise ValidationError({"sdq_score": "The SDQ score must be between 0 and 40"})
    if sdq_score is not None and sdq_reason:
        raise ValidationError({"sdq_reason": "Enter an SDQ score or a reason it was not completed, not both"})
    if sdq_reason and sdq_reason not in ssda903.SDQ_REASON:
        raise ValidationError({"sdq_reason": "Select a reason"})
    if intervention_offered is not None and intervention_received is not False:
        raise ValidationError(
            {"intervention_offered": "Say whether an intervention was offered only when none was received"}
        )
    check = HealthAssessment.objects.create(
        person=person,
        period=period_on(person, completed_on),
        kind=kind,
        completed_on=completed_on,
        practitioner=practitioner.strip(),
        immunisations_up_to_date=immunisations_up_to_date,
        sdq_score=sdq_score,
        sdq_reason=sdq_reason,
        substance_misuse=substance_misuse,
        intervention_received=intervention_received,
        intervention_offered=intervention_offered,
        convicted=convicted,
        health_plan_actions=health_plan_actions.strip(),
        recorded_by=actor,
    )
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        person,
        check,
        f"Recorded {check.get_kind_display().lower()}",
        changes={"completed_on": completed_on, "kind": kind},
    )
    return check
