"""A moment given as a date and a time on the missing episode forms: both or neither."""

from datetime import date, datetime

import pytest

from core.tests.form_data import date_input
from looked_after.forms import MissingForm, ReturnForm

DAY = date(2024, 3, 4)
MISSING = {"kind": "M", **date_input("started_on", DAY), "started_time": "21:30"}


@pytest.mark.parametrize(
    ("form", "data", "field", "message"),
    [
        (MissingForm, {**MISSING, **date_input("ended_on", DAY)}, "ended_time", "the child returned"),
        (ReturnForm, {"ended_time": "23:10"}, "ended_time", "the time"),
        (ReturnForm, date_input("rhi_held_on", DAY), "rhi_held_time", "the time"),
    ],
)
def test_a_date_without_its_time_or_a_time_without_its_date_is_refused_on_the_time(
    form, data, field, message
):
    bound = form(data)
    assert not bound.is_valid()
    [error] = bound.errors[field]
    assert error.startswith("Enter both the date and the time") and error.endswith(message)


def test_a_date_and_time_given_together_are_one_moment_and_neither_is_none():
    missing = MissingForm({**MISSING, **date_input("ended_on", DAY), "ended_time": "23:10"})
    back = ReturnForm({**date_input("rhi_held_on", DAY), "rhi_held_time": "09:00"})
    assert missing.is_valid(), missing.errors
    assert back.is_valid(), back.errors
    assert missing.cleaned_data["started_at"] == datetime(2024, 3, 4, 21, 30)
    assert missing.cleaned_data["ended_at"] == datetime(2024, 3, 4, 23, 10)
    assert (back.cleaned_data["ended_at"], back.cleaned_data["rhi_held_at"]) == (
        None,
        datetime(2024, 3, 4, 9),
    )
