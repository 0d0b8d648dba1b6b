"""Assessment services: start, record, submit, authorise, return for work, commission.

Each takes the acting user (keyword-only), runs in one transaction, checks the permission,
validates with GOV.UK-style messages, writes status history (via `core.workflow.transition`)
and an audit row.
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

import timescales
from accounts.models import User
from accounts.permissions import Permission
from accounts.permissions import require as _require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from codes import cin as cin_codes
from core.extensions import changed
from core.validation import not_before, required
from core.versioning import claim_edit
from core.workflow import midday, transition
from frontdoor.models import Referral
from frontdoor.rules import check_begun_under
from people.services.notices import notify_about_child

from .machines import AssessmentMachine
from .models import (
    KIND_RULE,
    Assessment,
    AssessmentKind,
    AssessmentReturn,
    AssessmentStatus,
    AssessmentStatusChange,
    CommissionedAssessment,
)
from .rules import clock_start, missing_for_submission

CONTENT_FIELDS = (
    "factors",
    "risk_factors",
    "protective_factors",
    "child_seen_on",
    "child_seen_alone_on",
    "child_wishes",
    "identity",
    "analysis",
    "outcomes",
    "outcome_other",
)


def _at(day: date | None) -> datetime:
    return midday(day or timezone.localdate())


def _move(assessment: Assessment, event: str, *, actor: User, at: datetime, reason: str = "") -> None:
    """The assessment's workflow event at `at` (its history row and audit)."""
    transition(
        assessment,
        event,
        machine_cls=AssessmentMachine,
        history_model=AssessmentStatusChange,
        history_fk="assessment",
        actor=actor,
        occurred_at=at,
        reason=reason,
        person=assessment.person,
    )


@transaction.atomic
def start_assessment(
    *,
    actor: User,
    referral: Referral,
    start_date: date,
    kind: str = AssessmentKind.SINGLE,
    worker: User | None = None,
) -> Assessment:
    """Open an assessment on an open CIN episode; its due date comes from `timescales`."""
    _require(actor, Permission.RECORD_ASSESSMENT)
    check_begun_under(
        referral,
        start_date,
        field="start_date",
        label="The start date",
        closed="The referral is closed: an assessment cannot be started",
    )
    deadline = timescales.compute_deadline(
        KIND_RULE[AssessmentKind(kind)], clock_start(kind, referral, start_date)
    )
    assessment = Assessment.objects.create(
        person=referral.person,
        referral=referral,
        kind=kind,
        start_date=start_date,
        due_date=deadline.statutory_due,
        local_target_date=deadline.local_target_due,
        calendar_version=deadline.calendar_version,
        worker=worker or actor,
    )
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        referral.person,
        assessment,
        f"Started {assessment.get_kind_display().lower()}",
        changes={"start_date": start_date, "due_date": deadline.statutory_due},
    )
    return assessment


NO_FACTORS = "21"  # "No factors identified": never with another factor (CIN census rule 8869)


@transaction.atomic
def record_assessment(
    *, actor: User, assessment: Assessment, data: dict[str, Any], expected_version: int | None = None
) -> Assessment:
    """Save the assessment's content while it is in progress (partial saves allowed).
    `expected_version`: the version the form was opened at (core.versioning)."""
    _require(actor, Permission.RECORD_ASSESSMENT)
    if assessment.status != AssessmentStatus.IN_PROGRESS:
        raise ValidationError({"__all__": "Only an assessment in progress can be changed"})
    claim_edit(assessment, expected_version)
    changes = {}
    for name in CONTENT_FIELDS:
        if name in data:
            value = data[name]
            if isinstance(value, str):
                value = value.strip()
            if getattr(assessment, name) != value:
                changes[name] = value
                setattr(assessment, name, value)
    _validate_dates(assessment)
    bad = [c for c in assessment.factors if c not in dict(cin_codes.ASSESSMENT_FACTOR.all_choices())]
    if bad:
        raise ValidationError({"factors": "Select factors from the list"})
    if NO_FACTORS in assessment.factors and len(assessment.factors) > 1:
        raise ValidationError({"factors": "“21 No factors identified” cannot be selected with other factors"})
    assessment.save()
    audit_and_tell(
        actor,
        AuditAction.UPDATE,
        assessment.person,
        assessment,
        "Updated the assessment",
        changes={k: "changed" for k in changes},
    )
    return assessment


