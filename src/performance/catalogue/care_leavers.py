"""Care leavers at their 17th to 21st birthdays (SSDA903 OC3; DfE Children looked after in
England: care leavers), for the two age groups the DfE publishes."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q

from care_leavers.models import BirthdayStatus

from ..periods import Period, add_months
from .base import Item, Polarity, Source, Unit, declare
from .query import dmy, known

FAMILY = "Care leavers"
IN_EDUCATION_EMPLOYMENT_OR_TRAINING = frozenset({"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5"})
AGE_GROUPS = {"17_18": (17, 18), "19_21": (19, 20, 21)}

MEASURES = {
    "in_touch": (
        "in touch",
        "the authority was in touch with the young person around their birthday (IN_TOUCH Yes)",
        lambda row: row["in_touch"] == "YES",
    ),
    "eet": (
        "in education, employment or training",
        "the young person's main activity was education, employment or training (ACTIV F1–P5)",
        lambda row: row["activity"] in IN_EDUCATION_EMPLOYMENT_OR_TRAINING,
    ),
    "suitable_accommodation": (
        "in suitable accommodation",
        "the young person's accommodation was judged suitable",
        lambda row: row["suitability"] == "1",
    ),
}


def _statuses(ages: tuple[int, ...], measure) -> object:  # type: ignore[no-untyped-def]
    def items(period: Period) -> list[Item]:
        # Only the birthdays that can fall in the period are read (a day's margin either side
        # for a birthday on 29 February); which do is decided below, one way for every row.
        near = Q()
        for age in ages:
            near |= Q(
                age=age,
                person__date_of_birth__gte=add_months(period.start, -12 * age) - timedelta(days=1),
                person__date_of_birth__lte=add_months(period.end, -12 * age) + timedelta(days=1),
            )
        rows = BirthdayStatus.objects.filter(near, person__date_of_birth__isnull=False).values(
            "person_id", "age", "in_touch", "activity", "suitability", "person__date_of_birth"
        )
        found = []
        for row in rows:
            birthday = add_months(known(row["person__date_of_birth"]), 12 * row["age"])
            if period.contains(birthday):
                found.append(
                    Item(
                        row["person_id"],
                        birthday,
                        hit=measure(row),
                        what=f"{row['age']}th birthday {dmy(birthday)}",
                    )
                )
        return found

    return items


for group, ages in AGE_GROUPS.items():
    for key, (phrase, meaning, test) in MEASURES.items():
        label = f"{ages[0]}–{ages[-1]}"
        declare(
            id=f"care_leavers_{key}_{group}",
            title=f"Care leavers aged {label} {phrase}",
            definition=f"Of the care leavers whose {label.replace('–', ' to ')}th birthday fell in the period and "
            f"whose status was recorded for it, the percentage where {meaning}.",
            source=Source.CLA,
            unit=Unit.PERCENTAGE,
            polarity=Polarity.HIGHER,
            numerator=f"Care leavers {phrase}",
            denominator=f"Care leavers aged {label} with a birthday in the period",
            items=_statuses(ages, test),
            family=FAMILY,
        )
