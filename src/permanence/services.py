"""Permanence and court services. Each takes the acting user, is atomic, validated and audited;
statuses change only through `core.workflow.transition` over the machines in `machines.py`."""

from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

import timescales
from accounts.models import User
from accounts.permissions import Permission
from audit import services as auditor
from audit.models import AuditAction
from codes import permanence as pcodes
from codes import ssda903
from core.workflow import transition
from people.models import Person

from . import clocks, queries
from .machines import AdoptionMachine, CareProceedingsMachine, ContactSessionMachine, PreProceedingsMachine
from .models import (
    AdoptionCase,
    AdoptionStatusChange,
    CareProceedings,
    CareProceedingsStatusChange,
    ContactSession,
    ContactSessionStatusChange,
    ContactStatus,
    CourtOrder,
    PLOMeeting,
    PreProceedings,
    PreProceedingsStatusChange,
    PreviousPermanence,
    ProceedingsExtension,
)
from .partial_dates import parse_partial_date


def _check(actor: User) -> None:
    if not actor.has_perm(Permission.RECORD_PERMANENCE.value):
        raise PermissionDenied(Permission.RECORD_PERMANENCE.value)


def _past(field: str, value: date | None, label: str) -> None:
    if value is not None and value > timezone.localdate():
        raise ValidationError({field: f"{label} must be today or in the past"})


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def _not_before(field: str, value: date, earlier: date | None, message: str) -> None:
    if earlier is not None and value < earlier:
        raise ValidationError({field: message})


# --- Pre-proceedings (PLO) ------------------------------------------------------------------


@transaction.atomic
def start_pre_proceedings(
    *, actor: User, person: Person, decision_date: date, letter_date: date | None = None
) -> PreProceedings:
    _check(actor)
    _past("decision_date", decision_date, "The decision date")
    _past("letter_date", letter_date, "The letter date")
    if letter_date:
        _not_before(
            "letter_date", letter_date, decision_date, "The letter date must be on or after the decision"
        )
    if PreProceedings.objects.filter(person=person, status="OPEN").exists():
        raise ValidationError({"decision_date": "This child is already in pre-proceedings"})
    plo = PreProceedings.objects.create(
        person=person, decision_date=decision_date, letter_date=letter_date, created_by=actor
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=plo,
        summary="Started pre-proceedings",
        changes={"decision_date": decision_date, "letter_date": letter_date},
    )
    return plo


@transaction.atomic
def record_plo_meeting(
    *,
    actor: User,
    plo: PreProceedings,
    held_on: date,
    parents_legally_represented: bool = False,
    notes: str = "",
) -> PLOMeeting:
    _check(actor)
    _past("held_on", held_on, "The meeting date")
    _not_before("held_on", held_on, plo.decision_date, "The meeting must be on or after the decision")
    meeting = PLOMeeting.objects.create(
        pre_proceedings=plo,
        held_on=held_on,
        parents_legally_represented=parents_legally_represented,
        notes=notes.strip(),
        recorded_by=actor,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=plo.person,
        obj=meeting,
        summary="Recorded a pre-proceedings meeting",
        changes={"held_on": held_on},
    )
    return meeting


@transaction.atomic
def step_down_pre_proceedings(
    *, actor: User, plo: PreProceedings, outcome_date: date, reason: str = ""
) -> PreProceedings:
    _check(actor)
    _past("outcome_date", outcome_date, "The date")
    _not_before("outcome_date", outcome_date, plo.decision_date, "The date must be on or after the decision")
    transition(
        plo,
        "step_down",
        machine_cls=PreProceedingsMachine,
        history_model=PreProceedingsStatusChange,
        history_fk="pre_proceedings",
        actor=actor,
        occurred_at=_at(outcome_date),
        reason=reason,
        person=plo.person,
    )
    plo.outcome_date = outcome_date
    plo.save(update_fields=["outcome_date"])
    return plo


# --- Care proceedings with the 26-week clock ------------------------------------------------


