"""Test helpers for every stage: care leavers' birthday contacts recorded through the care
leavers' services."""

from datetime import date

from accounts.models import User
from care_leavers import services
from care_leavers.models import BirthdayStatus
from people.models import Person


def in_touch_at_birthday(
    actor: User, person: Person, age: int, on: date, activity: str, accommodation: str, suitability: str = "1"
) -> BirthdayStatus:
    """`actor` records that the young person was in touch on `on`, around their `age`th
    birthday, doing `activity` and living in `accommodation` (suitable unless said)."""
    return services.record_birthday_status(
        actor=actor,
        person=person,
        age=age,
        contact_date=on,
        in_touch="YES",
        activity=activity,
        accommodation=accommodation,
        suitability=suitability,
    )
