"""The front door's duplicate check shows why a record may be the child being added."""

from datetime import date

import pytest
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from core.tests.form_data import date_input
from people.tests.factories import make_person, restrict

pytestmark = pytest.mark.django_db


def _check(client, contact, **typed):
    url = reverse("frontdoor:add_child", args=[contact.pk])
    return client.post(url, {"action": "find", **typed}, follow=True).content.decode()


def test_duplicate_check_shows_child_first_with_reasons_when_misspelt_and_day_month_swapped(
    client_for, screener, social_worker, make_contact
):
    jayden = make_person(social_worker, "Jayden", "Kowalski", date_of_birth=date(2014, 5, 9))
    make_person(social_worker, "Jayden", "Brooks", date_of_birth=date(2014, 9, 5))
    contact = make_contact()

    body = _check(
        client_for(screener),
        contact,
        given_name="Jayden",
        family_name="Kowalsky",
        **{"date_of_birth-day": "5", "date_of_birth-month": "9", "date_of_birth-year": "2014"},
    )

    matches = body.split('id="possible-matches"')[1]
    assert jayden.la_child_id in matches.split("</tr>")[1]
    assert (
        "Date of birth with day and month swapped, family name one letter different, same given name" in body
    )


def test_duplicate_check_hides_restricted_child_details_but_shows_reasons(
    client_for, screener, team_manager, make_contact, child
):
    restrict(team_manager, child, "OTHER")
    contact = make_contact(children=[])

    body = _check(
        client_for(screener),
        contact,
        given_name="Amelia",
        family_name="Hughes",
        **{"date_of_birth-day": "27", "date_of_birth-month": "3", "date_of_birth-year": "2015"},
    )

    assert f"Restricted record ({child.la_child_id})" in body
    assert "Amelia" not in body.split("Restricted record")[1].split("</tr>")[0]
    assert "Same date of birth, same family name, same given name" in body
    assert date(2015, 3, 27).strftime("%d %B %Y") not in body


def test_front_door_duplicate_check_is_audited_with_what_it_listed(client_for, screener, make_contact, child):
    contact = make_contact(children=[])
    url = reverse("frontdoor:add_child", args=[contact.pk])

    client_for(screener).post(
        url,
        {
            "action": "find",
            "given_name": "Amelia",
            "family_name": "Hughes",
            **date_input("date_of_birth", date(2015, 3, 27)),
        },
        follow=True,
    )

    searched = AuditEvent.objects.get(action=AuditAction.SEARCH, actor=screener)
    assert searched.changes["by"] == ["duplicate check"] and child.pk in searched.changes["listed"]
    assert searched.object_type == "frontdoor.Contact" and searched.object_id == str(contact.pk)
    assert all(t not in f"{searched.summary} {searched.changes}" for t in ("Amelia", "Hughes", "2015"))
