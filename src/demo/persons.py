"""One synthetic person's identity details: a child's or an adult's names, ethnicity, faith,
language, identifiers (valid NHS numbers and UPNs, or the reason a UPN is missing),
disabilities, communication needs and, for older children, their own words about who they
are. `PersonMaker` draws them from the generator's rng, in a fixed order, for
`demo.population.FamilyFactory`."""

import random
from datetime import date
from typing import Any

from codes import person as codes
from people import upn

from .families import PersonSpec, age_on, years_before
from .identifiers import IdentifierIssuer
from .names import Heritage, NameMaker, Origin, Weighted, pick
from .voice import identity_note, known_as

DISABILITIES: Weighted = (
    ("LD", 25), ("AUT", 25), ("COMM", 15), ("BEH", 12), ("MOB", 6), ("HEAR", 4), ("VIS", 4),
    ("PC", 3), ("HAND", 2), ("CON", 2), ("INC", 2), ("DDA", 5),
)  # fmt: skip
# Why a school-age child has no UPN. UN4 ("newly looked after") is not among them: it is true
# only for a week, so only a newly arrived child is given it (`_arrival_upn`).
UPN_MISSING: Weighted = (("UN2", 30), ("UN3", 15), ("UN5", 20))
# How soon the virtual school finds the UPN of a child who has newly arrived.
UPN_FOUND_WITHIN_DAYS = 28


class PersonMaker:
    """Makes one person's details at a time (see the module docstring)."""

    def __init__(
        self, rng: random.Random, names: NameMaker, identifiers: IdentifierIssuer, as_of: date
    ) -> None:
        self.rng = rng
        self.names = names
        self.ids = identifiers
        self.as_of = as_of

    def child(
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

    def adult(
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
        if upn.un1_fits(born, self.as_of):
            found["upn_unknown_reason"] = "UN1"
        elif arrived is not None and self.rng.random() < 0.5:
            found.update(
                {"upn_unknown_reason": "UN2"}
                if age_on(born, self.as_of) >= 16
                else self._arrival_upn(arrived)
            )
        elif self.rng.random() < 0.9:
            started = arrived.year if arrived else upn.school_start(born).year
            found["upn"] = self.ids.upn(started)
            if self.rng.random() < 0.01:
                found["former_upn"] = self.ids.upn(started)
        else:
            found["upn_unknown_reason"] = pick(self.rng, UPN_MISSING)
        return found

    def _arrival_upn(self, arrived: date) -> dict[str, str]:
        """An unaccompanied child under 16 is at school here soon after arriving: UN4 while newly
        arrived (and only while no return would report it for a child looked after for more than
        a week, `people.upn.un4_fits`), then the UPN the virtual school found."""
        newly = (self.as_of - arrived).days <= UPN_FOUND_WITHIN_DAYS
        if newly and upn.un4_fits(arrived, self.as_of):
            return {"upn_unknown_reason": "UN4"}
        return {"upn": self.ids.upn(arrived.year)}

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
