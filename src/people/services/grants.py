"""Access to a child's record given to a partner agency user who is not allocated to them,
for a stated purpose and a span of days (a partner auditor of a multi-agency audit)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.permissions import INVOLVEMENT_ONLY_ROLES, Permission, require
from audit import services as auditor
from audit.models import AuditAction
from core.extensions import changed

from ..models import AccessGrant, Person


@transaction.atomic
def grant_access(
    *, actor: User, person: Person, user: User, purpose: str, starts_on: date, ends_on: date
) -> AccessGrant:
    """Let `user` (a partner agency user) into the child's record from `starts_on` to
    `ends_on` for `purpose`; the access door honours it on those days and audits every use.
    Audited on the child's record."""
    require(actor, Permission.GRANT_RECORD_ACCESS)
    if user.role_enum not in INVOLVEMENT_ONLY_ROLES:
        raise ValidationError({"user": "Only a partner agency user is given access to a record this way"})
    if not purpose.strip():
        raise ValidationError({"purpose": "Enter what the access is for"})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": "The access must end on or after the day it starts"})
    grant = AccessGrant.objects.create(
        person=person,
        user=user,
        purpose=purpose.strip()[:200],
        starts_on=starts_on,
        ends_on=ends_on,
        granted_by=actor,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=grant,
        summary=f"Gave {user.display_name} access to the record: {grant.purpose}"[:200],
        changes={"user": user.pk, "starts_on": starts_on, "ends_on": ends_on},
    )
    changed(person)
    return grant
