"""Django forms rendered through GOV.UK Frontend components (ADR 0001).

Templates say `{{ field(form.name) }}`; this module turns a bound field into the
parameters of the matching GOV.UK macro, so component markup lives in one place.
`GovDateField` is the GOV.UK day/month/year date input with the design system's
error messages. `submitted` is the one "valid POST → service → errors back on the form"
step every form page uses, and `form_page` the one form page built on it:

    @requires(Permission.RECORD_CARE)
    @with_record(PeriodOfCare, Purpose.EDIT, page="Care plans", kwarg="period_id")
    def plans(request, period):
        return form_page(
            request,
            forms.PlansForm(request.POST or None),
            lambda d: services.record_plans(actor=request.user, period=period, **d),
            title="Record care, placement and permanence plans",
            person=period.person,
            success="Plans recorded",                       # or a function of the result
            next_url=reverse("looked_after:timeline", args=[period.person_id]),
        )

A page with more on it than the form passes its own `template` and `context`.
"""

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, Generic, TypeVar, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.boundfield import BoundField
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from core.form_messages import GovErrors, give_gov_messages, subject
from core.versioning import StaleEdit, show_conflict

T = TypeVar("T")


class GovForm(GovErrors, forms.Form):
    """The base of every Harbour form: its messages say what to do (core.form_messages)."""


class GovDateInput(forms.Widget):
    """Three inputs named `<name>-day`, `<name>-month`, `<name>-year`."""

    parts = ("day", "month", "year")

    def value_from_datadict(self, data: Any, files: Any, name: str) -> dict[str, str]:
        return {part: (data.get(f"{name}-{part}") or "").strip() for part in self.parts}

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}-{part}" in data for part in self.parts)

    def format_value(self, value: Any) -> dict[str, str]:
        if isinstance(value, date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        if isinstance(value, dict):
            return {part: str(value.get(part, "")) for part in self.parts}
        return {"day": "", "month": "", "year": ""}


class GovDateField(forms.Field):
    widget = GovDateInput
    asks_for_a_date = True

    def __init__(
        self, *, past_only: bool = False, future_only: bool = False, name: str = "", **kwargs: Any
    ) -> None:
        """`name`: what messages call the date when the label does not say it well
        ("By when" → name="The date the action is due by")."""
        self.past_only = past_only
        self.future_only = future_only
        self.name = name
        super().__init__(**kwargs)
        give_gov_messages(self)

    @property
    def called(self) -> str:
        return self.name or (subject(self.label) if self.label else "Date")

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, date):
            return value
        parts = value or {}
        label = self.called
        filled = {k: v for k, v in parts.items() if v}
        if not filled:
            return None
        missing = [p for p in ("day", "month", "year") if not parts.get(p)]
        if missing:
            raise forms.ValidationError(f"{label} must include a {' and '.join(missing)}", code="incomplete")
        try:
            day, month, year = (int(parts[p]) for p in ("day", "month", "year"))
        except ValueError as exc:
            raise forms.ValidationError(f"{label} must be a real date", code="invalid") from exc
        if year < 1000:
            raise forms.ValidationError("Year must include 4 numbers", code="invalid")
        try:
            return date(year, month, day)
        except (ValueError, OverflowError) as exc:  # OverflowError: numbers beyond a C int
            raise forms.ValidationError(f"{label} must be a real date", code="invalid") from exc

    def validate(self, value: date | None) -> None:
        if value is None:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return
        today = timezone.localdate()
        if self.past_only and value > today:
            raise forms.ValidationError(f"{self.called} must be today or in the past")
        if self.future_only and value < today:
            raise forms.ValidationError(f"{self.called} must be today or in the future")


def _error(bf: BoundField) -> dict[str, str] | None:
    return {"text": str(bf.errors[0])} if bf.errors else None


def _classes(bf: BoundField) -> str:
    return str(bf.field.widget.attrs.get("class", ""))


def _label(bf: BoundField, page_heading: bool) -> dict[str, Any]:
    label: dict[str, Any] = {"text": str(bf.label)}
    if page_heading:
        label.update({"isPageHeading": True, "classes": "govuk-label--l"})
    return label


def _choices(bf: BoundField) -> list[tuple[str, str]]:
    return [(str(v), str(t)) for v, t in bf.field.choices if str(v) != "" or t]  # type: ignore[attr-defined]


def _selected(bf: BoundField) -> set[str]:
    value = bf.value()
    if isinstance(value, list | tuple | set):
        return {str(v) for v in value}
    return {"" if value is None else str(value)}


def _legend(bf: BoundField) -> dict[str, Any]:
    return {"legend": {"text": str(bf.label), "classes": "govuk-fieldset__legend--s"}}


