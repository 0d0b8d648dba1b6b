"""The adoption scorecard's timeliness measures, for children adopted in the period (DfE
adoption scorecard A1, A2 and A10; Children looked after in England: adoptions)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from looked_after.models import PeriodOfCare
from permanence.models import AdoptionCase

from ..periods import Period
from .base import Item, Polarity, Source, Unit, declare
from .query import dmy, known, within

FAMILY = "Adoption"


def _adopted(period: Period) -> list[dict[str, Any]]:
    return [
        dict(case)
        for case in
        AdoptionCase.objects.filter(within("adoption_order_date", period), reversed_date__isnull=True).values(
            "person_id", "adoption_order_date", "authority_date", "matched_date", "placed_date",
            "adopted_by_foster_carer", "foster_placement_start",
        )
    ]  # fmt: skip


def _entered_care(cases: list[dict[str, Any]]) -> dict[int, list[date]]:
    starts: dict[int, list[date]] = defaultdict(list)
    for pid, start in PeriodOfCare.objects.filter(person_id__in={c["person_id"] for c in cases}).values_list(
        "person_id", "start_date"
    ):
        starts[pid].append(start)
    return starts


def _care_to_placement(foster_carer_counts: bool):  # type: ignore[no-untyped-def]
    def items(period: Period) -> list[Item]:
        cases = _adopted(period)
        starts = _entered_care(cases)
        found = []
        for case in cases:
            moved = case["placed_date"]
            if foster_carer_counts and case["adopted_by_foster_carer"] and case["foster_placement_start"]:
                moved = case["foster_placement_start"]
            entered = [s for s in starts[case["person_id"]] if moved and s <= moved]
            if moved is None or not entered:
                continue
            adopted = known(case["adoption_order_date"])
            days = (moved - max(entered)).days
            found.append(
                Item(case["person_id"], adopted, days=days, what=f"Adopted {dmy(adopted)}: {days} days")
            )
        return found

    return items


def _authority_to_match(period: Period) -> list[Item]:
    found = []
    for case in _adopted(period):
        if case["authority_date"] and case["matched_date"]:
            adopted = known(case["adoption_order_date"])
            days = (case["matched_date"] - case["authority_date"]).days
            found.append(
                Item(case["person_id"], adopted, days=days, what=f"Adopted {dmy(adopted)}: {days} days")
            )
    return found


for key, title, meaning, rows in (
    ("adoption_a1", "A1: entering care to moving in with the adoptive family",
     "from entering care to moving in with the adoptive family", _care_to_placement(False)),
    ("adoption_a10", "A10: entering care to moving in, foster carers' adoptions from when the child moved in",
     "from entering care to moving in with the adoptive family, a foster carer who adopts counted from the "
     "day the child moved in with them", _care_to_placement(True)),
    ("adoption_a2", "A2: authority to place to the match with the adoptive family",
     "from the court's authority to place (or consent) to the match with the adoptive family", _authority_to_match),
):  # fmt: skip
    declare(
        id=key,
        title=title,
        definition=f"For the children adopted in the period, the average number of days {meaning} "
        "(DfE adoption scorecard).",
        source=Source.CLA,
        unit=Unit.DAYS,
        polarity=Polarity.LOWER,
        numerator="Days, averaged over the children adopted",
        denominator="Children adopted in the period",
        items=rows,
        family=FAMILY,
    )
