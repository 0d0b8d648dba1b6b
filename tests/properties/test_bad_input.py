"""Property-based tests (Hypothesis): no input gives a server error, and every rejected
input gets a clear message with what was typed kept.

Each example is a real request through the Django test client (forms, views, services,
templates). A server error raises in the test client, so it fails the property.
"""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from timescales.rules import RULES

# Any printable text, including other scripts, emoji and HTML-ish characters; no control
# characters (browsers do not send them from text inputs) and no lone surrogates (not UTF-8).
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80)
NUMBERISH = st.one_of(TEXT, st.integers(min_value=-(10**12), max_value=10**12).map(str), st.just(""))
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _assert_clear_rejection(response, typed: dict[str, str]) -> None:
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html, "a rejected form must show the error summary"
    assert re.search(r'govuk-error-summary__list">\s*<li>', html), "the summary must list the problem"
    for value in typed.values():
        if value.strip():
            assert str(escape(value)) in html or str(escape(value.strip())) in html, (
                f"typed {value!r} was lost"
            )


def _date(prefix: str, day: str, month: str, year: str) -> dict[str, str]:
    return {f"{prefix}-day": day, f"{prefix}-month": month, f"{prefix}-year": year}


@pytest.fixture
def worker_client(client, social_worker):
    client.force_login(social_worker)
    return client


@PROPERTY
@given(
    record_type=st.sampled_from(["CHILD", "ADULT", "UNBORN", "", "junk"]),
    given_name=TEXT,
    family_name=TEXT,
    nhs_number=NUMBERISH,
    postcode=TEXT,
    dob=st.tuples(NUMBERISH, NUMBERISH, NUMBERISH),
    sex=st.sampled_from(["F", "M", "U", "", "?"]),
)
def test_create_person_never_errors_and_keeps_typed_text_when_rejected(
    worker_client, record_type, given_name, family_name, nhs_number, postcode, dob, sex
):
    typed = {"given_name": given_name, "family_name": family_name}
    data = {
        "record_type": record_type,
        **typed,
        "nhs_number": nhs_number,
        "address_postcode": postcode,
        "sex": sex,
        **_date("date_of_birth", *dob),
    }

    response = worker_client.post("/people/new/", data)

    assert response.status_code in (200, 302, 400)
    if response.status_code == 400:
        _assert_clear_rejection(response, typed)


@PROPERTY
@given(
    given_name=TEXT,
    family_name=TEXT,
    version=NUMBERISH,
    dob=st.tuples(NUMBERISH, NUMBERISH, NUMBERISH),
    nhs_number=NUMBERISH,
)
def test_edit_person_never_errors_and_keeps_typed_text_when_rejected(
    worker_client, child, given_name, family_name, version, dob, nhs_number
):
    typed = {"given_name": given_name, "family_name": family_name}
    data = {
        "record_type": "CHILD",
        **typed,
        "sex": "F",
        "ethnicity": "WBRI",
        "gender": "0",
        "version": version,
        "nhs_number": nhs_number,
        **_date("date_of_birth", *dob),
    }

    response = worker_client.post(f"/people/{child.pk}/edit/", data)

    assert response.status_code in (200, 302, 400, 409)
    if response.status_code in (400, 409):
        _assert_clear_rejection(response, typed)


@PROPERTY
@given(q=TEXT, nhs_number=NUMBERISH, postcode=TEXT, dob=st.tuples(NUMBERISH, NUMBERISH, NUMBERISH))
def test_search_never_errors_and_keeps_typed_text_when_rejected(
    worker_client, child, q, nhs_number, postcode, dob
):
    params = {"q": q, "nhs_number": nhs_number, "postcode": postcode, **_date("date_of_birth", *dob)}

    response = worker_client.get("/people/search/", params)

    assert response.status_code in (200, 400)
    if response.status_code == 400:
        _assert_clear_rejection(response, {"q": q})


@PROPERTY
@given(
    rule=st.one_of(st.sampled_from(list(RULES)), TEXT),
    start=st.tuples(NUMBERISH, NUMBERISH, NUMBERISH),
    start_time=TEXT,
)
def test_timescales_calculator_never_errors_when_given_any_input(worker_client, rule, start, start_time):
    params = {"rule": rule, "start_time": start_time, **_date("start", *start)}

    response = worker_client.get("/timescales/", params)

    assert response.status_code in (200, 400)
    if response.status_code == 400:
        _assert_clear_rejection(response, {})
