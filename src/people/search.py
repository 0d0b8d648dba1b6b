"""Finding people: tolerant of misspellings and sound-alike names, by date of birth,
NHS number and postcode; and the duplicate check offered before a record is created.

Candidates come from the phonetic-key index (`NameKey`) in SQL, so search stays fast on
large authorities; they are then ranked in Python by name similarity. The services keep
the index with `name_keys` and `reindex_names` whenever a name is recorded.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Case, Exists, Expression, IntegerField, OuterRef, Q, Value, When

from accounts.models import User

from .access import Purpose, decide, visible_people
from .likeness import (
    EXPECTED_DATE_WINDOW_DAYS,
    Likeness,
    Recorded,
    Typed,
    compare,
    date_variants,
    name_forms,
)
from .models import Address, NameKey, Person, PersonName, PersonQuerySet
from .names import normalise, phonetic_keys, search_keys, similarity, tokens
from .validators import normalise_postcode, validate_nhs_number

MAX_CANDIDATES = 400
MAX_RESULTS = 50
MAX_DUPLICATES = 10


@dataclass(frozen=True)
class SearchQuery:
    name: str = ""
    date_of_birth: date | None = None
    nhs_number: str = ""
    postcode: str = ""
    harbour_id: str = ""

    @property
    def is_empty(self) -> bool:
        return not (
            self.name.strip() or self.date_of_birth or self.nhs_number or self.postcode or self.harbour_id
        )

    @property
    def kinds(self) -> list[str]:
        """What the search was by (for the audit; not the terms typed)."""
        given = {
            "name": bool(self.name.strip()),
            "date of birth": bool(self.date_of_birth),
            "NHS number": bool(self.nhs_number),
            "postcode": bool(self.postcode),
            "Harbour ID": bool(self.harbour_id),
        }
        return [kind for kind, used in given.items() if used]


@dataclass
class Match:
    person: Person
    score: float
    reasons: list[str] = field(default_factory=list)
    can_open: bool = True


def own_names(person: Person) -> list[tuple[str, str]]:
    """The person's (given, family) names on the record itself: their name and known-as name."""
    names = [(person.given_name, person.family_name)]
    if person.preferred_name:
        names.append((person.preferred_name, person.family_name))
    return names


def name_keys(person: Person, names: Iterable[tuple[str, str]] | None = None) -> list[NameKey]:
    """The person's unsaved search keys: of `names`, by default their own names."""
    chosen = own_names(person) if names is None else names
    return [
        NameKey(person=person, part=part, key=key, date_of_birth=person.date_of_birth)
        for part, key in search_keys(chosen)
    ]


def reindex_names(person: Person) -> None:
    """Rebuild a person's search keys from their own and other names (previous, aliases)."""
    others = [(n.given_name, n.family_name) for n in person.other_names.all()]  # type: ignore[attr-defined]
    NameKey.objects.filter(person=person).delete()
    NameKey.objects.bulk_create(name_keys(person, own_names(person) + others))


_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y", "%d %B %Y", "%d %b %Y")


def _parse_date(text: str) -> date | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    return None


def _harbour_id(text: str) -> tuple[str, str]:
    """A Harbour ID in `text` (the authority's prefix and the number: "HB0000123", "hb 123"),
    in its standard form, and the text without it."""
    prefix = re.escape(settings.HARBOUR_AUTHORITY["child_id_prefix"])
    match = re.search(rf"\b{prefix}\s?(\d{{1,7}})\b", text, re.IGNORECASE)
    if not match:
        return "", text
    harbour_id = f"{settings.HARBOUR_AUTHORITY['child_id_prefix']}{int(match.group(1)):07d}"
    return harbour_id, text.replace(match.group(0), " ")


