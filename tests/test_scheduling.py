"""The suite's own scheduling between workers (`tests/scheduling.py`): which tests go
together, in what order, and that every module sharing a module-wide set-up is accounted for."""

import ast
from pathlib import Path

import pytest

from tests.scheduling import LONG_TESTS, SPLIT_ON_PURPOSE, WHOLE_MODULES, django_group, order, unit_of

ROOT = Path(__file__).resolve().parents[1]


def _test_modules() -> list[Path]:
    return sorted(
        path
        for folder in (ROOT / "src", ROOT / "tests")
        for path in folder.rglob("test_*.py")
        if "system" not in path.relative_to(ROOT).parts
    )


def _module_fixtures(path: Path) -> set[str]:
    """The names of the fixtures with scope="module" that `path` defines."""
    return {
        node.name
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef)
        for decorator in node.decorator_list
        if isinstance(decorator, ast.Call)
        and any(k.arg == "scope" and getattr(k.value, "value", None) == "module" for k in decorator.keywords)
    }


def _path_of(module: str) -> Path:
    parts = module.split(".")
    return (ROOT if parts[0] == "tests" else ROOT / "src").joinpath(*parts).with_suffix(".py")


def _shares_a_module_fixture(path: Path) -> bool:
    """A fixture with scope="module" defined in the module, or one imported from another
    test module (`from returns.tests.test_cin_census_demo import borough`)."""
    if _module_fixtures(path):
        return True
    return any(
        isinstance(node, ast.ImportFrom)
        and ".tests.test_" in f".{node.module or ''}"
        and {alias.name for alias in node.names} & _module_fixtures(_path_of(node.module or ""))
        for node in ast.walk(ast.parse(path.read_text()))
    )


def test_every_module_with_a_module_wide_fixture_is_listed():
    unlisted = [
        str(path.relative_to(ROOT))
        for path in _test_modules()
        if _shares_a_module_fixture(path)
        and str(path.relative_to(ROOT)) not in WHOLE_MODULES + SPLIT_ON_PURPOSE
    ]
    assert not unlisted, f"List these in tests/scheduling.py (WHOLE_MODULES or SPLIT_ON_PURPOSE): {unlisted}"


def test_every_listed_module_and_long_test_exists():
    for module in WHOLE_MODULES + SPLIT_ON_PURPOSE:
        assert (ROOT / module).is_file(), module
    for prefix in LONG_TESTS:
        assert (ROOT / prefix.split("::")[0]).is_file(), prefix
    assert len(set(WHOLE_MODULES)) == len(WHOLE_MODULES)


def test_a_listed_module_is_one_unit_and_any_other_test_its_own():
    protection = "src/demo/tests/test_stage_protection.py"
    assert unit_of(f"{protection}::test_a") == unit_of(f"{protection}::test_b[1]") == protection
    assert unit_of("src/people/tests/test_search.py::test_a") == "src/people/tests/test_search.py::test_a"
    assert (
        unit_of("tests/test_permission_matrix.py::test_cell[x]")
        == "tests/test_permission_matrix.py::test_cell[x]"
    )


class _Item:
    def __init__(self, nodeid: str, group: int) -> None:
        self.nodeid, self.group = nodeid, group


def test_the_long_tests_go_first_within_their_own_group_and_the_rest_keep_their_order():
    collected = [
        _Item("src/people/tests/test_search.py::test_one", 0),
        _Item("src/demo/tests/test_tiling.py::test_a", 0),
        _Item("src/demo/tests/test_stage_protection.py::test_a", 0),
        _Item("src/people/tests/test_search.py::test_two", 0),
        _Item("src/demo/tests/test_tiling.py::test_b", 0),
        _Item("src/demo/tests/test_stage_protection.py::test_b", 0),
        _Item("src/demo/tests/test_stage_permanence_leavers_rights.py::test_slowest", 0),
        _Item("src/audit/tests/test_chain.py::test_triggers", 1),
        _Item("src/returns/tests/test_returns_across_boroughs.py::test_both_returns_have_no_errors[1]", 1),
        _Item("accounts/tests/test_a.py::test_no_database", 2),
    ]

    ordered = [item.nodeid for item in order(collected, lambda item: item.group)]

    assert ordered == [
        "src/demo/tests/test_stage_protection.py::test_a",
        "src/demo/tests/test_stage_protection.py::test_b",
        "src/demo/tests/test_tiling.py::test_a",
        "src/demo/tests/test_tiling.py::test_b",
        "src/demo/tests/test_stage_permanence_leavers_rights.py::test_slowest",
        "src/people/tests/test_search.py::test_one",
        "src/people/tests/test_search.py::test_two",
        "src/returns/tests/test_returns_across_boroughs.py::test_both_returns_have_no_errors[1]",
        "src/audit/tests/test_chain.py::test_triggers",
        "accounts/tests/test_a.py::test_no_database",
    ]


def test_a_module_handed_out_whole_may_not_have_a_test_that_commits():
    collected = [
        _Item("src/demo/tests/test_tiling.py::test_a", 0),
        _Item("src/demo/tests/test_tiling.py::test_b", 1),
    ]
    with pytest.raises(ValueError, match="test_tiling.py"):
        order(collected, lambda item: item.group)


def test_the_order_refuses_tests_not_in_djangos_order():
    collected = [_Item("a.py::test_commits", 1), _Item("b.py::test_in_a_transaction", 0)]
    with pytest.raises(ValueError, match="Django's order"):
        order(collected, lambda item: item.group)


def test_django_group_agrees_with_how_the_suites_tests_are_marked(request):
    assert django_group(request.node) == 2  # this test uses no database


@pytest.mark.django_db
def test_django_group_of_a_test_in_a_transaction(request):
    assert django_group(request.node) == 0


@pytest.mark.django_db(transaction=True)
def test_django_group_of_a_test_that_commits(request):
    assert django_group(request.node) == 1
