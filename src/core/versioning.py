"""No lost updates: optimistic version checks for every edit form (ADR 0009).

A record that can be edited has `version = models.PositiveIntegerField(default=1)`.
The edit form carries the version it was opened at (`VersionedForm` adds the hidden
field); the service checks it under a row lock and bumps it:

    # services.py
    from core.versioning import StaleEdit, lock_for_edit

    @transaction.atomic
    def update_plan(*, actor, plan, data, expected_version):
        current = lock_for_edit(plan, expected_version)   # raises StaleEdit(current)
        ...change current, then: current.version += 1; current.save()

    # views.py
    try:
        services.update_plan(actor=request.user, plan=plan, data=..., expected_version=form.cleaned_data["version"])
    except StaleEdit as stale:
        form = conflict_form(form, stale.current)          # keeps what was typed, new version
        rows = conflict_rows(stale.current, form, fields)  # both versions, side by side
        return render(..., {"form": form, "conflict_rows": rows}, status=409)

`people.services.update_person` and `people/edit.jinja` are the worked example. Nothing
is silently overwritten: the user sees their version and the saved one and saves again.
"""

from collections.abc import Iterable
from typing import Any, TypeVar

from django import forms
from django.db import models

M = TypeVar("M", bound=models.Model)

CONFLICT_MESSAGE = (
    "Someone else changed this record while you were editing it. "
    "Check their changes below, then save again to keep yours."
)


class StaleEdit(Exception):  # noqa: N818 - named for what happened
    def __init__(self, current: models.Model) -> None:
        super().__init__("stale edit")
        self.current = current


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


def lock_for_edit(obj: M, expected_version: int) -> M:
    """The row, locked for this transaction; StaleEdit if it changed since the form opened."""
    current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    if current.version != expected_version:  # type: ignore[attr-defined]
        raise StaleEdit(current)
    return current


def conflict_form(form: forms.BaseForm, current: models.Model) -> forms.BaseForm:
    """The same form with what the user typed and the CURRENT version, plus the message."""
    data = dict(form.data.items()) if not hasattr(form.data, "copy") else form.data.copy()  # type: ignore[attr-defined]
    data["version"] = str(current.version)  # type: ignore[attr-defined]
    fresh = type(form)(data, initial=form.initial)
    fresh.is_valid()
    fresh.add_error(None, CONFLICT_MESSAGE)
    return fresh


def conflict_rows(current: models.Model, form: forms.BaseForm, fields: Iterable[str]) -> list[dict[str, Any]]:
    """Field by field: the label, the saved value and the value typed, where they differ."""
    rows = []
    for name in fields:
        saved = getattr(current, name, None)
        typed = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
        if typed is None:
            typed = form.data.get(name)
        if (saved or "") != (typed or ""):
            label = form.fields[name].label if name in form.fields else name
            rows.append({"field": name, "label": str(label), "saved": saved, "yours": typed})
    return rows
