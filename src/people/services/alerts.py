"""Alerts on a person's record: what a worker must know before visiting or contacting them."""

from datetime import date

from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission, require
from audit.changes import audit_and_tell
from audit.models import AuditAction

from ..models import Alert, Person


@transaction.atomic
def add_alert(*, actor: User, person: Person, kind: str, details: str, start_date: date) -> Alert:
    require(actor, Permission.EDIT_PERSON)
    alert = Alert.objects.create(
        person=person, kind=kind, details=details.strip(), start_date=start_date, created_by=actor
    )
    audit_and_tell(actor, AuditAction.UPDATE, person, alert, "Added an alert")
    return alert
