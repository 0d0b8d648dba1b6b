"""Child protection services: strategy discussions, s47, conferences, plans, core groups,
chair checks and management decisions. Keyword-only, atomic, permission-checked, audited;
each says the child's record changed.

A plan's content, actions, sign-off and end are the services every plan shares
(`plans.services`); a child protection plan's kind (`CPPlan.kind`) has its chair sign it off,
only once what we are worried about is written, and end it with a step-down."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

import timescales
from accounts.models import User
from accounts.permissions import Permission
from accounts.permissions import require as _require
from audit import services as auditor
from audit.changes import audit_and_tell
from audit.models import AuditAction
from core.extensions import changed
from core.validation import not_before, not_in_future, required
from frontdoor.models import Referral
from frontdoor.rules import check_begun_under
from plans.models import PlanStatus, refuse_if_ended
from plans.services import add_action as add_action
from plans.services import edit_action as edit_action
from plans.services import end_plan as end_plan
from plans.services import note_progress
from plans.services import sign_off_plan as sign_off_plan
from plans.services import update_plan as update_plan

from .models import (
    ActionProgress,
    ChairCheck,
    Conference,
    ConferenceDecision,
    ConferenceKind,
    CoreGroup,
    CPPlan,
    ManagementDecision,
    S47Enquiry,
    StrategyDecision,
    StrategyDiscussion,
)
from .queries import review_due
from .rules import is_conference_day


def _audit(actor: User, person: Any, obj: Any, summary: str, **changes: Any) -> None:
    auditor.record(
        actor=actor, action=AuditAction.CREATE, person=person, obj=obj, summary=summary, changes=changes
    )


@transaction.atomic
def record_strategy_discussion(
    *,
    actor: User,
    referral: Referral,
    held_on: date,
    agencies: list[str],
    information_shared: str,
    decision: str,
    participants: str = "",
    is_meeting: bool = False,
) -> StrategyDiscussion:
    """Record a strategy discussion; a s47 decision starts the enquiry on the same date."""
    _require(actor, Permission.RECORD_PROTECTION)
    check_begun_under(referral, held_on, field="held_on")
    if not agencies:
        raise ValidationError({"agencies": "Select the agencies that took part"})
    required("information_shared", information_shared, "Enter the information shared")
    sd = StrategyDiscussion.objects.create(
        person=referral.person,
        referral=referral,
        held_on=held_on,
        agencies=list(agencies),
        participants=participants.strip(),
        information_shared=information_shared.strip(),
        decision=decision,
        is_meeting=is_meeting,
        recorded_by=actor,
    )
    _audit(actor, referral.person, sd, "Recorded a strategy discussion", decision=decision)
    if decision in (StrategyDecision.S47_SINGLE, StrategyDecision.S47_JOINT):
        deadline = timescales.compute_deadline("icpc", held_on)
        s47 = S47Enquiry.objects.create(
            person=referral.person,
            referral=referral,
            strategy_discussion=sd,
            start_date=held_on,
            icpc_due=deadline.statutory_due,
            calendar_version=deadline.calendar_version,
        )
        _audit(actor, referral.person, s47, "Started a section 47 enquiry", icpc_due=deadline.statutory_due)
    changed(referral.person)
    return sd


@transaction.atomic
def record_s47_outcome(*, actor: User, s47: S47Enquiry, outcome: str, outcome_date: date) -> S47Enquiry:
    _require(actor, Permission.RECORD_PROTECTION)
    not_in_future(outcome_date, field="outcome_date")
    if s47.outcome:
        raise ValidationError({"outcome": "The enquiry's outcome is already recorded"})
    if outcome_date < s47.start_date:
        raise ValidationError(
            {"outcome_date": "The outcome date must be on or after the start of the enquiry"}
        )
    s47.outcome, s47.outcome_date = outcome, outcome_date
    s47.save(update_fields=["outcome", "outcome_date"])
    audit_and_tell(
        actor,
        AuditAction.UPDATE,
        s47.person,
        s47,
        "Recorded the section 47 outcome",
        changes={"outcome": outcome},
    )
    return s47


def _check_not_weekend(held_on: date) -> None:
    """Conferences are not held at weekends (CIN census rule 8875): a weekend date is a typing
    slip, refused where it is entered rather than found later by the return's checks."""
    if not is_conference_day(held_on):
        raise ValidationError(
            {
                "held_on": f"{held_on:%-d %B %Y} is a {held_on:%A}: conferences are not held at weekends. "
                "Enter the date the conference was held"
            }
        )


