"""GOV.UK form helpers: the date field's messages and the component parameters."""

from datetime import date, timedelta

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import timezone

from core.forms import GovDateField, apply_validation_errors, error_list, govuk_field_params, submitted


class DateForm(forms.Form):
    born = GovDateField(label="Date of birth", required=False, past_only=True)
    due = GovDateField(label="Review date", required=False, future_only=True)
    visited = GovDateField(label="Visit date", required=True)


def _date_data(name: str, day: object = "", month: object = "", year: object = "") -> dict[str, str]:
    return {f"{name}-day": str(day), f"{name}-month": str(month), f"{name}-year": str(year)}


def _errors(**data: str) -> dict[str, list[str]]:
    form = DateForm({**_date_data("visited", 1, 2, 2024), **data})
    form.is_valid()
    return form.errors


def test_gov_date_field_parses_date_when_all_parts_valid():
    form = DateForm({**_date_data("born", " 27 ", "3", "2015"), **_date_data("visited", 1, 2, 2024)})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["born"] == date(2015, 3, 27)
    assert form.cleaned_data["due"] is None


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ((1, "", 2020), "Date of birth must include a month"),
        (("", 5, 2020), "Date of birth must include a day"),
        ((1, 5, ""), "Date of birth must include a year"),
        (("", "", 2020), "Date of birth must include a day and month"),
    ],
)
def test_gov_date_field_names_missing_part_when_incomplete(parts, message):
    assert _errors(**_date_data("born", *parts))["born"] == [message]


@pytest.mark.parametrize(
    "parts", [(31, 2, 2016), (1, 13, 2016), (0, 1, 2016), ("x", 1, 2016), (1, "March", 2016)]
)
def test_gov_date_field_refuses_when_not_a_real_date(parts):
    assert _errors(**_date_data("born", *parts))["born"] == ["Date of birth must be a real date"]


def test_gov_date_field_refuses_when_year_not_four_digits():
    assert _errors(**_date_data("born", 1, 1, 15))["born"] == ["Year must include 4 numbers"]


def test_gov_date_field_refuses_future_date_when_past_only():
    tomorrow = timezone.localdate() + timedelta(days=1)

    errors = _errors(**_date_data("born", tomorrow.day, tomorrow.month, tomorrow.year))

    assert errors["born"] == ["Date of birth must be today or in the past"]


def test_gov_date_field_accepts_today_when_past_only():
    today = timezone.localdate()

    assert "born" not in _errors(**_date_data("born", today.day, today.month, today.year))


def test_gov_date_field_refuses_past_date_when_future_only():
    errors = _errors(**_date_data("due", 1, 1, 2020))

    assert errors["due"] == ["Review date must be today or in the future"]


def test_gov_date_field_asks_for_date_when_required_and_blank():
    form = DateForm({})

    assert not form.is_valid()
    assert form.errors["visited"] == ["Enter the visit date"]
    assert "born" not in form.errors


class EveryWidgetForm(forms.Form):
    name = forms.CharField(label="Last name", help_text="As on their birth certificate")
    nhs = forms.CharField(
        label="NHS number",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}),
    )
    team = forms.ChoiceField(label="Team", choices=[("", "Choose a team"), ("1", "Assessment"), ("2", "CIC")])
    kind = forms.ChoiceField(
        label="Record type", choices=[("CHILD", "Child"), ("ADULT", "Adult")], widget=forms.RadioSelect
    )
    needs = forms.MultipleChoiceField(
        label="Disabilities",
        required=False,
        choices=[("VIS", "Vision"), ("HEAR", "Hearing")],
        widget=forms.CheckboxSelectMultiple,
    )
    interpreter = forms.BooleanField(label="Needs an interpreter", required=False)
    born = GovDateField(label="Date of birth", required=False)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))


@pytest.fixture
def bound():
    data = {
        "name": "Hughes",
        "team": "2",
        "kind": "ADULT",
        "needs": ["HEAR"],
        "interpreter": "on",
        **_date_data("born", 27, 3, 2015),
        "notes": "Prefers afternoons",
    }
    form = EveryWidgetForm(data)
    assert form.is_valid(), form.errors
    return form