@transaction.atomic
def issue_proceedings(
    *, actor: User, person: Person, issue_date: date, court_reference: str = ""
) -> CareProceedings:
    """Record care proceedings issued; an open pre-proceedings for the child moves to ISSUED."""
    _check(actor)
    _past("issue_date", issue_date, "The issue date")
    if CareProceedings.objects.filter(person=person, status="OPEN").exists():
        raise ValidationError({"issue_date": "This child already has open care proceedings"})
    deadline = timescales.compute_deadline("care_proceedings", issue_date)
    plo = PreProceedings.objects.filter(person=person, status="OPEN").first()
    proceedings = CareProceedings.objects.create(
        person=person,
        issue_date=issue_date,
        court_reference=court_reference.strip(),
        pre_proceedings=plo,
        statutory_due=deadline.statutory_due,
        calendar_version=deadline.calendar_version,
        created_by=actor,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=proceedings,
        summary="Recorded care proceedings issued",
        changes={"issue_date": issue_date, "statutory_due": deadline.statutory_due},
    )
    if plo is not None:
        transition(
            plo,
            "issue",
            machine_cls=PreProceedingsMachine,
            history_model=PreProceedingsStatusChange,
            history_fk="pre_proceedings",
            actor=actor,
            occurred_at=_at(issue_date),
            person=person,
        )
        plo.outcome_date = issue_date
        plo.save(update_fields=["outcome_date"])
    return proceedings


@transaction.atomic
def extend_proceedings(
    *, actor: User, proceedings: CareProceedings, granted_on: date, weeks: int, reason: str
) -> ProceedingsExtension:
    """Record an extension granted by the court (s32(5): up to 8 weeks each, with a reason)."""
    _check(actor)
    if proceedings.status != "OPEN":
        raise ValidationError({"weeks": "These proceedings have concluded"})
    if not 1 <= weeks <= clocks.MAX_EXTENSION_WEEKS:
        raise ValidationError({"weeks": "An extension must be between 1 and 8 weeks"})
    if not reason.strip():
        raise ValidationError({"reason": "Enter the reason the court gave for the extension"})
    _past("granted_on", granted_on, "The date the extension was granted")
    _not_before(
        "granted_on", granted_on, proceedings.issue_date, "The extension must be after the issue date"
    )
    extension = ProceedingsExtension.objects.create(
        proceedings=proceedings, granted_on=granted_on, weeks=weeks, reason=reason.strip(), recorded_by=actor
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=proceedings.person,
        obj=extension,
        summary=f"Recorded an extension of {weeks} weeks",
        changes={"weeks": weeks, "new_limit": queries.current_limit(proceedings)},
        reason=reason,
    )
    return extension


@transaction.atomic
def conclude_proceedings(
    *, actor: User, proceedings: CareProceedings, concluded_on: date, outcome: str
) -> CareProceedings:
    _check(actor)
    if outcome not in pcodes.PROCEEDINGS_OUTCOME:
        raise ValidationError({"outcome": "Select the outcome"})
    _past("concluded_on", concluded_on, "The date")
    _not_before(
        "concluded_on", concluded_on, proceedings.issue_date, "The date must be on or after the issue date"
    )
    transition(
        proceedings,
        "conclude",
        machine_cls=CareProceedingsMachine,
        history_model=CareProceedingsStatusChange,
        history_fk="proceedings",
        actor=actor,
        occurred_at=_at(concluded_on),
        reason=pcodes.PROCEEDINGS_OUTCOME.label(outcome),
        person=proceedings.person,
    )
    proceedings.concluded_on = concluded_on
    proceedings.outcome = outcome
    proceedings.save(update_fields=["concluded_on", "outcome"])
    return proceedings


@transaction.atomic
def record_order(
    *,
    actor: User,
    person: Person,
    order_type: str,
    made_on: date,
    ended_on: date | None = None,
    proceedings: CareProceedings | None = None,
) -> CourtOrder:
    _check(actor)
    if order_type not in pcodes.ORDER_TYPE:
        raise ValidationError({"order_type": "Select the type of order"})
    _past("made_on", made_on, "The date the order was made")
    if ended_on is not None:
        _not_before(
            "ended_on", ended_on, made_on, "The end date must be on or after the date the order was made"
        )
    order = CourtOrder.objects.create(
        person=person,
        order_type=order_type,
        made_on=made_on,
        ended_on=ended_on,
        proceedings=proceedings,
        recorded_by=actor,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=order,
        summary=f"Recorded a {pcodes.ORDER_TYPE.label(order_type).lower()}",
        changes={"order_type": order_type, "made_on": made_on, "ended_on": ended_on},
    )
    return order


