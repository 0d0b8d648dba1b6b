"""A restricted document and its chronology entry: seen by its uploader, the users named on
it and managers allowed restricted casework; not by another worker allocated to the child."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.permissions import Role
from workforce.tests.factories import allocate

from .records import restricted_pdf

TITLE = "Police disclosure about the household"


@pytest.fixture
def restricted_doc(child, social_worker, team_manager, team):
    allocate(team_manager, child, social_worker, team)
    return restricted_pdf(social_worker, child, TITLE)


@pytest.fixture
def second_worker(make_user, child, team_manager, team):
    worker = make_user(Role.SOCIAL_WORKER, "second.worker", registered_social_worker=True)
    allocate(team_manager, child, worker, team, date(2024, 2, 1))
    return worker


def _pages(client, child, document):
    chron = client.get(reverse("casework:chronology", args=[child.pk]))
    listing = client.get(reverse("casework:documents", args=[child.pk]))
    detail = client.get(reverse("casework:document_detail", args=[document.pk]))
    return chron, listing, detail


def test_second_allocated_worker_sees_neither_document_nor_chronology_entry(
    client_for, child, restricted_doc, second_worker
):
    chron, listing, detail = _pages(client_for(second_worker), child, restricted_doc)
    assert chron.status_code == 200 and listing.status_code == 200
    assert TITLE.encode() not in chron.content
    assert reverse("casework:document_detail", args=[restricted_doc.pk]).encode() not in chron.content
    assert TITLE.encode() not in listing.content and b"Restricted document" in listing.content
    assert detail.status_code == 403
    download = client_for(second_worker).get(reverse("casework:download_document", args=[restricted_doc.pk]))
    assert download.status_code == 403


def test_uploader_and_manager_see_document_and_chronology_entry(
    client_for, child, restricted_doc, social_worker, make_user
):
    other_manager = make_user(Role.SERVICE_MANAGER, "service.manager")  # not the team's manager
    for user in (social_worker, other_manager):
        chron, listing, detail = _pages(client_for(user), child, restricted_doc)
        assert TITLE.encode() in chron.content, user.username
        assert TITLE.encode() in listing.content and detail.status_code == 200


def test_named_user_sees_chronology_entry_of_document_named_to_them(
    client_for, child, social_worker, second_worker
):
    document = restricted_pdf(social_worker, child, TITLE, named_users=[second_worker])
    chron, listing, detail = _pages(client_for(second_worker), child, document)
    assert TITLE.encode() in chron.content and detail.status_code == 200