def _check_chair(chair: User) -> None:
    if not chair.has_perm(Permission.CHAIR_CONFERENCE.value):
        raise ValidationError({"chair": "The chair must be a child protection chair"})


@transaction.atomic
def record_conference(
    *,
    actor: User,
    referral: Referral,
    kind: str,
    held_on: date,
    decision: str,
    chair: User | None = None,
    category: str = "",
    s47: S47Enquiry | None = None,
    plan: CPPlan | None = None,
    attendees: str = "",
    agencies_attended: list[str] | None = None,
    agencies_reported: list[str] | None = None,
    parent_participation: str = "",
    child_participation: str = "",
    child_views: str = "",
    transfer_notified_on: date | None = None,
    progress: dict[int, tuple[str, str]] | None = None,
    previous_plans_elsewhere: int | None = None,
) -> Conference:
    """Record an initial, transfer-in or review conference. An initial or transfer-in
    conference deciding on a plan creates the plan (awaiting the chair's sign-off); a review
    deciding to end the plan leaves ending it to `end_plan` (reason and step-down)."""
    _require(actor, Permission.CHAIR_CONFERENCE)
    chair = chair or actor
    _check_chair(chair)
    not_in_future(held_on, field="held_on")
    _check_not_weekend(held_on)
    person = referral.person
    due_on = None
    if kind == ConferenceKind.INITIAL:
        if s47 is None:
            raise ValidationError({"s47": "An initial conference follows a section 47 enquiry"})
        due_on, version = s47.icpc_due, s47.calendar_version
        if held_on < s47.start_date:
            raise ValidationError({"held_on": "The conference must be on or after the strategy discussion"})
    elif kind == ConferenceKind.TRANSFER_IN:
        if transfer_notified_on is None:
            raise ValidationError({"transfer_notified_on": "Enter the date the move was notified"})
        d = timescales.compute_deadline("transfer_in_conference", transfer_notified_on)
        due_on, version = d.statutory_due, d.calendar_version
    else:
        if plan is None or plan.status == PlanStatus.ENDED:
            raise ValidationError({"plan": "A review conference needs a current plan"})
        due_on, version = review_due(plan), timescales.calendar_version()
    if kind != ConferenceKind.REVIEW and decision == ConferenceDecision.PLAN and not category:
        raise ValidationError({"category": "Select the category of abuse"})
    if previous_plans_elsewhere is not None and previous_plans_elsewhere < 0:
        raise ValidationError({"previous_plans_elsewhere": "Enter 0 or more"})
    conference = Conference.objects.create(
        person=person,
        referral=referral,
        kind=kind,
        s47=s47,
        plan=plan,
        chair=chair,
        held_on=held_on,
        due_on=due_on,
        calendar_version=version,
        attendees=attendees.strip(),
        agencies_attended=list(agencies_attended or []),
        agencies_reported=list(agencies_reported or []),
        parent_participation=parent_participation.strip(),
        child_participation=child_participation,
        child_views=child_views.strip(),
        decision=decision,
        category=category,
        recorded_by=actor,
    )
    _audit(
        actor, person, conference, f"Recorded a {conference.get_kind_display().lower()}", decision=decision
    )
    if plan is not None and progress:
        note_progress(
            actor=actor,
            plan=plan,
            noted_on=held_on,
            progress=progress,
            history=ActionProgress,
            conference=conference,
        )
    if kind != ConferenceKind.REVIEW and decision == ConferenceDecision.PLAN:
        core = timescales.compute_deadline("first_core_group", held_on)
        review = timescales.compute_deadline("first_cp_review", held_on)
        new_plan = CPPlan.objects.create(
            person=person,
            referral=referral,
            start_date=held_on,
            category=category,
            chair=chair,
            first_core_group_due=core.statutory_due,
            first_review_due=review.statutory_due,
            calendar_version=core.calendar_version,
            previous_plans_elsewhere=previous_plans_elsewhere or 0,
        )
        conference.plan = new_plan
        conference.save(update_fields=["plan"])
        _audit(
            actor,
            person,
            new_plan,
            "Child protection plan made (awaiting sign-off)",
            category=category,
            previous_plans_elsewhere=new_plan.previous_plans_elsewhere,
        )
    changed(person)
    return conference


