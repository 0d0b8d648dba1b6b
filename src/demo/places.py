"""Where the demo families live: streets, towns and postcodes in a fictional borough.

Towns are the borough named in `HARBOUR_AUTHORITY` (its name without "Metropolitan
Borough Council") and a few invented neighbouring townships. Postcodes use the outward
area "HB", which Royal Mail does not use, so no generated address is a real one; they
are in the valid format that `people.validators.normalise_postcode` accepts. Street
names are Faker en_GB family and given names, or common English street words, with an
English street suffix.
"""

import random
from dataclasses import dataclass
from datetime import date

from faker import Faker

from people.services import NewAddress

from .names import Weighted, pick

POSTCODE_AREA = "HB"
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # Royal Mail never uses C, I, K, M, O, V inward

# (township, weight, postcode districts); the first is the borough's own name.
TOWNSHIPS: tuple[tuple[str | None, float, tuple[int, ...]], ...] = (
    (None, 55, (1, 2, 3, 4)),
    ("Saltmoor", 12, (5,)),
    ("Kettlewick", 10, (6,)),
    ("Brackenfold", 9, (7,)),
    ("Ashcombe Vale", 8, (8,)),
    ("Cranbeck", 6, (9, 10)),
)

STREET_WORDS = (
    "Church", "Mill", "Station", "Victoria", "Albert", "Park", "Chapel", "School", "Moor", "Canal",
    "Dock", "Quay", "Wharf", "Oak", "Ash", "Elm", "Beech", "Hawthorn", "Heather", "Clough", "Brook",
    "Meadow", "Hollin", "Spring", "Well", "Prospect", "Jubilee", "Coronation", "Queen", "King",
    "Princess", "Market", "Bridge", "Foundry", "Weaver", "Cotton", "Harbour", "Lighthouse", "Ropewalk",
)  # fmt: skip
STREET_SUFFIXES: Weighted = (
    ("Street", 20), ("Road", 20), ("Lane", 10), ("Avenue", 8), ("Close", 8), ("Drive", 6), ("Grove", 6),
    ("Crescent", 5), ("Terrace", 6), ("Way", 5), ("Gardens", 4), ("Place", 3), ("Walk", 2), ("Mews", 2),
    ("Court", 3), ("Rise", 2), ("View", 3), ("Fold", 2), ("Croft", 2), ("Brow", 1),
)  # fmt: skip


def borough_name(authority_name: str) -> str:
    """ "Harbourside Metropolitan Borough Council" -> "Harbourside"."""
    name = authority_name
    for suffix in (" Metropolitan Borough Council", " Borough Council", " City Council", " Council"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name.removeprefix("City of ").strip() or "Harbourside"


@dataclass(frozen=True)
class Street:
    name: str
    town: str
    postcodes: tuple[str, ...]
    houses: int


class AddressBook:
    """A fixed set of streets for one run; addresses are drawn from it."""

    def __init__(self, rng: random.Random, fake: Faker, borough: str, streets: int) -> None:
        self.rng = rng
        self.borough = borough
        self._used_postcodes: set[str] = set()
        self._street_names: set[tuple[str, str]] = set()
        self.streets = [self._street(fake) for _ in range(streets)]

    def _street(self, fake: Faker) -> Street:
        town, _, districts = self.rng.choices(TOWNSHIPS, weights=[t[1] for t in TOWNSHIPS])[0]
        town_name = town or self.borough
        while True:
            roll = self.rng.random()
            stem = (
                str(fake.last_name())
                if roll < 0.6
                else str(fake.first_name())
                if roll < 0.7
                else self.rng.choice(STREET_WORDS)
            )
            name = f"{stem} {pick(self.rng, STREET_SUFFIXES)}"
            if (name, town_name) not in self._street_names:
                self._street_names.add((name, town_name))
                break
        district = self.rng.choice(districts)
        postcodes = tuple(self._postcode(district) for _ in range(self.rng.choice((1, 1, 1, 2, 3))))
        return Street(name=name, town=town_name, postcodes=postcodes, houses=self.rng.randint(12, 180))

    def _postcode(self, district: int) -> str:
        while True:
            inward = (
                f"{self.rng.randint(1, 9)}{self.rng.choice(INWARD_LETTERS)}{self.rng.choice(INWARD_LETTERS)}"
            )
            postcode = f"{POSTCODE_AREA}{district} {inward}"
            if postcode not in self._used_postcodes:
                self._used_postcodes.add(postcode)
                return postcode

    def home(self, start_date: date, *, kind: str = "HOME", flat: bool | None = None) -> NewAddress:
        """A random address on one of the streets; sometimes a flat."""
        street = self.rng.choice(self.streets)
        number = self.rng.randint(1, street.houses)
        postcode = street.postcodes[
            min(len(street.postcodes) - 1, number * len(street.postcodes) // street.houses)
        ]
        is_flat = self.rng.random() < 0.18 if flat is None else flat
        line_1 = (
            f"Flat {self.rng.randint(1, 24)}, {number} {street.name}"
            if is_flat
            else f"{number} {street.name}"
        )
        return NewAddress(
            line_1=line_1, town=street.town, postcode=postcode, start_date=start_date, kind=kind
        )
