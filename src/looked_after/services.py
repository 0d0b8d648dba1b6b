"""Children in care: every consequential change is one of these functions. Each takes the
acting user, checks their permission, validates, writes history and an audit row.

The SSDA903 episode chain is maintained here: `start_care` opens the period with an "S"
episode; `record_change` ends the current episode with REC X1 and starts the next the same
day, deriving RNE from what changed (L, P, T, B, U); `end_care` closes the last episode with
the reason care ended.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission, Role
from accounts.permissions import require as _require
from audit import services as auditor
from audit.models import AuditAction
from codes import cin as cin_codes
from codes import ssda903
from core.validation import not_in_future
from core.versioning import claim_edit
from core.workflow import transition
from people.models import Person
from workforce import services as workforce
from workforce.models import Allocation, AllocationRole

from .clocks import reason_new_episode
from .machines import EscalationMachine
from .models import (
    CareEpisode,
    EducationPlan,
    ExploitationScreening,
    HealthAssessment,
    HealthCheckKind,
    IROEscalation,
    IROEscalationStatusChange,
    LACReview,
    LegalStatusPeriod,
    MissingEpisode,
    PeriodOfCare,
    Placement,
    ReviewAction,
    VisitRegime,
)
from .queries import current_episode

URN_PATTERN = re.compile(r"^(SC\d{6}|\d{7}|XXXXXXX)$")
UNKNOWN_DISTANCE = Decimal("999.9")


@dataclass(frozen=True)
class PlacementDetails:
    """What a worker records about a placement (SSDA903 PLACE, PLACE_PROVIDER, URN, PL_POST)."""

    placement_type: str
    provider: str
    carer_name: str
    urn: str = ""
    address: str = ""
    postcode: str = ""
    in_area: bool = True
    distance_miles: Decimal | None = None
    visit_regime: str = VisitRegime.STANDARD
    intended_until_18: bool = False
    extra: dict[str, object] = field(default_factory=dict)

    def validate(self) -> None:
        errors: dict[str, str] = {}
        if self.placement_type not in ssda903.PLACEMENT_TYPE:
            errors["placement_type"] = "Select the placement type"
        if self.provider not in ssda903.PLACEMENT_PROVIDER:
            errors["provider"] = "Select the placement provider"
        if not self.carer_name.strip():
            errors["carer_name"] = "Enter the name of the carer or home"
        urn = self.urn.strip().upper()
        if urn and not URN_PATTERN.match(urn):
            errors["urn"] = "Enter the Ofsted URN as SC and 6 digits, 7 digits, or XXXXXXX if not inspected"
        if self.placement_type == "P1" and self.provider != "PR0":
            errors["provider"] = (
                "A placement with parents must have the provider ‘Parent or other person with parental responsibility’"
            )
        if self.distance_miles is not None and not (0 <= self.distance_miles <= UNKNOWN_DISTANCE):
            errors["distance_miles"] = "Enter a distance between 0 and 999.9 miles (999.9 if unknown)"
        if errors:
            raise ValidationError(errors)


def _create_placement(actor: User, period: PeriodOfCare, details: PlacementDetails, start: date) -> Placement:
    details.validate()
    return Placement.objects.create(
        period=period,
        person=period.person,
        placement_type=details.placement_type,
        provider=details.provider,
        carer_name=details.carer_name.strip(),
        urn=details.urn.strip().upper(),
        address=details.address.strip(),
        postcode=details.postcode.strip().upper(),
        in_area=details.in_area,
        distance_miles=UNKNOWN_DISTANCE if details.distance_miles is None else details.distance_miles,
        visit_regime=details.visit_regime,
        intended_until_18=details.intended_until_18,
        start_date=start,
        recorded_by=actor,
    )


@transaction.atomic
def start_care(
    *,
    actor: User,
    person: Person,
    start_date: date,
    legal_status: str,
    category_of_need: str,
    placement: PlacementDetails,
    referral: object | None = None,
) -> PeriodOfCare:
    """The child starts to be looked after: a period of care, its first legal status and
    placement, and the first SSDA903 episode (RNE S)."""
    _require(actor, Permission.RECORD_CARE)
    not_in_future(start_date, field="start_date", label="The date the child became looked after")
    if legal_status not in ssda903.LEGAL_STATUS:
        raise ValidationError({"legal_status": "Select the legal status"})
    if category_of_need not in cin_codes.PRIMARY_NEED:
        raise ValidationError({"category_of_need": "Select the category of need"})
    if PeriodOfCare.objects.filter(person=person, end_date__isnull=True).exists():
        raise ValidationError({"start_date": "This child is already looked after; record a change instead"})
    if PeriodOfCare.objects.filter(person=person, end_date__gt=start_date).exists():
        raise ValidationError({"start_date": "The new period of care must start after the last one ended"})
    period = PeriodOfCare.objects.create(
        person=person,
        start_date=start_date,
        category_of_need=category_of_need,
        referral=referral,  # type: ignore[misc]
        created_by=actor,
    )
    status = LegalStatusPeriod.objects.create(
        period=period, person=person, legal_status=legal_status, start_date=start_date, recorded_by=actor
    )
    place = _create_placement(actor, period, placement, start_date)
    episode = CareEpisode.objects.create(
        period=period,
        person=person,
        start_date=start_date,
        reason_new_episode="S",
        legal_status=status,
        placement=place,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=period,
        summary="Started to be looked after",
        changes={
            "start_date": start_date,
            "legal_status": legal_status,
            "category_of_need": category_of_need,
            "placement_type": place.placement_type,
            "episode": episode.pk,
        },
    )
    return period


@transaction.atomic
def record_change(
    *,
    actor: User,
    period: PeriodOfCare,
    on: date,
    legal_status: str | None = None,
    placement: PlacementDetails | None = None,
    same_carer: bool = False,
    reason_for_change: str = "",
) -> CareEpisode:
    """A change of legal status and/or placement on `on`: the current episode ends (REC X1)
    and a new one starts the same day with the RNE derived from what changed."""
    _require(actor, Permission.RECORD_CARE)
    episode = current_episode(period)
    if episode is None or period.end_date is not None:
        raise ValidationError({"on": "This period of care has ended"})
    not_in_future(on, field="on", label="The date of the change")
    if on <= episode.start_date:
        raise ValidationError(
            {"on": f"The change must be after the current episode started on {episode.start_date:%-d %B %Y}"}
        )
    status_changed = legal_status is not None and legal_status != episode.legal_status.legal_status
    if legal_status is not None and legal_status not in ssda903.LEGAL_STATUS:
        raise ValidationError({"legal_status": "Select the legal status"})
    if not status_changed and placement is None:
        raise ValidationError({"legal_status": "Record a new legal status or a new placement"})
    if placement is not None and reason_for_change not in ssda903.REASON_PLACEMENT_CHANGE:
        raise ValidationError({"reason_for_change": "Select the reason the placement changed"})
    rne = reason_new_episode(
        legal_status_changed=status_changed, placement_changed=placement is not None, same_carer=same_carer
    )
    status = episode.legal_status
    if status_changed:
        status.end_date = on
        status.save(update_fields=["end_date"])
        assert legal_status is not None
        status = LegalStatusPeriod.objects.create(
            period=period, person=period.person, legal_status=legal_status, start_date=on, recorded_by=actor
        )
    place = episode.placement
    if placement is not None:
        place.end_date = on
        place.reason_for_change = reason_for_change
        place.save(update_fields=["end_date", "reason_for_change"])
        place = _create_placement(actor, period, placement, on)
    episode.end_date = on
    episode.reason_ceased = "X1"
    episode.save(update_fields=["end_date", "reason_ceased"])
    new = CareEpisode.objects.create(
        period=period,
        person=period.person,
        start_date=on,
        reason_new_episode=rne,
        legal_status=status,
        placement=place,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=period.person,
        obj=new,
        summary=f"Recorded a change in care: {ssda903.REASON_NEW_EPISODE.label(rne).lower()}",
        changes={
            "on": on,
            "reason_new_episode": rne,
            "legal_status": status.legal_status,
            "placement_type": place.placement_type,
            "reason_for_change": reason_for_change,
        },
    )
    return new


@transaction.atomic
def end_care(*, actor: User, period: PeriodOfCare, on: date, reason_ceased: str) -> PeriodOfCare:
    """The child ceases to be looked after: the last episode ends with the REC code."""
    _require(actor, Permission.RECORD_CARE)
    episode = current_episode(period)
    if episode is None or period.end_date is not None:
        raise ValidationError({"on": "This period of care has already ended"})
    if reason_ceased not in ssda903.REASON_EPISODE_CEASED or reason_ceased == "X1":
        raise ValidationError({"reason_ceased": "Select why the child stopped being looked after"})
    not_in_future(on, field="on", label="The date care ended")
    if on <= episode.start_date:
        raise ValidationError(
            {"on": f"Care must end after the current episode started on {episode.start_date:%-d %B %Y}"}
        )
    episode.end_date = on
    episode.reason_ceased = reason_ceased
    episode.save(update_fields=["end_date", "reason_ceased"])
    LegalStatusPeriod.objects.filter(pk=episode.legal_status_id).update(end_date=on)
    Placement.objects.filter(pk=episode.placement_id).update(end_date=on)
    period.end_date = on
    period.reason_ceased = reason_ceased
    period.save(update_fields=["end_date", "reason_ceased"])
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=period.person,
        obj=period,
        summary="Ceased to be looked after",
        changes={"end_date": on, "reason_ceased": reason_ceased},
    )
    return period


@transaction.atomic
def approve_placement_with_parents(
    *, actor: User, placement: Placement, approved_on: date, review_on: date
) -> Placement:
    """A service manager approves a placement with parents (P1) and sets its review date."""
    _require(actor, Permission.APPROVE_PARENT_PLACEMENT)
    if not placement.with_parents:
        raise ValidationError({"review_on": "Only a placement with parents needs this approval"})
    not_in_future(approved_on, field="approved_on", label="The approval date")
    if review_on <= approved_on:
        raise ValidationError({"review_on": "The review date must be after the approval date"})
    placement.parent_approval_by = actor
    placement.parent_approval_on = approved_on
    placement.parent_review_on = review_on
    placement.save(update_fields=["parent_approval_by", "parent_approval_on", "parent_review_on"])
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=placement.person,
        obj=placement,
        summary="Approved placement with parents",
        changes={"approved_on": approved_on, "review_on": review_on},
    )
    return placement


@transaction.atomic
def record_plans(
    *,
    actor: User,
    period: PeriodOfCare,
    care_plan_completed_on: date | None = None,
    permanence_plan_completed_on: date | None = None,
    placement_plan_completed_on: date | None = None,
) -> PeriodOfCare:
    """Record when the care plan, permanence plan and current placement plan were completed."""
    _require(actor, Permission.RECORD_CARE)
    changes: dict[str, object] = {}
    for name, value in (
        ("care_plan_completed_on", care_plan_completed_on),
        ("permanence_plan_completed_on", permanence_plan_completed_on),
    ):
        if value is not None:
            not_in_future(value, field=name)
            if value < period.start_date:
                raise ValidationError({name: "The date must be on or after the child became looked after"})
            setattr(period, name, value)
            changes[name] = value
    if changes:
        period.save(update_fields=list(changes))
    if placement_plan_completed_on is not None:
        episode = current_episode(period)
        if episode is None:
            raise ValidationError({"placement_plan_completed_on": "There is no current placement"})
        not_in_future(placement_plan_completed_on, field="placement_plan_completed_on")
        episode.placement.placement_plan_completed_on = placement_plan_completed_on
        episode.placement.save(update_fields=["placement_plan_completed_on"])
        changes["placement_plan_completed_on"] = placement_plan_completed_on
    if not changes:
        raise ValidationError({"care_plan_completed_on": "Enter at least one date"})
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=period.person,
        obj=period,
        summary="Recorded care plans",
        changes=changes,
    )
    return period


# --- IRO and reviews -----------------------------------------------------------------------


@transaction.atomic
def allocate_iro(*, actor: User, person: Person, iro: User, start_date: date) -> Allocation:
    """Allocate the child's IRO (a workforce allocation with role IRO; s25A Children Act 1989)."""
    _require(actor, Permission.ALLOCATE_CHILD)
    if iro.role != Role.IRO.value:
        raise ValidationError({"iro": "Select an independent reviewing officer"})
    if iro.team is None:
        raise ValidationError({"iro": "The IRO must belong to a team"})
    return workforce.allocate(
        actor=actor, person=person, worker=iro, team=iro.team, role=AllocationRole.IRO, start_date=start_date
    )


