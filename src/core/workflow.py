"""Declared workflows with append-only status history (ADR 0002).

A workflow is a `python-statemachine` machine over a `TextChoices` status, a model with a
`status` column (the current status, changed only here), and a history model derived from
`StatusChangeBase` (one immutable row per transition). Services call `transition()`; it
asks the machine whether the event is allowed in the current status, appends the history
row, updates the current status and writes the audit (through `core.trail`) — in the
caller's transaction. The service that calls it says the child's record changed
(`core.extensions.changed`).

Every history row is made by `opening_row` (a new record's first row, in its machine's
initial status) or `history_rows` (each later event, as the machine allows it): the one
writer `transition()` uses for one event of a saved record, and a bulk service for a new
record's whole history before it inserts many at once.

A machine here declares its transitions and nothing else (no guards, no callbacks: the
rules live in the services), so the writer reads the declared transitions as a table,
(status, event) → status, made once a machine; a machine that declares a guard or a
callback, which the table cannot honour, is refused.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from functools import cache
from typing import Any, ClassVar, NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from statemachine import StateMachine
from statemachine.states import States

from . import trail


class StatusChangeBase(models.Model):
    """One transition of a workflow: what status, when it happened, who recorded it, why."""

    status = models.CharField(max_length=30)
    event = models.CharField(max_length=40)
    occurred_at = models.DateTimeField(help_text="When it happened in the child's life.")
    recorded_at = models.DateTimeField(default=timezone.now, help_text="When Harbour learned it.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)

    # What each event is called in the record's history, as pages show it ("Contact received",
    # not "receive"): every history model declares the events of its machine (a test holds
    # every declared transition to a label).
    EVENT_LABELS: ClassVar[Mapping[str, str]] = {}

    class Meta:
        abstract = True
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.status} at {self.occurred_at:%Y-%m-%d}"

    @property
    def event_label(self) -> str:
        """The event in plain words, from the model's declared table."""
        return self.EVENT_LABELS.get(self.event) or self.event.replace("_", " ").capitalize()


def history_of(record: type[models.Model]) -> "models.ForeignKey[Any, Any]":
    """The record a status history row belongs to: deleted with it, read as `status_history`."""
    return models.ForeignKey(record, on_delete=models.CASCADE, related_name="status_history")


def statuses(status: type[models.TextChoices], initial: str, *final: str) -> States:
    """A machine's states, one for each of the record's statuses (the values, as stored),
    starting at `initial` and ending at any of `final`."""
    return States.from_enum(status, initial=initial, final=set(final), use_enum_instance=False)


def workflow(
    machine_cls: type[StateMachine], history_model: type[StatusChangeBase], history_fk: str
) -> dict[str, Any]:
    """A workflow's machine and where it writes its history, as `transition`, `opening_row`
    and `history_rows` take them (`transition(obj, event, **CONTACT, ...)`)."""
    return {"machine_cls": machine_cls, "history_model": history_model, "history_fk": history_fk}


class TransitionRefused(ValidationError):
    """The event is not allowed from the record's current status."""


def allowed_events(machine_cls: type[StateMachine], obj: models.Model) -> list[str]:
    """Events the machine allows from `obj`'s current status (for showing actions)."""
    machine = machine_cls(model=obj, state_field="status")
    return [event.id for event in machine.allowed_events]


def midday(day: date) -> datetime:
    """The moment recorded for an event known only by its date: midday, local time."""
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


class Step(NamedTuple):
    """One event in a record's history: what happened, who recorded it, when, and why."""

    event: str
    actor: Any
    occurred_at: datetime
    reason: str = ""


def _row(
    obj: models.Model, history_model: type[StatusChangeBase], history_fk: str, step: Step
) -> StatusChangeBase:
    return history_model(
        **{history_fk: obj},
        status=obj.status,  # type: ignore[attr-defined]
        event=step.event,
        occurred_at=step.occurred_at,
        recorded_by=step.actor,
        reason=step.reason,
    )


def _refused(obj: models.Model) -> TransitionRefused:
    return TransitionRefused(
        f"That cannot be done now: the record's status is {obj.get_status_display()}"  # type: ignore[attr-defined]
    )


def opening_row(
    obj: models.Model,
    step: Step,
    *,
    machine_cls: type[StateMachine],
    history_model: type[StatusChangeBase],
    history_fk: str,
) -> StatusChangeBase:
    """The first row of a new record's history (not yet saved): the record must be in its
    machine's initial status."""
    if obj.status != machine_cls.initial_state.value:  # type: ignore[attr-defined]
        raise _refused(obj)
    return _row(obj, history_model, history_fk, step)


def _hooks(machine_cls: type[StateMachine], groups: Iterable[Any]) -> list[str]:
    """Guards and callbacks among `groups` that the machine declares or defines."""
    return [
        str(spec.func)
        for group in groups
        for spec in group
        if not spec.is_convention or hasattr(machine_cls, str(spec.func))
    ]


@cache
def _declared(machine_cls: type[StateMachine]) -> dict[tuple[str, str], str]:
    """The machine's transitions: (status, event) → the status it moves to."""
    table: dict[tuple[str, str], str] = {}
    for state in machine_cls.states:
        hooks = _hooks(machine_cls, (state.enter, state.exit))
        for move in state.transitions:
            hooks += _hooks(machine_cls, (move.cond, move.validators, move.before, move.on, move.after))
            for event in move.events:
                table[(state.value, str(event))] = move.target.value
        if hooks:
            raise TypeError(
                f"{machine_cls.__name__} declares {', '.join(hooks)}: a workflow's machine declares "
                "its transitions only"
            )
    return table


def history_rows(
    obj: models.Model,
    steps: Sequence[Step],
    *,
    machine_cls: type[StateMachine],
    history_model: type[StatusChangeBase],
    history_fk: str,
) -> list[StatusChangeBase]:
    """Move `obj` through `steps` as its declared machine allows (TransitionRefused for an
    event not allowed from the status it has reached) and give each step's history row, not
    yet saved. The caller saves `obj` and the rows."""
    moves = _declared(machine_cls)
    rows = []
    for step in steps:
        status = moves.get((obj.status, step.event))  # type: ignore[attr-defined]
        if status is None:
            raise _refused(obj)
        obj.status = status  # type: ignore[attr-defined]
        rows.append(_row(obj, history_model, history_fk, step))
    return rows


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
    when = occurred_at or timezone.now()
    (row,) = history_rows(
        obj,
        [Step(event, actor, when, reason)],
        machine_cls=machine_cls,
        history_model=history_model,
        history_fk=history_fk,
    )
    obj.save(update_fields=["status"])
    row.save()
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
