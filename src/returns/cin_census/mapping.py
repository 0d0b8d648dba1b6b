"""How Harbour's recorded values become CIN census items (DfE CIN census guide, RETURNS.md B.3).

Each function is one documented mapping, tested on its own in
`returns/tests/test_cin_census_mapping.py`.
"""

from __future__ import annotations

from datetime import date

from protection.models import S47Outcome

# GenderCurrent (collections before 2024/25): 1 male, 2 female, 0 not known or unborn.
GENDER_CURRENT = {"M": "1", "F": "2", "U": "0"}


def census_period(year: int) -> tuple[date, date]:
    """The collection year ending 31 March `year`: (1 April year-1, 31 March year)."""
    return date(year - 1, 4, 1), date(year, 3, 31)


def iso(day: date | None) -> str | None:
    """Dates are written ISO 8601 (yyyy-mm-dd); an absent date is no element."""
    return day.isoformat() if day else None


def boolean(value: bool) -> str:
    """Booleans are written `true` / `false` (the XSD's yesnotype)."""
    return "true" if value else "false"


def birth(born: date | None, expected: date | None, end: date) -> tuple[date | None, date | None]:
    """(PersonBirthDate, ExpectedPersonBirthDate) as at the reference date: a child born after
    it was unborn then, so a past year's return gives the birth date as the expected date."""
    if born is not None and born > end:
        return None, born
    return born, expected


def sex(recorded: str, *, unborn: bool) -> str:
    """Sex (2024/25 onwards): M, F or U; an unborn child is always U (rule 8750)."""
    if unborn:
        return "U"
    return recorded if recorded in ("M", "F") else "U"


def gender_current(recorded_sex: str, *, unborn: bool) -> str:
    """GenderCurrent (before 2024/25): 1 male, 2 female, 0 not known or unborn."""
    return "0" if unborn else GENDER_CURRENT.get(recorded_sex, "0")


def upn_unknown(recorded: str, *, upn: str, all_nfa: bool) -> str | None:
    """The reason a UPN is missing. A recorded reason (UN1-UN5) is used as it is; a child with
    no UPN and no recorded reason whose every episode in the census is a referral with no
    further action is UN7 ("referral with no further action": rule 8772). A child with a UPN
    has no reason."""
    if upn:
        return None
    if recorded:
        return recorded
    return "UN7" if all_nfa else None


def icpc_not_required(outcome: str, outcome_date: date | None, end: date) -> bool:
    """ICPCnotRequired: the s47 enquiry concluded, by the end of the census, that no initial
    conference is needed (concerns not substantiated, or a child in need plan instead)."""
    return outcome in (S47Outcome.CIN, S47Outcome.NFA) and outcome_date is not None and outcome_date <= end


def within(day: date | None, end: date) -> date | None:
    """A completion, end or closure date after the reference date is not yet known to the
    census: the item is returned as still open."""
    return day if day is not None and day <= end else None
