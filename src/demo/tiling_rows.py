"""The rows of a tiled copy that change beyond their keys (see `demo.tiling`).

People get new Harbour IDs, UPNs, former UPNs and NHS numbers (valid check characters,
unique in the authority) and other names, mapped within their heritage and sex by
`NameMapper`; their search keys are made again from the new names (`DERIVED`). Staff get
unique usernames and e-mail addresses, new Social Work England numbers and no usable
password; teams unique names. `Copier` holds what the handlers share in a run.
"""

import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.auth.hashers import is_password_usable, make_password
from django.db import models
from stdnum.gb import nhs, upn

from accounts.models import Team, User
from people.models import IdentifierSequence, Person
from people.names import normalise, search_keys

from .identifiers import IdentifierIssuer


class TilingError(Exception):
    """The database or the models cannot be tiled as they are."""


Row = dict[str, Any]
_KEY = re.compile(r"^([a-z_][a-z0-9_]*\.[A-Za-z][A-Za-z0-9]*):(\d+)(.*)$", re.DOTALL)
_NUMBERED = re.compile(r"^(.*?)(\d+)$")


class Copier:
    """What the Python-side handlers share: offsets, identifier issuers and name maps."""

    def __init__(self, offsets: Mapping[str, int], seed: int) -> None:
        self.offsets = dict(offsets)  # each copied table's label -> its cohort's largest key
        self.seed = seed
        self.rng = random.Random(f"{seed}:tiling")
        self.issued = _identifiers_in_use()
        self._issuers: dict[str, IdentifierIssuer] = {}
        self.ids_per_copy = _la_child_id_sequence()
        self.names = NameMapper(seed)
        self.new_names: dict[int, list[tuple[str, str]]] = defaultdict(list)  # person id -> names
        self.births: dict[int, Any] = {}  # person id -> date of birth, carried by their keys
        self.taken_usernames = set(User.objects.values_list("username", flat=True))
        self.taken_teams = set(Team.objects.values_list("name", flat=True))

    def issuer(self, la_code: str) -> IdentifierIssuer:
        if la_code not in self._issuers:
            self._issuers[la_code] = IdentifierIssuer(self.rng, la_code, issued=self.issued)
        return self._issuers[la_code]

    def move_key(self, key: str, copy: int) -> str:
        match = _KEY.match(key or "")
        if not match or match.group(1) not in self.offsets:
            return key
        label, pk, rest = match.groups()
        return f"{label}:{int(pk) + copy * self.offsets[label]}{rest}"

    def new_upn(self, value: str) -> str:
        if not value or not upn.is_valid(value):
            return value
        compact = upn.compact(value)
        return self.issuer(compact[1:4]).upn(int(compact[8:10]))

    def new_nhs_number(self, value: str) -> str:
        if not value or not nhs.is_valid(value):
            return value
        return self.issuer("").nhs_number()

    def new_la_child_id(self, value: str, copy: int) -> str:
        match = _NUMBERED.match(value)
        if not match:
            raise TilingError(f"Harbour ID {value!r} does not end in a number")
        prefix, number = match.groups()
        return f"{prefix}{int(number) + copy * self.ids_per_copy:0{len(number)}d}"


def _identifiers_in_use() -> set[str]:
    issued: set[str] = set()
    for values in Person.objects.values_list("upn", "former_upn", "nhs_number").iterator():
        issued.update(v for v in values if v)
    issued.update(v for v in User.objects.values_list("swe_registration_number", flat=True) if v)
    return issued


def _la_child_id_sequence() -> int:
    last = IdentifierSequence.objects.filter(name="la_child_id").values_list("last_value", flat=True).first()
    if not last:
        raise TilingError("No Harbour IDs have been issued: generate a cohort first")
    return int(last)


class NameMapper:
    """Maps each name of the cohort to another of the same kind, differently in each copy.

    Names are grouped by the ethnicity most of their holders have (and, for given names,
    their sex and whether they are children, whose names are of another generation); a group with too few names joins its ethnicity's broad category, then
    everyone. Within a group each copy shuffles the names: a one-to-one map, so two
    people who share a name in the cohort share the new one in a copy."""

    MIN_GROUP = 8

    def __init__(self, seed: int) -> None:
        self.seed = seed
        family: dict[str, Counter[str]] = defaultdict(Counter)
        given: dict[str, Counter[tuple[str, str, str]]] = defaultdict(Counter)
        for given_name, middle, family_name, sex, ethnicity, record_type in Person.objects.values_list(
            "given_name", "middle_names", "family_name", "sex", "ethnicity", "record_type"
        ).iterator():
            family[family_name][ethnicity] += 1
            for name in [given_name, *middle.split()]:
                given[name][(ethnicity, sex, record_type)] += 1
        self.family_groups = self._groups({n: (c.most_common(1)[0][0],) for n, c in family.items() if n})
        self.given_groups = self._groups({n: c.most_common(1)[0][0] for n, c in given.items() if n})
        self._maps: dict[int, tuple[dict[str, str], dict[str, str]]] = {}

    @classmethod
    def _groups(cls, keyed: dict[str, tuple[str, ...]]) -> list[list[str]]:
        """Names grouped by (ethnicity[, sex]); small groups merged into broader ones."""

        def key(name: str, level: int) -> tuple[str, ...]:
            ethnicity, *rest = keyed[name]
            return ((ethnicity, *rest), (ethnicity[:1], *rest), tuple(rest), ())[level]

        pending = sorted(keyed)
        groups: list[list[str]] = []
        for level in range(4):
            buckets: dict[tuple[str, ...], list[str]] = defaultdict(list)
            for name in pending:
                buckets[key(name, level)].append(name)
            pending = []
            for names in buckets.values():
                if len(names) >= cls.MIN_GROUP or level == 3:
                    groups.append(names)
                else:
                    pending += names
        return groups

    def maps(self, copy: int) -> tuple[dict[str, str], dict[str, str]]:
        if copy not in self._maps:
            rng = random.Random(f"{self.seed}:tiling-names:{copy}")
            self._maps[copy] = (
                self._shuffled(self.given_groups, rng),
                self._shuffled(self.family_groups, rng),
            )
        return self._maps[copy]

    @staticmethod
    def _shuffled(groups: list[list[str]], rng: random.Random) -> dict[str, str]:
        mapping: dict[str, str] = {}
        for names in groups:
            shuffled = list(names)
            rng.shuffle(shuffled)
            mapping.update(zip(names, shuffled, strict=True))
        return mapping


