"""Synthetic people and corrupted copies of them, for measuring the duplicate check.

`register(count, seed)` makes people as the register holds them (given name, family name,
date of birth; about one in twenty with a double-barrelled family name, about one in seven a
brother or sister of someone already made, a few of them twins), and
`corrupted_copies(register, count, seed)` retypes some of them as a front door might: each
copy carries one error type from `ERROR_TYPES`, chosen in turn so each type is about equally
common, and a quarter of copies carry a typing slip as well. Both are seeded, so the same
arguments give the same records. Names come from Faker's providers: synthetic only.
"""

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from faker import Faker
from nicknames import NickNamer

ERROR_TYPES = (
    "given name missing",
    "given name initial only",
    "typing slip",
    "letters transposed",
    "day and month swapped",
    "digit wrong in date",
    "given and family swapped",
    "hyphenated family name",
    "nickname or short form",
    "transliteration",
)

# Faker locales written in the Latin alphabet, weighted roughly as a northern English borough.
_LOCALES = (("en_GB", 78), ("en_IN", 8), ("pl_PL", 5), ("tr_TR", 3), ("en_IE", 3), ("it_IT", 3))

# Spellings that differ between transliterations of one name, each way round.
_TRANSLITERATIONS = (
    ("mohammed", "muhammad"),
    ("mohamed", "muhammad"),
    ("ph", "f"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("y", "i"),
    ("kh", "k"),
    ("sh", "sch"),
    ("c", "k"),
    ("ai", "ay"),
    ("ei", "ey"),
    ("ll", "l"),
    ("tt", "t"),
    ("ss", "s"),
    ("w", "v"),
    ("j", "y"),
)

_SECOND_FAMILY_NAMES = ("Ahmed", "Walker", "Nowak", "Kelly", "Shah", "Wood", "Hussain", "Brown")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_NICKNAMES = NickNamer()


@dataclass(frozen=True)
class Record:
    given_name: str
    family_name: str
    date_of_birth: date | None


@dataclass(frozen=True)
class Copy:
    original: int  # index into the register
    record: Record
    errors: tuple[str, ...]


def register(count: int, seed: int, *, today: date = date(2026, 1, 1)) -> list[Record]:
    rng = random.Random(seed)
    fakers = {}
    for index, (locale, _) in enumerate(_LOCALES):
        faker = Faker(locale)
        faker.seed_instance(seed + index)
        fakers[locale] = faker
    people = []
    for _ in range(count):
        faker = fakers[rng.choices([loc for loc, _ in _LOCALES], [w for _, w in _LOCALES])[0]]
        given = (faker.first_name_male() if rng.random() < 0.5 else faker.first_name_female()).split()[0]
        family = faker.last_name()
        if rng.random() < 0.05:
            family = f"{family}-{faker.last_name()}"
        born = today - timedelta(days=rng.randrange(18 * 365))
        if people and rng.random() < 0.15:  # a brother or sister of someone recorded: a twin at times
            sibling = people[rng.randrange(len(people))]
            family = sibling.family_name
            if rng.random() < 0.15:
                born = sibling.date_of_birth or born
        people.append(Record(given, family, born))
    return people


def corrupted_copies(people: list[Record], count: int, seed: int) -> list[Copy]:
    rng = random.Random(seed)
    copies: list[Copy] = []
    while len(copies) < count:
        error = ERROR_TYPES[len(copies) % len(ERROR_TYPES)]
        index = rng.randrange(len(people))
        changed = CORRUPTIONS[error](rng, people[index])
        if changed is None or changed == people[index]:
            continue  # this person cannot carry this error: try another
        errors: tuple[str, ...] = (error,)
        if rng.random() < 0.25 and error != "typing slip":
            slipped = _typing_slip(rng, changed)
            if slipped is not None:
                changed, errors = slipped, (error, "typing slip")
        copies.append(Copy(index, changed, errors))
    return copies


def _retype(rng: random.Random, record: Record, change) -> Record | None:  # noqa: ANN001
    """`record` with `change` applied to one of its names (family or given, at random)."""
    parts = ["family_name", "given_name"] if record.given_name else ["family_name"]
    rng.shuffle(parts)
    for part in parts:
        new = change(getattr(record, part))
        if new and new != getattr(record, part):
            return replace(record, **{part: new})
    return None


def _typing_slip(rng: random.Random, record: Record) -> Record | None:
    def slip(name: str) -> str:
        at = rng.randrange(len(name))
        kind = rng.choice(("substitute", "insert", "delete"))
        letter = rng.choice(_LETTERS)
        if kind == "substitute":
            return name[:at] + (letter.upper() if at == 0 else letter) + name[at + 1 :]
        if kind == "insert":
            return name[:at] + letter + name[at:]
        return name[:at] + name[at + 1 :] if len(name) > 2 else name

    return _retype(rng, record, slip)


def _transposed(rng: random.Random, record: Record) -> Record | None:
    def swap(name: str) -> str:
        places = [i for i in range(len(name) - 1) if name[i].lower() != name[i + 1].lower()]
        if not places:
            return name
        i = rng.choice(places)
        swapped = name[:i] + name[i + 1] + name[i] + name[i + 2 :]
        return swapped[0].upper() + swapped[1:]

    return _retype(rng, record, swap)


def _given_missing(rng: random.Random, record: Record) -> Record:  # noqa: ARG001
    return replace(record, given_name="")


def _given_initial(rng: random.Random, record: Record) -> Record:  # noqa: ARG001
    return replace(record, given_name=record.given_name[:1])


def _day_month_swapped(rng: random.Random, record: Record) -> Record | None:  # noqa: ARG001
    born = record.date_of_birth
    if born is None or born.day > 12 or born.day == born.month:
        return None
    return replace(record, date_of_birth=born.replace(day=born.month, month=born.day))


def _digit_wrong(rng: random.Random, record: Record) -> Record | None:
    born = record.date_of_birth
    if born is None:
        return None
    digits = born.strftime("%d%m%Y")
    for _ in range(20):
        at = rng.choice((0, 1, 2, 3, 6, 7))  # not the century
        new = digits[:at] + rng.choice([d for d in "0123456789" if d != digits[at]]) + digits[at + 1 :]
        try:
            return replace(record, date_of_birth=date(int(new[4:]), int(new[2:4]), int(new[:2])))
        except ValueError:
            continue
    return None


def _names_swapped(rng: random.Random, record: Record) -> Record:  # noqa: ARG001
    return replace(record, given_name=record.family_name, family_name=record.given_name)


def _hyphenated(rng: random.Random, record: Record) -> Record:
    family = record.family_name
    if "-" in family:
        first, second = family.split("-", 1)
        family = rng.choice((first, second, f"{first} {second}"))
    else:
        other = _SECOND_FAMILY_NAMES[rng.randrange(len(_SECOND_FAMILY_NAMES))]
        family = rng.choice((f"{family}-{other}", f"{other}-{family}"))
    return replace(record, family_name=family)


def _nickname(rng: random.Random, record: Record) -> Record | None:
    short = sorted(n for n in _NICKNAMES.nicknames_of(record.given_name) if len(n) > 1)
    if not short:
        return None
    return replace(record, given_name=rng.choice(short).capitalize())


def _transliterated(rng: random.Random, record: Record) -> Record | None:
    def variant(name: str) -> str:
        lower = name.lower()
        rules = [(a, b) for a, b in _TRANSLITERATIONS if a in lower]
        rules += [(b, a) for a, b in _TRANSLITERATIONS if b in lower and len(b) > 1]
        if not rules:
            return name
        old, new = rng.choice(rules)
        return lower.replace(old, new, 1).capitalize()

    return _retype(rng, record, variant)


CORRUPTIONS = {
    "given name missing": _given_missing,
    "given name initial only": _given_initial,
    "typing slip": _typing_slip,
    "letters transposed": _transposed,
    "day and month swapped": _day_month_swapped,
    "digit wrong in date": _digit_wrong,
    "given and family swapped": _names_swapped,
    "hyphenated family name": _hyphenated,
    "nickname or short form": _nickname,
    "transliteration": _transliterated,
}


@dataclass
class Outcome:
    """How the duplicate check did on some copies: all of them and by error type."""

    copies: int = 0
    found: int = 0  # the true record is among the candidates
    any_candidate: int = 0
    first_right: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.copies if self.copies else 0.0

    @property
    def first_precision(self) -> float:
        return self.first_right / self.any_candidate if self.any_candidate else 0.0

    def add(self, candidates: list[int], true_pk: int) -> None:
        self.copies += 1
        self.found += true_pk in candidates
        self.any_candidate += bool(candidates)
        self.first_right += bool(candidates) and candidates[0] == true_pk


def check_copies(copies: list[Copy], pks: list[int], check) -> dict[str, Outcome]:  # noqa: ANN001
    """Run `check(record) -> [candidate pk, ...]` on each copy; outcomes under "all" and by type."""
    outcomes: dict[str, Outcome] = {"all": Outcome()}
    for copy in copies:
        candidates = check(copy.record)
        for key in ("all", *copy.errors):
            outcomes.setdefault(key, Outcome()).add(candidates, pks[copy.original])
    return outcomes
