"""The shared date rule: "<label> must be today or in the past", against the field."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.validation import not_in_future


def _refusal(value, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        not_in_future(value, **kwargs)
    return caught.value.message_dict


def test_not_in_future_passes_when_today_past_or_empty():
    today = timezone.localdate()

    not_in_future(today, field="held_on")
    not_in_future(today - timedelta(days=1), field="held_on")
    not_in_future(date(1900, 1, 1), field="held_on")
    not_in_future(None, field="held_on")


def test_not_in_future_refuses_against_field_when_tomorrow():
    tomorrow = timezone.localdate() + timedelta(days=1)

    assert _refusal(tomorrow, field="held_on") == {"held_on": ["The date must be today or in the past"]}


def test_not_in_future_uses_label_when_given_and_refuses_far_future():
    assert _refusal(date.max, field="plan_date", label="The plan date") == {
        "plan_date": ["The plan date must be today or in the past"]
    }


def test_not_in_future_judges_against_given_today_when_given():
    not_in_future(date(2024, 3, 31), field="on", today=date(2024, 3, 31))

    assert _refusal(date(2024, 4, 1), field="on", today=date(2024, 3, 31)) == {
        "on": ["The date must be today or in the past"]
    }


@time_machine.travel(datetime(2024, 6, 30, 23, 30, tzinfo=UTC), tick=False)
def test_not_in_future_uses_london_date_when_utc_still_yesterday():
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): 1 July is today.
    not_in_future(date(2024, 7, 1), field="on")

    assert _refusal(date(2024, 7, 2), field="on")["on"] == ["The date must be today or in the past"]


@time_machine.travel(datetime(2024, 12, 31, 23, 30, tzinfo=UTC), tick=False)
def test_not_in_future_refuses_new_year_when_london_still_on_old_year():
    # In winter London is on UTC: at 23:30 on 31 December, 1 January is still tomorrow.
    not_in_future(date(2024, 12, 31), field="on")

    assert "on" in _refusal(date(2025, 1, 1), field="on")


@time_machine.travel(datetime(2024, 6, 30, 23, 30, tzinfo=UTC), tick=False)
def test_not_in_future_judges_datetime_by_its_london_date():
    # 1 July 00:15 London is 30 June 23:15 UTC: in the past, and on today's date.
    not_in_future(datetime(2024, 6, 30, 23, 15, tzinfo=UTC), field="started_at")

    assert "started_at" in _refusal(datetime(2024, 7, 1, 23, 45, tzinfo=UTC), field="started_at")
