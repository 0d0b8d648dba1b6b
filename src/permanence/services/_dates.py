"""Date rules the permanence services share."""

from datetime import date

from django.core.exceptions import ValidationError


def not_before(field: str, value: date, earlier: date | None, message: str) -> None:
    """Refuse `value` before `earlier` (when there is one) with `message` against `field`."""
    if earlier is not None and value < earlier:
        raise ValidationError({field: message})
