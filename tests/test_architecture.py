"""Static checks that keep Harbour's architecture honest.

* Views reach people only through the access door (`people.access`), never the ORM.
* No save signals and no business logic hidden in `Model.save()`: changes happen in
  service functions, which take the acting user as a keyword-only `actor`.
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
    "people.services.next_la_child_ids": "reserves identifiers only; called by create_person, which has the actor",
    "people.services.reindex_names": "rebuilds derived search keys from what is already recorded",
    "core.services.notify": "addressed to a recipient; called by services that take the actor and audit the cause",
    "audit.services.record_many": "appends already-built events, each carrying its own actor",
    "audit.services.content_hash": "pure function of an audit row",
    "audit.services.diff": "pure function comparing two snapshots",
    "audit.services.verify_chain": "read-only check of the audit chain",
    "returns.services.run_export": "the background task of a run; acts as, and re-checks, the run's requester",
    "returns.services.revalidate_children": "background re-validation after a change; writes derived findings only",
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
    return sorted({*SRC.glob("*/views.py"), *SRC.glob("*/views/**/*.py")})


def _model_modules() -> list[Path]:
    return sorted({*SRC.glob("*/models.py"), *SRC.glob("*/models/**/*.py")})


def _service_modules() -> list[str]:
    found = {f"{p.parent.name}.services" for p in SRC.glob("*/services.py")}
    found |= {f"{p.parent.parent.name}.services" for p in SRC.glob("*/services/__init__.py")}
    return sorted(found)


_ORM_PERSON = re.compile(
    r"\bPerson\.(objects|_default_manager|_base_manager)\b|\bget_(object|list)_or_404\(\s*Person\b"
)
_SAVE_SIGNAL = re.compile(r"\b(pre|post)_save\b")


def test_source_walk_finds_the_modules_it_checks():
    views = {_relative(p) for p in _view_modules()}
    assert {"people/views.py", "audit/views.py", "workforce/views.py"} <= views
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
