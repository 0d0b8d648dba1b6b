"""A change to a child's record, as every service that makes one ends: audited, and told.

In the service's transaction, one audit row (`audit.services.record`) and
`core.extensions.changed(person)`, so that the apps following the record hear of it once the
change commits (and not at all if it rolls back). `audit_and_tell` is those two steps, for the
services whose change is one audited row about one child; the audit writer itself has no
other effect.
"""

from typing import Any

from django.db.models import Model

from core.extensions import changed

from .models import AuditAction
from .services import record


def audit_and_tell(
    actor: Any, action: AuditAction, person: Any, obj: Model | None, summary: str, **details: Any
) -> None:
    """Audit `action` on `obj` in `person`'s record (with `details`: `changes`, `reason`) and
    tell the record's listeners it changed."""
    record(actor=actor, action=action, person=person, obj=obj, summary=summary, **details)
    changed(person)
