"""Care, permanence and placement plans: when each was completed."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission
from accounts.permissions import require as _require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from core.validation import not_in_future

from ..models import PeriodOfCare
from ..queries import current_episode


@transaction.atomic
def record_plans(
    *,
    actor: User,
    period: PeriodOfCare,
    care_plan_completed_on: date | None = None,
    permanence_plan_completed_on: date | None = None,
    placement_plan_completed_on: date | None = None,
) -> PeriodOfCare:
    """Record when the care plan, permanence plan and current placement plan were completed."""
    _require(actor, Permission.RECORD_CARE)
    changes: dict[str, object] = {}
    for name, value in (
        ("care_plan_completed_on", care_plan_completed_on),
        ("permanence_plan_completed_on", permanence_plan_completed_on),
    ):
        if value is not None:
            not_in_future(value, field=name)
            if value < period.start_date:
                raise ValidationError({name: "The date must be on or after the child became looked after"})
            setattr(period, name, value)
            changes[name] = value
    if changes:
        period.save(update_fields=list(changes))
    if placement_plan_completed_on is not None:
        episode = current_episode(period)
        if episode is None:
            raise ValidationError({"placement_plan_completed_on": "There is no current placement"})
        not_in_future(placement_plan_completed_on, field="placement_plan_completed_on")
        episode.placement.placement_plan_completed_on = placement_plan_completed_on
        episode.placement.save(update_fields=["placement_plan_completed_on"])
        changes["placement_plan_completed_on"] = placement_plan_completed_on
    if not changes:
        raise ValidationError({"care_plan_completed_on": "Enter at least one date"})
    audit_and_tell(actor, AuditAction.UPDATE, period.person, period, "Recorded care plans", changes=changes)
    return period