def _date_params(bf: BoundField, common: dict[str, Any], page_heading: bool) -> dict[str, Any]:
    value = GovDateInput().format_value(bf.value())
    err = " govuk-input--error" if bf.errors else ""
    widths = {"day": "2", "month": "2", "year": "4"}
    items = [
        {
            "name": part,
            "label": part.title(),
            "value": value[part],
            "inputmode": "numeric",
            "classes": f"govuk-input--width-{widths[part]}{err}",
        }
        for part in ("day", "month", "year")
    ]
    extra = {k: v for k, v in common.items() if k in ("hint", "errorMessage")}
    return {"id": bf.html_name, "namePrefix": bf.html_name, "items": items, "fieldset": _legend(bf), **extra}


def _choice_items(bf: BoundField, key: str) -> list[dict[str, Any]]:
    selected = _selected(bf)
    return [{"value": v, "text": t, key: v in selected} for v, t in _choices(bf) if v]


def _radios_params(bf: BoundField, common: dict[str, Any], page_heading: bool) -> dict[str, Any]:
    params = {
        **{k: v for k, v in common.items() if k != "id"},
        "idPrefix": bf.html_name,
        "fieldset": _legend(bf),
        "items": _choice_items(bf, "checked"),
    }
    if _classes(bf):
        params["classes"] = _classes(bf)
    return params


def _checkboxes_params(bf: BoundField, common: dict[str, Any], page_heading: bool) -> dict[str, Any]:
    return {
        **{k: v for k, v in common.items() if k != "id"},
        "idPrefix": bf.html_name,
        "fieldset": _legend(bf),
        "items": _choice_items(bf, "checked"),
    }


def _checkbox_params(bf: BoundField, common: dict[str, Any], page_heading: bool) -> dict[str, Any]:
    item = {"value": "on", "text": str(bf.label), "checked": bool(bf.value()), "id": bf.id_for_label}
    return {**{k: v for k, v in common.items() if k != "id"}, "idPrefix": bf.html_name, "items": [item]}


def _select_params(bf: BoundField, common: dict[str, Any], page_heading: bool) -> dict[str, Any]:
    selected = _selected(bf)
    items = [{"value": str(v), "text": str(t), "selected": str(v) in selected} for v, t in bf.field.choices]  # type: ignore[attr-defined]
    return {**common, "label": _label(bf, page_heading), "items": items}


def _textarea_params(bf: BoundField, common: dict[str, Any], page_heading: bool) -> dict[str, Any]:
    params = {**common, "label": _label(bf, page_heading), "value": bf.value() or ""}
    if bf.field.widget.attrs.get("rows"):
        params["rows"] = bf.field.widget.attrs["rows"]
    return params


def _input_params(bf: BoundField, common: dict[str, Any], page_heading: bool) -> dict[str, Any]:
    widget = bf.field.widget
    value = bf.value()
    hide = value is None or isinstance(widget, forms.PasswordInput)
    params = {
        **common,
        "label": _label(bf, page_heading),
        "value": "" if hide else value,
        "type": getattr(widget, "input_type", "text") or "text",
    }
    params.update(
        {a: widget.attrs[a] for a in ("autocomplete", "inputmode", "spellcheck") if a in widget.attrs}
    )
    if _classes(bf):
        params["classes"] = _classes(bf)
    return params


# Order matters: CheckboxSelectMultiple is a RadioSelect subclass, and both are Selects.
_BUILDERS: list[tuple[type, str, Any]] = [
    (GovDateInput, "date", _date_params),
    (forms.CheckboxSelectMultiple, "checkboxes", _checkboxes_params),
    (forms.RadioSelect, "radios", _radios_params),
    (forms.CheckboxInput, "checkboxes", _checkbox_params),
    (forms.Select, "select", _select_params),
    (forms.Textarea, "textarea", _textarea_params),
]


