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
    assert response["Location"] == f"/people/{child.pk}/work/"  # where the allocation history is
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
    assert "Select the worker to allocate" in body
    assert "The date the allocation starts must include a year" in body
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

    section = body.split('id="unallocated"', 1)[1].split('id="sign-off"', 1)[0]
    assert child.display_name in section and ">3</td>" in section
    assert child.la_child_id not in section


def _worker_options(body: str) -> list[str]:
    select = body.split('name="worker"', 1)[1].split("</select>", 1)[0]
    return [part.split(">", 1)[1].split("</option>", 1)[0] for part in select.split("<option")[2:]]


def test_allocate_page_offers_the_teams_own_workers_first_each_with_their_caseload(
    client_for, make_user, team_manager, social_worker, team, child
):
    from accounts.models import Team, TeamKind
    from accounts.permissions import Role
    from people.tests.factories import make_person
    from workforce.tests.factories import allocate

    elsewhere = Team.objects.create(name="Children in Care Team 2", kind=TeamKind.CHILDREN_IN_CARE)
    outsider = make_user(
        Role.SOCIAL_WORKER, "out.sider", first_name="Aaron", last_name="Abbot", team=elsewhere
    )
    for role in (Role.PERFORMANCE, Role.AUDITOR, Role.ADMIN, Role.SERVICE_MANAGER, Role.FRONT_DOOR):
        make_user(role, f"no.cases.{role.value}", first_name="Nocase", last_name=role.value)
    for n in range(2):
        allocate(team_manager, make_person(social_worker, f"Kid{n}", "Held"), social_worker, team)

    body = client_for(team_manager).get(reverse("workforce:allocate", args=[child.pk])).content.decode()
    options = _worker_options(body)

    assert options[:2] == [
        "Social Tester – Social worker – 2 children, weighted load 2.0 (within threshold)",
        "Team Tester – Team manager – 0 children, weighted load 0.0 (within threshold)",
    ]
    assert options[2:] == ["Aaron Abbot – Social worker (Children in Care Team 2) – 0 children"]
    assert "Nocase" not in body  # roles that never hold a case are not offered
    assert f'<option value="{team.pk}" selected>' in body  # the manager's team is chosen already
    assert outsider.display_name in body


def test_allocate_page_opened_from_a_team_offers_that_teams_workers_first(
    client_for, make_user, team_manager, team, child
):
    from accounts.models import Team, TeamKind
    from accounts.permissions import Role

    elsewhere = Team.objects.create(name="Children in Care Team 2", kind=TeamKind.CHILDREN_IN_CARE)
    make_user(Role.SOCIAL_WORKER, "out.sider", first_name="Zed", last_name="Zulu", team=elsewhere)
    service_manager = make_user(Role.SERVICE_MANAGER, "service.manager")

    url = reverse("workforce:allocate", args=[child.pk]) + f"?team={elsewhere.pk}"
    options = _worker_options(client_for(service_manager).get(url).content.decode())

    assert options[0] == "Zed Zulu – Social worker – 0 children, weighted load 0.0 (within threshold)"


def test_allocate_page_refuses_a_worker_whose_role_holds_no_cases(
    client_for, make_user, team_manager, team, child
):
    from accounts.permissions import Role

    analyst = make_user(Role.PERFORMANCE, "analyst")
    response = client_for(team_manager).post(
        reverse("workforce:allocate", args=[child.pk]), _form(analyst, team)
    )

    assert response.status_code == 400
    assert "Select the worker to allocate" in response.content.decode()
    assert not Allocation.objects.exists()


def test_allocate_page_says_in_plain_words_what_is_missing(client_for, team_manager, team, child):
    response = client_for(team_manager).post(
        reverse("workforce:allocate", args=[child.pk]),
        {
            "worker": "",
            "team": "",
            "role": "",
            "reason": "",
            "start_date-day": "",
            "start_date-month": "",
            "start_date-year": "",
        },
    )

    body = response.content.decode()
    assert response.status_code == 400
    for message in (
        "Select the worker to allocate",
        "Select the team",
        "Select what the worker is allocated as",
        "Enter the date the allocation starts",
        "Select the reason for the allocation",
    ):
        assert message in body


def test_allocate_page_shows_the_childs_open_work(client_for, team_manager, social_worker, child):
    from datetime import timedelta

    from django.utils import timezone

    from protection.tests.factories import make_referral

    make_referral(child, social_worker, timezone.localdate() - timedelta(days=3))

    body = client_for(team_manager).get(reverse("workforce:allocate", args=[child.pk])).content.decode()

    section = body.split("The child's open work", 1)[1].split("<form", 1)[0]
    assert "Front door, open since" in section and "(3 days)" in section
