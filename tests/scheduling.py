"""How the suite's tests are shared between the workers of `pytest -n` (pytest-xdist).

xdist's `--dist load` hands out tests in the order they were collected, a few at a time, to
whichever worker is free. For most tests that is best, but a test module whose tests share a
generated borough (a module-scoped fixture that runs `generate_demo_data`) then has its tests
on both workers, and each worker generates the borough again: a minute or more of the run,
twice. And a test that takes a minute on its own, handed out last, ends the run on one worker
while the other waits.

So, with `--dist load`:

- each worker, having collected the tests, puts the modules in `WHOLE_MODULES` and the tests
  in `LONG_TESTS` first, longest first (`order`, from the root `conftest.py`), so the short
  tests fill in at the end and the two workers finish together;
- xdist is given `WholeModuleScheduling`, which hands out the modules in `WHOLE_MODULES`
  whole, to one worker each, so their borough is made once; every other test is handed out
  on its own, in the order collected, as `--dist load` does.

The order keeps Django's (pytest-django's): tests in a transaction first, then tests that
commit (`transaction=True`, `transactional_db`, `live_server`), whose database flush empties
the rows the migrations seeded, then tests without a database. A long test moves only to the
front of its own group, and a module handed out whole must have no committing test.

To add a module that generates a borough for its tests, put it in `WHOLE_MODULES` at the
place its time puts it (`tests/test_scheduling.py` checks that every module with a module-wide
fixture is listed there or in `SPLIT_ON_PURPOSE`). Times are from `pytest --durations`; the
order only needs to be roughly right.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from xdist.scheduler import LoadScopeScheduling

# Modules whose tests share a generated borough, longest first (set-up and tests together).
WHOLE_MODULES = (
    "src/demo/tests/test_stage_protection.py",  # 300 children
    "src/casework/tests/test_stage_chronology.py",  # 150 children
    "src/demo/tests/test_generate_demo_data.py",  # 120 children, and three of 40 alone
    "tests/test_record_urls.py",
    "tests/test_restricted_lists.py",  # the borough of test_record_urls
    "tests/test_page_queries.py",
    "tests/test_open_work_is_seen.py",
    "src/returns/tests/test_cin_census_demo.py",
    "src/performance/tests/test_counted.py",  # the borough of test_cin_census_demo
    "src/performance/tests/test_agreement_with_returns.py",  # the same
    "src/demo/tests/test_stage_performance.py",  # the same
    "src/returns/tests/test_revalidation.py",  # 40 children, a few records broken
    "src/returns/tests/test_ssda903_generated.py",  # the same 40, unbroken
    "src/returns/tests/test_annex_a_demo.py",
    "src/demo/tests/test_stage_quality.py",  # 60 children, as of today
    "src/demo/tests/test_tiling.py",
)

# Modules with a module-wide fixture that are handed out test by test all the same.
SPLIT_ON_PURPOSE = (
    "tests/test_permission_matrix.py",  # a second's set-up, then 2,729 cells to share out
    "src/returns/tests/test_processes.py",  # a helper process (3 s); some of its tests commit
)

# Single tests (or their parametrised cases, by prefix) that take a minute or so alone.
LONG_TESTS = (
    "src/demo/tests/test_stage_permanence_leavers_rights.py::",
    "src/returns/tests/test_returns_across_boroughs.py::test_both_returns",
)


def unit_of(nodeid: str) -> str:
    """The unit a test is handed out in: its module, for the modules listed; else itself."""
    module = nodeid.split("::", 1)[0]
    return module if module in WHOLE_MODULES else nodeid


def rank(nodeid: str) -> int:
    """A test's place within its group: the listed modules, then the long tests, in the order
    given; then every other test (all equal, so they keep the order they were collected in)."""
    module = nodeid.split("::", 1)[0]
    if module in WHOLE_MODULES:
        return WHOLE_MODULES.index(module)
    for place, prefix in enumerate(LONG_TESTS):
        if nodeid.startswith(prefix):
            return len(WHOLE_MODULES) + place
    return len(WHOLE_MODULES) + len(LONG_TESTS)


def order(items: Sequence[Any], group: Callable[[Any], int]) -> list[Any]:
    """`items` (pytest's, in Django's order) with the listed tests first in their `group`
    (0: in a transaction, 1: committing, 2: no database). Refuses a module handed out whole
    that has a committing test: its tests would run apart from the rest of their group."""
    groups = [group(item) for item in items]
    if groups != sorted(groups):
        raise ValueError(
            "The tests are not in Django's order: `django_group` no longer agrees with pytest-django"
        )
    committing = sorted(
        {unit_of(i.nodeid) for i, g in zip(items, groups, strict=True) if g == 1} & set(WHOLE_MODULES)
    )
    if committing:
        raise ValueError(f"Modules handed out whole may not have tests that commit: {committing}")
    return [
        item
        for _, item in sorted(
            zip(groups, items, strict=True), key=lambda pair: (pair[0], rank(pair[1].nodeid))
        )
    ]


def django_group(item: Any) -> int:
    """The group pytest-django puts a test in (Django's order of tests): 0 in a transaction,
    1 committing, 2 no database."""
    from django.test import TestCase, TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return 0 if issubclass(cls, TestCase) else 1
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    if marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return 1
    if {"transactional_db", "live_server"} & fixtures:
        return 1
    return 0 if marker is not None or "db" in fixtures else 2


class WholeModuleScheduling(LoadScopeScheduling):
    """xdist's scope scheduling, with `unit_of` for its scopes, handed out in the order
    collected (not xdist's largest scope first)."""

    def __init__(self, config: Any, log: Any = None) -> None:
        super().__init__(config, log)
        config.option.loadscopereorder = False
        self._places: dict[Any, dict[str, int]] = {}

    def _split_scope(self, nodeid: str) -> str:
        return unit_of(nodeid)

    def mark_test_complete(self, node: Any, item_index: int, duration: float = 0) -> None:
        super().mark_test_complete(node, item_index, duration)
        # Forget a unit once its worker has run it all, so counting pending tests stays cheap.
        unit = unit_of(self.registered_collections[node][item_index])
        tests = self.assigned_work[node].get(unit)
        if tests is not None and all(tests.values()):
            del self.assigned_work[node][unit]

    def _assign_work_unit(self, node: Any) -> None:
        # xdist's own, with the tests' places in the worker's collection looked up, not searched.
        unit, tests = self.workqueue.popitem(last=False)
        self.assigned_work.setdefault(node, {})[unit] = tests
        if node not in self._places:
            self._places[node] = {nodeid: i for i, nodeid in enumerate(self.registered_collections[node])}
        node.send_runtest_some([self._places[node][nodeid] for nodeid, done in tests.items() if not done])
