"""Generate a synthetic borough's children's social care records (`generate`).

Determinism: the output depends only on (children, seed, as_of). Every random choice is
drawn, in a fixed order, from one `random.Random(seed)` and one `Faker("en_GB")` seeded
with `seed_instance(seed)` (never Faker's shared global generator). Every date is an
offset from `as_of`, the anchor date: the management command uses today
(`timezone.localdate()`) so that ages in the demo stay realistic whenever it is run, and
tests pass `--as-of` to compare two runs. The same arguments on an empty database give the
same names, dates, identifiers (Harbour IDs, NHS numbers, UPNs), relationships and
allocations; only database keys and timestamps differ.

Writing: families are made in memory and written in batches, one transaction per batch,
through the bulk forms of the services (`bulk_create_people`, `bulk_add_addresses` and
`bulk_add_relationships` of `people.services`, `bulk_allocate` of `workforce.services`).
They raise from the same rules as the single-record services the interface uses, so every
record is validated, normalised, indexed for search and audited exactly as if a worker had
entered it, in a few queries a batch (one record at a time takes about three times as
long). Who the generator acts as is explained in `demo.staffing`.
"""

import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import connection, reset_queries, transaction
from faker import Faker

from accounts.models import User
from people import services as people
from people.models import Person, RecordType, RestrictionReason
from workforce.models import Allocation, AllocationRole
from workforce.services import NewAllocation, bulk_allocate

from .accounts import SYSTEM_USERNAME
from .allocation import AllocationPlanner, AllocationSpec
from .families import FamilySpec
from .identifiers import IdentifierIssuer, upn_la_code
from .names import NameMaker
from .places import AddressBook, borough_name
from .population import FamilyFactory
from .staffing import Workforce, build_workforce
from .stages import run_stages

FAMILIES_PER_BATCH = 500
SQLITE_CACHE_MIB = 256  # while generating: keeps the growing indexes in memory
# Roughly how many person records each child brings (parents, partners, grandparents).
PERSONS_PER_CHILD = 1.75
RESTRICTION_DETAILS = (
    "A parent works in the directorate. Access is limited to the allocated worker and the team manager."
)

Planned = tuple[FamilySpec, list[AllocationSpec]]


class DemoDataExists(Exception):
    """The database already holds people or generated staff."""


@dataclass(frozen=True)
class Summary:
    borough: str
    seed: int
    as_of: date
    persons: int
    children: int
    adults: int
    teams: int
    staff: int
    allocations: int
    current_allocations: int
    seconds: float

    def lines(self) -> list[str]:
        return [
            f"Generated demo data for {self.borough} (seed {self.seed}, as of {self.as_of.isoformat()}):",
            f"  persons      {self.persons:>9,} ({self.children:,} children and young people, {self.adults:,} adults)",
            f"  teams        {self.teams:>9,}",
            f"  workers      {self.staff:>9,} (including the demo accounts)",
            f"  allocations  {self.allocations:>9,} ({self.current_allocations:,} current)",
            f"  time         {self.seconds:>9.1f} s ({self.persons / max(self.seconds, 1e-9):,.0f} persons a second)",
        ]


def children_for_persons(persons: int) -> int:
    """About how many children to ask for to get `persons` person records."""
    return max(1, round(persons / PERSONS_PER_CHILD))


