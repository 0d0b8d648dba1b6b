"""Keep personal data out of application logs.

Harbour's own code logs record identifiers only. This filter is the safety net for
third-party log lines: request lines lose their query strings (where search terms such
as names and dates of birth live), and anything that looks like an NHS number, a date
of birth or a postcode is masked.
"""

import logging
import re

_QUERY = re.compile(r"\?[^\s\"']*")
_NHS = re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b")
_DATE = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)


def redact(text: str) -> str:
    text = _QUERY.sub("?[redacted]", text)
    text = _NHS.sub("[number]", text)
    text = _DATE.sub("[date]", text)
    return _POSTCODE.sub("[postcode]", text)


class RedactPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad log call must not break the request
            return True
        record.msg = redact(message)
        record.args = None
        return True