def govuk_field_params(bf: BoundField, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return {"macro": <component>, "params": {...}} for a bound field."""
    overrides = dict(overrides or {})
    page_heading = bool(overrides.pop("isPageHeading", False))
    common: dict[str, Any] = {"id": bf.id_for_label or bf.html_name, "name": bf.html_name}
    if bf.help_text:
        common["hint"] = {"text": str(bf.help_text)}
    if bf.errors:
        common["errorMessage"] = _error(bf)
    macro, builder = next(
        ((m, b) for cls, m, b in _BUILDERS if isinstance(bf.field.widget, cls)),
        ("input", _input_params),
    )
    params = builder(bf, common, page_heading)
    params.update(overrides)
    return {"macro": macro, "params": params}


def error_list(form: forms.BaseForm) -> list[dict[str, str]]:
    """The GOV.UK error summary's list: each error linked to its field."""
    items: list[dict[str, str]] = []
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            items.extend({"text": str(e)} for e in errors)
            continue
        bf = form[name]
        widget = bf.field.widget
        if isinstance(widget, GovDateInput):
            anchor = f"{bf.html_name}-day"
        elif isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            anchor = bf.html_name
        else:
            anchor = bf.id_for_label or bf.html_name
        items.append({"text": str(errors[0]), "href": f"#{anchor}"})
    return items


def apply_validation_errors(
    exc: ValidationError, form: forms.BaseForm, *, rename: Mapping[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form, against the right fields. `rename` maps a
    service's field name to the form's where they differ (e.g. {"received_at": "received_on"});
    an error for a field the form does not have goes in the summary for the whole form."""
    if hasattr(exc, "error_dict"):
        for field_name, errors in exc.error_dict.items():
            name = (rename or {}).get(field_name, field_name)
            target = name if name in form.fields else None
            for error in errors:
                form.add_error(target, error)
        return
    for message in exc.messages:
        form.add_error(None, message)


class Submitted(Generic[T]):
    """What `submitted` gives back: true when the service call succeeded, and then `result`
    is what the call returned (the new record to redirect to, a message to show)."""

    __slots__ = ("_ok", "_result")

    def __init__(self, ok: bool, result: Any = None) -> None:
        self._ok = ok
        self._result = result

    def __bool__(self) -> bool:
        return self._ok

    @property
    def result(self) -> T:
        if not self._ok:
            raise AttributeError("Nothing was saved: the form goes back to the user")
        return cast(T, self._result)


def submitted(
    request: Any,
    form: forms.BaseForm,
    action: Callable[[dict[str, Any]], T],
    *,
    rename: Mapping[str, str] | None = None,
) -> Submitted[T]:
    """The one "valid POST → service" step of a form page: true when the request is a POST,
    the form is valid and `action(cleaned_data)` (a service call) succeeded; `.result` is what
    it returned. A service's ValidationError goes back onto the form (field names mapped by
    `rename`) and gives false, so the caller re-renders the form with everything typed kept;
    a GET or an invalid form gives false too. A stale edit (core.versioning) gives false with
    the conflict on the form: both versions (`form_status` gives 409). Any other exception
    passes through to the caller.

        if done := submitted(request, form, lambda data: services.start(actor=user, **data)):
            messages.success(request, "Started")
            return redirect("app:detail", pk=done.result.pk)
        return render_form_page(...)  # status form_status(form)

    An `action` may also raise a ValidationError itself for a check only the view can make
    (a Harbour ID that matches no record the user may open), so it shows like any other."""
    if request.method != "POST" or not form.is_valid():
        return Submitted(False)
    try:
        result = action(form.cleaned_data)
    except ValidationError as exc:
        apply_validation_errors(exc, form, rename=rename)
        return Submitted(False)
    except StaleEdit as stale:  # someone saved a change since the form was opened
        show_conflict(form, stale.current)
        return Submitted(False)
    return Submitted(True, result)


def form_status(form: forms.BaseForm) -> int:
    """The status of a form page: 200, 400 with errors, 409 for a stale edit."""
    if hasattr(form, "conflict_rows"):
        return 409
    return 400 if form.errors else 200


# Where a form about a child's record goes back to, unless it says: the record's page of each
# stage's work, where what was recorded shows.
RECORD_WORK_PAGE = "people:work"


def form_page(
    request: Any,
    form: forms.BaseForm,
    action: Callable[[dict[str, Any]], T],
    *,
    title: str,
    success: str | Callable[[T], str],
    next_url: str | Callable[[T], str] | None = None,
    person: Any = None,
    template: str = "form_page.jinja",
    back: str | None = None,
    context: Mapping[str, Any] | Callable[[], Mapping[str, Any]] | None = None,
    extra_forms: Sequence[forms.BaseForm] = (),
    rename: Mapping[str, str] | None = None,
) -> HttpResponse:
    """The one form page. A valid POST runs `action(cleaned_data)` (a service call that takes
    the acting user) through `submitted`; on success it says `success` and goes to `next_url`
    (each a string, or a function of what `action` returned; by default the person's record).
    Otherwise `template` is shown with `form`, `title`, `person`, `back` and `context` (a
    mapping, or a function called only when the page is shown): 400 with every error at once
    and everything typed kept, 409 for a stale edit with both versions. `extra_forms` are
    further forms on the page whose errors count too (the action validates them)."""
    if done := submitted(request, form, action, rename=rename):
        result = done.result
        messages.success(request, success(result) if callable(success) else success)
        if callable(next_url):
            return redirect(next_url(result))
        if next_url is None:
            if person is None:
                raise ValueError("form_page needs next_url when there is no person")
            return redirect(reverse(RECORD_WORK_PAGE, args=[person.pk]))
        return redirect(next_url)
    has_errors = bool(form.errors) or any(extra.errors for extra in extra_forms)
    status = form_status(form)
    extra = context() if callable(context) else (context or {})
    return render(
        request,
        template,
        {
            "form": form,
            "title": title,
            "person": person,
            "back": back if back is not None else _default_back(person),
            "page_has_errors": has_errors,
            **extra,
        },
        status=400 if status == 200 and has_errors else status,
    )


def _default_back(person: Any) -> str:
    return reverse(RECORD_WORK_PAGE, args=[person.pk]) if person is not None else ""
