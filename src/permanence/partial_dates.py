"""903 partial dates (DATE_PERM)."""

import re
from datetime import date

_PARTIAL_DATE = re.compile(r"^(\d{2}|zz)/(\d{2}|zz)/(\d{4})$")


def parse_partial_date(text: str) -> tuple[int | None, int | None, int]:
    """903 DATE_PERM: dd/mm/yyyy, zz/mm/yyyy or zz/zz/yyyy (unknown parts as "zz").

    A known day needs a known month; the parts must make a real date.
    """
    found = _PARTIAL_DATE.match(text.strip().lower())
    if not found:
        raise ValueError("format")
    day_s, month_s, year_s = found.groups()
    day = None if day_s == "zz" else int(day_s)
    month = None if month_s == "zz" else int(month_s)
    year = int(year_s)
    if day is not None and month is None:
        raise ValueError("day without month")
    date(year, month or 1, day or 1)  # raises ValueError if not a real date
    return day, month, year