@dataclass(frozen=True)
class ActionDetails:
    who: str
    what: str
    due_on: date


@transaction.atomic
def record_review(
    *,
    actor: User,
    period: PeriodOfCare,
    held_on: date,
    participation: str,
    iro_met_child: bool,
    child_views: str = "",
    decisions: str = "",
    actions: Sequence[ActionDetails] = (),
    iro: User | None = None,
) -> LACReview:
    """Record a looked-after review; its due date (rule, calendar version) is fixed from the
    reviews held before it."""
    from .clocks import next_review_due

    _require(actor, Permission.RECORD_LAC_REVIEW)
    not_in_future(held_on, field="held_on", label="The review date")
    if held_on < period.start_date:
        raise ValidationError({"held_on": "The review must be on or after the child became looked after"})
    if participation not in cin_codes.PARTICIPATION:
        raise ValidationError({"participation": "Select how the child took part"})
    held = list(period.reviews.values_list("held_on", flat=True))
    if held and held_on <= max(held):
        raise ValidationError({"held_on": "The review must be after the last review recorded"})
    for i, item in enumerate(actions):
        if not item.who.strip() or not item.what.strip():
            raise ValidationError({"actions": f"Action {i + 1}: enter who will do what"})
        if item.due_on < held_on:
            raise ValidationError({"actions": f"Action {i + 1}: the date must be on or after the review"})
    due = next_review_due(period.start_date, held)
    import timescales

    review = LACReview.objects.create(
        period=period,
        person=period.person,
        sequence=len(held) + 1,
        rule_id=due.rule_id,
        due_date=due.due,
        calendar_version=timescales.calendar_version(),
        held_on=held_on,
        participation=participation,
        iro=iro or actor,
        iro_met_child=iro_met_child,
        child_views=child_views.strip(),
        decisions=decisions.strip(),
        recorded_by=actor,
    )
    ReviewAction.objects.bulk_create(
        ReviewAction(
            review=review, person=period.person, who=a.who.strip(), what=a.what.strip(), due_on=a.due_on
        )
        for a in actions
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=period.person,
        obj=review,
        summary=f"Recorded looked-after review {review.sequence}",
        changes={
            "held_on": held_on,
            "due_date": due.due,
            "participation": participation,
            "actions": len(actions),
        },
    )
    return review


