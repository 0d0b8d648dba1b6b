"""Synthetic families: children and the adults around them, each family a `FamilySpec`
(`demo.families`). Nothing here touches the database: given the same rng, Faker instance
and anchor date, `FamilyFactory` makes the same families.

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

from faker import Faker

from people.models import RelationshipType
from people.services import NewAddress

from .families import AlertSpec, FamilyKind, FamilySpec, StatusSpec, age_on, years_before
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
from .persons import PersonMaker
from .places import AddressBook

REL = RelationshipType
FAMILY_SIZES: Weighted = (("1", 28), ("2", 30), ("3", 21), ("4", 12), ("5", 9))
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
        self.people = PersonMaker(rng, self.names, identifiers, as_of)

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
        person = self.people.child(
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
            mum = family.add(
                self.people.adult(heritage, "F", years_before(born, self.rng.randint(17, 35)), origin)
            )
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
        person = self.people.child(
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
            person = self.people.child(
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
                self.people.adult(
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
                self.people.adult(
                    parents.mother, "M", mother_born - self._days(-3 * 365, 8 * 365), parents.origin
                )
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
            father = family.add(
                self.people.adult(heritage, "M", born, parents.origin, name, parents.religion)
            )
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
            self.people.adult(parents.mother, sex, born, parents.origin, maiden, parents.religion)
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
        baby = self.people.child(
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

    # --- small helpers ------------------------------------------------------------------

    def _words(self, parents: _Parents) -> str:
        """How the children might describe their heritage: the parents' words."""
        if parents.mother.key == parents.father.key:
            return parents.mother.words
        return f"{parents.mother.words} and {parents.father.words}"

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