def parse_free_text(text: str) -> SearchQuery:
    """Understand the header search box: a Harbour ID, an NHS number, a date, a postcode,
    and/or a name."""
    harbour_id, remaining = _harbour_id((text or "").strip())
    nhs = ""
    match = re.search(r"\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b", remaining)
    if match:
        try:
            nhs = validate_nhs_number(match.group(0))
            remaining = remaining.replace(match.group(0), " ")
        except ValidationError:
            pass
    dob = None
    for pattern in (
        r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b",
        r"\b\d{4}-\d{2}-\d{2}\b",
        r"\b\d{1,2} [A-Za-z]{3,9} \d{4}\b",
    ):
        match = re.search(pattern, remaining)
        if match and (parsed := _parse_date(match.group(0))):
            dob = parsed
            remaining = remaining.replace(match.group(0), " ")
            break
    postcode = ""
    match = re.search(r"\b[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}\b", remaining)
    if match:
        try:
            postcode = normalise_postcode(match.group(0))
            remaining = remaining.replace(match.group(0), " ")
        except ValidationError:
            pass
    name = " ".join(remaining.split())
    return SearchQuery(name=name, date_of_birth=dob, nhs_number=nhs, postcode=postcode, harbour_id=harbour_id)


NAME_PARTS = ("FAMILY", "GIVEN")


def _filter_by_name(people: PersonQuerySet, name: str) -> PersonQuerySet:
    for token in tokens(name):
        if len(token) < 3:
            people = people.filter(
                Q(given_name_norm__startswith=token)
                | Q(family_name_norm__startswith=token)
                | Q(other_names__family_name_norm__startswith=token)
            )
        else:
            # Both parts named, so the (part, key) index is used rather than a scan of people.
            people = people.filter(
                name_keys__part__in=NAME_PARTS, name_keys__key__in=sorted(phonetic_keys(token))
            )
    return people


def _name_score(person: Person, name: str) -> float:
    names = [person.given_name, person.middle_names, person.family_name, person.preferred_name]
    names += [n.given_name for n in person.other_names.all()]  # type: ignore[attr-defined]
    names += [n.family_name for n in person.other_names.all()]  # type: ignore[attr-defined]
    person_tokens = [t for n in names for t in tokens(n)]
    wanted = tokens(name)
    if not wanted or not person_tokens:
        return 0.0
    return sum(max(similarity(w, t) for t in person_tokens) for w in wanted) / len(wanted)


@dataclass
class SearchResults:
    matches: list[Match]  # best first, at most MAX_RESULTS
    more: bool = False  # more people match than are shown: the query should be narrowed


def search(user: User, query: SearchQuery) -> list[Match]:
    """People matching every part of the query that the user may find, best first."""
    return search_people(user, query).matches


def search_people(user: User, query: SearchQuery) -> SearchResults:
    """`search`, saying also whether more people match than are shown.

    Candidates are ranked in SQL first: those whose given or family name is each word typed
    come first (alphabetically), then the sound-alikes. Where at least MAX_RESULTS candidates
    match every word exactly (a common surname in a large authority), only those are loaded
    and shown; otherwise up to MAX_CANDIDATES are loaded and ranked by name similarity.
    Whether the user may open a record is decided for the people shown only."""
    if query.is_empty:
        return SearchResults([])
    people = visible_people(user)
    if query.harbour_id:
        people = people.filter(la_child_id=query.harbour_id)
    if query.nhs_number:
        people = people.filter(nhs_number=query.nhs_number)
    if query.date_of_birth:
        people = people.filter(
            Q(date_of_birth=query.date_of_birth) | Q(expected_date_of_birth=query.date_of_birth)
        )
    if query.postcode:
        people = people.filter(addresses__postcode=query.postcode)
    wanted = tokens(query.name)
    if query.name.strip() and not wanted:
        return SearchResults([])  # a "name" with no letters in it matches no one
    if wanted:
        people = _filter_by_name(people, query.name)
    ranked = list(
        people.distinct()
        .annotate(exact=_exact_words(wanted))
        .order_by("-exact", "family_name_norm", "given_name_norm", "pk")
        .values_list("pk", "exact")[: MAX_CANDIDATES + 1]
    )
    more = len(ranked) > MAX_CANDIDATES
    ranked = ranked[:MAX_CANDIDATES]
    certain = [pk for pk, exact in ranked if exact == len(wanted)]
    if len(certain) >= MAX_RESULTS:
        more = more or len(certain) > MAX_RESULTS
        load = certain[:MAX_RESULTS]
    else:
        load = [pk for pk, _ in ranked]
    scored = []
    for person in (
        Person.objects.filter(pk__in=load).select_related("restriction").prefetch_related("other_names")
    ):
        score = _name_score(person, query.name) if wanted else 1.0
        if score >= 0.7:
            scored.append(Match(person=person, score=score))
    scored.sort(key=lambda m: (-m.score, m.person.family_name, m.person.given_name, m.person.pk))
    shown = scored[:MAX_RESULTS]
    for match in shown:
        match.can_open = decide(user, match.person, Purpose.VIEW).allowed
    return SearchResults(shown, more=more or len(scored) > MAX_RESULTS)


