"""Children in need services: CIN plans and actions, sign-off, reviews, ending, and closing
the CIN episode. Keyword-only, atomic, permission-checked, audited."""

from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission
from accounts.permissions import require as _require
from audit import services as auditor
from audit.models import AuditAction
from core.validation import not_in_future
from core.versioning import claim_edit
from core.workflow import transition
from frontdoor.models import Referral, ReferralStatus
from frontdoor.services import close_referral
from protection.models import PlanStatus
from protection.smart import check_sign_off, clean_action_data

from .machines import PlanMachine
from .models import CINPlan, CINPlanAction, CINPlanStatusChange, CINReview


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


@transaction.atomic
def start_cin_plan(
    *, actor: User, referral: Referral, start_date: date, worries: str = "", goals: str = ""
) -> CINPlan:
    _require(actor, Permission.RECORD_CIN)
    not_in_future(start_date, field="start_date")
    if referral.status != ReferralStatus.OPEN:
        raise ValidationError({"referral": "The referral is closed"})
    if start_date < referral.referral_date:
        raise ValidationError({"start_date": "The start date must be on or after the referral date"})
    if CINPlan.objects.filter(referral=referral).exclude(status=PlanStatus.ENDED).exists():
        raise ValidationError({"referral": "There is already a current child in need plan"})
    plan = CINPlan.objects.create(
        person=referral.person,
        referral=referral,
        start_date=start_date,
        worries=worries.strip(),
        goals=goals.strip(),
        created_by=actor,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=plan.person,
        obj=plan,
        summary="Started a child in need plan",
    )
    return plan


@transaction.atomic
def update_cin_plan(
    *, actor: User, plan: CINPlan, worries: str, goals: str, expected_version: int | None = None
) -> CINPlan:
    _require(actor, Permission.RECORD_CIN)
    if plan.status == PlanStatus.ENDED:
        raise ValidationError({"plan": "The plan has ended"})
    claim_edit(plan, expected_version)
    plan.worries, plan.goals = worries.strip(), goals.strip()
    plan.save(update_fields=["worries", "goals", "version"])
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=plan.person,
        obj=plan,
        summary="Updated the child in need plan",
    )
    return plan


@transaction.atomic
def add_cin_action(*, actor: User, plan: CINPlan, data: dict[str, Any]) -> CINPlanAction:
    _require(actor, Permission.RECORD_CIN)
    if plan.status == PlanStatus.ENDED:
        raise ValidationError({"plan": "The plan has ended"})
    action = CINPlanAction.objects.create(plan=plan, **clean_action_data(data))
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=plan.person,
        obj=action,
        summary="Added an action to the child in need plan",
    )
    return action


@transaction.atomic
def edit_cin_action(
    *, actor: User, action: CINPlanAction, data: dict[str, Any], expected_version: int | None = None
) -> CINPlanAction:
    _require(actor, Permission.RECORD_CIN)
    if action.plan.status == PlanStatus.ENDED:
        raise ValidationError({"plan": "The plan has ended"})
    claim_edit(action, expected_version)
    for k, v in clean_action_data(data).items():
        setattr(action, k, v)
    action.save()
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=action.plan.person,
        obj=action,
        summary="Changed a child in need plan action",
    )
    return action


@transaction.atomic
def sign_off_cin_plan(*, actor: User, plan: CINPlan, on: date | None = None) -> CINPlan:
    """A manager signs the plan off; refused while any action lacks who, what or by when
    (the same rule as CP plans: `protection.smart.check_sign_off`)."""
    _require(actor, Permission.SIGN_OFF_CIN_PLAN)
    check_sign_off(plan.actions.all())
    on = on or timezone.localdate()
    transition(
        plan,
        "sign_off",
        machine_cls=PlanMachine,
        history_model=CINPlanStatusChange,
        history_fk="plan",
        actor=actor,
        occurred_at=_at(on),
        person=plan.person,
    )
    plan.signed_off_on, plan.signed_off_by = on, actor
    plan.save(update_fields=["signed_off_on", "signed_off_by"])
    return plan


@transaction.atomic
def record_cin_review(
    *, actor: User, plan: CINPlan, held_on: date, progress: str, child_views: str = ""
) -> CINReview:
    _require(actor, Permission.RECORD_CIN)
    not_in_future(held_on, field="held_on")
    if plan.status != PlanStatus.ACTIVE:
        raise ValidationError({"plan": "Only a signed-off, current plan can be reviewed"})
    if held_on < plan.start_date:
        raise ValidationError({"held_on": "The review must be on or after the start of the plan"})
    if not progress.strip():
        raise ValidationError({"progress": "Enter the progress made against the plan"})
    review = CINReview.objects.create(
        plan=plan,
        held_on=held_on,
        progress=progress.strip(),
        child_views=child_views.strip(),
        recorded_by=actor,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=plan.person,
        obj=review,
        summary="Recorded a child in need review",
    )
    return review


@transaction.atomic
def end_cin_plan(*, actor: User, plan: CINPlan, end_date: date, reason: str) -> CINPlan:
    _require(actor, Permission.RECORD_CIN)
    not_in_future(end_date, field="end_date")
    if end_date < plan.start_date:
        raise ValidationError({"end_date": "The end date must be on or after the start of the plan"})
    if not reason.strip():
        raise ValidationError({"reason": "Enter the reason the plan ended"})
    transition(
        plan,
        "end",
        machine_cls=PlanMachine,
        history_model=CINPlanStatusChange,
        history_fk="plan",
        actor=actor,
        occurred_at=_at(end_date),
        reason=reason,
        person=plan.person,
    )
    plan.end_date, plan.end_reason = end_date, reason.strip()
    plan.save(update_fields=["end_date", "end_reason"])
    return plan


@transaction.atomic
def close_episode(
    *, actor: User, referral: Referral, closure_date: date, closure_reason: str, note: str = ""
) -> Referral:
    """Close the CIN episode with a CIN census closure reason (RC1–RC9).

    One closing path for every stage: `frontdoor.services.close_referral`, which refuses while
    any stage reports open work on the episode (`<app>/episode_guards.py`: assessments not
    authorised, open CIN or CP plans)."""
    _require(actor, Permission.RECORD_CIN)
    not_in_future(closure_date, field="closure_date")
    try:
        return close_referral(
            actor=actor, referral=referral, closure_date=closure_date, reason=closure_reason, note=note
        )
    except ValidationError as exc:
        # This page calls the reason field `closure_reason`.
        errors = exc.message_dict
        if "reason" in errors:
            errors["closure_reason"] = errors.pop("reason")
        raise ValidationError(errors) from exc
