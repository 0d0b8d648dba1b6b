"""Recording a visit to the child (the statutory visit clocks read these rows)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission
from audit.changes import audit_and_tell
from audit.models import AuditAction
from core.extensions import visit_refusals
from people.models import Person

from ..models import CaseNote, Visit


@transaction.atomic
def record_visit(
    *,
    actor: User,
    person: Person,
    kind: str,
    visited_on: date,
    child_seen: bool,
    seen_alone: bool = False,
    bedroom_seen: bool | None = None,
    announced: bool = True,
    location: str = "",
    purpose: str = "",
    child_said: str = "",
    worker: User | None = None,
    case_note: CaseNote | None = None,
) -> Visit:
    """Record a visit to the child (statutory visit clocks read these rows); `case_note`, the
    visit note it is recorded as. Each stage may refuse a kind of visit it has no part in
    then (`core.extensions.visit_refusals`)."""
    if not actor.has_perm(Permission.RECORD_VISIT.value):
        raise PermissionDenied(Permission.RECORD_VISIT.value)
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": "The visit date must be today or in the past"})
    if seen_alone and not child_seen:
        raise ValidationError({"seen_alone": "A child can only be seen alone if they were seen"})
    if refusals := visit_refusals(person, kind, visited_on):
        raise ValidationError(refusals)
    visit = Visit.objects.create(
        person=person,
        kind=kind,
        visited_on=visited_on,
        child_seen=child_seen,
        seen_alone=seen_alone,
        bedroom_seen=bedroom_seen,
        announced=announced,
        location=location.strip(),
        purpose=purpose.strip(),
        child_said=child_said.strip(),
        worker=worker or actor,
        recorded_by=actor,
        case_note=case_note,
    )
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        person,
        visit,
        f"Recorded {visit.get_kind_display().lower()}",
        changes={"visited_on": visited_on, "child_seen": child_seen, "seen_alone": seen_alone},
    )
    return visit
