"""Every installed app's plug-in modules keep the contracts of `core.extensions` and
`core.worklist` (ADR 0026): the right names, holding the right kinds of thing, callable
with the arguments core passes."""

import inspect
from collections.abc import Callable

import pytest
from django.db.models import ForeignKey
from django.urls import reverse

from accounts.permissions import Permission
from core.extensions import NavItem, app_modules


def _takes(function: Callable[..., object], *args: object) -> bool:
    try:
        inspect.signature(function).bind(*args)
    except TypeError:
        return False
    return True


def test_navigation_items_link_to_pages_for_holders_of_a_permission():
    for module in app_modules("navigation"):
        for item in module.ITEMS:
            assert isinstance(item, NavItem), module.__name__
            assert reverse(item.url_name)
            assert item.permission in set(Permission), item


def test_panel_modules_offer_builders_of_a_person_for_a_user_and_hold_person_records():
    modules = app_modules("panels")
    assert modules
    for module in modules:
        assert module.PANELS, module.__name__
        for build in module.PANELS:
            assert _takes(build, "person", "user"), f"{module.__name__}.{build.__name__}"
        for model in getattr(module, "HOLDS", ()):
            assert isinstance(model._meta.get_field("person"), ForeignKey), model
        assert all(isinstance(lookup, str) for lookup in getattr(module, "PREFETCH", ()))


def test_summary_modules_hold_person_records():
    modules = app_modules("summary")
    assert modules
    for module in modules:
        for model in getattr(module, "HOLDS", ()):
            assert isinstance(model._meta.get_field("person"), ForeignKey), model


@pytest.mark.parametrize(
    ("module_name", "function", "arguments"),
    [
        ("worklist", "items", ({1}, "today")),
        ("worklist", "open_work_person_ids", ("today",)),
        ("worklist", "held_by", ("user", "today")),
        ("episode_guards", "open_work", ("referral",)),
        ("visit_checks", "refusals", ("person", "kind", "visited_on")),
        ("on_change", "record_changed", (frozenset({1}),)),
        ("summary", "facts", ("person", "user", "today")),
        ("workload", "caseloads", (["worker"], "today")),
        ("merging", "after_merge", ("actor", "survivor")),
        ("merging", "undo_merge", ("actor", {})),
        ("on_erasure", "before_erasure", ("person",)),
        ("stored_files", "referenced", ()),
    ],
)
def test_plug_in_functions_take_what_core_passes(module_name, function, arguments):
    modules = app_modules(module_name)
    assert modules
    for module in modules:
        if (
            module_name == "worklist"
            and function in ("open_work_person_ids", "held_by")
            and not hasattr(module, function)
        ):
            continue  # optional
        assert _takes(getattr(module, function), *arguments), f"{module.__name__}.{function}"