def test_govuk_field_params_gives_input_when_text_field(bound):
    spec = govuk_field_params(bound["name"])

    assert spec["macro"] == "input"
    params = spec["params"]
    assert (params["id"], params["name"], params["value"], params["type"]) == (
        "id_name",
        "name",
        "Hughes",
        "text",
    )
    assert params["label"] == {"text": "Last name"}
    assert params["hint"] == {"text": "As on their birth certificate"}
    assert "errorMessage" not in params


def test_govuk_field_params_passes_widget_attributes_when_set(bound):
    params = govuk_field_params(bound["nhs"])["params"]

    assert params["inputmode"] == "numeric"
    assert params["classes"] == "govuk-input--width-10"


def test_govuk_field_params_gives_select_with_selected_item_when_choice_field(bound):
    spec = govuk_field_params(bound["team"])

    assert spec["macro"] == "select"
    assert spec["params"]["items"] == [
        {"value": "", "text": "Choose a team", "selected": False},
        {"value": "1", "text": "Assessment", "selected": False},
        {"value": "2", "text": "CIC", "selected": True},
    ]


def test_govuk_field_params_gives_radios_with_fieldset_when_radio_select(bound):
    spec = govuk_field_params(bound["kind"])

    assert spec["macro"] == "radios"
    params = spec["params"]
    assert params["idPrefix"] == "kind"
    assert "id" not in params
    assert params["fieldset"]["legend"]["text"] == "Record type"
    assert params["items"] == [
        {"value": "CHILD", "text": "Child", "checked": False},
        {"value": "ADULT", "text": "Adult", "checked": True},
    ]


def test_govuk_field_params_gives_checkboxes_when_multiple_choice(bound):
    spec = govuk_field_params(bound["needs"])

    assert spec["macro"] == "checkboxes"
    assert spec["params"]["items"] == [
        {"value": "VIS", "text": "Vision", "checked": False},
        {"value": "HEAR", "text": "Hearing", "checked": True},
    ]


def test_govuk_field_params_gives_single_checkbox_when_boolean_field(bound):
    spec = govuk_field_params(bound["interpreter"])

    assert spec["macro"] == "checkboxes"
    assert spec["params"]["items"] == [
        {"value": "on", "text": "Needs an interpreter", "checked": True, "id": "id_interpreter"}
    ]


def test_govuk_field_params_gives_date_input_with_parts_when_date_field(bound):
    spec = govuk_field_params(bound["born"])

    assert spec["macro"] == "date"
    params = spec["params"]
    assert params["namePrefix"] == "born"
    assert params["fieldset"]["legend"]["text"] == "Date of birth"
    assert [(i["name"], i["value"]) for i in params["items"]] == [
        ("day", "27"),
        ("month", "3"),
        ("year", "2015"),
    ]
    assert params["items"][2]["classes"] == "govuk-input--width-4"


def test_govuk_field_params_marks_date_parts_in_error_and_keeps_typed_values_when_invalid():
    form = EveryWidgetForm(
        {"name": "Hughes", "kind": "CHILD", "team": "1", **_date_data("born", 31, 2, 2016)}
    )
    form.is_valid()

    params = govuk_field_params(form["born"])["params"]

    assert params["errorMessage"] == {"text": "Date of birth must be a real date"}
    assert [i["value"] for i in params["items"]] == ["31", "2", "2016"]
    assert all("govuk-input--error" in i["classes"] for i in params["items"])


def test_govuk_field_params_gives_textarea_with_rows_when_textarea(bound):
    spec = govuk_field_params(bound["notes"])

    assert spec["macro"] == "textarea"
    assert spec["params"]["value"] == "Prefers afternoons"
    assert spec["params"]["rows"] == 3


def test_govuk_field_params_shows_error_and_page_heading_when_asked():
    form = EveryWidgetForm({"kind": "CHILD", "team": "1"})
    form.is_valid()

    params = govuk_field_params(form["name"], {"isPageHeading": True})["params"]

    assert params["errorMessage"] == {"text": "This field is required."}
    assert params["label"] == {"text": "Last name", "isPageHeading": True, "classes": "govuk-label--l"}
    assert "isPageHeading" not in params


