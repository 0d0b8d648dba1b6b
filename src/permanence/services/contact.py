"""Supervised contact: sessions booked (no supervisor or room twice at once), held or cancelled."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission, require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from codes import permanence as pcodes
from core.extensions import changed
from core.validation import required
from core.workflow import transition
from people.models import Person

from ..machines import ContactSessionMachine
from ..models import ContactSession, ContactSessionStatusChange, ContactStatus

# A contact session's workflow: its machine and history (for `transition`).
_SESSION: dict[str, Any] = {
    "machine_cls": ContactSessionMachine,
    "history_model": ContactSessionStatusChange,
    "history_fk": "session",
}


@transaction.atomic
def schedule_contact(
    *,
    actor: User,
    person: Person,
    with_whom: str,
    centre: str,
    room: str,
    supervisor: User,
    starts_at: datetime,
    ends_at: datetime,
) -> ContactSession:
    """Book a supervised contact session; refuse a supervisor or room already booked then."""
    require(actor, Permission.RECORD_PERMANENCE)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "The end time must be after the start time"})
    required("with_whom", with_whom, "Enter who the contact is with")
    live = ContactSession.objects.select_for_update().filter(
        status=ContactStatus.SCHEDULED, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if live.filter(supervisor=supervisor).exists():
        raise ValidationError(
            {"supervisor": f"{supervisor.display_name} is already supervising contact at that time"}
        )
    if live.filter(centre__iexact=centre.strip(), room__iexact=room.strip()).exists():
        raise ValidationError({"room": "That room is already booked at that time"})
    session = ContactSession.objects.create(
        person=person,
        with_whom=with_whom.strip(),
        centre=centre.strip(),
        room=room.strip(),
        supervisor=supervisor,
        starts_at=starts_at,
        ends_at=ends_at,
        created_by=actor,
    )
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        person,
        session,
        "Scheduled a supervised contact session",
        changes={"starts_at": starts_at, "supervisor": supervisor.pk, "room": session.room},
    )
    return session


@transaction.atomic
def record_contact_held(*, actor: User, session: ContactSession) -> ContactSession:
    require(actor, Permission.RECORD_PERMANENCE)
    if session.starts_at > timezone.now():
        raise ValidationError({"session": "A session cannot be recorded as held before it starts"})
    transition(
        session,
        "hold",
        **_SESSION,
        actor=actor,
        occurred_at=session.starts_at,
        person=session.person,
    )
    changed(session.person)
    return session


@transaction.atomic
def cancel_contact(*, actor: User, session: ContactSession, cancelled_by: str, reason: str) -> ContactSession:
    """Cancel a session, recording who cancelled (parent, carer, child, LA, other) and why."""
    require(actor, Permission.RECORD_PERMANENCE)
    if cancelled_by not in pcodes.CONTACT_CANCELLED_BY:
        raise ValidationError({"cancelled_by": "Select who cancelled the session"})
    required("reason", reason, "Enter why the session was cancelled")
    transition(
        session,
        "cancel",
        **_SESSION,
        actor=actor,
        reason=reason.strip(),
        person=session.person,
    )
    session.cancelled_by = cancelled_by
    session.cancellation_reason = reason.strip()
    session.save(update_fields=["cancelled_by", "cancellation_reason"])
    changed(session.person)
    return session
