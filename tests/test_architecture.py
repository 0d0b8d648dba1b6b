"""Static checks that keep Harbour's architecture honest.

* Views reach people only through the access door (`people.access`), never the ORM.
* No save signals and no business logic hidden in `Model.save()`: changes happen in
  service functions, which take the acting user as a keyword-only `actor`.
* Only core writes audit rows through its port to the audit app (`core.trail`).
"""

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

# Public service functions that do not take `actor`, each with the reason it need not.
NO_ACTOR_NEEDED: dict[str, str] = {
    "core.services.notify": "addressed to a recipient; called by services that take the actor and audit the cause",
    "people.services.notices.notify_about_child": "core.services.notify naming the child as the recipient may see; called in the transaction of the service making the step",
    "audit.services.record_many": "appends already-built events, each carrying its own actor",
    "audit.services.diff": "pure function comparing two snapshots",
    "returns.services.run_export": "the background task of a run; acts as, and re-checks, the run's requester",
    "returns.services.revalidate_children": "background re-validation after a change; writes derived findings only",
    "casework.services.uploads.check_upload": "checks an upload's type, size and bytes; called by services that take the actor",
    "returns.services.queue_revalidation": "called after commit when records changed; only queues work",
}
REQUIRED_SERVICE_MODULES = {"people.services", "workforce.services", "core.services"}


def _relative(path: Path) -> str:
    return str(path.relative_to(SRC))


def _is_test(path: Path) -> bool:
    return "tests" in path.relative_to(SRC).parts


def _source_files() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if not _is_test(p))


def _view_modules() -> list[Path]:
    found = {*SRC.glob("*/views.py"), *SRC.glob("*/views/**/*.py")}
    found |= {*SRC.glob("*/views_*.py"), *SRC.glob("*/*_views.py")}
    return sorted(found)


def _model_modules() -> list[Path]:
    return sorted({*SRC.glob("*/models.py"), *SRC.glob("*/models/**/*.py")})


def _service_modules() -> list[str]:
    found = {f"{p.parent.name}.services" for p in SRC.glob("*/services.py")}
    found |= {f"{p.parent.parent.name}.services" for p in SRC.glob("*/services/__init__.py")}
    # A package's subject modules hold its functions (the package re-exports them).
    found |= {
        f"{p.parent.parent.name}.services.{p.stem}"
        for p in SRC.glob("*/services/*.py")
        if not p.stem.startswith("_")
    }
    return sorted(found)


_ORM_PERSON = re.compile(
    r"\bPerson\.(objects|_default_manager|_base_manager)\b|\bget_(object|list)_or_404\(\s*Person\b"
)
_SAVE_SIGNAL = re.compile(r"\b(pre|post)_save\b")


def test_source_walk_finds_the_modules_it_checks():
    views = {_relative(p) for p in _view_modules()}
    assert {
        "people/views.py",
        "people/audit_views.py",
        "workforce/views/__init__.py",
        "workforce/views/team.py",
        "core/session_views.py",
    } <= views
    assert {"people/models.py", "audit/models.py"} <= {_relative(p) for p in _model_modules()}
    assert set(_service_modules()) >= REQUIRED_SERVICE_MODULES


def test_views_never_query_person_directly_when_loading_records():
    offenders = [
        f"{_relative(path)}:{number}: {line.strip()}"
        for path in _view_modules()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if _ORM_PERSON.search(line)
    ]
    assert not offenders, "Views must use people.access.get_person_for:\n" + "\n".join(offenders)


def test_no_save_signal_receivers_when_outside_tests():
    offenders = [
        f"{_relative(path)}:{number}: {line.strip()}"
        for path in _source_files()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if _SAVE_SIGNAL.search(line)
    ]
    assert not offenders, "Put the logic in a service function, not a save signal:\n" + "\n".join(offenders)


def _save_overrides(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    return [
        f"{_relative(path)}:{item.lineno}: {node.name}.save()"
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        for item in node.body
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and item.name == "save"
    ]


def test_models_do_not_override_save_when_defined():
    offenders = [found for path in _model_modules() for found in _save_overrides(path)]
    assert not offenders, "Business logic belongs in services, not Model.save():\n" + "\n".join(offenders)


def _defined_in(obj: object, module_name: str) -> bool:
    """Defined in the module, or (a services package) in one of its submodules."""
    defined = getattr(obj, "__module__", "")
    return defined == module_name or defined.startswith(f"{module_name}.")


def _public_functions(module_name: str) -> list[tuple[str, inspect.Signature]]:
    module = importlib.import_module(module_name)
    return [
        (f"{module_name}.{name}", inspect.signature(obj))
        for name, obj in vars(module).items()
        if inspect.isfunction(obj) and not name.startswith("_") and _defined_in(obj, module_name)
    ]


@pytest.mark.parametrize("module_name", _service_modules())
def test_service_functions_take_keyword_only_actor_when_public(module_name):
    offenders = []
    for qualified, signature in _public_functions(module_name):
        if qualified in NO_ACTOR_NEEDED:
            continue
        actor = signature.parameters.get("actor")
        if actor is None or actor.kind is not inspect.Parameter.KEYWORD_ONLY:
            offenders.append(f"{qualified}{signature}")
    assert not offenders, "Service functions must take `*, actor`:\n" + "\n".join(offenders)


def test_actor_whitelist_names_only_existing_functions():
    existing = {
        qualified for module_name in _service_modules() for qualified, _ in _public_functions(module_name)
    }
    assert set(NO_ACTOR_NEEDED) <= existing, set(NO_ACTOR_NEEDED) - existing


def _imports_trail(path: Path) -> bool:
    tree = ast.parse(path.read_text(), filename=str(path))
    in_core = path.relative_to(SRC).parts[0] == "core"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(alias.name == "core.trail" for alias in node.names):
            return True
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module == "core.trail" or (in_core and node.level == 1 and module == "trail"):
                return True
            if (module == "core" or (in_core and node.level == 1 and not module)) and any(
                alias.name == "trail" for alias in node.names
            ):
                return True
    return False


def test_only_core_writes_through_the_audit_trail_port():
    """`core.trail` is how the kernel reaches the audit app it may not import; every app
    above core writes with `audit.services` itself (the audit app only installs the writer)."""
    users = {_relative(path) for path in _source_files() if _imports_trail(path)}
    assert "core/workflow.py" in users  # the check sees the kernel's own use
    outside = sorted(u for u in users if not u.startswith("core/") and u != "audit/apps.py")
    assert not outside, "Write audit rows with audit.services, not core.trail:\n" + "\n".join(outside)