@transaction.atomic
def complete_review_action(*, actor: User, action: ReviewAction, completed_on: date) -> ReviewAction:
    _require(actor, Permission.RECORD_CARE)
    if action.completed_on is not None:
        raise ValidationError({"completed_on": "This action is already complete"})
    not_in_future(completed_on, field="completed_on", label="The completion date")
    action.completed_on = completed_on
    action.completed_by = actor
    action.save(update_fields=["completed_on", "completed_by"])
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=action.person,
        obj=action,
        summary="Completed a review action",
        changes={"completed_on": completed_on},
    )
    return action


@transaction.atomic
def raise_escalation(*, actor: User, period: PeriodOfCare, raised_on: date, issue: str) -> IROEscalation:
    """The IRO raises a concern informally (the first stage of dispute resolution)."""
    _require(actor, Permission.RECORD_LAC_REVIEW)
    if not issue.strip():
        raise ValidationError({"issue": "Describe the issue the IRO is raising"})
    not_in_future(raised_on, field="raised_on", label="The date raised")
    escalation = IROEscalation.objects.create(
        person=period.person, period=period, raised_on=raised_on, raised_by=actor, issue=issue.strip()
    )
    IROEscalationStatusChange.objects.create(
        escalation=escalation,
        status=escalation.status,
        event="raise",
        occurred_at=timezone.now(),
        recorded_by=actor,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=period.person,
        obj=escalation,
        summary="IRO raised a concern",
    )
    return escalation


