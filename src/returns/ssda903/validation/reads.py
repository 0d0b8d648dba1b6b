"""What each SSDA903 rule can read and flag, read from the validator package's source.

A child's re-validation runs only the rules that can read a table in which the child's rows
changed (ADR 0023), and not the rules that cannot flag any of the child's rows: both are
worked out here from each rule's function (`rule_source`), followed into the package's
helpers it hands the tables to. When the source cannot tell, the rule runs.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from ... import rule_source
from .. import codes as c
from .rules import LOCAL_EQUIVALENTS, SHARED_FRAME_WRITERS, registry
from .tables import CARE_HISTORY


@cache
def flagged_tables(func: Callable[..., Any]) -> frozenset[str] | None:
    """The tables a rule can flag rows of: the keys of the dicts its function returns, read
    from its source. None when they cannot be read there (a key that is not a literal, a
    return of something other than a dict literal): such a rule is never skipped for it."""
    function = rule_source.definition(func)
    if function is None:
        return None
    tables: set[str] = set()
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue  # a nested function's returns are not the rule's
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return None
        if isinstance(node, ast.Return):
            if not isinstance(node.value, ast.Dict):
                return None
            for key in node.value.keys:
                if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                    return None
                tables.add(key.value)
        pending.extend(ast.iter_child_nodes(node))
    return frozenset(tables)


def _table_keys() -> frozenset[str]:
    names = set(c.TABLE_COLUMNS)
    return frozenset(names | {f"{name}_last" for name in names})


@cache
def read_tables(func: Callable[..., Any]) -> frozenset[str] | None:
    """The tables a rule can read (its `dfs[...]` keys): every table name written in its body
    (or held by a module constant it uses), and in the body of each function of the package it
    hands the tables to, followed down. None (it may read any) when it, or one of those, uses
    the tables other than by looking one up (`dfs.keys()`, `for name in dfs`, `d = dfs`),
    hands them to a function outside the package, or builds a table's name. A test checks,
    rule by rule, that the tables a rule is seen to read on generated data are among these."""
    found: set[str] = set()
    return frozenset(found) if _collect_reads(func, None, found, set()) else None


def _collect_reads(
    function: Any, tables_param: str | None, found: set[str], seen: set[tuple[Any, str]]
) -> bool:
    """Add to `found` the table names in `function`, whose parameter `tables_param` holds the
    tables (None: a rule, whose first parameter does), and in what it hands them to; False
    when it may read any table."""
    if (function, str(tables_param)) in seen:
        return True
    seen.add((function, str(tables_param)))
    helper = f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', '')}"
    if helper in HELPER_READS:
        found.update(HELPER_READS[helper])  # and the tables named to it, named in the caller
        return True
    definition = rule_source.definition(function)
    if definition is None:
        return False
    params = [a.arg for a in definition.args.args]
    dfs = tables_param or (params[0] if params else "")
    nodes = [n for statement in definition.body for n in ast.walk(statement)]
    if not _tables_only_looked_up(nodes, dfs) or _builds_a_name(nodes):
        return False
    found.update(_named_tables(nodes, function.__globals__))
    for callee, param in _handed_to(nodes, dfs, function.__globals__):
        if callee is None or param is None or not _collect_reads(callee, param, found, seen):
            return False
    return True


# The package's helpers that list the tables only to check that those named to them are there
# (`set(dfs.keys())`), and what else they read: read as such, not as reading any table.
HELPER_READS: dict[str, frozenset[str]] = {
    "lac_validator.utils.add_col_to_tables_CONTINUOUSLY_LOOKED_AFTER": frozenset({"Episodes"}),
}


def _named_tables(nodes: list[ast.AST], names: dict[str, Any]) -> set[str]:
    """Table names written out, or held by a module constant used."""
    keys = _table_keys()
    found = set()
    for node in nodes:
        value = node.value if isinstance(node, ast.Constant) else None
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            value = names.get(node.id)
        if isinstance(value, str) and value in keys:
            found.add(value)
    return found


def _builds_a_name(nodes: list[ast.AST]) -> bool:
    """Whether a string is built that might be a table's name (f"{x}", x + "_last")."""
    return any(
        isinstance(node, ast.JoinedStr)
        or (
            isinstance(node, ast.BinOp)
            and any(
                isinstance(side, ast.Constant) and side.value == "_last" for side in (node.left, node.right)
            )
        )
        for node in nodes
    )