# --- Adoption -------------------------------------------------------------------------------


@transaction.atomic
def decide_adoption(*, actor: User, person: Person, adm_decision_date: date) -> AdoptionCase:
    """The agency decision maker's "should be placed for adoption" decision starts the case."""
    _check(actor)
    _past("adm_decision_date", adm_decision_date, "The decision date")
    if AdoptionCase.objects.filter(person=person).exclude(status__in=["ADOPTED", "REVERSED"]).exists():
        raise ValidationError({"adm_decision_date": "This child already has an adoption plan"})
    case = AdoptionCase.objects.create(person=person, adm_decision_date=adm_decision_date, created_by=actor)
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=case,
        summary="Recorded the decision that the child should be placed for adoption",
        changes={"adm_decision_date": adm_decision_date},
    )
    return case


ADOPTION_EVENT_FIELD = {
    "authorise": "authority_date",
    "match": "matched_date",
    "place": "placed_date",
    "adopt": "adoption_order_date",
    "reverse": "reversed_date",
}


@transaction.atomic
def advance_adoption(
    *, actor: User, case: AdoptionCase, event: str, on: date, details: dict[str, Any] | None = None
) -> AdoptionCase:
    """Move the adoption on one step (authorise, match, place, adopt, reverse) on date `on`.

    `details`: for "match", adopter details (number_of_adopters, adopter_sex,
    adopter_legal_status, adopted_by_foster_carer, foster_placement_start); for "reverse",
    reversed_reason (RD1–RD4). Each date must not precede the previous step's.
    """
    _check(actor)
    details = details or {}
    field = ADOPTION_EVENT_FIELD.get(event)
    if field is None:
        raise ValidationError({"event": "Unknown step"})
    _past("on", on, "The date")
    steps = [case.adm_decision_date, case.authority_date, case.matched_date, case.placed_date]
    latest = max(d for d in steps if d is not None)
    if event != "match":
        _not_before("on", on, latest, f"The date must be on or after {latest:%-d %B %Y}, the previous step")
    else:
        _not_before("on", on, case.adm_decision_date, "The match must be on or after the decision")
    if event == "reverse" and details.get("reversed_reason") not in ssda903.REASON_PLACED_CEASED:
        raise ValidationError({"reversed_reason": "Select why the decision was reversed"})
    if event == "match":
        if details.get("adopter_sex") and details["adopter_sex"] not in pcodes.ADOPTER_SEX:
            raise ValidationError({"adopter_sex": "Select the adopters' sex"})
        if (
            details.get("adopter_legal_status")
            and details["adopter_legal_status"] not in pcodes.ADOPTER_LEGAL_STATUS
        ):
            raise ValidationError({"adopter_legal_status": "Select the adopters' legal status"})
        if details.get("adopted_by_foster_carer") and not details.get("foster_placement_start"):
            raise ValidationError(
                {"foster_placement_start": "Enter the date the child was placed with the foster carer"}
            )
    transition(
        case,
        event,
        machine_cls=AdoptionMachine,
        history_model=AdoptionStatusChange,
        history_fk="adoption",
        actor=actor,
        occurred_at=_at(on),
        reason=ssda903.REASON_PLACED_CEASED.label(details.get("reversed_reason", ""))
        if event == "reverse"
        else "",
        person=case.person,
    )
    setattr(case, field, on)
    allowed = {
        "match": (
            "number_of_adopters",
            "adopter_sex",
            "adopter_legal_status",
            "adopted_by_foster_carer",
            "foster_placement_start",
        ),
        "reverse": ("reversed_reason",),
    }.get(event, ())
    for key in allowed:
        if key in details and details[key] not in (None, ""):
            setattr(case, key, details[key])
    case.save()
    return case


