"""The front door records a child whose first name is not known, or an unborn baby, and the
duplicate check still runs on what is known."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.tests.form_data import date_input
from frontdoor.models import Contact
from frontdoor.tests.test_views import _contact_post
from people.models import Person
from people.tests.factories import make_person


@pytest.fixture
def contact_url(client_for, screener):
    client_for(screener).post(reverse("frontdoor:record_contact"), _contact_post())
    return reverse("frontdoor:add_child", args=[Contact.objects.get().pk])


def test_the_search_for_a_child_runs_without_a_given_name(client_for, screener, child, contact_url):
    response = client_for(screener).post(
        contact_url,
        {
            "action": "find",
            "given_name": "",
            "family_name": "Hughes",
            **date_input("date_of_birth", date(2015, 3, 27)),
        },
        follow=True,
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert "Possible matches" in body and child.la_child_id in body


def test_an_unborn_baby_is_created_without_a_given_name_after_the_duplicate_check(
    client_for, screener, social_worker, contact_url
):
    due = timezone.localdate() + timedelta(days=60)
    sibling = make_person(social_worker, "", "Okafor", expected_date_of_birth=due + timedelta(days=3))
    client = client_for(screener)
    new = {
        "action": "create",
        "new-given_name": "",
        "new-family_name": "Okafor",
        **date_input("new-expected_date_of_birth", due),
        "new-sex": "U",
    }

    offered = client.post(contact_url, new)
    assert offered.status_code == 400
    body = offered.content.decode()
    assert sibling.la_child_id in body  # the baby already recorded, due three days later
    assert "confirm none of them is this child" in body

    created = client.post(contact_url, {**new, "new-confirm_new": "on"})
    assert created.status_code == 302
    baby = Person.objects.exclude(pk=sibling.pk).get(family_name="Okafor")
    assert (baby.given_name, baby.expected_date_of_birth, baby.date_of_birth) == ("", due, None)
    assert baby.display_name == "Okafor" and baby.called == "the child"


def test_a_date_of_birth_and_an_expected_date_together_get_a_govuk_error(client_for, screener, contact_url):
    response = client_for(screener).post(
        contact_url,
        {
            "action": "create",
            "new-family_name": "Okafor",
            **date_input("new-date_of_birth", date(2020, 1, 2)),
            **date_input("new-expected_date_of_birth", timezone.localdate() + timedelta(days=30)),
            "new-sex": "U",
        },
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter a date of birth or an expected date of birth, not both" in body
    assert 'value="Okafor"' in body
    assert not Person.objects.filter(family_name="Okafor").exists()


def test_add_a_person_accepts_a_blank_first_name_and_still_checks_for_duplicates(client_for, screener, child):
    client = client_for(screener)
    data = {
        "record_type": "CHILD",
        "given_name": "",
        "family_name": "Hughes",
        **date_input("date_of_birth", date(2015, 3, 27)),
        "sex": "F",
        "gender": "2",
        "ethnicity": "WBRI",
    }

    offered = client.post("/people/new/", data)
    assert offered.status_code == 200
    assert "may already have a record" in offered.content.decode()
    assert child.la_child_id in offered.content.decode()

    created = client.post("/people/new/", {**data, "confirm_new": "on"})
    assert created.status_code == 302
    assert Person.objects.filter(family_name="Hughes", given_name="").count() == 1


def test_add_a_person_still_needs_a_family_name(client_for, screener):
    response = client_for(screener).post(
        "/people/new/",
        {
            "record_type": "CHILD",
            "given_name": "",
            "family_name": "",
            "sex": "U",
            "gender": "0",
            "ethnicity": "NOBT",
        },
    )

    assert response.status_code == 400
    assert "Enter a last name" in response.content.decode()
