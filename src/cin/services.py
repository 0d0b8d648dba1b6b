"""Children in need services: starting a CIN plan, reviews, and closing the CIN episode.
Keyword-only, atomic, permission-checked, audited; each says the child's record changed.

A plan's content, actions, sign-off and end are the services every plan shares
(`plans.services`), named here for this stage; a child in need plan's kind (`CINPlan.kind`)
has a manager sign it off."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission
from accounts.permissions import require as _require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from core.validation import not_before, not_in_future, required
from frontdoor.models import Referral
from frontdoor.rules import check_begun_under
from frontdoor.services import close_referral
from plans import services as plan_services
from plans.models import PlanStatus

from .models import CINActionProgress, CINPlan, CINReview

# The services every plan shares, by this stage's names.
update_cin_plan = plan_services.update_plan
add_cin_action = plan_services.add_action
edit_cin_action = plan_services.edit_action
sign_off_cin_plan = plan_services.sign_off_plan
end_cin_plan = plan_services.end_plan


@transaction.atomic
def start_cin_plan(
    *,
    actor: User,
    referral: Referral,
    start_date: date,
    worries: str = "",
    goals: str = "",
    notify: bool = True,
) -> CINPlan:
    """Draft a child in need plan; the manager who signs it off is told it awaits them
    (`notify=False`: not, for plans loaded from an earlier system)."""
    _require(actor, Permission.RECORD_CIN)
    check_begun_under(referral, start_date, field="start_date", label="The start date")
    if CINPlan.objects.filter(referral=referral).current().exists():
        raise ValidationError({"referral": "There is already a current child in need plan"})
    plan = CINPlan.objects.create(
        person=referral.person,
        referral=referral,
        start_date=start_date,
        worries=worries.strip(),
        goals=goals.strip(),
        created_by=actor,
    )
    audit_and_tell(actor, AuditAction.CREATE, plan.person, plan, "Started a child in need plan")
    if notify:
        plan_services.tell_signer(actor=actor, plan=plan, on=start_date)
    return plan


@transaction.atomic
def record_cin_review(
    *,
    actor: User,
    plan: CINPlan,
    held_on: date,
    progress: str,
    child_views: str = "",
    action_progress: dict[int, tuple[str, str]] | None = None,
) -> CINReview:
    """Record a review of the plan, and the progress noted against each of its actions
    (action id → (status, note)), which moves the actions on: done, or still in progress."""
    _require(actor, Permission.RECORD_CIN)
    not_in_future(held_on, field="held_on")
    if plan.status != PlanStatus.ACTIVE:
        raise ValidationError({"plan": "Only a signed-off, current plan can be reviewed"})
    not_before("held_on", held_on, plan.start_date, "The review must be on or after the start of the plan")
    required("progress", progress, "Enter the progress made against the plan")
    review = CINReview.objects.create(
        plan=plan,
        held_on=held_on,
        progress=progress.strip(),
        child_views=child_views.strip(),
        recorded_by=actor,
    )
    plan_services.note_progress(
        actor=actor,
        plan=plan,
        noted_on=held_on,
        progress=action_progress or {},
        history=CINActionProgress,
        review=review,
    )
    audit_and_tell(actor, AuditAction.CREATE, plan.person, review, "Recorded a child in need review")
    return review


@transaction.atomic
def close_episode(
    *, actor: User, referral: Referral, closure_date: date, closure_reason: str, note: str = ""
) -> Referral:
    """Close the CIN episode with a CIN census closure reason (RC1–RC9).

    One closing path for every stage: `frontdoor.services.close_referral`, which refuses while
    any stage reports open work on the episode (`<app>/episode_guards.py`: assessments not
    authorised, open CIN or CP plans), and writes, audits and says the change itself."""
    _require(actor, Permission.RECORD_CIN)
    not_in_future(closure_date, field="closure_date")
    try:
        return close_referral(
            actor=actor, referral=referral, closure_date=closure_date, reason=closure_reason, note=note
        )
    except ValidationError as exc:
        # This service calls the reason `closure_reason`.
        errors = exc.message_dict
        if "reason" in errors:
            errors["closure_reason"] = errors.pop("reason")
        raise ValidationError(errors) from exc
