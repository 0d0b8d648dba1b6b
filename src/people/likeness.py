"""How alike a person typed at the front door is to a recorded person, and why.

Each part (NHS number, date of birth, family name, given name, postcode) is compared on its
own and given a weight: positive where the parts agree, more for agreements that are rarer by
chance (a whole date of birth, an exact name), negative where they plainly differ, nothing
where the part was not typed. The weights add up to the match's strength, with a plain reason
for each part that counted ("Same date of birth", "family name one letter different", "given
name missing"). The names are also compared the other way round, for a given and family name
typed in each other's places.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import jellyfish
from nicknames import NickNamer
from rapidfuzz.distance import OSA, JaroWinkler

from .names import normalise, tokens

# An unborn baby's record holds the expected date: a birth this close to it may be the same child.
EXPECTED_DATE_WINDOW_DAYS = 42

# Total weight at which a recorded person is offered as a possible duplicate, and the weight
# taken as certain (score 1.0).
THRESHOLD = 4.5
CERTAIN = 10.0

_NICKNAMES = NickNamer()


@dataclass(frozen=True)
class Typed:
    given_name: str = ""
    family_name: str = ""
    date_of_birth: date | None = None
    nhs_number: str = ""
    postcode: str = ""


@dataclass(frozen=True)
class Recorded:
    """What is compared of a recorded person: every name they have had, and their dates."""

    given_names: tuple[str, ...]
    family_names: tuple[str, ...]
    date_of_birth: date | None = None
    expected_date_of_birth: date | None = None
    nhs_number: str = ""
    postcodes: frozenset[str] = frozenset()


@dataclass
class Likeness:
    weight: float = 0.0
    reasons: list[str] = field(default_factory=list)
    same_nhs_number: bool = False

    @property
    def shown(self) -> bool:
        """Offered as a possible duplicate: alike enough, or the same NHS number whatever else."""
        return self.same_nhs_number or self.weight >= THRESHOLD

    def add(self, weight: float, reason: str | None) -> None:
        self.weight += weight
        if reason:
            self.reasons.append(reason)

    @property
    def score(self) -> float:
        return max(0.0, min(self.weight / CERTAIN, 1.0))


def compare(typed: Typed, recorded: Recorded) -> Likeness:
    likeness = Likeness()
    if typed.nhs_number and recorded.nhs_number:
        same = likeness.same_nhs_number = typed.nhs_number == recorded.nhs_number
        likeness.add(CERTAIN if same else -5.0, "Same NHS number" if same else "Different NHS number")
    likeness.add(*compare_dates(typed.date_of_birth, recorded))
    straight = _names(typed.given_name, typed.family_name, recorded)
    if recorded.date_of_birth is None and recorded.expected_date_of_birth:
        unnamed = _names("", typed.family_name, recorded)
        if unnamed.weight > straight.weight:  # a name chosen after the birth
            unnamed.reasons[-1] = "given name not known before birth"
            straight = unnamed
    swapped = _names(typed.family_name, typed.given_name, recorded) if typed.given_name else None
    if swapped is not None and swapped.weight - 1.0 > straight.weight:
        swapped.add(-1.0, "given and family names swapped")
        straight = swapped
    likeness.add(straight.weight, None)
    likeness.reasons += straight.reasons
    if typed.postcode and _postcode(typed.postcode) in {_postcode(p) for p in recorded.postcodes}:
        likeness.add(1.0, "has lived at the same postcode")
    if likeness.reasons:
        likeness.reasons[0] = likeness.reasons[0][0].upper() + likeness.reasons[0][1:]
    return likeness


def compare_dates(typed: date | None, recorded: Recorded) -> tuple[float, str | None]:
    if typed is None:
        return 0.0, None
    if recorded.date_of_birth is None:
        expected = recorded.expected_date_of_birth
        if expected is None:
            return 0.0, None
        if typed == expected:
            return 3.0, "same expected date of birth"
        if abs((typed - expected).days) <= EXPECTED_DATE_WINDOW_DAYS:
            return 2.0, "born close to the expected date"
        return -2.0, "different from the expected date of birth"
    born = recorded.date_of_birth
    if typed == born:
        return 4.0, "same date of birth"
    if born.day <= 12 and typed == born.replace(day=born.month, month=born.day):
        return 2.5, "date of birth with day and month swapped"
    if sum(a != b for a, b in zip(typed.strftime("%d%m%Y"), born.strftime("%d%m%Y"), strict=True)) == 1:
        return 2.5, "date of birth one digit different"
    return -4.0, "different date of birth"


def date_variants(born: date) -> set[date]:
    """Dates a slip could turn `born` into: day and month swapped, or one digit of
    DD/MM/YYYY typed wrong (only dates that exist)."""
    found: set[date] = set()
    if born.day <= 12:
        found.add(born.replace(day=born.month, month=born.day))
    text = born.strftime("%d%m%Y")
    for at in range(8):
        for digit in "0123456789":
            new = text[:at] + digit + text[at + 1 :]
            try:
                found.add(date(int(new[4:]), int(new[2:4]), int(new[:2])))
            except ValueError:
                continue
    found.discard(born)
    return found


def _names(given: str, family: str, recorded: Recorded) -> Likeness:
    likeness = Likeness()
    likeness.add(*compare_family(family, recorded.family_names))
    likeness.add(*compare_given(given, recorded.given_names))
    return likeness


def compare_family(typed: str, recorded: Iterable[str]) -> tuple[float, str]:
    return _best(_family_level, typed, recorded, "family name")


def _best(
    level: Callable[[str, str], tuple[float, str]], typed: str, recorded: Iterable[str], part: str
) -> tuple[float, str]:
    """The closest of the recorded names to the one typed, by `level`."""
    return max(
        (level(typed, name) for name in recorded),
        key=lambda found: found[0],
        default=(-2.0, f"different {part}"),
    )


def _family_level(typed: str, recorded: str) -> tuple[float, str]:
    a, b = normalise(typed), normalise(recorded)
    if not a or not b:
        return -2.0, "different family name"
    if a == b:
        return 3.0, "same family name"
    typed_parts, recorded_parts = set(tokens(typed)), set(tokens(recorded))
    if len(typed_parts | recorded_parts) > 1 and (
        typed_parts <= recorded_parts or recorded_parts <= typed_parts
    ):
        return 2.5, "family name part of a double-barrelled name"
    return _spelling("family name", a, b, -2.0)


def compare_given(typed: str, recorded: Iterable[str]) -> tuple[float, str]:
    wanted = normalise(typed)
    if not wanted:
        return 0.0, "given name missing"
    names = [n for n in recorded if normalise(n)]
    if len(wanted) == 1:
        if any(normalise(n)[0] == wanted for n in names):
            return 0.5, "given name initial matches"
        return -2.0, "different given name"
    return _best(_given_level, typed, names, "given name")


def _given_level(typed: str, recorded: str) -> tuple[float, str]:
    a, b = normalise(typed), normalise(recorded)
    if a == b:
        return 3.0, "same given name"
    if any(a == normalise(t) for t in tokens(recorded)) or any(b == normalise(t) for t in tokens(typed)):
        return 2.5, "given name one of the recorded names"
    if are_name_variants(a, b):
        return 2.0, f"given name a short form of {recorded}" if len(a) < len(
            b
        ) else "given name a longer form"
    return _spelling("given name", a, b, -2.0)


@lru_cache(maxsize=65_536)  # pure; asked of the same few names many times over
def are_name_variants(a: str, b: str) -> bool:
    """Whether two given names are forms of one name: one the start or end of the other
    (Chris, Christopher; Liam, William), forms in the nicknames table (William, Will, Bill),
    or a form of one sounding like a form of the other (Kate, Katherine, Catherine)."""
    short, long = sorted((a, b), key=len)
    if len(short) >= 3 and len(long) > len(short) + 1 and (long.startswith(short) or long.endswith(short)):
        return True  # Chris, Christopher; Liam, William
    forms_a, forms_b = name_forms(a), name_forms(b)
    if b in forms_a or a in forms_b or (forms_a & forms_b):
        return True
    sounds_b = {jellyfish.metaphone(form) for form in forms_b}
    return any(jellyfish.metaphone(form) in sounds_b for form in forms_a - {a})


@lru_cache(maxsize=4096)
def _forms(name: str) -> frozenset[str]:
    return frozenset({name} | _NICKNAMES.canonicals_of(name) | _NICKNAMES.nicknames_of(name))


def name_forms(name: str) -> frozenset[str]:
    """A given name and its other forms (short forms and the names they stand for)."""
    wanted = normalise(name)
    return _forms(wanted) if wanted else frozenset()


@lru_cache(maxsize=65_536)  # pure; asked of the same few names many times over
def _spelling(part: str, a: str, b: str, different: float) -> tuple[float, str]:
    """Normal forms `a` and `b` that differ: by a slip, by sound, or altogether."""
    if OSA.distance(a, b) == 1 and min(len(a), len(b)) >= 3:
        if len(a) == len(b) and sorted(a) == sorted(b) and a != b:
            return 2.0, f"{part} with two letters swapped"
        return 2.0, f"{part} one letter different"
    if jellyfish.metaphone(a) == jellyfish.metaphone(b) or jellyfish.nysiis(a) == jellyfish.nysiis(b):
        return 2.0, f"{part} sounds the same"
    if OSA.distance(a, b) == 2 and min(len(a), len(b)) >= 5:
        return 1.0, f"{part} two letters different"
    if JaroWinkler.similarity(a, b) >= 0.9:
        return 1.0, f"{part} similar"
    return different, f"different {part}"


def _postcode(text: str) -> str:
    return text.replace(" ", "").upper()