def test_error_list_links_each_error_to_its_input_when_form_invalid():
    form = EveryWidgetForm({"team": "1", **_date_data("born", 31, 2, 2016)})
    form.is_valid()
    form.add_error(None, "Something about the whole form")

    assert error_list(form) == [
        {"text": "This field is required.", "href": "#id_name"},
        {"text": "This field is required.", "href": "#kind"},
        {"text": "Date of birth must be a real date", "href": "#born-day"},
        {"text": "Something about the whole form"},
    ]


def test_apply_validation_errors_puts_service_errors_on_fields_when_field_known():
    form = EveryWidgetForm({"name": "Hughes", "kind": "CHILD", "team": "1"})
    assert form.is_valid()

    apply_validation_errors(ValidationError({"name": "Already recorded", "other": "Not a field"}), form)
    apply_validation_errors(ValidationError("A message for the whole form"), form)

    assert form.errors["name"] == ["Already recorded"]
    assert form.non_field_errors() == ["Not a field", "A message for the whole form"]


def test_apply_validation_errors_moves_errors_to_form_field_when_renamed():
    form = EveryWidgetForm({"name": "Hughes", "kind": "CHILD", "team": "1"})
    assert form.is_valid()

    apply_validation_errors(
        ValidationError({"surname": "Already recorded"}), form, rename={"surname": "name"}
    )

    assert form.errors["name"] == ["Already recorded"]
    assert not form.non_field_errors()


# --- submitted: the one "valid POST → service → errors back on the form" step ------------


class NameForm(forms.Form):
    name = forms.CharField(label="Last name")
    born = GovDateField(label="Date of birth", required=False)


def _post(**data: str) -> tuple[object, NameForm]:
    request = RequestFactory().post("/", data)
    return request, NameForm(request.POST)


def test_submitted_gives_service_result_when_post_valid_and_service_succeeds():
    request, form = _post(name="Hughes")
    calls = []

    def action(data):
        calls.append(data)
        return {"pk": 7}

    done = submitted(request, form, action)

    assert done
    assert done.result == {"pk": 7}
    assert calls == [{"name": "Hughes", "born": None}]


def test_submitted_is_true_when_service_returns_nothing():
    request, form = _post(name="Hughes")

    done = submitted(request, form, lambda data: None)

    assert done
    assert done.result is None


def test_submitted_never_calls_service_when_get_or_form_invalid():
    calls = []
    get = RequestFactory().get("/", {"name": "Hughes"})
    assert not submitted(get, NameForm(None), calls.append)

    request, form = _post(name="")
    done = submitted(request, form, calls.append)

    assert not done
    assert calls == []
    assert form.errors["name"] == ["This field is required."]
    with pytest.raises(AttributeError):
        _ = done.result


def test_submitted_puts_service_error_on_field_and_keeps_typed_values_when_service_refuses():
    request, form = _post(name="Hughes", **_date_data("born", 3, 4, 2015))

    def action(data):
        raise ValidationError({"born": "Date of birth is after the referral"})

    done = submitted(request, form, action)

    assert not done
    assert form.errors["born"] == ["Date of birth is after the referral"]
    assert form["name"].value() == "Hughes"
    assert error_list(form) == [{"text": "Date of birth is after the referral", "href": "#born-day"}]


def test_submitted_maps_service_field_names_when_renamed():
    request, form = _post(name="Hughes")

    def action(data):
        raise ValidationError({"date_of_birth": "Enter a date before today", "else": "Not on the form"})

    assert not submitted(request, form, action, rename={"date_of_birth": "born"})
    assert form.errors["born"] == ["Enter a date before today"]
    assert form.non_field_errors() == ["Not on the form"]


def test_submitted_lets_other_exceptions_through_when_service_raises_them():
    request, form = _post(name="Hughes")

    def action(data):
        raise PermissionDenied("not allowed")

    with pytest.raises(PermissionDenied):
        submitted(request, form, action)