def _exact_words(wanted: list[str]) -> Expression:
    """How many of the words typed are exactly a candidate's given or family name (0 for none typed)."""
    total: Expression = Value(0, output_field=IntegerField())
    for word in wanted:
        total = total + Case(
            When(Q(given_name_norm=word) | Q(family_name_norm=word), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return total


def find_possible_duplicates(
    *,
    given_name: str,
    family_name: str,
    date_of_birth: date | None = None,
    nhs_number: str = "",
    postcode: str = "",
    exclude_id: int | None = None,
) -> list[Match]:
    """Existing records that may be the same person, with the reasons, best first.

    Candidates are found in SQL by blocks that each survive one kind of slip (see
    `_candidates`), then weighed part by part (`people.likeness`). Searches all active
    records (including restricted ones, which the caller shows without details): a duplicate
    must be found even where the user cannot open it.
    """
    typed = Typed(given_name, family_name, date_of_birth, nhs_number, postcode)
    found = _candidates(typed, exclude_id)
    if not found:
        return []
    others: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for pk, given, family in PersonName.objects.filter(person_id__in=found).values_list(
        "person_id", "given_name", "family_name"
    ):
        others[pk].append((given, family))
    postcodes: dict[int, set[str]] = defaultdict(set)
    if postcode:
        for pk, code in Address.objects.filter(person_id__in=found).values_list("person_id", "postcode"):
            postcodes[pk].add(code)
    likenesses = {}
    for pk, row in found.items():
        likeness = compare(
            typed, _recorded_from(dict(zip(COMPARED, row, strict=True)), others[pk], postcodes[pk])
        )
        if likeness.shown:
            likenesses[pk] = likeness
    # Only the records shown are loaded whole: a common date of birth among a million people
    # gives a few hundred candidates, most of them weighed and left out.
    people = Person.objects.in_bulk(list(likenesses))
    matches = [
        Match(person=people[pk], score=like.score, reasons=like.reasons) for pk, like in likenesses.items()
    ]
    matches.sort(key=lambda m: (-m.score, m.person.family_name, m.person.given_name, m.person.pk))
    return matches[:MAX_DUPLICATES]


# What the duplicate check reads of each candidate (`_recorded_from`), with the blocks' keys.
COMPARED = (
    "given_name",
    "preferred_name",
    "middle_names",
    "family_name",
    "date_of_birth",
    "expected_date_of_birth",
    "nhs_number",
)


def _candidates(typed: Typed, exclude_id: int | None) -> dict[int, tuple[Any, ...]]:
    """People who may be `typed` (their keys, with what is compared of them: `COMPARED`),
    found through indexes only, each block tolerating slips
    the others do not: the NHS number; the date of birth (or an expected date near it);
    a date one slip away (day and month swapped, a digit wrong) with any name sounding like
    either name typed; both names sounding alike (either way round, given names by their
    short forms too; with a date typed, of records without one); or, with no date typed,
    the family name alone."""
    people = Person.objects.active().order_by()
    if exclude_id:
        people = people.exclude(pk=exclude_id)
    family_keys = phonetic_keys(typed.family_name)
    given = normalise(typed.given_name)
    given_keys = {k for form in name_forms(given) for k in phonetic_keys(form)} if len(given) > 1 else set()
    blocks: list[PersonQuerySet] = []
    if typed.nhs_number:
        blocks.append(people.filter(nhs_number=typed.nhs_number))
    if typed.date_of_birth:
        born = typed.date_of_birth
        window = timedelta(days=EXPECTED_DATE_WINDOW_DAYS)
        expected = Q(expected_date_of_birth__range=(born - window, born + window))
        blocks.append(people.filter(Q(date_of_birth=born) | expected))
        if keys := family_keys | given_keys | phonetic_keys(typed.given_name):
            near = sorted(date_variants(born))
            keyed = NameKey.objects.filter(date_of_birth__in=near, part__in=NAME_PARTS, key__in=sorted(keys))
            blocks.append(people.filter(date_of_birth__in=near, pk__in=keyed.values("person_id")))
    if family_keys and given_keys and typed.date_of_birth:
        # A recorded date neither the one typed nor one slip from it outweighs any names
        # (`people.likeness`): only records without a date of birth are looked up by name.
        undated = people.filter(date_of_birth__isnull=True)
        for family, given_ in ((family_keys, given_keys), (given_keys, family_keys)):
            blocks.append(undated.filter(_has_key(["FAMILY"], family), _has_key(["GIVEN"], given_)))
    elif family_keys and given_keys:
        blocks.append(_by_keys(people, family_keys, given_keys))
        blocks.append(_by_keys(people, phonetic_keys(typed.given_name), phonetic_keys(typed.family_name)))
    elif family_keys and not typed.date_of_birth:
        by_family = people.filter(name_keys__part="FAMILY", name_keys__key__in=sorted(family_keys))
        blocks.append(by_family.filter(given_name_norm__startswith=given) if given else by_family)
    found: dict[int, tuple[Any, ...]] = {}
    for block in blocks:
        rows = block.values_list("pk", *COMPARED).distinct()[:MAX_CANDIDATES]
        found.update((row[0], row[1:]) for row in rows)
    return found


def _has_key(parts: Iterable[str], keys: set[str]) -> Exists:
    """The person has one of `keys` in one of `parts`: asked of each person already found
    (those without a date of birth), so that index leads rather than a common name key's."""
    return Exists(
        NameKey.objects.filter(person_id=OuterRef("pk"), part__in=list(parts), key__in=sorted(keys))
    )


def _by_keys(people: PersonQuerySet, family_keys: set[str], given_keys: set[str]) -> PersonQuerySet:
    if not family_keys or not given_keys:
        return people.none()
    return people.filter(name_keys__part="FAMILY", name_keys__key__in=sorted(family_keys)).filter(
        name_keys__part="GIVEN", name_keys__key__in=sorted(given_keys)
    )


def _recorded(person: Person, *, with_postcodes: bool) -> Recorded:
    others = [(o.given_name, o.family_name) for o in person.other_names.all()]  # type: ignore[attr-defined]
    postcodes = {a.postcode for a in person.addresses.all()} if with_postcodes else set()  # type: ignore[attr-defined]
    return _recorded_from({name: getattr(person, name) for name in COMPARED}, others, postcodes)


def _recorded_from(fields: dict[str, Any], others: list[tuple[str, str]], postcodes: set[str]) -> Recorded:
    """What is compared of a recorded person: `fields` (`COMPARED`), their other names
    (given, family) and the postcodes they have lived at."""
    givens = [fields["given_name"], fields["preferred_name"], *fields["middle_names"].split()]
    return Recorded(
        given_names=tuple(n for n in [*givens, *(given for given, _ in others)] if n),
        family_names=tuple(n for n in [fields["family_name"], *(family for _, family in others)] if n),
        date_of_birth=fields["date_of_birth"],
        expected_date_of_birth=fields["expected_date_of_birth"],
        nhs_number=fields["nhs_number"],
        postcodes=frozenset(postcodes),
    )


def as_typed(person: Person) -> Typed:
    """A recorded person's own name, date of birth and NHS number, as if typed at the front door."""
    return Typed(person.given_name, person.family_name, person.date_of_birth, person.nhs_number)


def compare_people(a: tuple[Typed, Recorded], b: tuple[Typed, Recorded]) -> Likeness:
    """How alike two recorded people are, by the duplicate check's own weighing: each one's
    name and dates as if typed against the other's record (every name they have had), the
    stronger of the two ways round. Each side is `(as_typed(person), recorded(person))`."""
    one, other = compare(a[0], b[1]), compare(b[0], a[1])
    return one if (one.shown, one.weight) >= (other.shown, other.weight) else other


def recorded(person: Person) -> Recorded:
    """What the duplicate check compares of a recorded person (with `other_names` prefetched)."""
    return _recorded(person, with_postcodes=False)
