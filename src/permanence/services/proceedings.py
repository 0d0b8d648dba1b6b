"""Care proceedings with the 26-week limit and its extensions, and the court's orders."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

import timescales
from accounts.models import User
from accounts.permissions import Permission, require
from audit import services as auditor
from audit.changes import audit_and_tell
from audit.models import AuditAction
from codes import permanence as pcodes
from core.extensions import changed
from core.validation import not_before, not_in_future, required
from core.workflow import midday, transition
from people.models import Person

from .. import clocks, queries
from ..machines import CareProceedingsMachine
from ..models import (
    CareProceedings,
    CareProceedingsStatusChange,
    CourtOrder,
    PreProceedings,
    ProceedingsExtension,
    ProceedingsStatus,
)
from .pre_proceedings import end_pre_proceedings


@transaction.atomic
def issue_proceedings(
    *, actor: User, person: Person, issue_date: date, court_reference: str = ""
) -> CareProceedings:
    """Record care proceedings issued; an open pre-proceedings for the child moves to ISSUED."""
    require(actor, Permission.RECORD_PERMANENCE)
    not_in_future(issue_date, field="issue_date", label="The issue date")
    if CareProceedings.objects.filter(person=person, status=ProceedingsStatus.OPEN).exists():
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
        end_pre_proceedings(plo, "issue", actor=actor, on=issue_date)
    changed(person)
    return proceedings


@transaction.atomic
def extend_proceedings(
    *, actor: User, proceedings: CareProceedings, granted_on: date, weeks: int, reason: str
) -> ProceedingsExtension:
    """Record an extension granted by the court (s32(5): up to 8 weeks each, with a reason)."""
    require(actor, Permission.RECORD_PERMANENCE)
    if proceedings.status != "OPEN":
        raise ValidationError({"weeks": "These proceedings have concluded"})
    if not 1 <= weeks <= clocks.MAX_EXTENSION_WEEKS:
        raise ValidationError({"weeks": "An extension must be between 1 and 8 weeks"})
    required("reason", reason, "Enter the reason the court gave for the extension")
    not_in_future(granted_on, field="granted_on", label="The date the extension was granted")
    not_before("granted_on", granted_on, proceedings.issue_date, "The extension must be after the issue date")
    extension = ProceedingsExtension.objects.create(
        proceedings=proceedings, granted_on=granted_on, weeks=weeks, reason=reason.strip(), recorded_by=actor
    )
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        proceedings.person,
        extension,
        f"Recorded an extension of {weeks} weeks",
        changes={"weeks": weeks, "new_limit": queries.current_limit(proceedings)},
        reason=reason,
    )
    return extension


@transaction.atomic
def conclude_proceedings(
    *, actor: User, proceedings: CareProceedings, concluded_on: date, outcome: str
) -> CareProceedings:
    require(actor, Permission.RECORD_PERMANENCE)
    if outcome not in pcodes.PROCEEDINGS_OUTCOME:
        raise ValidationError({"outcome": "Select the outcome"})
    not_in_future(concluded_on, field="concluded_on", label="The date")
    not_before(
        "concluded_on", concluded_on, proceedings.issue_date, "The date must be on or after the issue date"
    )
    transition(
        proceedings,
        "conclude",
        machine_cls=CareProceedingsMachine,
        history_model=CareProceedingsStatusChange,
        history_fk="proceedings",
        actor=actor,
        occurred_at=midday(concluded_on),
        reason=pcodes.PROCEEDINGS_OUTCOME.label(outcome),
        person=proceedings.person,
    )
    proceedings.concluded_on = concluded_on
    proceedings.outcome = outcome
    proceedings.save(update_fields=["concluded_on", "outcome"])
    changed(proceedings.person)
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
    require(actor, Permission.RECORD_PERMANENCE)
    if order_type not in pcodes.ORDER_TYPE:
        raise ValidationError({"order_type": "Select the type of order"})
    not_in_future(made_on, field="made_on", label="The date the order was made")
    if ended_on is not None:
        not_before(
            "ended_on", ended_on, made_on, "The end date must be on or after the date the order was made"
        )
    if proceedings is None:
        # An order made while the child's care proceedings are open is made in them.
        proceedings = CareProceedings.objects.filter(person=person, status=ProceedingsStatus.OPEN).first()
    order = CourtOrder.objects.create(
        person=person,
        order_type=order_type,
        made_on=made_on,
        ended_on=ended_on,
        proceedings=proceedings,
        recorded_by=actor,
    )
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        person,
        order,
        f"Recorded a {pcodes.ORDER_TYPE.label(order_type).lower()}",
        changes={"order_type": order_type, "made_on": made_on, "ended_on": ended_on},
    )
    return order
