"""The personal education plan (PEP) of a child in care, kept as versions."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission
from accounts.permissions import require as _require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from core.validation import not_in_future, required

from ..models import EducationPlan, PeriodOfCare


@transaction.atomic
def record_education_plan(
    *,
    actor: User,
    period: PeriodOfCare,
    meeting_on: date,
    school: str,
    targets: str,
    school_urn: str = "",
    virtual_school_contact: str = "",
    attendance_percent: Decimal | None = None,
    exclusions: int = 0,
    key_stage_results: str = "",
    progress: str = "",
) -> EducationPlan:
    """Append a new version of the personal education plan (earlier versions are kept)."""
    _require(actor, Permission.RECORD_CARE)
    not_in_future(meeting_on, field="meeting_on", label="The PEP meeting date")
    required("school", school, "Enter the school or setting")
    required("targets", targets, "Enter the targets agreed")
    if attendance_percent is not None and not 0 <= attendance_percent <= 100:
        raise ValidationError({"attendance_percent": "Attendance must be between 0 and 100"})
    plan = EducationPlan.objects.create(
        person=period.person,
        period=period,
        meeting_on=meeting_on,
        school=school.strip(),
        school_urn=school_urn.strip(),
        virtual_school_contact=virtual_school_contact.strip(),
        attendance_percent=attendance_percent,
        exclusions=exclusions,
        key_stage_results=key_stage_results.strip(),
        targets=targets.strip(),
        progress=progress.strip(),
        recorded_by=actor,
    )
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        period.person,
        plan,
        "Recorded a personal education plan",
        changes={"meeting_on": meeting_on, "school": school},
    )
    return plan