@transaction.atomic
def progress_escalation(
    *, actor: User, escalation: IROEscalation, event: str, reason: str = "", outcome: str = ""
) -> IROEscalation:
    """Move an escalation to the next formal stage (`escalate`) or close it (`resolve`, with the outcome)."""
    _require(actor, Permission.RECORD_LAC_REVIEW)
    if event not in {"escalate", "resolve"}:
        raise ValidationError({"event": "Choose what happens next"})
    if event == "resolve":
        if not outcome.strip():
            raise ValidationError({"outcome": "Enter the outcome"})
        escalation.outcome = outcome.strip()
        escalation.save(update_fields=["outcome"])
    transition(
        escalation,
        event,
        machine_cls=EscalationMachine,
        history_model=IROEscalationStatusChange,
        history_fk="escalation",
        actor=actor,
        reason=reason or outcome,
        person=escalation.person,
    )
    return escalation


# --- Health, education -----------------------------------------------------------------------


@transaction.atomic
def record_health_check(
    *,
    actor: User,
    person: Person,
    kind: str,
    completed_on: date,
    practitioner: str = "",
    immunisations_up_to_date: bool | None = None,
    sdq_score: int | None = None,
    sdq_reason: str = "",
    substance_misuse: bool | None = None,
    intervention_received: bool | None = None,
    convicted: bool | None = None,
    health_plan_actions: str = "",
    intervention_offered: bool | None = None,
) -> HealthAssessment:
    """Record a health assessment (initial or review) or dental check, with the OC2 items."""
    _require(actor, Permission.RECORD_CARE)
    if kind not in HealthCheckKind.values:
        raise ValidationError({"kind": "Select the kind of check"})
    not_in_future(completed_on, field="completed_on", label="The date of the check")
    if sdq_score is not None and not 0 <= sdq_score <= 40:
        raise ValidationError({"sdq_score": "The SDQ score must be between 0 and 40"})
    if sdq_score is not None and sdq_reason:
        raise ValidationError({"sdq_reason": "Enter an SDQ score or a reason it was not completed, not both"})
    if sdq_reason and sdq_reason not in ssda903.SDQ_REASON:
        raise ValidationError({"sdq_reason": "Select a reason"})
    if intervention_offered is not None and intervention_received is not False:
        raise ValidationError(
            {"intervention_offered": "Say whether an intervention was offered only when none was received"}
        )
    check = HealthAssessment.objects.create(
        person=person,
        period=PeriodOfCare.objects.filter(person=person, start_date__lte=completed_on).first(),
        kind=kind,
        completed_on=completed_on,
        practitioner=practitioner.strip(),
        immunisations_up_to_date=immunisations_up_to_date,
        sdq_score=sdq_score,
        sdq_reason=sdq_reason,
        substance_misuse=substance_misuse,
        intervention_received=intervention_received,
        intervention_offered=intervention_offered,
        convicted=convicted,
        health_plan_actions=health_plan_actions.strip(),
        recorded_by=actor,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=check,
        summary=f"Recorded {check.get_kind_display().lower()}",
        changes={"completed_on": completed_on, "kind": kind},
    )
    return check


