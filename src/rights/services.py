"""Rights and voice services. Each takes the acting user, is atomic, validated and audited, and
says that the child's record changed (core.extensions.changed)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from accounts.models import User
from accounts.permissions import Permission, require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from codes import permanence as pcodes
from core.extensions import changed
from core.validation import not_before, not_in_future, required
from core.workflow import midday, transition
from people.models import Person

from .machines import ComplaintMachine
from .models import (
    AdvocacyReferral,
    ChildViews,
    Complaint,
    ComplaintOutcome,
    ComplaintStatusChange,
    IndependentVisit,
    IndependentVisitor,
)


def _created(actor: User, person: Person, obj: Model, summary: str, changes: dict[str, object]) -> None:
    """A new record about the child: audited, and the child's record told it changed."""
    audit_and_tell(actor, AuditAction.CREATE, person, obj, summary, changes=changes)


@transaction.atomic
def refer_for_advocacy(
    *,
    actor: User,
    person: Person,
    referred_on: date,
    reason: str,
    advocate: str = "",
    organisation: str = "",
    started_on: date | None = None,
    ended_on: date | None = None,
) -> AdvocacyReferral:
    require(actor, Permission.RECORD_RIGHTS)
    not_in_future(referred_on, field="referred_on", label="The referral date")
    reason = required("reason", reason, "Enter why the child was referred for advocacy")
    not_before("started_on", started_on, referred_on, "Advocacy must start on or after the referral")
    not_before("ended_on", ended_on, started_on or referred_on, "Advocacy must end after it started")
    row = AdvocacyReferral.objects.create(
        person=person,
        referred_on=referred_on,
        reason=reason,
        advocate=advocate.strip(),
        organisation=organisation.strip(),
        started_on=started_on,
        ended_on=ended_on,
        recorded_by=actor,
    )
    _created(actor, person, row, "Recorded an advocacy referral", {"referred_on": referred_on})
    return row


@transaction.atomic
def match_independent_visitor(
    *, actor: User, person: Person, visitor_name: str, matched_on: date
) -> IndependentVisitor:
    require(actor, Permission.RECORD_RIGHTS)
    not_in_future(matched_on, field="matched_on", label="The match date")
    name = required("visitor_name", visitor_name, "Enter the independent visitor's name")
    row = IndependentVisitor.objects.create(
        person=person, visitor_name=name, matched_on=matched_on, recorded_by=actor
    )
    _created(actor, person, row, "Matched an independent visitor", {"matched_on": matched_on})
    return row


@transaction.atomic
def record_independent_visit(
    *, actor: User, visitor: IndependentVisitor, visited_on: date, notes: str = ""
) -> IndependentVisit:
    require(actor, Permission.RECORD_RIGHTS)
    not_in_future(visited_on, field="visited_on", label="The visit date")
    not_before("visited_on", visited_on, visitor.matched_on, "The visit must be on or after the match")
    row = IndependentVisit.objects.create(
        visitor=visitor, visited_on=visited_on, notes=notes.strip(), recorded_by=actor
    )
    _created(actor, visitor.person, row, "Recorded an independent visit", {"visited_on": visited_on})
    return row


@transaction.atomic
def receive_complaint(
    *, actor: User, person: Person, received_on: date, made_by: str, summary: str
) -> Complaint:
    """Record a complaint at stage 1 (response due in 10 working days)."""
    require(actor, Permission.RECORD_RIGHTS)
    not_in_future(received_on, field="received_on", label="The date received")
    complaint = Complaint.objects.create(
        person=person,
        received_on=received_on,
        made_by=required("made_by", made_by, "Enter who made the complaint"),
        summary=required("summary", summary, "Enter what the complaint is about"),
        recorded_by=actor,
    )
    _created(actor, person, complaint, "Recorded a complaint", {"received_on": received_on})
    return complaint


@transaction.atomic
def update_complaint(
    *, actor: User, complaint: Complaint, event: str, on: date, outcome: str = ""
) -> Complaint:
    """Record one step of a complaint on date `on`.

    Events: ``extend_stage_1`` (to 20 WD), ``respond_stage_1``, ``escalate_to_stage_2``,
    ``extend_stage_2`` (to 65 WD), ``respond_stage_2``, ``escalate_to_stage_3`` (panel
    requested), ``hold_panel``, ``close`` (with an outcome).
    """
    require(actor, Permission.RECORD_RIGHTS)
    not_in_future(on, field="on", label="The date")
    not_before("on", on, complaint.received_on, "The date must be on or after the complaint was received")
    person = complaint.person
    fields = {
        "respond_stage_1": ("STAGE_1", "stage_1_responded_on"),
        "respond_stage_2": ("STAGE_2", "stage_2_responded_on"),
        "hold_panel": ("STAGE_3", "panel_held_on"),
        "extend_stage_1": ("STAGE_1", ""),
        "extend_stage_2": ("STAGE_2", ""),
    }
    if event in fields:
        stage, field = fields[event]
        if complaint.status != stage:
            raise ValidationError({"on": "That cannot be done at this stage"})
        if field:
            setattr(complaint, field, on)
        elif event == "extend_stage_1":
            complaint.stage_1_extended = True
        else:
            complaint.stage_2_extended = True
        complaint.save()
        audit_and_tell(
            actor,
            AuditAction.UPDATE,
            person,
            complaint,
            f"Complaint: {event.replace('_', ' ')}",
            changes={"event": event, "on": on},
        )
        return complaint
    if event not in ("escalate_to_stage_2", "escalate_to_stage_3", "close"):
        raise ValidationError({"on": "Unknown step"})
    if event == "close" and outcome not in ComplaintOutcome.values:
        raise ValidationError({"outcome": "Select the outcome"})
    transition(
        complaint,
        event,
        machine_cls=ComplaintMachine,
        history_model=ComplaintStatusChange,
        history_fk="complaint",
        actor=actor,
        occurred_at=midday(on),
        person=person,
    )
    if event == "escalate_to_stage_2":
        complaint.stage_2_started_on = on
    elif event == "escalate_to_stage_3":
        complaint.stage_3_requested_on = on
    else:
        complaint.closed_on = on
        complaint.outcome = outcome
    complaint.save()
    changed(person)
    return complaint


@transaction.atomic
def record_child_views(
    *,
    actor: User,
    person: Person,
    given_on: date,
    meeting: str,
    method: str,
    views: str,
    meeting_kind: str = "",
    meeting_date: date | None = None,
) -> ChildViews:
    """Record the child's views, in their own words, before a meeting (e.g. a review)."""
    require(actor, Permission.RECORD_RIGHTS)
    not_in_future(given_on, field="given_on", label="The date the views were given")
    if method not in pcodes.VIEWS_METHOD:
        raise ValidationError({"method": "Select how the child gave their views"})
    row = ChildViews.objects.create(
        person=person,
        given_on=given_on,
        meeting=required("meeting", meeting, "Enter which meeting the views are for"),
        meeting_kind=meeting_kind.strip(),
        meeting_date=meeting_date,
        method=method,
        views=required("views", views, "Enter the child's views in their own words"),
        recorded_by=actor,
    )
    _created(actor, person, row, "Recorded the child's views", {"given_on": given_on, "meeting": row.meeting})
    return row
