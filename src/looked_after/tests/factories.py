"""Test helpers for every stage: placements, periods of care and reviews recorded through the
looked-after services."""

from datetime import date
from typing import Any

from accounts.models import User
from looked_after import services
from looked_after.models import LACReview, PeriodOfCare
from looked_after.services import PlacementDetails
from people.models import Person


def foster(name: str = "Mr and Mrs Okafor", **extra) -> PlacementDetails:  # type: ignore[no-untyped-def]
    return PlacementDetails(
        placement_type=extra.pop("placement_type", "U6"),
        provider=extra.pop("provider", "PR1"),
        carer_name=name,
        postcode="L8 1AB",
        **extra,
    )


def with_parents(provider: str = "PR0") -> PlacementDetails:
    """Placed with Ms Hughes, the child's parent."""
    return foster("Ms Hughes", placement_type="P1", provider=provider)


def take_into_care(
    actor: User,
    person: Person,
    start_date: date = date(2024, 3, 14),
    legal_status: str = "V2",
    need: str = "N1",
    placement: PlacementDetails | None = None,
) -> PeriodOfCare:
    """`actor` records that `person` starts to be looked after on `start_date` (voluntarily,
    for abuse or neglect, with foster carers unless said)."""
    return services.start_care(
        actor=actor,
        person=person,
        start_date=start_date,
        legal_status=legal_status,
        category_of_need=need,
        placement=placement or foster(),
    )


def hold_review(
    actor: User, period: PeriodOfCare, held_on: date = date(2024, 4, 10), **extra: Any
) -> LACReview:
    """A looked-after review of `period` recorded by `actor`: the child took part in person
    (PN1) and met the IRO, unless said."""
    return services.record_review(
        actor=actor,
        period=period,
        held_on=held_on,
        participation=extra.pop("participation", "PN1"),
        iro_met_child=extra.pop("iro_met_child", True),
        **extra,
    )
