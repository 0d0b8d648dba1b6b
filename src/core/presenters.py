"""Formatting for templates: dates the GOV.UK way, ages, identifiers."""

from datetime import date, datetime, time
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


def govuk_time(value: datetime | time) -> str:
    """A time of day the GOV.UK way, in local time: "10:30pm", "9am", "midday", "midnight"."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if (value.hour, value.minute) == (12, 0):
        return "midday"
    if (value.hour, value.minute) == (0, 0):
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def govuk_datetime(value: datetime | None, empty: str = "Not recorded") -> str:
    if value is None:
        return empty
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local.day} {local:%B %Y} at {govuk_time(local)}"


def known_by_date(value: datetime) -> bool:
    """Whether a moment is one Harbour recorded for an event known only by its date: midday
    to the microsecond, local time (`core.workflow.midday`)."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return local.time() == time(12, 0)


def event_when(value: datetime | None, empty: str = "Not recorded") -> str:
    """When an event in a record's history happened: its date and time, or only its date
    when only the date was recorded (no made-up "midday" for a step taken at 10:30pm)."""
    if value is None:
        return empty
    return govuk_date(value) if known_by_date(value) else govuk_datetime(value)


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


def counted(count: int, singular: str, plural: str = "") -> str:
    """A number and its noun, in the plural unless one: "1 referral", "3 referrals",
    "2 people" (``counted(2, "person", "people")``)."""
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


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


def code_label(code: str | None, label: str | None, empty: str = "Not recorded") -> str:
    """A national code shown with its meaning: "Full care order (C2)". A code with no meaning
    known is shown as it is; no code at all as `empty`."""
    if not code:
        return empty
    if not label or label == code:
        return code
    return f"{label} ({code})"


def coded(record: Any, field: str, empty: str = "Not recorded") -> str:
    """A record's coded field (its choices from a code list) with its meaning: `coded(episode,
    "legal_status")` is "Full care order (C2)"; in templates `record|coded("legal_status")`."""
    code = getattr(record, field, None)
    display = getattr(record, f"get_{field}_display", None)
    return code_label(code, display() if callable(display) and code else None, empty)


FILTERS = {
    "govuk_date": govuk_date,
    "govuk_datetime": govuk_datetime,
    "govuk_time": govuk_time,
    "event_when": event_when,
    "short_date": short_date,
    "age_text": age_text,
    "nhs_number": nhs_number,
    "yes_no": yes_no,
    "counted": counted,
    "coded": coded,
}
