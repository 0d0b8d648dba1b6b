"""The team page: a summary first (overdue work by kind and by worker, children waiting for a
worker, decisions awaiting sign-off, caseloads against the threshold, newly qualified workers),
each figure opening a filtered, paged list; who may see it; restricted children masked."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Team, TeamKind
from accounts.permissions import Role
from core import worklist
from people.tests.factories import make_person, restrict
from workforce.tests.factories import allocate
from workforce.views.team import PAGE_SIZE


def _item(person, rule: str, title: str, days_overdue: int, kind: str = "") -> worklist.WorkItem:
    due = timezone.localdate() - timedelta(days=days_overdue)
    return worklist.WorkItem(person.pk, title, rule, due, None, "/", kind=kind)


@pytest.fixture
def provided(monkeypatch):
    """The work every provider offers, replaced by the list the test fills."""
    items: list[worklist.WorkItem] = []
    monkeypatch.setattr(worklist, "providers", lambda: [lambda person_ids, today: items])
    return items


@pytest.fixture
def waiting_work(monkeypatch):
    """The open work every stage offers, replaced: stage name → {child: since}."""
    stages: dict[str, dict[int, date]] = {}
    monkeypatch.setattr(
        worklist,
        "_open_work",
        lambda: [(name, lambda today, rows=rows: rows) for name, rows in stages.items()],
    )
    return stages


@pytest.fixture
def second_worker(make_user):
    return make_user(Role.SOCIAL_WORKER, "second.worker", first_name="Bea", last_name="Okafor")


@pytest.fixture
def brother(social_worker):
    return make_person(social_worker, "Noah", "Hughes", date_of_birth=date(2018, 6, 1))


def _page(client, team, name="workforce:team", **query):
    response = client.get(reverse(name, args=[team.pk]), query)
    assert response.status_code == 200
    return response.content.decode()


def test_summary_counts_overdue_work_by_kind_and_by_worker_and_links_to_the_filtered_lists(
    client_for, provided, team, team_manager, social_worker, second_worker, child, brother
):
    allocate(team_manager, child, social_worker, team)
    allocate(team_manager, brother, second_worker, team)
    provided += [
        _item(child, "cin_visit", "Child in need visit due", 3),
        _item(child, "plan_action", "Plan action overdue: book the parenting course", 5),
        _item(brother, "cin_visit", "Child in need visit due", 1),
        _item(brother, "cin_review", "Child in need review due", -4),  # not yet due
    ]

    body = _page(client_for(team_manager), team)

    assert "<strong>3</strong> items of work are overdue" in body
    overdue = reverse("workforce:team_overdue", args=[team.pk])
    assert f'<a class="govuk-link" href="{overdue}?kind=cin_visit">Child in need visit due</a>' in body
    assert f'href="{overdue}?kind=plan_action">Plan actions</a>' in body
    assert "book the parenting course" not in body  # a plan action's own words stay in its list
    assert f'href="{overdue}?worker={social_worker.pk}">{social_worker.display_name}</a>' in body
    assert child.display_name not in body  # the summary lists no child's overdue work


def test_overdue_list_filters_by_kind_and_worker_from_the_query_string(
    client_for, provided, team, team_manager, social_worker, second_worker, child, brother
):
    allocate(team_manager, child, social_worker, team)
    allocate(team_manager, brother, second_worker, team)
    provided += [
        _item(child, "cin_visit", "Child in need visit due", 3),
        _item(child, "plan_action", "Plan action overdue: book the parenting course", 5),
        _item(brother, "cin_visit", "Child in need visit due", 1),
    ]
    client = client_for(team_manager)

    everything = _page(client, team, "workforce:team_overdue")
    visits = _page(client, team, "workforce:team_overdue", kind="cin_visit")
    bea = _page(client, team, "workforce:team_overdue", kind="cin_visit", worker=str(second_worker.pk))

    assert everything.count("Overdue by") == 3
    assert visits.count("Overdue by") == 2 and "book the parenting course" not in visits
    assert bea.count("Overdue by") == 1 and brother.display_name in bea and "Amelia" not in bea
    assert '<option value="cin_visit" selected>' in bea  # the filters chosen are kept in the form
    assert "Clear filters" in bea and "Clear filters" not in everything


def test_overdue_list_is_paged_on_the_server_keeping_the_filters(
    client_for, provided, team, team_manager, child
):
    allocate(team_manager, child, team_manager, team)
    provided += [_item(child, "cin_visit", "Child in need visit due", n) for n in range(1, PAGE_SIZE + 6)]
    client = client_for(team_manager)

    first = _page(client, team, "workforce:team_overdue", kind="cin_visit")
    second = _page(client, team, "workforce:team_overdue", kind="cin_visit", page="2")

    assert first.count("Overdue by") == PAGE_SIZE and second.count("Overdue by") == 5
    assert 'href="?kind=cin_visit&amp;page=2" rel="next"' in first
    assert (
        "Page 2 of 2" in second and f"Showing {PAGE_SIZE + 1} to {PAGE_SIZE + 5} of {PAGE_SIZE + 5}" in second
    )
    assert _page(client, team, "workforce:team_overdue", page="99").count("Overdue by") == 5  # the last page


def test_waiting_children_are_named_with_age_open_work_and_days_waiting_longest_first(
    client_for, waiting_work, team, team_manager, child, brother
):
    today = timezone.localdate()
    waiting_work["Front door"] = {brother.pk: today - timedelta(days=2)}
    waiting_work["Assessments"] = {child.pk: today - timedelta(days=9), brother.pk: today - timedelta(days=1)}

    body = _page(client_for(team_manager), team)

    section = body.split('id="unallocated"', 1)[1].split('id="sign-off"', 1)[0]
    assert "<strong>2</strong> children have open work" in section
    assert section.index(child.display_name) < section.index(brother.display_name)
    assert "Assessments, Front door" in section and "<td" in section
    assert ">9</td>" in section and ">2</td>" in section
    assert "11 years" in section  # Amelia's age, not her Harbour ID
    assert child.la_child_id not in section
    assert f"{reverse('workforce:allocate', args=[child.pk])}?team={team.pk}" in section


def test_a_waiting_child_stops_waiting_once_allocated_a_social_worker(
    client_for, waiting_work, team, team_manager, child
):
    waiting_work["Assessments"] = {child.pk: timezone.localdate() - timedelta(days=3)}
    client = client_for(team_manager)
    assert child.display_name in _page(client, team, "workforce:team_waiting")

    allocate(team_manager, child, team_manager, team)

    body = _page(client, team, "workforce:team_waiting")
    assert "Every child with open work has an allocated social worker" in body


def test_restricted_children_are_masked_in_the_summary_and_every_list(
    client_for, make_user, provided, waiting_work, team, team_manager, social_worker, child, brother
):
    allocate(team_manager, child, social_worker, team)
    restrict(make_user(Role.SERVICE_MANAGER, "service.manager"), child, named_users=[social_worker])
    restrict(make_user(Role.SERVICE_MANAGER, "other.manager"), brother)
    provided += [
        _item(child, "cin_visit", "Child in need visit due", 3),
        _item(child, "cin_plan", "Child in need plan awaiting sign-off", 2, kind=worklist.SIGN_OFF),
    ]
    waiting_work["Front door"] = {brother.pk: timezone.localdate() - timedelta(days=4)}
    client = client_for(team_manager)

    pages = {
        name: _page(client, team, name)
        for name in (
            "workforce:team",
            "workforce:team_overdue",
            "workforce:team_sign_offs",
            "workforce:team_waiting",
            "workforce:team_caseload",
        )
    }

    for name, body in pages.items():
        assert "Amelia" not in body and "Noah" not in body and "Hughes" not in body, name
    assert "Restricted record" in pages["workforce:team_overdue"]
    assert "Restricted record" in pages["workforce:team_sign_offs"]
    assert "Restricted record" in pages["workforce:team_waiting"]
    assert "Restricted record" in pages["workforce:team_caseload"]
    assert (
        brother.date_of_birth is not None
        and "years" not in pages["workforce:team_waiting"].split("<tbody")[1]
    )


def test_sign_offs_are_summarised_and_listed(client_for, provided, team, team_manager, social_worker, child):
    allocate(team_manager, child, social_worker, team)
    provided += [
        _item(child, "cp_plan", "Child protection plan awaiting sign-off", 2, kind=worklist.SIGN_OFF)
    ]
    client = client_for(team_manager)

    summary = _page(client, team)
    listed = _page(client, team, "workforce:team_sign_offs", worker=str(social_worker.pk))

    assert "<strong>1</strong> decision is awaiting sign-off" in summary
    assert "Child protection plan awaiting sign-off" in summary
    assert "Nothing is overdue across the team" in summary  # a decision is not counted as overdue work
    assert child.display_name in listed and "Child protection plan awaiting sign-off" in listed


def test_caseloads_are_shown_against_the_threshold_with_newly_qualified_workers_flagged(
    client_for, make_user, team, team_manager, social_worker
):
    newcomer = make_user(
        Role.SOCIAL_WORKER, "new.worker", first_name="Nia", last_name="Ahmed", newly_qualified=True
    )
    make_user(Role.PERFORMANCE, "analyst", first_name="Pat", last_name="Analyst")  # holds no cases
    children = [
        make_person(social_worker, f"Child{n}", "Caseload", date_of_birth=date(2016, 1, n))
        for n in range(1, 14)
    ]
    for kid in children:
        allocate(team_manager, kid, newcomer, team)

    body = _page(client_for(team_manager), team)

    caseloads = body.split('id="caseloads"', 1)[1]
    assert "1 worker is at or over the caseload threshold" in caseloads
    assert (
        "Newly qualified (ASYE)" in caseloads and "assessed and supported year (ASYE): Nia Ahmed" in caseloads
    )
    assert "12 to 15 (protected)" in caseloads  # the protected caseload's lower threshold
    assert "18 to 22" in caseloads  # everyone else's
    assert "At threshold" in caseloads
    assert "Pat Analyst" not in caseloads
    assert f"{reverse('workforce:team_caseload', args=[team.pk])}?worker={newcomer.pk}" in caseloads


def test_caseload_list_filters_by_worker(
    client_for, team, team_manager, social_worker, second_worker, child, brother
):
    allocate(team_manager, child, social_worker, team)
    allocate(team_manager, brother, second_worker, team)

    body = _page(client_for(team_manager), team, "workforce:team_caseload", worker=str(second_worker.pk))

    assert brother.display_name in body and child.display_name not in body


@pytest.mark.parametrize(
    "name", ["workforce:team", "workforce:team_overdue", "workforce:team_waiting", "workforce:team_caseload"]
)
def test_who_may_see_a_teams_pages(client_for, make_user, team, team_manager, social_worker, name):
    other = Team.objects.create(name="Children in Care Team 2", kind=TeamKind.CHILDREN_IN_CARE)
    service_manager = make_user(Role.SERVICE_MANAGER, "service.manager")
    url = reverse(name, args=[team.pk])

    assert client_for(social_worker).get(url).status_code == 403
    assert client_for(team_manager).get(url).status_code == 200
    assert client_for(team_manager).get(reverse(name, args=[other.pk])).status_code == 403
    assert client_for(service_manager).get(reverse(name, args=[other.pk])).status_code == 200
    assert client_for(team_manager).get(reverse(name, args=[9999])).status_code == 404


def test_a_team_manager_lands_on_their_teams_page_after_signing_in(client, team, team_manager, social_worker):
    client.force_login(team_manager)
    assert client.get("/")["Location"] == reverse("workforce:team", args=[team.pk])

    client.force_login(social_worker)
    assert client.get("/")["Location"] == reverse("workforce:my_work")


def test_a_team_manager_of_several_teams_lands_on_the_list_of_teams(client, team, team_manager):
    Team.objects.create(name="Assessment Team 2", kind=TeamKind.ASSESSMENT, manager=team_manager)
    client.force_login(team_manager)
    assert client.get("/")["Location"] == reverse("workforce:teams")
