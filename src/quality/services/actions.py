"""An action's end: marked done, or withdrawn with the reason (by a manager, or when the
case direction that set it is found no longer needed). Each is an event of the action's
declared workflow (`quality.machines.ActionMachine`), with its history row and audit."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission, require
from core.extensions import changed
from core.validation import not_before, not_in_future, required
from core.workflow import midday, transition

from ..machines import ACTION
from ..models import Action, ActionStatus


def _refuse_unless_open(action: Action, field: str) -> None:
    if action.status == ActionStatus.DONE:
        raise ValidationError({field: "This action is already done"})
    if action.status == ActionStatus.WITHDRAWN:
        raise ValidationError({field: "This action has been withdrawn"})


@transaction.atomic
def complete_action(*, actor: User, action: Action, done_on: date) -> Action:
    """Mark an action done: by its owner, or by a manager who may give directions."""
    require(actor, Permission.COMPLETE_QUALITY_ACTION)
    if action.owner_id != actor.pk and not actor.has_perm(Permission.RECORD_SUPERVISION.value):
        raise ValidationError({"done_on": "Only the action's owner or a manager can mark it done"})
    _refuse_unless_open(action, "done_on")
    not_in_future(done_on, field="done_on", label="The date it was done")
    not_before("done_on", done_on, action.set_on, "The action cannot be done before it was set")
    transition(
        action,
        "complete",
        **ACTION,
        actor=actor,
        occurred_at=midday(done_on),
        person=action.person,
        summary="Marked an action done",
    )
    action.done_on = done_on
    action.done_by = actor
    action.save(update_fields=["done_on", "done_by"])
    changed(action.person)
    return action


@transaction.atomic
def withdraw_action(*, actor: User, action: Action, withdrawn_on: date, reason: str) -> Action:
    """Withdraw an open action that is no longer wanted, saying why: a manager's decision. It
    leaves its owner's work and stays on the child's record as withdrawn, with the reason."""
    require(actor, Permission.WITHDRAW_QUALITY_ACTION)
    _refuse_unless_open(action, "reason")
    required("reason", reason, "Enter why the action is withdrawn")
    not_in_future(withdrawn_on, field="withdrawn_on", label="The date it was withdrawn")
    not_before(
        "withdrawn_on", withdrawn_on, action.set_on, "The action cannot be withdrawn before it was set"
    )
    withdraw(actor=actor, action=action, on=withdrawn_on, reason=reason)
    changed(action.person)
    return action


def withdraw(*, actor: User, action: Action, on: date, reason: str) -> None:
    """The withdrawal of an open action, in the calling service's transaction (which checked
    who may do it and says the record changed): its status, date and reason, the history row
    and the audit."""
    transition(
        action,
        "withdraw",
        **ACTION,
        actor=actor,
        occurred_at=midday(on),
        reason=reason.strip(),
        person=action.person,
        summary="Withdrew an action",
    )
    action.withdrawn_on = on
    action.withdrawn_reason = reason.strip()
    action.save(update_fields=["withdrawn_on", "withdrawn_reason"])
