"""How each stage's app plugs into shared pages without editing them.

An installed app may provide any of these modules; core discovers them in
INSTALLED_APPS order, so adding a stage never means editing another app's code:

- `<app>/navigation.py`: `ITEMS`, a list of `NavItem` for the service navigation.
- `<app>/panels.py`: `PANELS`, a list of callables `(person, user) -> Panel | None`, each a
  section of the person's page (e.g. "Child protection", "Children in care"); optionally
  `PREFETCH`, the person's relations its panels read (`person.referrals.all()`): loaded once
  for all panels before they are built, so two stages reading the same rows cost one query.
- `<app>/worklist.py`: `items(person_ids, today) -> Iterable[WorkItem]` (see core.worklist).
- `<app>/demo_stage.py`: `ORDER` (int) and `run(context)` extending the demo generator.
- `<app>/episode_guards.py`: `open_work(referral) -> list[str]`, the work this stage still
  has open on a child-in-need episode (closing the episode is refused while any is open).
- `<app>/on_change.py`: `record_changed(person_ids)`, told after a transaction that changed
  these people's records has committed (the audit of the change triggers it; see
  `record_changed` below). It must be quick: queue background work, do not do it.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import apps
from django.db.models import prefetch_related_objects


@cache
def app_modules(module_name: str) -> tuple[ModuleType, ...]:
    """The `<app>.<module_name>` modules of installed apps, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        try:
            found.append(import_module(f"{config.name}.{module_name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{module_name}":
                raise
    return tuple(found)


@dataclass(frozen=True)
class NavItem:
    key: str
    text: str
    url_name: str
    permission: str
    order: int = 100


@dataclass(frozen=True)
class Panel:
    """A section of the person page: a heading, a template and its context."""

    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100
    anchor: str = ""


def nav_items() -> list[NavItem]:
    items = [item for module in app_modules("navigation") for item in module.ITEMS]
    return sorted(items, key=lambda i: i.order)


def person_panels(person: Any, user: Any) -> list[Panel]:
    modules = app_modules("panels")
    shared = sorted({lookup for module in modules for lookup in getattr(module, "PREFETCH", ())})
    if shared:
        prefetch_related_objects([person], *shared)
    panels = []
    for module in modules:
        for build in module.PANELS:
            panel = build(person, user)
            if panel is not None:
                panels.append(panel)
    return sorted(panels, key=lambda p: p.order)


def episode_open_work(referral: Any) -> list[str]:
    """Open work on a child-in-need episode, as each stage reports it (e.g. "an assessment")."""
    return [item for module in app_modules("episode_guards") for item in module.open_work(referral)]


logger = logging.getLogger(__name__)


def record_changed(person_ids: Iterable[int]) -> None:
    """Tell each app's `on_change` that these records changed (after commit); a failing
    listener is logged and never undoes or fails the change itself."""
    ids = frozenset(person_ids)
    for module in app_modules("on_change"):
        try:
            module.record_changed(ids)
        except Exception as exc:  # noqa: BLE001 - the change is committed; report, do not raise
            logger.warning("on_change listener %s failed: %s", module.__name__, type(exc).__name__)