def _rename(row: Row, given: dict[str, str], family: dict[str, str]) -> tuple[str, str]:
    """Give a row with a name (a person's, or another name of theirs) the copy's name and
    its normal forms; returns the new (given, family) name."""
    row["given_name"] = given.get(row["given_name"], row["given_name"])
    row["family_name"] = family.get(row["family_name"], row["family_name"])
    row["given_name_norm"] = normalise(row["given_name"])
    row["family_name_norm"] = normalise(row["family_name"])
    return row["given_name"], row["family_name"]


def _person_rows(copier: Copier, rows: list[Row], copy: int) -> None:
    given, family = copier.names.maps(copy)
    for row in rows:
        row["la_child_id"] = copier.new_la_child_id(row["la_child_id"], copy)
        row["upn"] = copier.new_upn(row["upn"])
        row["former_upn"] = copier.new_upn(row["former_upn"])
        row["nhs_number"] = copier.new_nhs_number(row["nhs_number"])
        row["middle_names"] = " ".join(given.get(n, n) for n in row["middle_names"].split())
        if row["preferred_name"]:
            row["preferred_name"] = given.get(row["preferred_name"], row["preferred_name"])
        copier.births[row["id"]] = row["date_of_birth"]
        names = copier.new_names[row["id"]]
        names.append(_rename(row, given, family))
        if row["preferred_name"]:
            names.append((row["preferred_name"], row["family_name"]))


def _person_name_rows(copier: Copier, rows: list[Row], copy: int) -> None:
    given, family = copier.names.maps(copy)
    for row in rows:
        copier.new_names[row["person_id"]].append(_rename(row, given, family))


def _distinct(taken: set[str], name: str, what: str) -> str:
    """`name`, unless it is `taken` already (then the cohort was tiled before)."""
    if name in taken:
        raise TilingError(f"The {what} {name} is taken: tile a freshly generated cohort only")
    taken.add(name)
    return name


def _user_rows(copier: Copier, rows: list[Row], copy: int) -> None:
    for row in rows:
        row["username"] = _distinct(copier.taken_usernames, f"{row['username']}.{copy + 1}", "username")
        if "@" in row["email"]:
            local, domain = row["email"].rsplit("@", 1)
            row["email"] = f"{local}.{copy + 1}@{domain}"
        if is_password_usable(row["password"]):
            row["password"] = make_password(None)  # only the cohort's demo accounts sign in
        row["identity_provider_subject"] = ""  # nor through the council's identity provider
        if row["swe_registration_number"]:
            row["swe_registration_number"] = copier.issuer("").swe_number()


def _team_rows(copier: Copier, rows: list[Row], copy: int) -> None:
    for row in rows:
        row["name"] = _distinct(copier.taken_teams, f"{row['name']} {copy + 1}", "team name")


def _name_keys(copier: Copier, model: type[models.Model], copy: int) -> list[Row]:
    """Search keys for the copied people, from their new names (`people.names.search_keys`)."""
    rows: list[Row] = []
    next_id = _next_id(model)  # a copy's names may have more keys than the cohort's
    for person_id, names in sorted(copier.new_names.items()):
        for part, key in search_keys(names):
            born = copier.births.get(person_id)
            rows.append(
                {"id": next_id, "person_id": person_id, "part": part, "key": key, "date_of_birth": born}
            )
            next_id += 1
    copier.new_names.clear()
    return rows


def _next_id(model: type[models.Model]) -> int:
    found = model._base_manager.aggregate(top=models.Max("pk"))["top"]
    return int(found or 0) + 1


HANDLERS: dict[str, Callable[[Copier, list[Row], int], None]] = {
    "people.Person": _person_rows,
    "people.PersonName": _person_name_rows,
    "accounts.User": _user_rows,
    "accounts.Team": _team_rows,
}
# Tables made from the copied rows instead of copied, after everything else in a copy:
# each gives the rows of its model for the copy.
DERIVED: dict[str, Callable[[Copier, type[models.Model], int], list[Row]]] = {"people.NameKey": _name_keys}