def _validate_dates(a: Assessment) -> None:
    today = timezone.localdate()
    for name in ("child_seen_on", "child_seen_alone_on"):
        value = getattr(a, name)
        if value and value > today:
            raise ValidationError({name: "The date must be today or in the past"})
        if value and value < a.referral.referral_date:
            raise ValidationError({name: "The date must be on or after the referral date"})
    if a.child_seen_alone_on and not a.child_seen_on:
        raise ValidationError({"child_seen_on": "Enter the date the child was seen"})


def _told_at(on: date | None) -> datetime:
    """When a notification says it happened: now for today, else midday of the day recorded."""
    return timezone.now() if on is None or on == timezone.localdate() else midday(on)


def _managers(assessment: Assessment, actor: User) -> list[User]:
    """Who authorises it: the manager of the worker's team (else of the submitter's team)."""
    for member in (assessment.worker, actor):
        team = member.team if member is not None and member.team_id else None
        if team is not None and team.manager is not None and team.manager.is_active:
            return [team.manager] if team.manager.pk != actor.pk else []
    return []


def _tell(
    recipients: list[User], assessment: Assessment, subject: str, *, on: date | None, body: str = ""
) -> None:
    link = reverse("assessments:detail", args=[assessment.pk])
    for recipient in recipients:
        notify_about_child(
            recipient=recipient,
            person=assessment.person,
            subject=subject,
            body=body,
            link=link,
            at=_told_at(on),
        )


def _worker(assessment: Assessment, actor: User) -> list[User]:
    """The assessment's worker, told of the manager's decision (not when they made it)."""
    worker = assessment.worker
    return [worker] if worker is not None and worker.pk != actor.pk and worker.is_active else []


def _decide(
    assessment: Assessment,
    event: str,
    *,
    actor: User,
    on: date | None,
    day: date,
    stamps: dict[str, Any],
    tell: Callable[[Assessment, User], list[User]] | None,
    news: tuple[str, str],
    reason: str = "",
) -> None:
    """A step of the assessment's workflow, `event`, taken on `day` (`on` as the user gave it,
    None for today): its history row (with `reason`), the fields that record it (`stamps`),
    and the news, (what, done), told to those `tell` names: "<kind> <what>", "<Done> by
    <actor> on <day>."."""
    _move(assessment, event, actor=actor, at=_at(day), reason=reason)
    for name, value in stamps.items():
        setattr(assessment, name, value)
    assessment.save(update_fields=list(stamps))
    if tell is not None:
        what, done = news
        _tell(
            tell(assessment, actor),
            assessment,
            f"{assessment.get_kind_display()} {what}",
            on=on,
            body=f"{done} by {actor.display_name} on {day:%-d %B %Y}.",
        )
    changed(assessment.person_id)


@transaction.atomic
def submit_assessment(
    *, actor: User, assessment: Assessment, on: date | None = None, notify: bool = True
) -> Assessment:
    """Submit a complete assessment to the team manager for authorisation; the manager is
    notified (`notify=False`: not, for assessments loaded from an earlier system)."""
    _require(actor, Permission.RECORD_ASSESSMENT)
    missing = missing_for_submission(assessment)
    if missing:
        raise ValidationError(missing)
    day = on or timezone.localdate()
    _decide(
        assessment,
        "submit",
        actor=actor,
        on=on,
        day=day,
        stamps={"submitted_on": day},
        tell=_managers if notify else None,
        news=("submitted for authorisation", "Submitted"),
    )
    return assessment


