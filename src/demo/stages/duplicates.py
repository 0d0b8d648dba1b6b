"""Demo: a few parents recorded twice, as a busy front door does (the family name mistyped,
the date of birth with day and month swapped, the given name as an initial), then the nightly
duplicate sweep over the borough, so the data-quality team's review queue has believable
pairs. Each second record is made by a front-door screener through `people.services`; the
sweep is `quality.services.sweep_for_duplicates`, as the schedule runs it."""

from datetime import date

from accounts.permissions import Role
from demo.stages.base import StageContext
from people.models import Person
from people.services import create_person
from quality.services import sweep_for_duplicates

SLIPS = ("family name mistyped", "day and month swapped", "given name as an initial")


def _mistyped(name: str, at: int) -> str:
    """Two neighbouring letters of `name` swapped, away from its first letter."""
    if len(name) < 4:
        return name + name[-1]
    at = 1 + at % (len(name) - 2)
    return name[:at] + name[at + 1] + name[at] + name[at + 2 :]


def _retyped(person: Person, slip: str, at: int) -> dict[str, object]:
    given, family, born = person.given_name, person.family_name, person.date_of_birth
    if slip == "day and month swapped" and born and born.day <= 12 and born.day != born.month:
        born = date(born.year, born.day, born.month)
    elif slip == "given name as an initial":
        given = given[0]
    else:
        family = _mistyped(family, at)
    return {
        "record_type": person.record_type,
        "given_name": given,
        "family_name": family,
        "date_of_birth": born,
        "sex": person.sex,
    }


def run(ctx: StageContext) -> None:
    rng = ctx.rng
    adults = list(
        Person.objects.active()
        .filter(record_type="ADULT", date_of_birth__isnull=False)
        .order_by("la_child_id")
    )
    if not adults:
        return
    screener = ctx.pick_staff(Role.FRONT_DOOR)
    count = max(3, min(8, len(adults) // 40))
    chosen = rng.sample(adults, min(count, len(adults)))
    swappable = [p for p in adults if (born := p.date_of_birth) and born.day <= 12 and born.day != born.month]
    if swappable and len(chosen) > 1:  # the second slip, day and month swapped, needs such a date
        chosen[1] = next((p for p in swappable if p not in chosen), chosen[1])
    for index, person in enumerate(chosen):
        create_person(actor=screener, data=_retyped(person, SLIPS[index % len(SLIPS)], rng.randrange(10)))
    sweep = sweep_for_duplicates(actor=None)
    ctx.progress(f"Duplicates: {sweep.proposed} possible duplicate pairs awaiting review")
