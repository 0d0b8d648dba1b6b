"""Checks that services share, so a rule reads and words the same wherever it applies."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone


def not_in_future(
    value: date | None, *, field: str, label: str = "The date", today: date | None = None
) -> None:
    """Refuse a date after today with a ValidationError against `field`, worded the GOV.UK
    way: "<label> must be today or in the past". Today is Harbour's local date (Europe/London,
    so a date recorded just after midnight in summer is not refused by UTC's yesterday)
    unless `today` is given. An empty value passes: whether the date is required is the
    caller's own rule. A datetime is judged by its local date."""
    if value is None:
        return
    if isinstance(value, datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if value > (today or timezone.localdate()):
        raise ValidationError({field: f"{label} must be today or in the past"}, code="future")


def not_before(field: str, value: date | None, earlier: date | None, message: str) -> None:
    """Refuse `value` before `earlier` with `message` against `field`; either empty passes."""
    if value is not None and earlier is not None and value < earlier:
        raise ValidationError({field: message})


def required(field: str, value: str, message: str) -> str:
    """Refuse text that is empty or only spaces with `message` against `field`; else the text
    without its surrounding spaces."""
    if not value.strip():
        raise ValidationError({field: message})
    return value.strip()
