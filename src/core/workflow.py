"""Declared workflows with append-only status history (ADR 0002).

A workflow is a `python-statemachine` machine over a `TextChoices` status, a model with a
`status` column (the current status, changed only here), and a history model derived from
`StatusChangeBase` (one immutable row per transition). Services call `transition()`; it
asks the machine whether the event is allowed in the current status, appends the history
row, updates the current status and writes the audit (through `core.trail`) — in the
caller's transaction. The service that calls it says the child's record changed
(`core.extensions.changed`).
"""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from statemachine import StateMachine
from statemachine.exceptions import TransitionNotAllowed

from . import trail


class StatusChangeBase(models.Model):
    """One transition of a workflow: what status, when it happened, who recorded it, why."""

    status = models.CharField(max_length=30)
    event = models.CharField(max_length=40)
    occurred_at = models.DateTimeField(help_text="When it happened in the child's life.")
    recorded_at = models.DateTimeField(default=timezone.now, help_text="When Harbour learned it.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.status} at {self.occurred_at:%Y-%m-%d}"


class TransitionRefused(ValidationError):
    """The event is not allowed from the record's current status."""


def allowed_events(machine_cls: type[StateMachine], obj: models.Model) -> list[str]:
    """Events the machine allows from `obj`'s current status (for showing actions)."""
    machine = machine_cls(model=obj, state_field="status")
    return [event.id for event in machine.allowed_events]


def transition(
    obj: models.Model,
    event: str,
    *,
    machine_cls: type[StateMachine],
    history_model: type[StatusChangeBase],
    history_fk: str,
    actor: Any,
    occurred_at: datetime | None = None,
    reason: str = "",
    person: Any = None,
    summary: str = "",
) -> StatusChangeBase:
    """Apply `event` to `obj`, append a history row and audit it. Must run in a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("transition() must be called inside the service's transaction")
    before = obj.status  # type: ignore[attr-defined]
    machine = machine_cls(model=obj, state_field="status")
    try:
        machine.send(event)
    except TransitionNotAllowed as exc:
        raise TransitionRefused(
            f"That cannot be done now: the record's status is {obj.get_status_display()}"  # type: ignore[attr-defined]
        ) from exc
    when = occurred_at or timezone.now()
    obj.save(update_fields=["status"])
    row = history_model._default_manager.create(
        **{history_fk: obj},
        status=obj.status,  # type: ignore[attr-defined]
        event=event,
        occurred_at=when,
        recorded_by=actor,
        reason=reason,
    )
    trail.record(
        actor=actor,
        action="UPDATE",
        person=person,
        obj=obj,
        summary=summary or f"{obj._meta.verbose_name}: {event.replace('_', ' ')}",
        changes={"status": [before, obj.status], "occurred_at": when},  # type: ignore[attr-defined]
        reason=reason,
    )
    return row
