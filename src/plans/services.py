"""The services every plan shares, whichever its kind (child protection or child in need;
`plan.kind` says who may do each): writing what we are worried about and the goals, adding
and changing actions, noting progress against them, signing the plan off and ending it. Keyword-only, atomic,
permission-checked, audited; each says the child's record changed."""

from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.permissions import require as _require
from audit import services as auditor
from audit.models import AuditAction
from core.extensions import changed
from core.validation import not_before, not_in_future, required
from core.versioning import claim_edit
from core.workflow import midday, transition
from people.services.notices import notify_about_child
from workforce.queries import current_social_worker

from .machines import PlanMachine
from .models import Plan, PlanStatus, refuse_if_ended
from .smart import ACTION_FIELDS, SmartAction, action_errors, check_sign_off, clean_action_data

P = TypeVar("P", bound=Plan)
A = TypeVar("A", bound=SmartAction)


def _audit(actor: User, action: AuditAction, plan: Plan, obj: Any, summary: str) -> None:
    auditor.record(actor=actor, action=action, person=plan.person, obj=obj, summary=summary)


def _move(plan: Plan, event: str, *, actor: User, on: date, reason: str = "") -> None:
    """The plan's workflow event, on the day it happened (history row and audit)."""
    transition(
        plan,
        event,
        machine_cls=PlanMachine,
        history_model=plan.status_history.model,
        history_fk="plan",
        actor=actor,
        occurred_at=midday(on),
        reason=reason,
        person=plan.person,
    )


@transaction.atomic
def update_plan(*, actor: User, plan: P, worries: str, goals: str, expected_version: int | None = None) -> P:
    """Write what we are worried about and what needs to change (goals)."""
    _require(actor, plan.kind.record)
    refuse_if_ended(plan)
    claim_edit(plan, expected_version)
    plan.worries, plan.goals = worries.strip(), goals.strip()
    plan.save(update_fields=["worries", "goals", "version"])
    _audit(actor, AuditAction.UPDATE, plan, plan, f"Updated the {plan.kind.name}")
    changed(plan.person)
    return plan


@transaction.atomic
def add_action(*, actor: User, plan: Plan, data: dict[str, Any]) -> Any:
    """Add an action. Incomplete actions may be saved as drafts (sign-off refuses them), but
    not an empty one or one due before the plan started."""
    _require(actor, plan.kind.record)
    refuse_if_ended(plan)
    cleaned = clean_action_data(data)
    if errors := action_errors(cleaned, plan.start_date):
        raise ValidationError(errors)
    action = plan.actions.create(**cleaned)
    _audit(actor, AuditAction.CREATE, plan, action, f"Added an action to the {plan.kind.name}")
    changed(plan.person)
    return action


@transaction.atomic
def edit_action(*, actor: User, action: A, data: dict[str, Any], expected_version: int | None = None) -> A:
    """Change an action's who, what, by when or the worry or goal it serves."""
    plan = action.plan
    _require(actor, plan.kind.record)
    refuse_if_ended(plan)
    claim_edit(action, expected_version)
    cleaned = clean_action_data(data)
    if errors := action_errors(
        {**{k: getattr(action, k) for k in ACTION_FIELDS}, **cleaned}, plan.start_date
    ):
        raise ValidationError(errors)
    for k, v in cleaned.items():
        setattr(action, k, v)
    action.save()
    _audit(actor, AuditAction.UPDATE, plan, action, f"Changed a {plan.kind.name} action")
    changed(plan.person)
    return action


@transaction.atomic
def delete_action(*, actor: User, action: SmartAction) -> None:
    """Delete an action of a plan not yet signed off (a signed-off plan's action is marked
    not done instead, so the plan's history stays whole). The audit keeps what it said."""
    plan: Plan = action.plan  # type: ignore[attr-defined]
    _require(actor, plan.kind.record)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(
            "Only an action of a plan not yet signed off can be deleted: change its status to "
            "“Not done” instead"
        )
    auditor.record(
        actor=actor,
        action=AuditAction.DELETE,
        person=plan.person,
        obj=action,
        summary=f"Deleted an action from the {plan.kind.name}",
        changes={k: getattr(action, k) for k in ACTION_FIELDS},
    )
    action.delete()
    changed(plan.person)


