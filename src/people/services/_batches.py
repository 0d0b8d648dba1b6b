"""Sizes for the bulk forms of the services (`bulk_create_people` …): rows per INSERT, and ids
per `__in` lookup, well inside every backend's limit on a statement's parameters. The bulk
forms need a database that returns keys from a bulk insert (PostgreSQL; SQLite 3.35+)."""

from collections.abc import Iterator, Sequence

BATCH = 2000
IN_CHUNK = 500


def in_chunks(values: Sequence[int], size: int = IN_CHUNK) -> Iterator[Sequence[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
