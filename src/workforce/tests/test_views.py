"""The allocation page: a form page that allocates through the service and goes back to the child."""

from datetime import date

from django.urls import reverse

from core.tests.form_data import date_input
from workforce.models import Allocation, AllocationRole


def _form(worker, team, **extra):
    return {
        "worker": str(worker.pk),
        "team": str(team.pk),
        "role": AllocationRole.SOCIAL_WORKER,
        **date_input("start_date", date(2025, 1, 6)),
        "reason": "MANAGE",
        **extra,
    }


def test_allocate_page_allocates_and_returns_to_the_childs_page(
    client_for, team_manager, social_worker, team, child
):
    client = client_for(team_manager)
    url = reverse("workforce:allocate", args=[child.pk])

    assert client.get(url).status_code == 200
    response = client.post(url, _form(social_worker, team))

    assert response.status_code == 302
    assert response["Location"] == f"/people/{child.pk}/"
    allocation = Allocation.objects.get(person=child)
    assert (allocation.worker, allocation.created_by) == (social_worker, team_manager)


def test_allocate_page_shows_every_error_and_allocates_nothing_when_invalid(
    client_for, team_manager, social_worker, team, child
):
    response = client_for(team_manager).post(
        reverse("workforce:allocate", args=[child.pk]),
        {**_form(social_worker, team), "worker": "", "start_date-year": ""},
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert "Select a worker" in body
    assert "There is a problem" in body
    assert not Allocation.objects.exists()


def test_allocate_page_refuses_a_social_worker(client_for, social_worker, child):
    assert client_for(social_worker).get(reverse("workforce:allocate", args=[child.pk])).status_code == 403


def test_team_page_lists_a_referred_child_with_no_worker_with_days_waiting(
    client_for, team_manager, social_worker, team, child
):
    from datetime import timedelta

    from django.utils import timezone

    from protection.tests.factories import make_referral

    make_referral(child, social_worker, timezone.localdate() - timedelta(days=3))
    body = client_for(team_manager).get(reverse("workforce:team", args=[team.pk])).content.decode()

    section = body.split('id="unallocated"', 1)[1].split("Team caseload", 1)[0]
    assert child.la_child_id in section and "waiting 3 days" in section
