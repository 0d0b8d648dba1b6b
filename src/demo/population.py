"""Synthetic families — children and the adults around them — as plain values.

A `FamilySpec` is everything the generator writes about one household: its people in the
order they are created, each person's addresses (oldest first), the relationships between
them, and the odd alert or immigration status. Nothing here touches the database: given
the same rng, Faker instance and anchor date, `FamilyFactory` makes the same families.

Three kinds of family:

* households: 1–5 children (sometimes with an unborn sibling, sometimes only an unborn
  baby), the mother, the children's fathers (half-siblings have different fathers and
  often different family names), sometimes the mother's partner or a step-parent, and
  occasionally a grandparent;
* care leavers aged 18–25, sometimes with their birth mother or a baby of their own;
* unaccompanied asylum-seeking children aged 14–17.
"""

import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from faker import Faker

from codes import person as codes
from people.models import RelationshipType
from people.services import NewAddress

from .identifiers import IdentifierIssuer
from .names import (
    BANKS,
    HERITAGES,
    UASC_ORIGINS,
    Heritage,
    NameMaker,
    Origin,
    Weighted,
    gendered,
    pick,
    pick_origin,
)
from .places import AddressBook
from .voice import identity_note, known_as

REL = RelationshipType
FAMILY_SIZES: Weighted = (("1", 28), ("2", 30), ("3", 21), ("4", 12), ("5", 9))
DISABILITIES: Weighted = (
    ("LD", 25), ("AUT", 25), ("COMM", 15), ("BEH", 12), ("MOB", 6), ("HEAR", 4), ("VIS", 4),
    ("PC", 3), ("HAND", 2), ("CON", 2), ("INC", 2), ("DDA", 5),
)  # fmt: skip
UPN_MISSING: Weighted = (("UN2", 30), ("UN3", 15), ("UN4", 35), ("UN5", 20))
CARE_LEAVER_AGES: Weighted = (
    ("18", 18),
    ("19", 18),
    ("20", 16),
    ("21", 15),
    ("22", 11),
    ("23", 9),
    ("24", 7),
    ("25", 6),
)
ALERTS: tuple[tuple[str, float, str], ...] = (
    ("STAFF_SAFETY", 25, "Father has been verbally aggressive to visiting staff. Visit in pairs."),
    ("DOG", 25, "Large dog at the address; ask for it to be put in another room before entering."),
    ("VIOLENCE", 20, "Police attended reports of domestic abuse at the address."),
    ("MEDICAL", 15, "Severe nut allergy: carries an adrenaline pen."),
    ("MAPPA", 5, "An adult linked to the child is managed under MAPPA; speak to the team manager."),
    ("COMMUNICATION", 10, "Mother is Deaf and uses BSL; book an interpreter for every visit."),
)


class FamilyKind(StrEnum):
    HOUSEHOLD = "household"
    CARE_LEAVER = "care_leaver"
    UASC = "uasc"


@dataclass
class PersonSpec:
    data: dict[str, Any]
    addresses: list[NewAddress] = field(default_factory=list)
    disabilities: tuple[str, ...] = ()
    father: int | None = None  # which of the family's fathers (0, 1): half-siblings differ

    @property
    def is_child(self) -> bool:
        return bool(self.data["record_type"] == "CHILD")

    @property
    def born(self) -> date | None:
        value: date | None = self.data.get("date_of_birth")
        return value


@dataclass(frozen=True)
class RelationshipSpec:
    a: int
    b: int
    type: str
    parental_responsibility: bool = False
    lives_with: bool = False
    start_date: date | None = None


@dataclass(frozen=True)
class AlertSpec:
    member: int
    kind: str
    details: str
    start_date: date


@dataclass(frozen=True)
class StatusSpec:
    member: int
    status: str
    start_date: date


