"""Every search is audited: who searched, by what kinds of detail, how many records it found
and which it listed; never what was typed."""

from datetime import date

import pytest

from audit.models import AuditAction, AuditEvent
from core.tests.form_data import date_input
from people.tests.factories import make_person

pytestmark = pytest.mark.django_db


def _typed_nowhere(event, *typed):
    row = f"{event.summary} {event.changes} {event.reason}".lower()
    return all(t.lower() not in row for t in typed)


def test_a_search_by_name_is_audited_with_what_it_listed_and_not_the_name(client_for, social_worker, child):
    other = make_person(social_worker, "Amelie", "Hughes", date_of_birth=date(2016, 1, 2))
    client = client_for(social_worker)

    results = client.post("/people/search/", {"q": "Amelia Hughes"})
    page = client.get(results.url)

    assert page.status_code == 200 and child.la_child_id in page.content.decode()
    searched = AuditEvent.objects.get(action=AuditAction.SEARCH, actor=social_worker)
    assert searched.changes["by"] == ["name"]
    assert child.pk in searched.changes["listed"] and searched.changes["found"] == len(
        searched.changes["listed"]
    )
    assert set(searched.changes["listed"]) <= {child.pk, other.pk}
    assert searched.person_id is None
    assert _typed_nowhere(searched, "Amelia", "Hughes")


def test_a_search_that_finds_no_one_is_audited_too(client_for, social_worker, child):
    client = client_for(social_worker)
    results = client.post("/people/search/", {"q": "Zebedee Quill"})
    client.get(results.url)

    searched = AuditEvent.objects.get(action=AuditAction.SEARCH, actor=social_worker)
    assert searched.changes == {"by": ["name"], "found": 0, "listed": []}


def test_new_record_duplicate_check_is_audited_with_what_it_listed(client_for, social_worker, child):
    data = {
        "record_type": "CHILD",
        "given_name": "Amelia",
        "family_name": "Hughs",
        **date_input("date_of_birth", date(2015, 3, 27)),
        "sex": "F",
        "gender": "2",
        "ethnicity": "WBRI",
    }

    response = client_for(social_worker).post("/people/new/", data)

    assert response.status_code == 200
    searched = AuditEvent.objects.get(action=AuditAction.SEARCH, actor=social_worker)
    assert searched.changes["listed"] == [child.pk]
    assert _typed_nowhere(searched, "Amelia", "Hughs")
