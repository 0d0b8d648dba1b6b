"""A register of a million synthetic people in minutes, for the duplicate benchmarks: a base set
recorded through the services, then copied inside the database. A helper, not a benchmark:
`run.py` skips it.

Recording people one by one through `people.services.bulk_create_people` (their names put in
normal form, their phonetic keys made, each creation audited) is the way the register is
filled, but at a million people it takes hours. So only a base set is recorded that way
(`record`), and `tile` then adds people with `INSERT … SELECT` until the register holds the
number wanted. Each added person is a base person's family name and date of birth with
another base person's given name:

- the names, their normal forms and their phonetic keys (`NameKey`) are copied from the base
  rows, the family name's keys from the one and the given name's from the other: the keys
  were made by the application's own code (`people.names`) when the base set was recorded,
  and none is worked out here (each key carries its new person's date of birth);
- copy k of a base person takes the given name of the base person k × `STRIDE` places on
  (in the order of their keys) and moves the date of birth k × `DATE_STEP` days on, wrapped
  into the base set's own span of dates; brothers and sisters (one family name) stay a
  family, and twins stay twins, in every copy;
- Harbour IDs are reserved from the authority's one sequence (`people.rules.next_la_child_ids`),
  and PostgreSQL's key sequences are moved past the copies' keys afterwards.

The added people are nobody's copy: a benchmark's seeded duplicates are all in the base set.
"""

import time
from collections.abc import Sequence
from typing import Any

STRIDE = 7919  # a prime: copy k of base person r takes the given name of base person (r + k × STRIDE) mod n
DATE_STEP = 389  # days a date of birth moves on in each copy (wrapped into the base set's span)
CHUNK = 50_000  # people added in one transaction


def benchmark_actor():  # noqa: ANN201
    """The benchmarks' social worker, who records the base set."""
    from accounts.models import Team, TeamKind, User
    from accounts.permissions import Role

    team, _ = Team.objects.get_or_create(name="Benchmark team", kind=TeamKind.ASSESSMENT)
    actor, _ = User.objects.get_or_create(
        username="benchmark.worker", defaults={"role": Role.SOCIAL_WORKER.value, "team": team}
    )
    return actor


def record(records: Sequence[Any]) -> list[int]:
    """Record `records` (`people.tests.duplicate_data.Record`: children's names and dates of
    birth) through the services, 2,000 at a time; their keys in order."""
    from people.services import NewPerson, bulk_create_people

    actor = benchmark_actor()
    pks: list[int] = []
    for start in range(0, len(records), 2000):
        rows = [
            NewPerson(
                data={
                    "record_type": "CHILD",
                    "given_name": r.given_name,
                    "family_name": r.family_name,
                    "date_of_birth": r.date_of_birth,
                }
            )
            for r in records[start : start + 2000]
        ]
        pks += [p.pk for p in bulk_create_people(actor=actor, rows=rows)]
    return pks


def tile(base: Sequence[int], count: int) -> float:
    """Add `count` people made of the `base` people's names and dates (above); the seconds taken."""
    from django.conf import settings
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from people.models import NameKey, Person
    from people.rules import next_la_child_ids

    if count <= 0 or not base:
        return 0.0
    if connection.vendor != "postgresql":
        raise SystemExit('Tiling the register needs PostgreSQL (--database "" with DATABASE_URL)')
    started = time.perf_counter()
    prefix = settings.HARBOUR_AUTHORITY["child_id_prefix"]
    first_id = int(next_la_child_ids(count)[0][len(prefix) :])  # the whole range reserved at once
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM people_person")
        top = cursor.fetchone()[0]
        cursor.execute(
            "CREATE TEMPORARY TABLE tile_base AS SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS r"
            " FROM people_person WHERE id = ANY(%s)",
            [sorted(base)],
        )
        cursor.execute("CREATE UNIQUE INDEX ON tile_base (r)")
        cursor.execute(
            "SELECT min(date_of_birth), max(date_of_birth) - min(date_of_birth) + 1 FROM people_person"
        )
        low, span = cursor.fetchone()
    n = len(base)
    given_side = {"given_name", "given_name_norm", "middle_names", "preferred_name"}
    columns, values = [], []
    for field in Person._meta.concrete_fields:
        columns.append(connection.ops.quote_name(field.column))
        if field.primary_key:
            values.append("%(top)s + m.serial + 1")
        elif field.name == "la_child_id":
            values.append("%(prefix)s || lpad((%(first_id)s + m.serial)::text, 7, '0')")
        elif field.name == "date_of_birth":
            values.append(
                "%(low)s::date + ((b.date_of_birth - %(low)s::date) + m.copy * %(step)s) %% %(span)s"
            )
        else:
            side = "g" if field.name in given_side else "b"
            values.append(f"{side}.{connection.ops.quote_name(field.column)}")
    for start in range(0, count, CHUNK):
        size = min(CHUNK, count - start)
        with transaction.atomic(), connection.cursor() as cursor:
            # The chunk's map: each new person's serial, its base person and given-name person.
            cursor.execute(
                "CREATE TEMPORARY TABLE tile_map ON COMMIT DROP AS"
                " SELECT s AS serial, s / %(n)s + 1 AS copy, b.id AS base_id, g.id AS given_id"
                " FROM generate_series(%(start)s, %(end)s) s"
                " JOIN tile_base b ON b.r = s %% %(n)s"
                " JOIN tile_base g ON g.r = (s %% %(n)s + (s / %(n)s + 1) * %(stride)s) %% %(n)s",
                {"n": n, "start": start, "end": start + size - 1, "stride": STRIDE},
            )
            cursor.execute(
                f"INSERT INTO people_person ({', '.join(columns)}) SELECT {', '.join(values)}"  # noqa: S608 - columns from the model
                " FROM tile_map m JOIN people_person b ON b.id = m.base_id"
                " JOIN people_person g ON g.id = m.given_id",
                {
                    "top": top,
                    "prefix": prefix,
                    "first_id": first_id,
                    "low": low,
                    "span": span,
                    "step": DATE_STEP,
                },
            )
            cursor.execute(
                "INSERT INTO people_namekey (person_id, part, key, date_of_birth)"
                " SELECT p.id, k.part, k.key, p.date_of_birth FROM tile_map m"
                " JOIN people_person p ON p.id = %(top)s + m.serial + 1"
                " JOIN people_namekey k ON k.person_id = m.base_id AND k.part = 'FAMILY'"
                " UNION ALL SELECT p.id, k.part, k.key, p.date_of_birth FROM tile_map m"
                " JOIN people_person p ON p.id = %(top)s + m.serial + 1"
                " JOIN people_namekey k ON k.person_id = m.given_id AND k.part = 'GIVEN'",
                {"top": top},
            )
        print(f"  tiled {start + size:,} of {count:,} people", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE tile_base")
        for statement in connection.ops.sequence_reset_sql(no_style(), [Person, NameKey]):
            cursor.execute(statement)
        # What autovacuum does to tables after many inserts (it may be off where this runs):
        # the visibility map lets the key look-ups read their indexes alone.
        cursor.execute("VACUUM ANALYZE people_person")
        cursor.execute("VACUUM ANALYZE people_namekey")
    return time.perf_counter() - started