@dataclass
class FamilySpec:
    kind: FamilyKind
    members: list[PersonSpec] = field(default_factory=list)
    relationships: list[RelationshipSpec] = field(default_factory=list)
    alerts: list[AlertSpec] = field(default_factory=list)
    statuses: list[StatusSpec] = field(default_factory=list)

    def add(self, person: PersonSpec) -> int:
        self.members.append(person)
        return len(self.members) - 1

    def relate(self, a: int, b: int, type_: str, **extra: Any) -> None:
        self.relationships.append(RelationshipSpec(a=a, b=b, type=type_, **extra))

    @property
    def children(self) -> list[int]:
        return [i for i, m in enumerate(self.members) if m.is_child]


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return date(day.year - years, 2, 28)


def age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@dataclass
class _Parents:
    """Who the children's parents are, while a household is being made."""

    mother: Heritage
    father: Heritage
    origin: Origin
    religion: str
    mother_name: tuple[str, str] = ("", "")  # given, current family name
    fathers: list[tuple[str, str]] = field(default_factory=list)  # (given, family base) of father 0 and 1
    surnames: dict[int, tuple[str, Heritage]] = field(default_factory=dict)  # children's, by father


class FamilyFactory:
    """Makes one family at a time from a seeded rng and Faker (see the module docstring)."""

    def __init__(
        self,
        rng: random.Random,
        fake: Faker,
        *,
        as_of: date,
        addresses: AddressBook,
        identifiers: IdentifierIssuer,
    ) -> None:
        self.rng = rng
        self.as_of = as_of
        self.names = NameMaker(rng, fake)
        self.book = addresses
        self.ids = identifiers

    # --- one family ---------------------------------------------------------------------

    def family(self, remaining_children: int) -> FamilySpec:
        roll = self.rng.random()
        if roll < 0.10:
            return self.care_leaver(remaining_children)
        if roll < 0.11:
            return self.uasc()
        return self.household(remaining_children)

    def household(self, remaining: int) -> FamilySpec:
        origin = pick_origin(self.rng)
        parents = _Parents(
            mother=HERITAGES[origin.mother],
            father=HERITAGES[origin.father],
            origin=origin,
            religion=pick(self.rng, self._faith_heritage(origin).religions),
        )
        born, expected = self._children_dates(remaining)
        mother_born = self._mother_born(born[0] if born else expected)
        if expected and age_on(mother_born, expected) > 44:
            expected = None
        split = self.rng.randint(1, len(born) - 1) if len(born) >= 2 and self.rng.random() < 0.3 else 0
        family = FamilySpec(kind=FamilyKind.HOUSEHOLD)
        self._name_parents(parents, has_previous=split > 0)
        home = self.book.home(self._move_in(mother_born))
        previous = (
            self.book.home(home.start_date - self._days(200, 6 * 365)) if self.rng.random() < 0.35 else None
        )
        kids = self._household_children(family, parents, born, expected, split, home, previous)
        self._household_adults(family, parents, kids, mother_born, split, home, previous)
        self._siblings(family, kids)
        self._maybe_alert(family, kids)
        return family

    def care_leaver(self, remaining: int) -> FamilySpec:
        family = FamilySpec(kind=FamilyKind.CARE_LEAVER)
        origin = pick_origin(self.rng)
        heritage = HERITAGES[origin.mother]
        age = int(pick(self.rng, CARE_LEAVER_AGES))
        born = years_before(self.as_of, age) - self._days(0, 364)
        has_baby = remaining >= 2 and age >= 19 and self.rng.random() < 0.12
        sex = ("F" if self.rng.random() < 0.8 else "M") if has_baby else self._sex(0.55)
        religion = pick(self.rng, heritage.religions)
        given = self.names.given(heritage, sex, child=True)
        family_name = self.names.own_family_name(heritage, sex)
        flat_from = max(self.as_of - self._days(30, 3 * 365), years_before(born, -17))
        flat = self.book.home(flat_from, flat=True)
        lodgings = None
        if self.rng.random() < 0.4:
            lodgings = self.book.home(
                min(years_before(born, -16) + self._days(0, 365), flat_from - timedelta(days=1))
            )
        person = self._child(
            heritage=heritage,
            ethnicity=origin.children_ethnicity or heritage.ethnicity,
            religion=religion,
            sex=sex,
            names=(given, self.names.middle(heritage, sex, religion, child=True), family_name),
            born=born,
        )
        person.addresses = [a for a in (lodgings, flat) if a is not None]
        young_person = family.add(person)
        if self.rng.random() < 0.35:
            mum = family.add(self._adult(heritage, "F", years_before(born, self.rng.randint(17, 35)), origin))
            mum_home = self.book.home(self.as_of - self._days(60, 8 * 365))
            family.members[mum].addresses = [mum_home]
            family.relate(mum, young_person, REL.PARENT, start_date=born)
        if has_baby:
            self._care_leavers_baby(family, young_person, flat, heritage)
        return family

    def uasc(self) -> FamilySpec:
        family = FamilySpec(kind=FamilyKind.UASC)
        heritage = HERITAGES[pick(self.rng, UASC_ORIGINS)]
        sex = "M" if self.rng.random() < 0.9 else "F"
        age = self.rng.randint(14, 17)
        estimated = years_before(self.as_of, age) - self._days(30, 330)
        born = date(estimated.year, estimated.month, 15)  # age-assessed: only the month is known
        arrival = self.as_of - self._days(14, min(2 * 365, (age - 13) * 365))
        religion = pick(self.rng, heritage.religions)
        language = pick(self.rng, heritage.languages)
        person = self._child(
            heritage=heritage,
            ethnicity=heritage.ethnicity,
            religion=religion,
            sex=sex,
            names=(self.names.given(heritage, sex, child=True), "", self.names.family(heritage)),
            born=born,
            language=language,
            arrived=arrival,
        )
        person.data["interpreter_required"] = self.rng.random() < 0.75
        person.addresses = [self.book.home(arrival, kind="PLACEMENT")]
        member = family.add(person)
        family.statuses.append(StatusSpec(member=member, status="UASC", start_date=arrival))
        return family

    # --- households: dates --------------------------------------------------------------

    def _children_dates(self, remaining: int) -> tuple[list[date], date | None]:
        """Dates of birth of the born children (oldest first) and an unborn baby's due date."""
        due = self.as_of + self._days(14, 180)
        if self.rng.random() < 0.03:
            return [], due
        count = min(int(pick(self.rng, FAMILY_SIZES)), remaining)
        widest = min(1800, 17 * 365 // max(1, count - 1))
        gaps = [self._days(330, widest) for _ in range(count - 1)]
        span = sum(gaps, timedelta(0))
        oldest_days = max(span.days, self.rng.randint(span.days, 18 * 365 - 1))
        born = [self.as_of - timedelta(days=oldest_days)]
        for gap in gaps:
            born.append(born[-1] + gap)
        unborn = due if count < remaining and self.rng.random() < 0.025 else None
        return born, unborn

    def _mother_born(self, first_child: date | None) -> date:
        anchor = first_child or self.as_of
        age = self.rng.choices(range(16, 41), weights=[2 + max(0, 8 - abs(a - 24)) for a in range(16, 41)])[0]
        return years_before(anchor, age) - self._days(0, 364)

    def _move_in(self, mother_born: date) -> date:
        return max(self.as_of - self._days(30, 12 * 365), years_before(mother_born, -16))

    # --- households: names ----------------------------------------------------------------

    def _faith_heritage(self, origin: Origin) -> Heritage:
        heritage = origin.father if self.rng.random() < 0.5 else origin.mother
        return HERITAGES[heritage]

    def _name_parents(self, parents: _Parents, *, has_previous: bool) -> None:
        current = self._father_name(parents.father)
        previous = self._father_name(parents.father) if has_previous else None
        parents.fathers = [f for f in (previous, current) if f is not None]
        given = self.names.given(parents.mother, "F", child=False)
        family_name = self.names.own_family_name(parents.mother, "F")
        married = self.rng.random() < 0.4 and parents.mother.naming != "patronymic"
        if married and family_name not in self._female_only(parents.mother):
            family_name = gendered(current[1], "F", parents.father)
        parents.mother_name = (given, family_name)

    def _father_name(self, heritage: Heritage) -> tuple[str, str]:
        given = self.names.given(heritage, "M", child=False)
        if heritage.naming == "patronymic":  # his family name is his father's given name
            return given, self.names.given(heritage, "M", child=False)
        return given, self.names.family(heritage)

    @staticmethod
    def _female_only(heritage: Heritage) -> tuple[str, ...]:
        bank = BANKS.get(heritage.bank)
        return bank.female_family if bank else ()

    def _child_family_name(self, parents: _Parents, father: int, sex: str) -> str:
        """Brothers and sisters with the same father share a family name (his, or their mother's)."""
        father_given, father_family = parents.fathers[father]
        if parents.father.naming == "patronymic":
            return father_given
        if father not in parents.surnames:
            mothers = parents.mother_name[1]
            takes_mothers = self.rng.random() < 0.3 and mothers not in self._female_only(parents.mother)
            parents.surnames[father] = (
                (mothers, parents.mother) if takes_mothers else (father_family, parents.father)
            )
        family_name, heritage = parents.surnames[father]
        return gendered(family_name, sex, heritage)

    # --- households: people -------------------------------------------------------------

    def _household_children(
        self,
        family: FamilySpec,
        parents: _Parents,
        born: list[date],
        expected: date | None,
        split: int,
        home: NewAddress,
        previous: NewAddress | None,
    ) -> list[int]:
        kids: list[int] = []
        last_father = len(parents.fathers) - 1
        dates: list[date | None] = [*born, *([expected] if expected else [])]
        for n, day in enumerate(dates):
            father = 0 if n < split else last_father
            sex = self._sex(0.5) if day is not None and n < len(born) else "U"
            names_from = parents.mother if self.rng.random() < 0.5 else parents.father
            given = self.names.given(names_from, sex, child=True) if sex != "U" else "Unborn"
            family_name = self._child_family_name(parents, father, sex)
            ethnicity = parents.origin.children_ethnicity or parents.mother.ethnicity
            person = self._child(
                heritage=parents.mother,
                ethnicity=ethnicity,
                religion=parents.religion,
                sex=sex,
                names=(
                    given,
                    self.names.middle(names_from, sex, parents.religion, child=True) if sex != "U" else "",
                    family_name,
                ),
                born=day if n < len(born) else None,
                expected=day if n >= len(born) else None,
                words=self._words(parents),
            )
            person.addresses = self._history(person.born, home, previous)
            person.father = father
            kids.append(family.add(person))
        return kids

    def _household_adults(
        self,
        family: FamilySpec,
        parents: _Parents,
        kids: list[int],
        mother_born: date,
        split: int,
        home: NewAddress,
        previous: NewAddress | None,
    ) -> None:
        lone_father = self.rng.random() < 0.03
        if not lone_father:
            mother = family.add(
                self._adult(
                    parents.mother, "F", mother_born, parents.origin, parents.mother_name, parents.religion
                )
            )
            family.members[mother].addresses = self._history(mother_born, home, previous)
            for kid in kids:
                born = family.members[kid].born
                family.relate(
                    mother,
                    kid,
                    REL.PARENT,
                    parental_responsibility=born is not None,
                    lives_with=True,
                    start_date=born,
                )
        fathers = self._fathers(family, parents, kids, mother_born, lone_father, home, previous)
        at_home = any(lives for _, lives in fathers)
        if split and fathers and fathers[-1][1]:
            self._step_parent(
                family, fathers[-1][0], [k for k in kids if family.members[k].father == 0], home.start_date
            )
        elif not at_home and not lone_father and self.rng.random() < 0.15:
            partner = family.add(
                self._adult(parents.mother, "M", mother_born - self._days(-3 * 365, 8 * 365), parents.origin)
            )
            since = max(home.start_date, self.as_of - self._days(30, 4 * 365))
            family.members[partner].addresses = [replace(home, start_date=since)]
            self._step_parent(family, partner, kids, since)
        if self.rng.random() < 0.08:
            self._grandparent(family, parents, kids, mother_born, home)

    def _fathers(
        self,
        family: FamilySpec,
        parents: _Parents,
        kids: list[int],
        mother_born: date,
        lone_father: bool,
        home: NewAddress,
        previous: NewAddress | None,
    ) -> list[tuple[int, bool]]:
        """Record the fathers who are known; returns (member, lives with the children)."""
        recorded: list[tuple[int, bool]] = []
        for n, name in enumerate(parents.fathers):
            current = n == len(parents.fathers) - 1
            status = "home" if lone_father and current else self._father_status(current)
            if status == "unknown":
                continue
            heritage = parents.father
            born = mother_born - self._days(-3 * 365, 9 * 365)
            father = family.add(self._adult(heritage, "M", born, parents.origin, name, parents.religion))
            lives = status == "home"
            own = self.book.home(self.as_of - self._days(60, 8 * 365))
            family.members[father].addresses = self._history(born, home, previous) if lives else [own]
            for kid in kids:
                child = family.members[kid]
                if child.father == n:
                    pr = child.born is not None and self.rng.random() < 0.8
                    family.relate(
                        father,
                        kid,
                        REL.PARENT,
                        parental_responsibility=pr,
                        lives_with=lives,
                        start_date=child.born,
                    )
            recorded.append((father, lives))
        return recorded

    def _father_status(self, current: bool) -> str:
        if current:
            return pick(self.rng, (("home", 35), ("away", 30), ("unknown", 35)))
        return pick(self.rng, (("away", 40), ("unknown", 60)))

    def _step_parent(self, family: FamilySpec, adult: int, kids: list[int], since: date) -> None:
        married = self.rng.random() < 0.35
        for kid in kids:
            kind = REL.STEP_PARENT if married else REL.PARTNER_OF_PARENT
            born = family.members[kid].born
            pr = married and born is not None and self.rng.random() < 0.15
            start = max(since, born) if born else None
            family.relate(adult, kid, kind, parental_responsibility=pr, lives_with=True, start_date=start)

    def _grandparent(
        self, family: FamilySpec, parents: _Parents, kids: list[int], mother_born: date, home: NewAddress
    ) -> None:
        sex = "F" if self.rng.random() < 0.75 else "M"
        born = years_before(mother_born, self.rng.randint(18, 30))
        maiden = (
            self.names.given(parents.mother, sex, child=False),
            self.names.own_family_name(parents.mother, sex),
        )
        grandparent = family.add(
            self._adult(parents.mother, sex, born, parents.origin, maiden, parents.religion)
        )
        lives = self.rng.random() < 0.25
        special_guardian = self.rng.random() < 0.08
        own = self.book.home(self.as_of - self._days(365, 20 * 365))
        family.members[grandparent].addresses = [home if lives else own]
        for kid in kids:
            child = family.members[kid]
            if child.born is not None:
                family.relate(
                    grandparent,
                    kid,
                    REL.GRANDPARENT,
                    parental_responsibility=special_guardian,
                    lives_with=lives,
                    start_date=child.born,
                )

    def _siblings(self, family: FamilySpec, kids: list[int]) -> None:
        for i, older in enumerate(kids):
            for younger in kids[i + 1 :]:
                a, b = family.members[older], family.members[younger]
                kind = REL.SIBLING if a.father == b.father else REL.HALF_SIBLING
                family.relate(older, younger, kind, lives_with=True, start_date=b.born)

    def _care_leavers_baby(
        self, family: FamilySpec, parent: int, flat: NewAddress, heritage: Heritage
    ) -> None:
        young_person = family.members[parent]
        parent_born = young_person.born or self.as_of
        oldest = min(3 * 365, (age_on(parent_born, self.as_of) - 17) * 365)
        born = self.as_of - self._days(20, max(21, oldest))
        sex = self._sex(0.5)
        baby = self._child(
            heritage=heritage,
            ethnicity=young_person.data["ethnicity"],
            religion=young_person.data["religion"],
            sex=sex,
            names=(self.names.given(heritage, sex, child=True), "", young_person.data["family_name"]),
            born=born,
        )
        baby.addresses = [replace(flat, start_date=max(flat.start_date, born))]
        member = family.add(baby)
        mother = young_person.data["sex"] == "F"
        pr = mother or self.rng.random() < 0.6
        family.relate(
            parent, member, REL.PARENT, parental_responsibility=pr, lives_with=True, start_date=born
        )

    def _maybe_alert(self, family: FamilySpec, kids: list[int]) -> None:
        if not kids or self.rng.random() >= 0.012:
            return
        kind, _, details = self.rng.choices(ALERTS, weights=[a[1] for a in ALERTS])[0]
        family.alerts.append(
            AlertSpec(member=kids[0], kind=kind, details=details, start_date=self.as_of - self._days(0, 700))
        )

    # --- one person ---------------------------------------------------------------------

    def _child(
        self,
        *,
        heritage: Heritage,
        ethnicity: str,
        religion: str,
        sex: str,
        names: tuple[str, str, str],
        born: date | None,
        expected: date | None = None,
        language: str | None = None,
        arrived: date | None = None,
        words: str | None = None,
    ) -> PersonSpec:
        given, middle, family_name = names
        disabilities = self._disabilities() if born else ()
        if language is None:
            language = (
                "ENG" if self.rng.random() < heritage.child_english else pick(self.rng, heritage.languages)
            )
        data: dict[str, Any] = {
            "record_type": "CHILD",
            "given_name": given,
            "middle_names": middle,
            "family_name": family_name,
            "date_of_birth": born,
            "expected_date_of_birth": expected,
            "sex": sex,
            "gender": {"M": "1", "F": "2"}.get(sex, "0"),
            "ethnicity": ethnicity,
            "religion": religion if born else "",
            "first_language": language if born else "",
            **self._child_identifiers(born, arrived),
        }
        self._communication(data, disabilities)
        if born is not None:
            self._voice(data, words or heritage.words, born, heritage)
        return PersonSpec(data=data, disabilities=disabilities)

    def _adult(
        self,
        heritage: Heritage,
        sex: str,
        born: date,
        origin: Origin,
        name: tuple[str, str] | None = None,
        family_faith: str | None = None,
    ) -> PersonSpec:
        """An adult; most share the family's faith when it has one."""
        shares = family_faith is not None and self.rng.random() < 0.85
        religion = family_faith if shares and family_faith else pick(self.rng, heritage.religions)
        born = min(born, years_before(self.as_of, 17))
        given, family_name = name or (
            self.names.given(heritage, sex, child=False),
            self.names.own_family_name(heritage, sex),
        )
        language = pick(self.rng, heritage.languages)
        interpreter = language != "ENG" and self.rng.random() < heritage.interpreter
        data: dict[str, Any] = {
            "record_type": "ADULT",
            "given_name": given,
            "middle_names": self.names.middle(heritage, sex, religion),
            "family_name": family_name,
            "date_of_birth": born,
            "sex": sex,
            "gender": "1" if sex == "M" else "2",
            "ethnicity": origin.children_ethnicity if origin.everyone else heritage.ethnicity,
            "religion": religion,
            "first_language": language,
            "interpreter_required": interpreter,
            "communication_needs": f"Needs a {codes.LANGUAGE.label(language)} interpreter."
            if interpreter
            else "",
            "nhs_number": self.ids.nhs_number() if self.rng.random() < 0.5 else "",
        }
        return PersonSpec(data=data)

    def _child_identifiers(self, born: date | None, arrived: date | None) -> dict[str, str]:
        if born is None:
            return {"upn_unknown_reason": "UN1"}
        found: dict[str, str] = {"nhs_number": self.ids.nhs_number() if self.rng.random() < 0.85 else ""}
        if age_on(born, self.as_of) < 5:
            found["upn_unknown_reason"] = "UN1"
        elif arrived is not None and self.rng.random() < 0.5:
            found["upn_unknown_reason"] = "UN2" if age_on(born, self.as_of) >= 16 else "UN4"
        elif self.rng.random() < 0.9:
            started = arrived.year if arrived else born.year + (4 if born.month < 9 else 5)
            found["upn"] = self.ids.upn(started)
            if self.rng.random() < 0.01:
                found["former_upn"] = self.ids.upn(started)
        else:
            found["upn_unknown_reason"] = pick(self.rng, UPN_MISSING)
        return found

    def _disabilities(self) -> tuple[str, ...]:
        if self.rng.random() >= 0.07:
            return ("NONE",)
        chosen = {pick(self.rng, DISABILITIES) for _ in range(self.rng.choice((1, 1, 1, 2)))}
        return tuple(sorted(chosen))

    def _communication(self, data: dict[str, Any], disabilities: tuple[str, ...]) -> None:
        if "HEAR" in disabilities and self.rng.random() < 0.5:
            data["first_language"] = "BSL"
            data["interpreter_required"] = True
            data["communication_needs"] = "Uses British Sign Language: book a BSL interpreter for visits."
        elif "COMM" in disabilities and self.rng.random() < 0.5:
            data["communication_needs"] = "Uses Makaton signs and a picture board."
        elif "AUT" in disabilities and self.rng.random() < 0.4:
            data["communication_needs"] = "Likes visits planned in advance, with a visual timetable."

    def _voice(self, data: dict[str, Any], words: str, born: date, heritage: Heritage) -> None:
        age = age_on(born, self.as_of)
        data["preferred_name"] = known_as(self.rng, data["given_name"]) if age >= 4 else ""
        if age < 8 or self.rng.random() >= (0.3 if age >= 18 else 0.15):
            return
        home_language = data["first_language"] if data["first_language"] != "ENG" else ""
        if not home_language and heritage.languages[0][0] != "ENG":
            home_language = heritage.languages[0][0]
        data["identity_notes"] = identity_note(
            self.rng,
            heritage_words=words,
            religion=data["religion"],
            home_language=home_language,
            preferred_name=data["preferred_name"],
            young_adult=age >= 18,
        )

    def _words(self, parents: _Parents) -> str:
        if parents.mother.key == parents.father.key:
            return parents.mother.words
        return f"{parents.mother.words} and {parents.father.words}"

    # --- small helpers ------------------------------------------------------------------

    def _history(self, born: date | None, home: NewAddress, previous: NewAddress | None) -> list[NewAddress]:
        """A household member's addresses: the previous home if they lived there, then this one."""
        if born is None:  # unborn: recorded at the home from about when the pregnancy was known
            recorded = self.as_of - self._days(0, 40)
            return [replace(home, start_date=max(home.start_date, recorded))]
        if previous is not None and max(previous.start_date, born) < home.start_date:
            return [replace(previous, start_date=max(previous.start_date, born)), home]
        return [replace(home, start_date=max(home.start_date, born))]

    def _days(self, low: int, high: int) -> timedelta:
        return timedelta(days=self.rng.randint(min(low, high), max(low, high)))

    def _sex(self, male_share: float) -> str:
        return "M" if self.rng.random() < male_share else "F"
