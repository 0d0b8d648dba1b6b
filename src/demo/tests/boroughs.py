"""Test helpers for tests that read a whole authority's records: a generated borough."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from io import StringIO
from types import ModuleType

import pytest
from django.core.management import call_command
from django.db import transaction

from demo.generator import generate
from demo.stages import StageContext, stage_name


def generate_borough(children: int, seed: int, as_of: date, *extra: str) -> str:
    """Runs `generate_demo_data` for `children` children as of `as_of`: what it printed."""
    out = StringIO()
    call_command(
        "generate_demo_data",
        "--children",
        str(children),
        "--seed",
        str(seed),
        "--as-of",
        as_of.isoformat(),
        *extra,
        stdout=out,
    )
    return out.getvalue()


@contextmanager
def generated_borough(django_db_blocker, children: int, seed: int, as_of: date, *extra: str) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """`generate_demo_data` for `children` children as of `as_of`, inside a transaction that
    is rolled back when the block ends (for a module-scoped fixture shared by read-only
    tests); gives what the command printed."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield generate_borough(children, seed, as_of, *extra)
        transaction.set_rollback(True)


def base_borough_then(
    monkeypatch: pytest.MonkeyPatch, children: int, seed: int, as_of: date, *stages: ModuleType
) -> None:
    """The borough's base data only (people, families, staff, allocations), then just
    `stages` in the order given, each seeded as the full generator would seed it."""
    monkeypatch.setattr("demo.generator.run_stages", lambda **kwargs: None, raising=False)
    generate(children=children, seed=seed, as_of=as_of)
    for stage in stages:
        stage.run(StageContext(seed=seed, as_of=as_of, stage=stage_name(stage)))
