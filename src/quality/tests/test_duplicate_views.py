"""The duplicate review pages: who may use them, what a restricted child shows, and deciding."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.permissions import Role
from people.models import MergeRecord
from people.tests.factories import make_person, restrict
from quality import services
from quality.models import DuplicatePair, PairStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(social_worker):
    make_person(social_worker, "Ava", "Thompson", date_of_birth=date(2016, 4, 9))
    make_person(social_worker, "Ava", "Thomson", date_of_birth=date(2016, 4, 9))
    services.sweep_for_duplicates(actor=None)
    return DuplicatePair.objects.select_related("person", "other_person").get()


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.SERVICE_MANAGER])
def test_reviewers_see_the_queue_best_first_with_names_and_reasons(pair, make_user, client_for, role):
    body = client_for(make_user(role)).get(reverse("quality:duplicates")).content.decode()

    assert "1 pair awaiting review" in body
    assert pair.person.la_child_id in body and pair.other_person.la_child_id in body
    assert "Ava Thomson" in body
    assert "family name one letter different" in body
    assert reverse("quality:duplicate_pair", args=[pair.pk]) in body


@pytest.mark.parametrize(
    "role", [Role.SOCIAL_WORKER, Role.FRONT_DOOR, Role.PERFORMANCE, Role.AUDITOR, Role.ADMIN, Role.PARTNER]
)
def test_other_roles_are_refused_the_queue_and_its_pairs(pair, make_user, client_for, role):
    client = client_for(make_user(role))

    assert client.get(reverse("quality:duplicates")).status_code == 403
    assert client.get(reverse("quality:duplicate_pair", args=[pair.pk])).status_code == 403
    response = client.post(
        reverse("quality:duplicate_pair", args=[pair.pk]), {"decision": "reject", "reason": "Different"}
    )
    assert response.status_code == 403
    pair.refresh_from_db()
    assert pair.status == PairStatus.PROPOSED


def test_a_restricted_child_is_not_named_to_a_reviewer_who_may_not_open_them(
    pair, team_manager, make_user, client_for
):
    restrict(team_manager, pair.other_person)
    outsider = make_user(Role.SERVICE_MANAGER, "outside.manager")

    body = client_for(outsider).get(reverse("quality:duplicates")).content.decode()
    assert "Restricted record" in body
    assert pair.other_person.la_child_id in body
    assert "Thomson" not in body
    assert "Ava Thompson" in body  # the other side is not restricted

    response = client_for(outsider).get(reverse("quality:duplicate_pair", args=[pair.pk]))
    assert response.status_code == 403
    assert b"This record is restricted" in response.content
    assert b"Thomson" not in response.content

    named = client_for(team_manager).get(reverse("quality:duplicates")).content.decode()
    assert "Ava Thomson" in named  # the restriction's manager may open it


def test_the_data_quality_page_counts_the_pairs_awaiting_review_for_reviewers(
    pair, team_manager, social_worker, client_for
):
    body = client_for(team_manager).get(reverse("returns:data_quality")).content.decode()
    assert "1 pair of possible duplicate records awaiting review" in body
    assert reverse("quality:duplicates") in body

    other = client_for(social_worker).get(reverse("returns:data_quality")).content.decode()
    assert "possible duplicate records" not in other


def test_rejecting_a_pair_on_its_page(pair, team_manager, client_for):
    client = client_for(team_manager)
    page = client.get(reverse("quality:duplicate_pair", args=[pair.pk]))
    assert page.status_code == 200
    assert b"Are these the same person?" in page.content

    response = client.post(
        reverse("quality:duplicate_pair", args=[pair.pk]),
        {"decision": "reject", "reason": "Different parents"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("quality:duplicates")
    pair.refresh_from_db()
    assert (pair.status, pair.decision_reason) == (PairStatus.REJECTED, "Different parents")


def test_accepting_a_pair_on_its_page_merges_keeping_the_record_chosen(pair, team_manager, client_for):
    response = client_for(team_manager).post(
        reverse("quality:duplicate_pair", args=[pair.pk]),
        {"decision": "accept", "keep": str(pair.other_person.pk), "reason": "Same school"},
    )

    assert response.status_code == 302
    record = MergeRecord.objects.get()
    assert (record.survivor_id, record.duplicate_id) == (pair.other_person.pk, pair.person.pk)
    pair.refresh_from_db()
    assert (pair.status, pair.merge) == (PairStatus.ACCEPTED, record)


def test_a_decision_missing_its_parts_says_what_to_do_and_keeps_what_was_typed(
    pair, team_manager, client_for
):
    response = client_for(team_manager).post(
        reverse("quality:duplicate_pair", args=[pair.pk]), {"decision": "accept", "reason": "Same school"}
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert "Select which record to keep" in body
    assert "Same school" in body
    pair.refresh_from_db()
    assert pair.status == PairStatus.PROPOSED
    assert not MergeRecord.objects.exists()
