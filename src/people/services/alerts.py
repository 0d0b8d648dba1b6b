"""Alerts on a person's record: what a worker must know before visiting or contacting them."""

from datetime import date

from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission, require
from audit import services as auditor
from audit.models import AuditAction
from core.extensions import changed

from ..models import Alert, Person


@transaction.atomic
def add_alert(*, actor: User, person: Person, kind: str, details: str, start_date: date) -> Alert:
    require(actor, Permission.EDIT_PERSON)
    alert = Alert.objects.create(
        person=person, kind=kind, details=details.strip(), start_date=start_date, created_by=actor
    )
    auditor.record(actor=actor, action=AuditAction.UPDATE, person=person, obj=alert, summary="Added an alert")
    changed(person)
    return alert
