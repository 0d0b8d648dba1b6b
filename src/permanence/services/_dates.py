"""Date rules the permanence services share."""

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.utils import timezone


def at_noon(day: date) -> datetime:
    """When a step recorded only by its date happened, for its status history."""
    return timezone.make_aware(datetime.combine(day, time(12)))


def not_before(field: str, value: date, earlier: date | None, message: str) -> None:
    """Refuse `value` before `earlier` (when there is one) with `message` against `field`."""
    if earlier is not None and value < earlier:
        raise ValidationError({field: message})
