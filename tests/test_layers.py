"""What may import what: the layers of Harbour, read from the code's own imports.

An app may import apps in lower layers only (and, in the platform layer, its neighbours).
The layers follow the child's journey, so no stage imports a later one; `core` is the
kernel and imports no other app; nothing imports the demo (it sits on top and drives the
stages through their services). Imports inside functions count the same as those at the
top of a module; an import only for type checking (`if TYPE_CHECKING:`) does not.

A stage that needs to offer something to an earlier one (the child's page, My work, the
chronology, documents, returns) does it through the plug-in points of `core.extensions`
(docs/adr/0026-plug-in-points.md), not by being imported.

Separately, no two modules import each other, directly or round a longer loop.
"""

import ast
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

# Lowest first. Apps in one layer may not import each other, except in PLATFORM.
LAYERS: list[set[str]] = [
    {"core"},
    {"accounts", "audit", "codes", "timescales"},  # the platform: users, audit trail, code lists, clocks
    {"people"},  # the child's record and the access door
    {"workforce"},  # teams, allocation, caseloads
    {"casework"},  # visits, notes, documents, the chronology: shared by every stage
    {"frontdoor"},
    {"assessments"},
    {"plans"},  # what child protection and child in need plans share
    {"protection", "cin"},
    {"early_help"},  # after the statutory stages: it takes the children they step down
    {"looked_after"},
    {"permanence"},
    {"care_leavers"},
    {"rights"},
    {"quality"},  # supervision, oversight, case audits, workload: reads every stage's records
    {"lifecycle", "returns"},
    {"performance"},  # indicators over everything recorded (and checked against the returns)
    {"demo"},
    {"config"},
]
PLATFORM = LAYERS[1]
LAYER = {app: number for number, apps in enumerate(LAYERS) for app in apps}


def _apps() -> set[str]:
    return {p.name for p in SRC.iterdir() if (p / "__init__.py").exists()}


def _modules() -> dict[str, Path]:
    found = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC).with_suffix("").parts
        if "tests" in parts or "migrations" in parts:
            continue
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def _imports(name: str, path: Path) -> list[tuple[int, str]]:
    """(line, module) for each import in the module, relative ones made absolute."""
    tree = ast.parse(path.read_text(), filename=str(path))
    skip = _type_checking_lines(tree)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            # `from package import module` is an import of the module; of the package only
            # when a name defined in the package itself is taken
            submodules = [
                f"{module}.{alias.name}" for alias in node.names if f"{module}.{alias.name}" in MODULES
            ]
            found += [(node.lineno, sub) for sub in submodules]
            if len(submodules) < len(node.names):
                found.append((node.lineno, module))
    return found


def _graph() -> dict[str, set[str]]:
    modules = MODULES
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for _, imported in _imports(name, path):
            if imported in modules and imported != name:
                graph[name].add(imported)
    return graph


def test_every_app_has_a_layer():
    assert _apps() <= set(LAYER), _apps() - set(LAYER)


def test_apps_import_only_lower_layers():
    offenders: set[str] = set()
    apps = _apps()
    for name, path in sorted(MODULES.items()):
        app = name.split(".")[0]
        for line, imported in _imports(name, path):
            other = imported.split(".")[0]
            if other not in apps or other == app:
                continue
            allowed = LAYER[other] < LAYER[app] or (app in PLATFORM and other in PLATFORM)
            if not allowed:
                offenders.add(f"{path.relative_to(SRC)}:{line}: {app} imports {other}")
    assert not offenders, "An app imports a later or sibling layer:\n" + "\n".join(sorted(offenders))


def test_nothing_imports_the_demo():
    offenders = [
        f"{path.relative_to(SRC)}:{line}: {imported}"
        for name, path in MODULES.items()
        if name.split(".")[0] not in {"demo", "config"}
        for line, imported in _imports(name, path)
        if imported.split(".")[0] == "demo"
    ]
    assert not offenders, "Only the demo (and settings) may name the demo:\n" + "\n".join(offenders)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_import_cycles():
    cycles = _cycles(_graph())
    assert not cycles, "Modules that import each other:\n" + "\n".join(" <-> ".join(c) for c in cycles)
