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

`people.services.update_person` keeps its own row lock (it bumps the version only when
something changed) but raises the same StaleEdit, so its page goes the same way.
Nothing is silently overwritten: the user sees their version and the saved one.
"""

from datetime import date, datetime
from typing import Any, TypeVar

from django import forms
from django.db import models

from core.presenters import govuk_date, govuk_datetime

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


def versioned(form: F, obj: models.Model | None, fields: dict[str, str] | None = None) -> F:
    """The edit form with the hidden version the record is opened at (required on POST).
    None: a form that creates the record if it does not exist yet (version 0: if someone
    else creates it first, saving is a stale edit). `fields` names the record's attribute
    for a form field called differently, so a conflict can show both versions of it."""
    form.fields["version"] = _version_field(obj.version if obj is not None else 0)  # type: ignore[attr-defined]
    form.version_fields = fields or {}  # type: ignore[attr-defined]
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


def _shown(value: Any, field: forms.Field | None) -> str:
    """A value as a person reads it: choice labels, dates in words, Yes/No, "Not given"."""
    if value is None or value == "" or value == []:
        return "Not given"
    choices = dict(getattr(field, "choices", None) or [])
    if isinstance(value, list | tuple | set):
        return ", ".join(str(choices.get(v, v)) for v in value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return govuk_datetime(value)
    if isinstance(value, date):
        return govuk_date(value)
    return str(choices.get(value, value))


def show_conflict(form: forms.BaseForm, current: models.Model) -> None:
    """Put a stale edit's conflict on the (validated) form, in place: the form keeps what was
    typed, moves to the saved version and carries `conflict_rows` (each field that differs:
    label, saved, yours) for `error_summary` to show."""
    data = form.data.copy()  # type: ignore[attr-defined]
    data["version"] = str(current.version)  # type: ignore[attr-defined]
    form.data = data
    rows = []
    attributes = getattr(form, "version_fields", {})
    for name, field in form.fields.items():
        attribute = attributes.get(name, name)
        if name == "version" or not hasattr(current, attribute):
            continue
        saved = getattr(current, attribute)
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
