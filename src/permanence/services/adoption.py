"""Adoption: the agency decision maker's decision, then authority to place, the match, the
placement and the order (or the decision reversed), each on its date (SSDA903 A1–A3, PLACED_ADOPTION)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission, require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from codes import permanence as pcodes
from codes import ssda903
from core.extensions import changed
from core.validation import not_before, not_in_future
from core.workflow import midday, transition
from people.models import Person

from ..machines import AdoptionMachine
from ..models import AdoptionCase, AdoptionStatusChange

ADOPTION_EVENT_FIELD = {
    "authorise": "authority_date",
    "match": "matched_date",
    "place": "placed_date",
    "adopt": "adoption_order_date",
    "reverse": "reversed_date",
}
# The details a step records besides its date.
ADOPTION_EVENT_DETAILS = {
    "match": (
        "number_of_adopters",
        "adopter_sex",
        "adopter_legal_status",
        "adopted_by_foster_carer",
        "foster_placement_start",
    ),
    "reverse": ("reversed_reason",),
}


@transaction.atomic
def decide_adoption(*, actor: User, person: Person, adm_decision_date: date) -> AdoptionCase:
    """The agency decision maker's "should be placed for adoption" decision starts the case."""
    require(actor, Permission.RECORD_PERMANENCE)
    not_in_future(adm_decision_date, field="adm_decision_date", label="The decision date")
    if AdoptionCase.objects.filter(person=person).exclude(status__in=["ADOPTED", "REVERSED"]).exists():
        raise ValidationError({"adm_decision_date": "This child already has an adoption plan"})
    case = AdoptionCase.objects.create(person=person, adm_decision_date=adm_decision_date, created_by=actor)
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        person,
        case,
        "Recorded the decision that the child should be placed for adoption",
        changes={"adm_decision_date": adm_decision_date},
    )
    return case


def _check_match(details: dict[str, Any]) -> None:
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


@transaction.atomic
def advance_adoption(
    *, actor: User, case: AdoptionCase, event: str, on: date, details: dict[str, Any] | None = None
) -> AdoptionCase:
    """Move the adoption on one step (authorise, match, place, adopt, reverse) on date `on`.

    `details`: for "match", adopter details (number_of_adopters, adopter_sex,
    adopter_legal_status, adopted_by_foster_carer, foster_placement_start); for "reverse",
    reversed_reason (RD1–RD4). Each date must not precede the previous step's.
    """
    require(actor, Permission.RECORD_PERMANENCE)
    details = details or {}
    field = ADOPTION_EVENT_FIELD.get(event)
    if field is None:
        raise ValidationError({"event": "Unknown step"})
    not_in_future(on, field="on", label="The date")
    steps = [case.adm_decision_date, case.authority_date, case.matched_date, case.placed_date]
    latest = max(d for d in steps if d is not None)
    if event != "match":
        not_before("on", on, latest, f"The date must be on or after {latest:%-d %B %Y}, the previous step")
    else:
        not_before("on", on, case.adm_decision_date, "The match must be on or after the decision")
    if event == "reverse" and details.get("reversed_reason") not in ssda903.REASON_PLACED_CEASED:
        raise ValidationError({"reversed_reason": "Select why the decision was reversed"})
    if event == "match":
        _check_match(details)
    transition(
        case,
        event,
        machine_cls=AdoptionMachine,
        history_model=AdoptionStatusChange,
        history_fk="adoption",
        actor=actor,
        occurred_at=midday(on),
        reason=ssda903.REASON_PLACED_CEASED.label(details.get("reversed_reason", ""))
        if event == "reverse"
        else "",
        person=case.person,
    )
    setattr(case, field, on)
    for key in ADOPTION_EVENT_DETAILS.get(event, ()):
        if key in details and details[key] not in (None, ""):
            setattr(case, key, details[key])
    case.save()
    changed(case.person)
    return case
