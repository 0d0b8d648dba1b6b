from datetime import date

import pytest

from audit.models import AuditEvent
from people.models import Person


def test_person_page_shows_record_and_audits_the_view(client_for, social_worker, child):
    response = client_for(social_worker).get(f"/people/{child.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Amelia Hughes" in body
    assert child.la_child_id in body
    assert AuditEvent.objects.filter(person_id=child.pk, action="VIEW", actor=social_worker).exists()


def test_create_person_offers_possible_duplicates_first(client_for, social_worker, child):
    c = client_for(social_worker)
    data = {
        "record_type": "CHILD",
        "given_name": "Amelia",
        "family_name": "Hughs",
        "date_of_birth-day": "27",
        "date_of_birth-month": "3",
        "date_of_birth-year": "2015",
        "sex": "F",
        "gender": "2",
        "ethnicity": "WBRI",
    }
    response = c.post("/people/new/", data)
    assert response.status_code == 200
    assert "may already have a record" in response.content.decode()
    assert 'value="Hughs"' in response.content.decode()
    assert Person.objects.count() == 1
    response = c.post("/people/new/", {**data, "confirm_new": "on"})
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_create_person_rejects_bad_nhs_number_and_keeps_input(client_for, social_worker):
    response = client_for(social_worker).post(
        "/people/new/",
        {
            "record_type": "CHILD",
            "given_name": "Zed",
            "family_name": "Quill",
            "date_of_birth-day": "31",
            "date_of_birth-month": "2",
            "date_of_birth-year": "2016",
            "sex": "M",
            "gender": "1",
            "ethnicity": "WBRI",
            "nhs_number": "1234567890",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body
    assert "Date of birth must be a real date" in body
    assert "NHS number" in body
    assert 'value="Quill"' in body


def test_search_finds_misspelt_name(client_for, social_worker, child):
    response = client_for(social_worker).get("/people/search/", {"q": "Amelia Hughs"})
    assert response.status_code == 200
    assert "Amelia Hughes" in response.content.decode()


@pytest.mark.parametrize("path", ["/people/search/", "/work/my-work/", "/timescales/"])
def test_pages_render(client_for, social_worker, path):
    assert client_for(social_worker).get(path).status_code == 200


def test_timescale_calculator(client_for, social_worker):
    response = client_for(social_worker).get(
        "/timescales/",
        {"rule": "lac_first_review", "start-day": "14", "start-month": "3", "start-year": "2024"},
    )
    assert response.status_code == 200
    assert "15 April 2024" in response.content.decode()
    assert date(2024, 4, 15)