@transaction.atomic
def record_education_plan(
    *,
    actor: User,
    period: PeriodOfCare,
    meeting_on: date,
    school: str,
    targets: str,
    school_urn: str = "",
    virtual_school_contact: str = "",
    attendance_percent: Decimal | None = None,
    exclusions: int = 0,
    key_stage_results: str = "",
    progress: str = "",
) -> EducationPlan:
    """Append a new version of the personal education plan (earlier versions are kept)."""
    _require(actor, Permission.RECORD_CARE)
    not_in_future(meeting_on, field="meeting_on", label="The PEP meeting date")
    if not school.strip():
        raise ValidationError({"school": "Enter the school or setting"})
    if not targets.strip():
        raise ValidationError({"targets": "Enter the targets agreed"})
    if attendance_percent is not None and not 0 <= attendance_percent <= 100:
        raise ValidationError({"attendance_percent": "Attendance must be between 0 and 100"})
    plan = EducationPlan.objects.create(
        person=period.person,
        period=period,
        meeting_on=meeting_on,
        school=school.strip(),
        school_urn=school_urn.strip(),
        virtual_school_contact=virtual_school_contact.strip(),
        attendance_percent=attendance_percent,
        exclusions=exclusions,
        key_stage_results=key_stage_results.strip(),
        targets=targets.strip(),
        progress=progress.strip(),
        recorded_by=actor,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=period.person,
        obj=plan,
        summary="Recorded a personal education plan",
        changes={"meeting_on": meeting_on, "school": school},
    )
    return plan


# --- Missing and exploitation -------------------------------------------------------------------


def _aware(value: datetime) -> datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


@transaction.atomic
def record_missing_episode(
    *,
    actor: User,
    person: Person,
    kind: str,
    started_at: datetime,
    ended_at: datetime | None = None,
    police_informed: bool = False,
    notes: str = "",
) -> MissingEpisode:
    """Record that the child went missing (M) or was away without authorisation (A)."""
    _require(actor, Permission.RECORD_CARE)
    if kind not in ssda903.MISSING_TYPE:
        raise ValidationError({"kind": "Select missing or away from placement"})
    started_at = _aware(started_at)
    if started_at > timezone.now():
        raise ValidationError({"started_at": "The start must be in the past"})
    if ended_at is not None:
        ended_at = _aware(ended_at)
        if ended_at < started_at:
            raise ValidationError({"ended_at": "The return must be after the child went missing"})
        if ended_at > timezone.now():
            raise ValidationError({"ended_at": "The return must be in the past"})
    episode = MissingEpisode.objects.create(
        person=person,
        period=PeriodOfCare.objects.filter(person=person, start_date__lte=started_at.date()).first(),
        kind=kind,
        started_at=started_at,
        ended_at=ended_at,
        police_informed=police_informed,
        notes=notes.strip(),
        recorded_by=actor,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=episode,
        summary="Recorded a missing episode" if kind == "M" else "Recorded an absence from placement",
        changes={"kind": kind, "started_at": started_at, "ended_at": ended_at},
    )
    return episode