def _handed_to(nodes: list[ast.AST], dfs: str, names: dict[str, Any]) -> Iterator[tuple[Any, str | None]]:
    """Each package function the tables are handed to, with its parameter that receives them
    (None for the function or the parameter when it cannot be told)."""
    for node in nodes:
        if not isinstance(node, ast.Call):
            continue
        positions = [i for i, a in enumerate(node.args) if _is_name(a, dfs)]
        keywords = [k.arg for k in node.keywords if _is_name(k.value, dfs)]
        if not positions and not keywords:
            continue
        callee = _resolve(node.func, names)
        if callee is None:
            yield None, None
            continue
        params = list(inspect.signature(callee).parameters)
        for i in positions:
            yield callee, params[i] if i < len(params) else None
        for keyword in keywords:
            yield callee, keyword


def _tables_only_looked_up(nodes: list[ast.AST], dfs: str) -> bool:
    """Whether every use of the tables' name is a lookup (`dfs[...]`, `dfs.get(...)`), a
    membership test (`... in dfs`) or an argument of a call (followed by the caller): not an
    alias (`d = dfs`), nor anything else that could reach a table unseen."""
    allowed: set[int] = set()
    for node in nodes:
        if (
            isinstance(node, ast.Subscript)
            and _is_name(node.value, dfs)
            or isinstance(node, ast.Attribute)
            and node.attr == "get"
            and _is_name(node.value, dfs)
        ):
            allowed.add(id(node.value))
        elif isinstance(node, ast.Compare):
            for op, right in zip(node.ops, node.comparators, strict=True):
                if isinstance(op, (ast.In, ast.NotIn)) and _is_name(right, dfs):
                    allowed.add(id(right))
        elif isinstance(node, ast.Call):
            allowed.update(id(a) for a in [*node.args, *(k.value for k in node.keywords)] if _is_name(a, dfs))
    return all(id(n) in allowed for n in nodes if _is_name(n, dfs))


def _is_name(node: ast.AST | None, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _in_package(func: Any) -> bool:
    return str(getattr(func, "__module__", "")).startswith("lac_validator.")


def _resolve(node: ast.expr, names: dict[str, Any]) -> Any:
    """The package's function a call names (`helper(...)`, `utils.helper(...)`), or None."""
    target: Any = None
    if isinstance(node, ast.Name):
        target = names.get(node.id)
    elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        target = getattr(names.get(node.value.id), node.attr, None)
    return target if inspect.isfunction(target) and _in_package(target) else None


def rules_reading(year: int, tables: frozenset[str] | None) -> frozenset[str]:
    """The year's rules that can read one of these tables (every rule for None; none for no
    table), with the rules that change a frame the others share, which always run with them."""
    rules = registry(year)
    if tables is None:
        return frozenset(rules)
    if not tables:
        return frozenset()
    found = set()
    for code, rule in rules.items():
        reads = read_tables(LOCAL_EQUIVALENTS.get(code, rule.func))
        if reads is None or (reads | AFTER_RULES_READS.get(code, frozenset())) & tables:
            found.add(code)
    return frozenset(found | (SHARED_FRAME_WRITERS & set(rules) if found else set()))


# What Harbour adds to the rules' findings reads more than the rules do: `with_history` reads
# the care history before last year, `known_faults` the rows a finding is on and some others.
AFTER_RULES_READS: dict[str, frozenset[str]] = {
    "1001": frozenset({CARE_HISTORY}),
    "1002": frozenset({CARE_HISTORY}),
    "SW11bSTG2": frozenset({"SWEpisodes"}),
    "624": frozenset({"Header"}),
    "146": frozenset({"Episodes"}),
    "187": frozenset({"Episodes", "AD1"}),
}


def cannot_flag(code: str, rule: Any, data: dict[str, Any]) -> bool:
    """For a re-validation of some children: whether every table the rule can flag has no
    rows (or is absent), so it cannot report one of their rows whatever the other tables hold.
    A rule whose flagged tables cannot be read from its source is run, unless it rewrites a
    shared frame (then it is skipped only as in a whole run, when its own tables are empty)."""
    if code in SHARED_FRAME_WRITERS or code in LOCAL_EQUIVALENTS:
        return nothing_to_check(rule, data)
    tables = flagged_tables(rule.func)
    if tables is None:
        return False
    return all(len(data.get(t, ())) == 0 for t in tables)


def nothing_to_check(rule: Any, data: dict[str, Any]) -> bool:
    """A rule flags rows of the tables it reads: when every one of them is present and empty
    (one child's re-validation, say), it cannot fail, so it is not run."""
    tables = rule.tables
    if not isinstance(tables, list) or not tables or not all(isinstance(t, str) for t in tables):
        return False
    return all(t in data and len(data[t]) == 0 for t in tables)