@transaction.atomic
def sign_off_plan(*, actor: User, plan: P, on: date | None = None, notify: bool = True) -> P:
    """Sign the plan off (the chair or a manager, by its kind); refused while it has no
    actions or any action lacks who, what or by when (`check_sign_off`), and for a kind that
    asks it, until what we are worried about is written. The child's allocated social worker
    is notified (unless it was they who signed it off)."""
    kind = plan.kind
    told = on
    _require(actor, kind.sign_off)
    check_sign_off(plan.actions.all())
    if kind.worries_before_sign_off and not plan.worries.strip():
        raise ValidationError({"worries": "Enter what we are worried about before the plan is signed off"})
    on = on or timezone.localdate()
    _move(plan, "sign_off", actor=actor, on=on)
    plan.signed_off_on = on
    fields = ["signed_off_on"]
    if kind.records_signer:
        plan.signed_off_by = actor  # type: ignore[attr-defined]
        fields.append("signed_off_by")
    plan.save(update_fields=fields)
    if notify:
        _tell_worker(actor, plan, on=told)
    changed(plan.person)
    return plan


def tell_signer(*, actor: User, plan: Plan, on: date | None = None) -> None:
    """Tell the manager of the drafting worker's team that the plan awaits their sign-off (not
    when they drafted it themselves)."""
    team = actor.team if actor.team_id else None
    manager = team.manager if team is not None else None
    if manager is None or manager.pk == actor.pk or not manager.is_active:
        return
    notify_about_child(
        recipient=manager,
        person=plan.person,
        subject=f"{plan.kind.title} awaiting sign-off",
        body=f"Drafted by {actor.display_name}.",
        link=reverse(f"{plan.kind.urls}:plan", args=[plan.pk]),
        at=timezone.now() if on is None or on == timezone.localdate() else midday(on),
    )


def _tell_worker(actor: User, plan: Plan, *, on: date | None) -> None:
    """Tell the child's allocated social worker their plan was signed off, and by whom."""
    allocation = current_social_worker(plan.person.pk)
    if allocation is None or allocation.worker_id == actor.pk or not allocation.worker.is_active:
        return
    day = on or timezone.localdate()
    notify_about_child(
        recipient=allocation.worker,
        person=plan.person,
        subject=f"{plan.kind.title} signed off",
        body=f"Signed off by {actor.display_name} on {day:%-d %B %Y}.",
        link=reverse(f"{plan.kind.urls}:plan", args=[plan.pk]),
        at=timezone.now() if on is None or on == timezone.localdate() else midday(on),
    )


@transaction.atomic
def end_plan(*, actor: User, plan: P, end_date: date, reason: str, step_down: str = "") -> P:
    """End the plan with the reason and, for a kind that records it, the step-down (what
    happens next: a child in need plan, early help, no further action …)."""
    kind = plan.kind
    _require(actor, kind.end)
    if step_down and not kind.step_down:
        raise ValueError(f"A {kind.name} records no step-down")
    not_in_future(end_date, field="end_date")
    not_before(
        "end_date", end_date, plan.start_date, "The end date must be on or after the start of the plan"
    )
    required("reason", reason, "Enter the reason the plan ended")
    if kind.step_down and not step_down:
        raise ValidationError({"step_down": "Select what happens next"})
    _move(plan, "end", actor=actor, on=end_date, reason=reason)
    plan.end_date, plan.end_reason = end_date, reason.strip()
    fields = ["end_date", "end_reason"]
    if kind.step_down:
        plan.step_down = step_down  # type: ignore[attr-defined]
        fields.append("step_down")
    plan.save(update_fields=fields)
    changed(plan.person)
    return plan


def note_progress(
    *,
    actor: User,
    plan: Plan,
    noted_on: date,
    progress: dict[int, tuple[str, str]],
    history: type[Model],
    **source: Any,
) -> None:
    """Progress against the plan's actions (action id → (status, note)) noted at the meeting
    that reviews the plan, in its service's transaction: each noted action gets a row of
    `history` (the stage's progress table; `source`, the meeting it was noted at) and takes
    the status and note as its current ones. An action with no note is left as it was."""
    actions = {a.pk: a for a in plan.actions.all()}  # type: ignore[attr-defined]
    for action_id, (status, note) in progress.items():
        action = actions.get(action_id)
        if action is None or not (note or "").strip():
            continue
        history._default_manager.create(
            action=action, noted_on=noted_on, status=status, note=note.strip(), recorded_by=actor, **source
        )
        action.status, action.progress, action.progress_noted_on = (
            status or action.status,
            note.strip(),
            noted_on,
        )
        action.save(update_fields=["status", "progress", "progress_noted_on"])