@transaction.atomic
def record_return(
    *,
    actor: User,
    episode: MissingEpisode,
    ended_at: datetime | None = None,
    rhi_offered: bool | None = None,
    rhi_accepted: bool | None = None,
    rhi_held_at: datetime | None = None,
    rhi_by: str = "",
    review_held_on: date | None = None,
    expected_version: int | None = None,
) -> MissingEpisode:
    """Record the child's return and the return home interview (offered, accepted, held).
    `expected_version`: the version the form was opened at (core.versioning)."""
    _require(actor, Permission.RECORD_CARE)
    claim_edit(episode, expected_version)
    changes: dict[str, object] = {}
    if ended_at is not None:
        ended_at = _aware(ended_at)
        if ended_at < episode.started_at or ended_at > timezone.now():
            raise ValidationError(
                {"ended_at": "The return must be after the child went missing and in the past"}
            )
        episode.ended_at = ended_at
        changes["ended_at"] = ended_at
    if rhi_held_at is not None:
        rhi_held_at = _aware(rhi_held_at)
        if episode.ended_at is None:
            raise ValidationError({"rhi_held_at": "Record the child's return before the interview"})
        if rhi_held_at < episode.ended_at or rhi_held_at > timezone.now():
            raise ValidationError({"rhi_held_at": "The interview must be after the return and in the past"})
        if rhi_accepted is False:
            raise ValidationError({"rhi_accepted": "An interview that was held was accepted"})
        rhi_offered, rhi_accepted = True, True
        episode.rhi_held_at = rhi_held_at
        episode.rhi_by = rhi_by.strip()
        changes["rhi_held_at"] = rhi_held_at
    if rhi_offered is not None:
        episode.rhi_offered = rhi_offered
        changes["rhi_offered"] = rhi_offered
    if rhi_accepted is not None:
        if rhi_accepted and episode.rhi_offered is False:
            raise ValidationError({"rhi_accepted": "An interview must be offered before it is accepted"})
        episode.rhi_accepted = rhi_accepted
        changes["rhi_accepted"] = rhi_accepted
    if review_held_on is not None:
        episode.review_held_on = review_held_on
        changes["review_held_on"] = review_held_on
    if not changes:
        raise ValidationError({"ended_at": "Enter the return or the interview details"})
    episode.save()
    auditor.record(
        actor=actor,
        action=AuditAction.UPDATE,
        person=episode.person,
        obj=episode,
        summary="Updated a missing episode",
        changes=changes,
    )
    return episode


@transaction.atomic
def record_screening(
    *, actor: User, person: Person, screened_on: date, score: int, review_on: date, notes: str = ""
) -> ExploitationScreening:
    """Record an exploitation risk screening (score 0–100, higher is more risk) and its review date."""
    _require(actor, Permission.RECORD_CARE)
    not_in_future(screened_on, field="screened_on", label="The screening date")
    if not 0 <= score <= 100:
        raise ValidationError({"score": "The score must be between 0 and 100"})
    if review_on <= screened_on:
        raise ValidationError({"review_on": "The review date must be after the screening"})
    row = ExploitationScreening.objects.create(
        person=person,
        screened_on=screened_on,
        score=score,
        review_on=review_on,
        notes=notes.strip(),
        recorded_by=actor,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=row,
        summary="Recorded an exploitation risk screening",
        changes={"score": score, "review_on": review_on},
    )
    return row


@transaction.atomic
def record_period_of_care(
    *,
    actor: User,
    person: Person,
    start_date: date,
    end_date: date | None,
    legal_status: str,
    category_of_need: str,
    placement: PlacementDetails,
    reason_ceased: str = "E8",
) -> PeriodOfCare:
    """A whole period of care in one step (for history migrated from an older system, and
    the demo): `start_care`, then `end_care` when the period has ended. Same rules."""
    period = start_care(
        actor=actor,
        person=person,
        start_date=start_date,
        legal_status=legal_status,
        category_of_need=category_of_need,
        placement=placement,
    )
    if end_date is not None:
        period = end_care(actor=actor, period=period, on=end_date, reason_ceased=reason_ceased)
    return period
