"""Marking an action done."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission, require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from core.validation import not_before, not_in_future

from ..models import Action


@transaction.atomic
def complete_action(*, actor: User, action: Action, done_on: date) -> Action:
    """Mark an action done: by its owner, or by a manager who may give directions."""
    require(actor, Permission.COMPLETE_QUALITY_ACTION)
    if action.owner_id != actor.pk and not actor.has_perm(Permission.RECORD_SUPERVISION.value):
        raise ValidationError({"done_on": "Only the action's owner or a manager can mark it done"})
    if action.done_on is not None:
        raise ValidationError({"done_on": "This action is already done"})
    not_in_future(done_on, field="done_on", label="The date it was done")
    not_before("done_on", done_on, action.set_on, "The action cannot be done before it was set")
    action.done_on = done_on
    action.done_by = actor
    action.save(update_fields=["done_on", "done_by"])
    audit_and_tell(
        actor,
        AuditAction.UPDATE,
        action.person,
        action,
        "Marked an action done",
        changes={"done_on": done_on},
    )
    return action
