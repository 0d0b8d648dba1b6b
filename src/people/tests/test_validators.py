"""Identifier and postcode validation: NHS numbers, UPNs and postcodes."""

import pytest
from django.core.exceptions import ValidationError
from stdnum.gb import upn as stdnum_upn

from people.validators import (
    normalise_nhs_number,
    normalise_postcode,
    validate_nhs_number,
    validate_upn,
)


def _valid_upn(body: str = "801200001001") -> str:
    """A UPN made valid by computing its check letter with stdnum."""
    return stdnum_upn.calc_check_digit(body) + body


@pytest.mark.parametrize("typed", ["943 476 5919", "9434765919", "943-476-5919", " 943 476 5919 "])
def test_validate_nhs_number_returns_ten_digits_when_valid(typed):
    assert validate_nhs_number(typed) == "9434765919"


def test_validate_nhs_number_refuses_when_check_digit_wrong():
    with pytest.raises(ValidationError, match="last digit does not match"):
        validate_nhs_number("943 476 5918")


@pytest.mark.parametrize("typed", ["943 476 591", "943 476 59190", "", "943 476 591X", "ABCDEFGHIJ"])
def test_validate_nhs_number_refuses_when_not_ten_digits(typed):
    with pytest.raises(ValidationError, match="10 digits"):
        validate_nhs_number(typed)


def test_normalise_nhs_number_removes_spaces_and_hyphens_when_present():
    assert normalise_nhs_number("943 476-5919") == "9434765919"


def test_validate_upn_accepts_and_upper_cases_when_check_letter_right():
    valid = _valid_upn()
    assert validate_upn(valid) == valid
    assert validate_upn(f" {valid[:5].lower()} {valid[5:]} ") == valid


def test_validate_upn_accepts_another_generated_upn_when_check_letter_right():
    valid = _valid_upn("938250013042")
    assert validate_upn(valid) == valid


def test_validate_upn_refuses_when_check_letter_wrong():
    valid = _valid_upn()
    wrong = next(letter for letter in "ABCDEFGH" if letter != valid[0]) + valid[1:]

    with pytest.raises(ValidationError, match="check letter"):
        validate_upn(wrong)


@pytest.mark.parametrize("typed", ["H80120000100", "H8012000010011", ""])
def test_validate_upn_refuses_when_not_thirteen_characters(typed):
    with pytest.raises(ValidationError, match="13 characters"):
        validate_upn(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ls14ap", "LS1 4AP"),
        ("LS1 4AP", "LS1 4AP"),
        (" sw1a 1aa ", "SW1A 1AA"),
        ("m11ae", "M1 1AE"),
        ("EC1A1BB", "EC1A 1BB"),
        ("gir0aa", "GIR 0AA"),
    ],
)
def test_normalise_postcode_returns_standard_form_when_valid(typed, expected):
    assert normalise_postcode(typed) == expected


@pytest.mark.parametrize("typed", ["NOTAPOSTCODE", "", "12345", "LS1 4A", "LS1 44P"])
def test_normalise_postcode_refuses_when_not_a_postcode(typed):
    with pytest.raises(ValidationError, match="real postcode"):
        normalise_postcode(typed)
