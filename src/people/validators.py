"""Identifiers and postcodes: validation and normal forms.

NHS numbers carry a modulus-11 check digit and UPNs a check letter; both checks come
from python-stdnum, a maintained library of identifier algorithms.
"""

import re
from collections.abc import Callable

from django.core.exceptions import ValidationError
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.gb import nhs, upn

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
_SPECIAL_POSTCODES = {"GIR0AA"}


def _checked(validate: Callable[[str], str], compact: str, message: str) -> str:
    """`compact` as the library's `validate` returns it, or `message` if its check fails."""
    try:
        return str(validate(compact))
    except StdnumError as exc:
        raise ValidationError(message) from exc


def normalise_nhs_number(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "")


def validate_nhs_number(value: str) -> str:
    """Return the 10-digit NHS number, or raise ValidationError with a clear message."""
    compact = normalise_nhs_number(value)
    if not compact.isdigit() or len(compact) != 10:
        raise ValidationError("Enter an NHS number with 10 digits, like 943 476 5919")
    return _checked(
        nhs.validate,
        compact,
        "Enter a valid NHS number – the last digit does not match (check for a typing error)",
    )


def normalise_upn(value: str) -> str:
    return re.sub(r"\s", "", value or "").upper()


def validate_upn(value: str) -> str:
    compact = normalise_upn(value)
    if len(compact) != 13:
        raise ValidationError("Enter a UPN with 13 characters, like H801200001001")
    return _checked(
        upn.validate, compact, "Enter a valid UPN – the check letter does not match the rest of the number"
    )


def normalise_postcode(value: str) -> str:
    """'sw1a1aa' -> 'SW1A 1AA'. Raises ValidationError if it is not a UK postcode format."""
    compact = re.sub(r"\s", "", value or "").upper()
    if compact in _SPECIAL_POSTCODES:
        return "GIR 0AA"
    match = _POSTCODE.match(compact)
    if not match:
        raise ValidationError("Enter a real postcode, like LS1 4AP")
    return f"{match.group(1)} {match.group(2)}"
