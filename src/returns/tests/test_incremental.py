"""Fingerprints of a child's rows, and which tables a rule reads (ADR 0023): pure functions."""

from returns import incremental
from returns.base import Source, Table
from returns.ssda903 import validation as ssda903_validation


def _table(name: str, rows: list[tuple[list[object], Source]]) -> Table:
    table = Table(name, ["A", "B"])
    for row, source in rows:
        table.add(row, source)
    return table


def test_a_childs_fingerprint_changes_only_with_their_own_rows_or_sources():
    one, two = Source(1, "x.row", 10), Source(2, "x.row", 20)
    before = {"Episodes": _table("Episodes", [(["a", "1"], one), (["b", "2"], two)])}
    prints = incremental.fingerprints(before)
    assert set(prints) == {1, 2} and set(prints[1]) == {"Episodes"}

    other_child_edited = {"Episodes": _table("Episodes", [(["a", "1"], one), (["b", "3"], two)])}
    assert incremental.changed(prints[1], incremental.fingerprints(other_child_edited)[1]) == frozenset()
    assert incremental.changed(prints[2], incremental.fingerprints(other_child_edited)[2]) == {"Episodes"}

    same_row_new_record = {"Episodes": _table("Episodes", [(["a", "1"], Source(1, "x.row", 11))])}
    assert incremental.changed(prints[1], incremental.fingerprints(same_row_new_record)[1]) == {"Episodes"}

    a_row_in_a_new_table = dict(before, Reviews=_table("Reviews", [(["r", "1"], one)]))
    assert incremental.changed(prints[1], incremental.fingerprints(a_row_in_a_new_table)[1]) == {"Reviews"}


def test_a_child_with_no_rows_has_an_empty_fingerprint_and_nothing_stored_means_every_table():
    header = {"Header": _table("Header", [(["LA"], Source(None))])}  # a return-level row
    assert incremental.fingerprints(header, [7]) == {7: {}}
    assert incremental.changed(None, {}) is None
    assert incremental.changed({"Episodes": "x"}, {}) == {"Episodes"}


def rule_looking_up(dfs):
    if "Episodes" not in dfs:
        return {}
    return {"Episodes": dfs["Episodes"].index[dfs.get("Header") is None].tolist()}


def rule_iterating(dfs):
    return {name: [] for name in dfs.items()}


def rule_aliasing(dfs):
    tables = dfs
    return {"Episodes": tables["Episodes"].index.tolist()}


def rule_building_a_name(dfs):
    name = "Episodes"
    return {name: dfs[name + "_last"].index.tolist()}


def rule_handing_on(dfs):
    return {"Episodes": sorted(dfs)}


def test_the_tables_a_rule_reads_are_read_from_its_source_or_it_may_read_any():
    assert ssda903_validation.read_tables(rule_looking_up) == {"Episodes", "Header"}
    assert ssda903_validation.read_tables(rule_iterating) is None
    assert ssda903_validation.read_tables(rule_aliasing) is None
    assert ssda903_validation.read_tables(rule_building_a_name) is None
    assert ssda903_validation.read_tables(rule_handing_on) is None  # a function outside the package


def test_the_rules_reading_a_table_include_those_that_may_read_any_and_the_shared_frame_writers():
    year = 2026
    every = set(ssda903_validation.registry(year))
    reviews = ssda903_validation.rules_reading(year, frozenset({"Reviews"}))
    assert ssda903_validation.rules_reading(year, None) == every
    assert ssda903_validation.rules_reading(year, frozenset()) == frozenset()
    assert ssda903_validation.SHARED_FRAME_WRITERS <= reviews < every
    anything = {
        c
        for c, r in ssda903_validation.registry(year).items()
        if ssda903_validation.read_tables(r.func) is None
    }
    assert anything <= reviews
    history = ssda903_validation.rules_reading(year, frozenset({ssda903_validation.CARE_HISTORY}))
    assert {"1001", "1002"} <= history
