"""Who is behind a figure: its rows broken down by sex, age band, ethnic group and disability,
so over-represented groups can be seen (the DfE's age bands and main ethnic groups), each
group set beside its share of the authority's children where the year's population by that
characteristic is recorded (`PopulationGroup`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from people.models import Person, PersonDisability

from .catalogue import Item
from .models import PopulationGroup
from .periods import Period, collection_year_ending

AGE_BANDS = [("Unborn", None, -1), ("Under 1", 0, 0), ("1 to 4", 1, 4), ("5 to 9", 5, 9), ("10 to 15", 10, 15),
             ("16 and 17", 16, 17), ("18 and over", 18, 200)]  # fmt: skip
ETHNIC_GROUPS = {"W": "White", "M": "Mixed or multiple", "A": "Asian or Asian British",
                 "B": "Black, African, Caribbean or Black British", "C": "Other ethnic group", "O": "Other ethnic group"}  # fmt: skip
SEXES = {"M": "Male", "F": "Female"}
# The groups the child population is recorded in, by characteristic (children aged 0 to 17:
# no unborn children, no young people of 18 and over).
POPULATION_GROUPS: dict[str, list[str]] = {
    "Sex": list(SEXES.values()),
    "Age": [label for label, low, _ in AGE_BANDS if low is not None and low < 18],
    "Ethnic group": list(dict.fromkeys(ETHNIC_GROUPS.values())),
}


@dataclass(frozen=True)
class Share:
    group: str
    count: int
    percent: float
    population_percent: float | None = None  # the group's share of the authority's children


def population_groups(period: Period) -> dict[str, dict[str, int]]:
    """The child population by characteristic and group for the collection year holding the
    period's end: each characteristic as recorded for that year, else the latest earlier year
    it was recorded for, else the earliest (one query)."""
    year = collection_year_ending(period.end)
    by_year: dict[int, dict[str, dict[str, int]]] = {}
    for recorded, characteristic, group, children in PopulationGroup.objects.values_list(
        "population__year", "characteristic", "group", "children"
    ):
        by_year.setdefault(recorded, {}).setdefault(characteristic, {})[group] = children
    found: dict[str, dict[str, int]] = {}
    for characteristic in POPULATION_GROUPS:
        years = sorted(y for y, held in by_year.items() if characteristic in held)
        if years:
            earlier = [y for y in years if y <= year]
            found[characteristic] = by_year[earlier[-1] if earlier else years[0]][characteristic]
    return found


def _age(born: date | None, on: date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_band(born: date | None, on: date) -> str:
    age = _age(born, on)
    if age is None:
        return "Not recorded"
    for label, low, high in AGE_BANDS[1:]:
        if low is not None and low <= age <= high:
            return label
    return "Unborn"


def ethnic_group(code: str) -> str:
    if code in ("REFU", "NOBT", "NONE", ""):
        return "Refused or not known"
    return ETHNIC_GROUPS.get(code[0], "Refused or not known")


def breakdown(
    items: Sequence[Item], population: dict[str, dict[str, int]] | None = None
) -> dict[str, list[Share]]:
    """Each characteristic's groups, counting the figure's rows (two queries), each beside
    the group's share of the `population` (`population_groups`) where it is recorded."""
    population = population or {}
    ids = {i.subject_id for i in items}
    people = {
        p["pk"]: p
        for p in Person.objects.filter(pk__in=ids).values("pk", "sex", "date_of_birth", "ethnicity")
    }
    disabled = set(PersonDisability.objects.filter(person_id__in=ids).values_list("person_id", flat=True))
    counters: dict[str, Counter[str]] = {
        "Sex": Counter(),
        "Age": Counter(),
        "Ethnic group": Counter(),
        "Disability": Counter(),
    }
    for item in items:
        person = people[item.subject_id]
        counters["Sex"][SEXES.get(person["sex"], "Not known")] += 1
        counters["Age"][age_band(person["date_of_birth"], item.on)] += 1
        counters["Ethnic group"][ethnic_group(person["ethnicity"] or "")] += 1
        counters["Disability"]["Disabled" if item.subject_id in disabled else "No disability recorded"] += 1
    total = len(items)
    out: dict[str, list[Share]] = {}
    for name, counter in counters.items():
        groups = population.get(name, {})
        everyone = sum(groups.values())
        for group in groups:  # groups of the population no row falls in, at 0
            counter.setdefault(group, 0)
        out[name] = [
            Share(
                group,
                n,
                round(100 * n / total, 1) if total else 0.0,
                round(100 * groups[group] / everyone, 1) if everyone and group in groups else None,
            )
            for group, n in sorted(counter.items(), key=lambda kv: -kv[1])
        ]
    return out