@transaction.atomic
def authorise_assessment(
    *, actor: User, assessment: Assessment, comments: str, on: date | None = None, notify: bool = True
) -> Assessment:
    """A manager authorises the assessment: its completion (actual end) date. Like any
    management decision it carries its rationale (`comments`: why it meets the standard and
    what happens next), kept on the assessment's history. The worker is notified."""
    _require(actor, Permission.AUTHORISE_ASSESSMENT)
    required("comments", comments, "Enter why the assessment can be authorised")
    day = on or timezone.localdate()
    not_before(
        "on", day, assessment.submitted_on, "The authorisation date must be on or after the submission date"
    )
    _decide(
        assessment,
        "authorise",
        actor=actor,
        on=on,
        day=day,
        stamps={"authorised_on": day, "authorised_by": actor},
        tell=_worker if notify else None,
        news=("authorised", "Authorised"),
        reason=comments.strip(),
    )
    return assessment


@transaction.atomic
def return_assessment(
    *, actor: User, assessment: Assessment, comments: str, on: date | None = None, notify: bool = True
) -> AssessmentReturn:
    """A manager returns the assessment as not meeting the agreed standard (counted); the
    worker is notified with the manager's comment."""
    _require(actor, Permission.AUTHORISE_ASSESSMENT)
    comments = comments.strip()
    if not comments:
        raise ValidationError({"comments": "Enter what needs to be done to meet the standard"})
    when = _at(on)
    _move(assessment, "return_for_work", actor=actor, at=when, reason=comments)
    assessment.submitted_on = None
    assessment.save(update_fields=["submitted_on"])
    row = AssessmentReturn.objects.create(
        assessment=assessment, returned_by=actor, returned_at=when, comments=comments
    )
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        assessment.person,
        row,
        "Returned the assessment as not meeting the standard",
        reason=comments,
    )
    if notify:
        _tell(
            _worker(assessment, actor),
            assessment,
            f"{assessment.get_kind_display()} returned for more work",
            on=on,
            body=f"{actor.display_name}: {comments}",
        )
    return row


@transaction.atomic
def commission_assessment(
    *,
    actor: User,
    person: Any,
    kind: str,
    description: str,
    provider: str,
    commissioned_on: date,
    due_on: date,
    assessment: Assessment | None = None,
) -> CommissionedAssessment:
    """Commission a specialist or parenting assessment from a provider."""
    _require(actor, Permission.RECORD_ASSESSMENT)
    not_before(
        "due_on", due_on, commissioned_on, "The due date must be on or after the date it was commissioned"
    )
    required("provider", provider, "Enter the provider")
    row = CommissionedAssessment.objects.create(
        person=person,
        assessment=assessment,
        kind=kind,
        description=description.strip(),
        provider=provider.strip(),
        commissioned_on=commissioned_on,
        due_on=due_on,
        recorded_by=actor,
    )
    audit_and_tell(actor, AuditAction.CREATE, person, row, f"Commissioned {row.get_kind_display().lower()}")
    return row


@transaction.atomic
def complete_commissioned(
    *, actor: User, commissioned: CommissionedAssessment, completed_on: date
) -> CommissionedAssessment:
    """Record that a commissioned assessment was completed."""
    _require(actor, Permission.RECORD_ASSESSMENT)
    if completed_on < commissioned.commissioned_on:
        raise ValidationError(
            {"completed_on": "The completion date must be on or after the date it was commissioned"}
        )
    commissioned.completed_on = completed_on
    commissioned.save(update_fields=["completed_on"])
    audit_and_tell(
        actor,
        AuditAction.UPDATE,
        commissioned.person,
        commissioned,
        "Recorded a commissioned assessment as completed",
        changes={"completed_on": completed_on},
    )
    return commissioned