@transaction.atomic
def record_core_group(
    *,
    actor: User,
    plan: CPPlan,
    held_on: date,
    agencies: list[str],
    attendees: str = "",
    notes: str = "",
    progress: dict[int, tuple[str, str]] | None = None,
) -> CoreGroup:
    """Record a core group and the progress noted against each action (action id → (status, note))."""
    _require(actor, Permission.RECORD_PROTECTION)
    refuse_if_ended(plan)
    not_in_future(held_on, field="held_on")
    not_before(
        "held_on", held_on, plan.start_date, "The core group must be on or after the start of the plan"
    )
    if not agencies:
        raise ValidationError({"agencies": "Select the agencies that attended"})
    group = CoreGroup.objects.create(
        plan=plan,
        held_on=held_on,
        agencies=list(agencies),
        attendees=attendees.strip(),
        notes=notes.strip(),
        recorded_by=actor,
    )
    note_progress(
        actor=actor,
        plan=plan,
        noted_on=held_on,
        progress=progress or {},
        history=ActionProgress,
        core_group=group,
    )
    _audit(actor, plan.person, group, "Recorded a core group")
    changed(plan.person)
    return group


@transaction.atomic
def record_chair_check(*, actor: User, plan: CPPlan, kind: str, raised_on: date, concern: str) -> ChairCheck:
    """The chair records a between-review check or a challenge (escalation)."""
    _require(actor, Permission.CHAIR_CONFERENCE)
    not_in_future(raised_on, field="raised_on")
    required("concern", concern, "Enter what was checked or challenged")
    row = ChairCheck.objects.create(
        plan=plan, kind=kind, raised_on=raised_on, concern=concern.strip(), chair=actor
    )
    _audit(actor, plan.person, row, f"Chair recorded a {row.get_kind_display().lower()}")
    changed(plan.person)
    return row


@transaction.atomic
def resolve_chair_check(*, actor: User, check: ChairCheck, outcome: str, resolved_on: date) -> ChairCheck:
    _require(actor, Permission.CHAIR_CONFERENCE)
    required("outcome", outcome, "Enter the outcome")
    not_before(
        "resolved_on", resolved_on, check.raised_on, "The date must be on or after the date it was raised"
    )
    check.outcome, check.resolved_on = outcome.strip(), resolved_on
    check.save(update_fields=["outcome", "resolved_on"])
    audit_and_tell(
        actor, AuditAction.UPDATE, check.plan.person, check, "Recorded the outcome of a chair's challenge"
    )
    return check


@transaction.atomic
def record_management_decision(
    *, actor: User, person: Any, decision: str, rationale: str, decided_on: date, context: str = ""
) -> ManagementDecision:
    """A manager's decision with its rationale, shown on the child's record."""
    _require(actor, Permission.RECORD_MANAGEMENT_DECISION)
    not_in_future(decided_on, field="decided_on")
    required("decision", decision, "Enter the decision")
    required("rationale", rationale, "Enter the rationale for the decision")
    row = ManagementDecision.objects.create(
        person=person,
        decision=decision.strip(),
        rationale=rationale.strip(),
        context=context.strip(),
        decided_by=actor,
        decided_on=decided_on,
    )
    _audit(actor, person, row, "Recorded a management decision")
    changed(person)
    return row
