"""Personal data is kept out of the logs by the redaction filter."""

import io
import logging

import pytest
from django.conf import settings

from core.logging import RedactPersonalDataFilter, redact


@pytest.mark.parametrize("number", ["943 476 5919", "9434765919", "943-476-5919"])
def test_redact_masks_nhs_number_when_logged(number):
    assert redact(f"Looked up NHS number {number} today") == "Looked up NHS number [number] today"


@pytest.mark.parametrize("written", ["27/03/2015", "2015-03-27", "27-03-2015", "27.3.2015"])
def test_redact_masks_date_when_logged(written):
    assert redact(f"born {written}.") == "born [date]."


@pytest.mark.parametrize("postcode", ["LS1 4AP", "ls14ap", "SW1A 1AA", "M1 1AE"])
def test_redact_masks_postcode_when_logged(postcode):
    assert redact(f"moved to {postcode} last week") == "moved to [postcode] last week"


def test_redact_drops_query_string_when_request_line_logged():
    line = '"GET /people/search/?q=Amelia+Hughes&date_of_birth-day=27 HTTP/1.1" 200 5120'

    assert redact(line) == '"GET /people/search/?[redacted] HTTP/1.1" 200 5120'


def test_redact_keeps_record_identifiers_and_paths_when_no_personal_data():
    line = "Viewed person 42 (HB0000042) at /people/42/ status 200 in 35ms"

    assert redact(line) == line


def _record(msg: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord("django.request", logging.WARNING, __file__, 1, msg, args, None)


def test_filter_redacts_formatted_message_when_personal_data_in_arguments():
    record = _record("Not Found: %s (child %s)", "/people/search/?q=Amelia", "943 476 5919")

    assert RedactPersonalDataFilter().filter(record) is True
    assert record.getMessage() == "Not Found: /people/search/?[redacted] (child [number])"
    assert record.args is None


def test_filter_lets_record_through_unchanged_when_log_call_is_broken():
    record = _record("%s and %s", "only one argument")

    assert RedactPersonalDataFilter().filter(record) is True
    assert record.msg == "%s and %s"


def test_filter_redacts_output_when_attached_to_a_handler():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactPersonalDataFilter())
    logger = logging.getLogger("harbour.test.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("Search for %s born %s at %s", "Amelia", "27/03/2015", "LS1 4AP")
    finally:
        logger.removeHandler(handler)

    assert stream.getvalue() == "Search for Amelia born [date] at [postcode]\n"


def test_logging_settings_attach_the_filter_to_the_console_handler():
    assert settings.LOGGING["filters"]["redact"]["()"] == "core.logging.RedactPersonalDataFilter"
    assert "redact" in settings.LOGGING["handlers"]["console"]["filters"]
