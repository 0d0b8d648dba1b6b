"""No lost updates: optimistic version checks for every edit form (ADR 0009).

The short way, used by every edit form that goes through `core.forms.submitted`:

    class CINPlan(Versioned, models.Model): ...            # models.py: the `version` column

    @transaction.atomic                                    # services.py
    def update_cin_plan(*, actor, plan, ..., expected_version=None):
        claim_edit(plan, expected_version)                 # locks; StaleEdit if changed
        ... change plan ...; plan.save()                   # saves the bumped version too

    form = versioned(PlanTextForm(request.POST or None, initial=...), plan)   # views.py
    if submitted(request, form, lambda data: services.update_cin_plan(
            actor=request.user, plan=plan, expected_version=data.pop("version"), **data)): ...

`submitted` turns StaleEdit into the conflict: the form keeps what was typed, takes the
current version (so saving again keeps the user's version, knowingly) and carries
`conflict_rows`, which `error_summary` in `_forms.jinja` shows as a table of both versions.

The long way, for a page with its own layout (the person's identity details):

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
from datetime import date
from typing import Any, TypeVar

from django import forms
from django.db import models

M = TypeVar("M", bound=models.Model)
F = TypeVar("F", bound=forms.BaseForm)

CONFLICT_MESSAGE = (
    "Someone else changed this record while you were editing it. "
    "Check their changes below, then save again to keep yours."
)


class StaleEdit(Exception):  # noqa: N818 - named for what happened
    def __init__(self, current: models.Model) -> None:
        super().__init__("stale edit")
        self.current = current


class Versioned(models.Model):
    """A record that edit forms change: `version` counts its saved changes."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


def _version_field(initial: int | None = None) -> forms.IntegerField:
    message = "This form is out of date. Go back to the record and open it again."
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        initial=initial,
        error_messages={"required": message, "invalid": message, "min_value": message},
    )


class VersionedForm(forms.Form):
    version = _version_field()


def versioned(form: F, obj: models.Model | None) -> F:
    """The edit form with the hidden version the record is opened at (required on POST).
    None: a form that creates the record if it does not exist yet (version 0: if someone
    else creates it first, saving is a stale edit)."""
    form.fields["version"] = _version_field(obj.version if obj is not None else 0)  # type: ignore[attr-defined]
    return form


def claim_edit(obj: models.Model, expected_version: int | None) -> None:
    """Lock the record's row for this transaction and count the change in `obj.version`.

    `expected_version` is the version the edit form was opened at: StaleEdit (carrying the
    saved record) if someone has saved a change since. None means the change does not come
    from a form opened earlier (the demo generator, a system job): nothing to compare.
    The caller saves `obj` (with "version" in any `update_fields`)."""
    manager = type(obj)._default_manager
    saved = manager.select_for_update().filter(pk=obj.pk).values_list("version", flat=True).get()
    if expected_version is not None and saved != expected_version:
        raise StaleEdit(manager.get(pk=obj.pk))
    obj.version = saved + 1  # type: ignore[attr-defined]


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


def _shown(value: Any, field: forms.Field | None) -> str:
    """A value as a person reads it: choice labels, dates in words, Yes/No, "Not given"."""
    if value is None or value == "" or value == []:
        return "Not given"
    choices = dict(getattr(field, "choices", None) or [])
    if isinstance(value, list | tuple | set):
        return ", ".join(str(choices.get(v, v)) for v in value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    return str(choices.get(value, value))


def show_conflict(form: forms.BaseForm, current: models.Model) -> None:
    """Put a stale edit's conflict on the (validated) form, in place: the form keeps what was
    typed, moves to the saved version and carries `conflict_rows` (each field that differs:
    label, saved, yours) for `error_summary` to show."""
    data = form.data.copy()  # type: ignore[attr-defined]
    data["version"] = str(current.version)  # type: ignore[attr-defined]
    form.data = data
    rows = []
    for name, field in form.fields.items():
        if name == "version" or not hasattr(current, name):
            continue
        saved = getattr(current, name)
        yours = form.cleaned_data.get(name)
        if _shown(saved, field) != _shown(yours, field):
            rows.append(
                {
                    "field": name,
                    "label": str(field.label or name),
                    "saved": _shown(saved, field),
                    "yours": _shown(yours, field),
                }
            )
    form.conflict_rows = rows  # type: ignore[attr-defined]
    form.add_error(None, CONFLICT_MESSAGE)
