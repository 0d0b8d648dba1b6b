"""Synthetic identifiers that pass the real checks but cannot belong to a real person.

* NHS numbers are in the range the NHS reserves for testing (starting 999) and carry a
  valid modulus-11 check digit (checked with python-stdnum's `stdnum.gb.nhs`).
* UPNs have a valid check letter (`stdnum.gb.upn`). The LA part is the authority's
  `la_code` when it is a real DfE LA number. The demo authority's code, 999, is not, and
  the UPN check (like the DfE's) refuses unknown LA numbers, so a stand-in LA number is
  used: `HARBOUR_AUTHORITY["upn_la_code"]` if set, otherwise `FALLBACK_UPN_LA`. The school
  part is always a DfE establishment number below 1000, which no school has, so a
  generated UPN is never a real pupil's.
* Social Work England registration numbers are "SW" and six digits.
"""

import random
from collections.abc import Mapping
from typing import Any

from stdnum.gb import nhs, upn

NHS_TEST_PREFIX = "999"
FALLBACK_UPN_LA = "201"  # City of London: a real LA number with a single maintained school
_NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


def nhs_check_digit(first_nine: str) -> int | None:
    """The NHS modulus-11 check digit, or None when the nine digits cannot be used."""
    remainder = sum(int(d) * w for d, w in zip(first_nine, _NHS_WEIGHTS, strict=True)) % 11
    check = 11 - remainder
    if check == 11:
        return 0
    return None if check == 10 else check


def _upn_la_ok(la_code: str) -> bool:
    if not (len(la_code) == 3 and la_code.isdigit()):
        return False
    body = f"{la_code}0100" + "00001"
    return upn.is_valid(upn.calc_check_digit(body) + body)


def upn_la_code(authority: Mapping[str, Any]) -> str:
    """The LA number to issue UPNs under (see the module docstring)."""
    own = str(authority.get("la_code", ""))
    if _upn_la_ok(own):
        return own
    stand_in = str(authority.get("upn_la_code", FALLBACK_UPN_LA))
    return stand_in if _upn_la_ok(stand_in) else FALLBACK_UPN_LA


class IdentifierIssuer:
    """Issues unique identifiers from one seeded rng."""

    def __init__(self, rng: random.Random, la_code: str, issued: set[str] | None = None) -> None:
        """`issued`: numbers already in use, never to be issued again (shared if passed)."""
        self.rng = rng
        self.la_code = la_code
        self._issued: set[str] = set() if issued is None else issued

    def _unique(self, value: str) -> bool:
        if value in self._issued:
            return False
        self._issued.add(value)
        return True

    def nhs_number(self) -> str:
        while True:
            first_nine = NHS_TEST_PREFIX + f"{self.rng.randrange(1_000_000):06d}"
            check = nhs_check_digit(first_nine)
            if check is None:
                continue
            number = f"{first_nine}{check}"
            if self._unique(number):
                return str(nhs.validate(number))

    def upn(self, issued_year: int) -> str:
        """A UPN issued in `issued_year` (when the child started school)."""
        while True:
            school = self.rng.randrange(100, 1000)  # establishment numbers below 1000: no real school
            body = f"{self.la_code}{school:04d}{issued_year % 100:02d}{self.rng.randrange(1000):03d}"
            number = upn.calc_check_digit(body) + body
            if self._unique(number):
                return str(upn.validate(number))

    def swe_number(self) -> str:
        while True:
            number = f"SW{self.rng.randrange(100_000, 1_000_000)}"
            if self._unique(number):
                return number
