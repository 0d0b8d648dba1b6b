"""Restricting a person's record to named users, and lifting the restriction (ADR 0006).

A restriction changes who may open the record, not what it holds: the access door
(`people.access`) reads it."""

from collections.abc import Iterable

from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission, require
from audit import services as auditor
from audit.models import AuditAction

from ..models import Person, RecordRestriction


@transaction.atomic
def restrict_record(
    *,
    actor: User,
    person: Person,
    reason: str,
    details: str,
    manager: User,
    named_users: Iterable[User],
) -> RecordRestriction:
    """Restrict a record to named users (the manager is always allowed)."""
    require(actor, Permission.RESTRICT_RECORD)
    restriction, created = RecordRestriction.objects.update_or_create(
        person=person,
        defaults={
            "reason": reason,
            "details": details.strip(),
            "manager": manager,
            "active": True,
            "created_by": actor,
        },
    )
    users = list(named_users)
    restriction.named_users.set(users)
    auditor.record(
        actor=actor,
        action=AuditAction.RESTRICT,
        person=person,
        obj=restriction,
        summary="Restricted the record" if created else "Changed the restriction",
        changes={"reason": reason, "manager": manager.pk, "named_users": sorted(u.pk for u in users)},
    )
    return restriction


@transaction.atomic
def lift_restriction(*, actor: User, person: Person, reason: str) -> None:
    require(actor, Permission.RESTRICT_RECORD)
    updated = RecordRestriction.objects.filter(person=person, active=True).update(active=False)
    if updated:
        auditor.record(
            actor=actor,
            action=AuditAction.RESTRICT,
            person=person,
            summary="Lifted the restriction",
            reason=reason,
        )