def generate(
    *,
    children: int,
    seed: int,
    as_of: date,
    progress: Callable[[str], None] | None = None,
    history_years: int = 0,
    contact_rate: float = 1.0,
) -> Summary:
    """Fill an empty database with `children` children and the adults and staff around them.
    `history_years` lengthens the front door's history of contacts (default two years) at
    the same monthly rate, and `contact_rate` scales that rate; both for benchmarks of a
    large authority's returns."""
    if Person.objects.exists() or User.objects.filter(username=SYSTEM_USERNAME).exists():
        raise DemoDataExists("This database already has people or demo staff; use an empty database.")
    started = time.perf_counter()
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    authority = settings.HARBOUR_AUTHORITY
    borough = borough_name(authority["name"])
    ids = IdentifierIssuer(rng, upn_la_code(authority))
    with transaction.atomic():
        workforce = build_workforce(
            rng, NameMaker(rng, fake), ids, children=children, seed=seed, borough=borough
        )
    streets = min(4000, max(150, children // 4))
    factory = FamilyFactory(
        rng, fake, as_of=as_of, addresses=AddressBook(rng, fake, borough, streets), identifiers=ids
    )
    planner = AllocationPlanner(rng, workforce, as_of)
    with large_sqlite_cache():
        _make_families(children, factory, planner, workforce, progress)
    with transaction.atomic():
        _restrict_one_record(workforce, as_of)
    # Every later stage of the child's journey extends the demo through its own services.
    run_stages(
        seed=seed,
        as_of=as_of,
        progress=progress,
        history_days=365 * history_years,
        contact_rate=contact_rate,
    )
    with transaction.atomic():
        # The system account acts only while generating; afterwards nobody can use it.
        User.objects.filter(pk=workforce.system.pk).update(is_active=False)
    return _summary(borough, seed, as_of, workforce, time.perf_counter() - started)


@contextmanager
def large_sqlite_cache(mib: int = SQLITE_CACHE_MIB) -> Iterator[None]:
    """A bigger SQLite page cache (`mib`) for this connection while writing, then the old size."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {-mib * 1024}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {previous}")


def _make_families(
    children: int,
    factory: FamilyFactory,
    planner: AllocationPlanner,
    workforce: Workforce,
    progress: Callable[[str], None] | None,
) -> None:
    made = 0
    batch: list[Planned] = []
    batches = 0
    while made < children:
        family = factory.family(children - made)
        made += len(family.children)
        batch.append((family, planner.plan(family)))
        if len(batch) >= FAMILIES_PER_BATCH or made >= children:
            recorder = workforce.record_keepers[batches % len(workforce.record_keepers)]
            with transaction.atomic():
                write_batch(batch, recorder=recorder, allocator=workforce.system)
            reset_queries()  # DEBUG keeps every query otherwise
            batches += 1
            batch = []
            if progress and batches % 20 == 0:
                progress(f"  {made:,} of {children:,} children written")


def write_batch(batch: Sequence[Planned], *, recorder: User, allocator: User) -> None:
    """Write families through the people and workforce services, a handful of queries each."""
    rows = [
        people.NewPerson(
            data=member.data,
            address=member.addresses[0] if member.addresses else None,
            disabilities=member.disabilities,
        )
        for family, _ in batch
        for member in family.members
    ]
    created = iter(people.bulk_create_people(actor=recorder, rows=rows))
    persons = [[next(created) for _ in family.members] for family, _ in batch]
    moves = [
        (who[i], address)
        for (family, _), who in zip(batch, persons, strict=True)
        for i, member in enumerate(family.members)
        for address in member.addresses[1:]
    ]
    people.bulk_add_addresses(actor=recorder, items=moves)
    people.bulk_add_relationships(
        actor=recorder,
        items=[
            people.NewRelationship(
                person_a=who[r.a],
                person_b=who[r.b],
                type=r.type,
                parental_responsibility=r.parental_responsibility,
                lives_with=r.lives_with,
                start_date=r.start_date,
            )
            for (family, _), who in zip(batch, persons, strict=True)
            for r in family.relationships
        ],
    )
    bulk_allocate(
        actor=allocator,
        items=[
            NewAllocation(
                person=who[a.member],
                worker=a.worker,
                team=a.team,
                role=a.role,
                start_date=a.start_date,
                reason=a.reason,
            )
            for (_, plans), who in zip(batch, persons, strict=True)
            for a in plans
        ],
    )
    _alerts_and_statuses(batch, persons, recorder)


def _alerts_and_statuses(batch: Sequence[Planned], persons: list[list[Person]], recorder: User) -> None:
    for (family, _), who in zip(batch, persons, strict=True):
        for alert in family.alerts:
            people.add_alert(
                actor=recorder,
                person=who[alert.member],
                kind=alert.kind,
                details=alert.details,
                start_date=alert.start_date,
            )
        for status in family.statuses:
            people.add_immigration_status(
                actor=recorder, person=who[status.member], status=status.status, start_date=status.start_date
            )


def _restrict_one_record(workforce: Workforce, as_of: date) -> None:
    """Restrict one child's record (a member of staff's child): managed by `team.manager`,
    open to the child's own worker, and not to `social.worker` (so the refusal can be shown)."""
    social_worker = workforce.demo["social.worker"]
    current = (
        Allocation.objects.current(as_of)
        .filter(role=AllocationRole.SOCIAL_WORKER, person__record_type=RecordType.CHILD)
        .exclude(worker=social_worker)
        .select_related("person", "worker")
        .order_by("person__la_child_id")
    )
    allocation = current.filter(team=workforce.social_worker_team).first() or current.first()
    person: Person | None
    named: list[User] = []
    if allocation is not None:
        person, named = allocation.person, [allocation.worker]
    else:
        unallocated = Person.objects.children().exclude(allocations__worker=social_worker)
        person = unallocated.order_by("la_child_id").first()
    if person is None:
        return
    people.restrict_record(
        actor=workforce.system,
        person=person,
        reason=RestrictionReason.STAFF_CHILD,
        details=RESTRICTION_DETAILS,
        manager=workforce.demo["team.manager"],
        named_users=named,
    )


def _summary(borough: str, seed: int, as_of: date, workforce: Workforce, seconds: float) -> Summary:
    children = Person.objects.filter(record_type=RecordType.CHILD).count()
    adults = Person.objects.filter(record_type=RecordType.ADULT).count()
    return Summary(
        borough=borough,
        seed=seed,
        as_of=as_of,
        persons=children + adults,
        children=children,
        adults=adults,
        teams=sum(len(teams) for teams in workforce.teams.values()),
        staff=len(workforce.staff),
        allocations=Allocation.objects.count(),
        current_allocations=Allocation.objects.current(as_of).count(),
        seconds=seconds,
    )
