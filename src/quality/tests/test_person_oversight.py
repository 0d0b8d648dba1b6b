"""The child's Oversight section summarises supervision (the latest supervision, the open
directions, what is overdue) and links to every direction and oversight record in full, a
page at a time, through the access door."""

from django.urls import reverse

from accounts.permissions import Role
from audit.models import AuditEvent
from people.tests.factories import restrict
from quality import services
from quality.services import ActionRow
from quality.views.oversight import PAGE_SIZE

from .conftest import day


def _directions(team_manager, social_worker, child, count):
    session = services.record_supervision(actor=team_manager, worker=social_worker, held_on=day(-3))
    for n in range(count):
        services.record_case_direction(
            actor=team_manager,
            session=session,
            person=child,
            analysis=f"Analysis number {n}",
            objectives=f"Objective number {n}",
            contingency="",
            review_on=day(-1) if n == 0 else day(20 + n),
            actions=[ActionRow(f"Action number {n}", social_worker, day(-2 if n == 0 else 10))],
        )
    return session


def test_the_section_is_a_summary_with_the_full_record_a_link_away(
    client_for, team_manager, social_worker, allocated
):
    _directions(team_manager, social_worker, allocated, PAGE_SIZE + 2)

    page = client_for(social_worker).get(reverse("people:oversight", args=[allocated.pk])).content.decode()

    assert "Latest supervision" in page and social_worker.display_name in page
    assert "Open case directions" in page and "1 review overdue" in page and "1 overdue" in page
    assert "Objective number 0" in page and "Objective number 2" in page  # soonest reviews first
    assert "Objective number 7" not in page and "And 7 more open." in page
    assert "Analysis number" not in page  # the directions in full are on their own page
    assert reverse("quality:person_oversight", args=[allocated.pk]) in page


def test_every_direction_is_on_the_paged_page_with_its_actions(
    client_for, team_manager, social_worker, allocated
):
    _directions(team_manager, social_worker, allocated, PAGE_SIZE + 2)
    path = reverse("quality:person_oversight", args=[allocated.pk])
    client = client_for(social_worker)

    first = client.get(path).content.decode()
    second = client.get(path, {"page": 2}).content.decode()

    assert first.count("Direction given") == PAGE_SIZE and second.count("Direction given") == 2
    assert "Page 1 of 2" in first and 'href="?page=2&amp;oversight_page=1#case-directions"' in first
    assert "Analysis number 11" in first and "Analysis number 0" in second  # newest first
    assert "Action number 0" in second
    assert "No management oversight recorded." in first
    assert AuditEvent.objects.filter(person=allocated, summary="Case directions and oversight").exists()


def test_the_paged_page_is_behind_the_door(client_for, team_manager, social_worker, allocated, make_user):
    _directions(team_manager, social_worker, allocated, 1)
    path = reverse("quality:person_oversight", args=[allocated.pk])
    restrict(team_manager, allocated, named_users=[social_worker])
    refused = client_for(make_user(Role.SOCIAL_WORKER, "not.named")).get(path)
    assert refused.status_code == 403 and "Analysis number 0" not in refused.content.decode()
    assert "Analysis number 0" in client_for(social_worker).get(path).content.decode()
