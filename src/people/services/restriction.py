"""Restricting a person's record to named users, and lifting the restriction (ADR 0006).

A restriction changes who may open the record, not what it holds: the access door
(`people.access`) reads it."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission, require
from audit import services as auditor
from audit.models import AuditAction
from core.services import notify

from .. import access
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
    """Restrict a record to named users (the manager is always allowed). An existing
    restriction is changed only by its manager (`people.access.may_change_restriction`);
    anyone who loses access by the change is told."""
    require(actor, Permission.RESTRICT_RECORD)
    before = _changeable(actor, person)
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
    if before is not None:
        kept = {manager.pk, *(u.pk for u in users)}
        for removed in User.objects.filter(pk__in=before - kept):
            notify(
                recipient=removed,
                subject=f"You can no longer open restricted record {person.la_child_id}",
                body=f"{actor.display_name} changed who may open it.",
            )
    return restriction


def _changeable(actor: User, person: Person) -> set[int] | None:
    """Who may open the record under its current restriction (None if it has none); refused
    unless `actor` is that restriction's manager."""
    current = RecordRestriction.objects.filter(person=person, active=True).first()
    if current is None:
        return None
    if not access.may_change_restriction(actor, person):
        raise PermissionDenied("Only the record's restriction manager may change its restriction")
    return {current.manager_id, *current.named_users.values_list("pk", flat=True)}


@transaction.atomic
def lift_restriction(*, actor: User, person: Person, reason: str) -> None:
    require(actor, Permission.RESTRICT_RECORD)
    _changeable(actor, person)
    updated = RecordRestriction.objects.filter(person=person, active=True).update(active=False)
    if updated:
        auditor.record(
            actor=actor,
            action=AuditAction.RESTRICT,
            person=person,
            summary="Lifted the restriction",
            reason=reason,
        )
