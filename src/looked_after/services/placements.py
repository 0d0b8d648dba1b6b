"""Placements: what a worker records about where the child lives, and a service manager's
approval of a placement with parents."""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission
from accounts.permissions import require as _require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from codes import ssda903
from core.validation import not_in_future

from ..models import Placement, VisitRegime

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
    audit_and_tell(
        actor,
        AuditAction.UPDATE,
        placement.person,
        placement,
        "Approved placement with parents",
        changes={"approved_on": approved_on, "review_on": review_on},
    )
    return placement
