"""Formatting for templates: dates the GOV.UK way, ages, identifiers."""

from datetime import date, datetime
from typing import Any

from django.utils import timezone

# How a page names a restricted person its reader may not open (as search does).
RESTRICTED_NAME = "Restricted record"


def govuk_date(value: date | datetime | None, empty: str = "Not recorded") -> str:
    if value is None or value == "":
        return empty
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{value.day} {value:%B %Y}"
    return f"{value.day} {value:%B %Y}"


def govuk_datetime(value: datetime | None, empty: str = "Not recorded") -> str:
    if value is None:
        return empty
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{local.day} {local:%B %Y} at {hour}:{local:%M}{suffix}"


def short_date(value: date | None, empty: str = "") -> str:
    if value is None:
        return empty
    return f"{value.day} {value:%b %Y}"


def age_on(born: date | None, on: date | None = None) -> int | None:
    if born is None:
        return None
    on = on or timezone.localdate()
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return years


def age_text(born: date | None, on: date | None = None) -> str:
    if born is None:
        return ""
    on = on or timezone.localdate()
    if born > on:
        return "unborn"
    years = age_on(born, on) or 0
    if years >= 2:
        return f"{years} years"
    months = (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)
    return f"{months} month{'s' if months != 1 else ''}"


def nhs_number(value: str | None) -> str:
    if not value:
        return "Not recorded"
    digits = "".join(c for c in value if c.isdigit())
    if len(digits) != 10:
        return value
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def yes_no(value: Any) -> str:
    if value is None:
        return "Not recorded"
    return "Yes" if value else "No"


FILTERS = {
    "govuk_date": govuk_date,
    "govuk_datetime": govuk_datetime,
    "short_date": short_date,
    "age_text": age_text,
    "nhs_number": nhs_number,
    "yes_no": yes_no,
}