# --- Previous permanence --------------------------------------------------------------------


@transaction.atomic
def record_previous_permanence(
    *, actor: User, person: Person, prev_perm: str, la_perm: str = "", date_perm: str = ""
) -> PreviousPermanence:
    """Record what permanence the child had before starting care (903 previous permanence)."""
    _check(actor)
    if prev_perm not in ssda903.PREVIOUS_PERMANENCE:
        raise ValidationError(
            {"prev_perm": "Select whether the child was previously adopted or under an order"}
        )
    date_perm = date_perm.strip().lower()
    if prev_perm in ("P4", "Z1"):
        la_perm, date_perm = "", ""
    elif date_perm:
        try:
            parse_partial_date(date_perm)
        except ValueError:
            raise ValidationError(
                {
                    "date_perm": "Enter the date as dd/mm/yyyy, using zz for an unknown day or month (zz/zz/2015)"
                }
            ) from None
    values = {
        "prev_perm": prev_perm,
        "la_perm": la_perm.strip(),
        "date_perm": date_perm,
        "recorded_by": actor,
    }
    row, created = PreviousPermanence.objects.update_or_create(person=person, defaults=values)
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        person=person,
        obj=row,
        summary="Recorded previous permanence",
        changes={k: v for k, v in values.items() if k != "recorded_by"},
    )
    return row


# --- Supervised contact ---------------------------------------------------------------------


@transaction.atomic
def schedule_contact(
    *,
    actor: User,
    person: Person,
    with_whom: str,
    centre: str,
    room: str,
    supervisor: User,
    starts_at: datetime,
    ends_at: datetime,
) -> ContactSession:
    """Book a supervised contact session; refuse a supervisor or room already booked then."""
    _check(actor)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "The end time must be after the start time"})
    if not with_whom.strip():
        raise ValidationError({"with_whom": "Enter who the contact is with"})
    live = ContactSession.objects.select_for_update().filter(
        status=ContactStatus.SCHEDULED, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if live.filter(supervisor=supervisor).exists():
        raise ValidationError(
            {"supervisor": f"{supervisor.display_name} is already supervising contact at that time"}
        )
    if live.filter(centre__iexact=centre.strip(), room__iexact=room.strip()).exists():
        raise ValidationError({"room": "That room is already booked at that time"})
    session = ContactSession.objects.create(
        person=person,
        with_whom=with_whom.strip(),
        centre=centre.strip(),
        room=room.strip(),
        supervisor=supervisor,
        starts_at=starts_at,
        ends_at=ends_at,
        created_by=actor,
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        person=person,
        obj=session,
        summary="Scheduled a supervised contact session",
        changes={"starts_at": starts_at, "supervisor": supervisor.pk, "room": session.room},
    )
    return session


@transaction.atomic
def record_contact_held(*, actor: User, session: ContactSession) -> ContactSession:
    _check(actor)
    if session.starts_at > timezone.now():
        raise ValidationError({"session": "A session cannot be recorded as held before it starts"})
    transition(
        session,
        "hold",
        machine_cls=ContactSessionMachine,
        history_model=ContactSessionStatusChange,
        history_fk="session",
        actor=actor,
        occurred_at=session.starts_at,
        person=session.person,
    )
    return session


@transaction.atomic
def cancel_contact(*, actor: User, session: ContactSession, cancelled_by: str, reason: str) -> ContactSession:
    """Cancel a session, recording who cancelled (parent, carer, child, LA, other) and why."""
    _check(actor)
    if cancelled_by not in pcodes.CONTACT_CANCELLED_BY:
        raise ValidationError({"cancelled_by": "Select who cancelled the session"})
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the session was cancelled"})
    transition(
        session,
        "cancel",
        machine_cls=ContactSessionMachine,
        history_model=ContactSessionStatusChange,
        history_fk="session",
        actor=actor,
        reason=reason.strip(),
        person=session.person,
    )
    session.cancelled_by = cancelled_by
    session.cancellation_reason = reason.strip()
    session.save(update_fields=["cancelled_by", "cancellation_reason"])
    return session
