"""The load test's goal pages make a bounded number of queries, however big the caseload
or the child's history (no N+1): the child's page, My work (caseload), the team page and search.

Run against a small generated borough; the bounds are the counts measured (loadtest/README.md)
with a little room. A page whose count grows with the number of rows shown fails here long
before it is slow in the load test. The child's page makes about one query per stage panel
the child reached (one query finds which record types the child has, and the panels and the
summary at the top of every page of the record skip the rest; its chronology panel reads only the curated events and counts the rest in one query, ADR
0019); neither it nor My work runs any statement once per row.
"""

import re
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q

from accounts.models import User
from accounts.permissions import Role
from people.models import Person
from workforce.models import Allocation

AS_OF = date(2026, 1, 15)
# The record's summary page (identity and the summary every page of the record shows), and its
# pages of the stages' panels (Work and plans, Oversight; each builds every panel and shows its
# own): the panels as before (ADR 0025) and the summary's few queries (alerts, allocations, a
# query or two a stage the child reached; the held records are read once for both, and a child
# in care's care summary once).
CHILD_PAGE_MAX = 26
WORK_PAGE_MAX = 42
MY_WORK_MAX = 40
# The search itself, and its audit row (ADR 0029): one write, whatever the number listed,
# which on PostgreSQL is five statements (savepoint, the chain's lock, the last hash, the
# insert, release).
SEARCH_MAX = 11
TEAM_PAGE_MAX = 75


@pytest.fixture(scope="module")
def borough(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("generate_demo_data", "--children", "80", "--seed", "7", "--as-of", AS_OF.isoformat())
        yield
        transaction.set_rollback(True)


def _workers_by_caseload() -> list[User]:
    return list(
        User.objects.filter(role=Role.SOCIAL_WORKER.value, is_active=True)
        .annotate(open=Count("allocations", filter=Q(allocations__end_date__isnull=True)))
        .filter(open__gt=0)
        .order_by("-open", "pk")
    )


def _shape(sql: str) -> str:
    """A statement with its literal values taken out, so one query per row shows as repeats."""
    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)


@pytest.fixture
def busiest(borough):
    return _workers_by_caseload()[0]


@pytest.mark.django_db
def test_my_work_makes_the_same_few_queries_when_the_caseload_is_big_or_small(
    client, borough, django_assert_max_num_queries
):
    workers = _workers_by_caseload()
    big, small = workers[0], workers[-1]
    assert big.open > small.open  # type: ignore[attr-defined]

    for worker in (big, small):
        client.force_login(worker)
        client.get("/")  # the first request after signing in writes the session's activity time
        with django_assert_max_num_queries(MY_WORK_MAX) as captured:
            response = client.get("/work/my-work/")
        assert response.status_code == 200
        # No statement runs once per row: the same query shape at most a few times a page.
        shapes = Counter(_shape(q["sql"]) for q in captured.captured_queries)
        assert max(shapes.values()) <= 3, shapes.most_common(1)


@pytest.mark.django_db
def test_team_page_makes_the_same_few_queries_when_the_team_is_big_or_small(
    client, borough, django_assert_max_num_queries
):
    from accounts.models import Team

    teams = list(
        Team.objects.filter(manager__isnull=False, is_active=True)
        .annotate(open=Count("allocations", filter=Q(allocations__end_date__isnull=True)))
        .filter(open__gt=0)
        .order_by("-open", "pk")
    )
    big, small = teams[0], teams[-1]
    assert big.open > small.open  # type: ignore[attr-defined]

    for team in (big, small):
        client.force_login(team.manager)
        client.get("/")
        for path in (
            f"/work/teams/{team.pk}/",
            f"/work/teams/{team.pk}/overdue/",
            f"/work/teams/{team.pk}/waiting/",
        ):
            with django_assert_max_num_queries(TEAM_PAGE_MAX) as captured:
                response = client.get(path)
            assert response.status_code == 200
            shapes = Counter(_shape(q["sql"]) for q in captured.captured_queries)
            assert max(shapes.values()) <= 3, (path, shapes.most_common(1))


@pytest.mark.django_db
def test_childs_page_queries_are_bounded_when_history_is_long(client, busiest, django_assert_max_num_queries):
    client.force_login(busiest)
    client.get("/")
    mine = Allocation.objects.filter(worker=busiest, end_date__isnull=True).values_list(
        "person_id", flat=True
    )
    # The child on the caseload with the most recorded about them, and the one with the least.
    children = list(
        Person.objects.filter(pk__in=list(mine))
        .annotate(
            history=Count("allocations", distinct=True)
            + Count("relationships_as_a", distinct=True)
            + Count("addresses", distinct=True)
        )
        .order_by("-history", "pk")
    )
    for child in (children[0], children[-1]):
        _assert_childs_pages_bounded(client, child, django_assert_max_num_queries)


@pytest.mark.django_db
def test_childs_page_queries_are_bounded_for_a_child_in_care_proceedings(
    client, borough, django_assert_max_num_queries
):
    """The child with the most stages at once: in care, in care proceedings, with the
    pre-proceedings before them (each stage's summary line and panel its query or two)."""
    from looked_after.models import PeriodOfCare
    from permanence.models import CareProceedings, ProceedingsStatus

    in_proceedings = CareProceedings.objects.filter(status=ProceedingsStatus.OPEN).values("person_id")
    child = (
        Person.objects.filter(pk__in=in_proceedings)
        .filter(pk__in=PeriodOfCare.objects.filter(end_date__isnull=True).values("person_id"))
        .order_by("pk")
        .first()
    )
    assert child is not None
    worker = (
        Allocation.objects.filter(person=child, end_date__isnull=True, worker__role=Role.SOCIAL_WORKER.value)
        .values_list("worker", flat=True)
        .first()
    )
    client.force_login(User.objects.get(pk=worker))
    client.get("/")
    _assert_childs_pages_bounded(client, child, django_assert_max_num_queries)


def _assert_childs_pages_bounded(client, child: Person, django_assert_max_num_queries) -> None:
    # The record's summary page, and its page of every stage's panels; both with the
    # summary at the top of every page of the record (people.record_header).
    for path, budget in (
        (f"/people/{child.pk}/", CHILD_PAGE_MAX),
        (f"/people/{child.pk}/work/", WORK_PAGE_MAX),
        (f"/people/{child.pk}/oversight/", WORK_PAGE_MAX),
    ):
        with django_assert_max_num_queries(budget) as captured:
            response = client.get(path)
        assert response.status_code == 200
        # No statement runs once per row (of the child's history or of the page's panels).
        shapes = Counter(_shape(q["sql"]) for q in captured.captured_queries)
        assert max(shapes.values()) <= 2, (path, shapes.most_common(1))


@pytest.mark.django_db
def test_search_queries_are_bounded_when_many_people_match(client, busiest, django_assert_max_num_queries):
    client.force_login(busiest)
    client.get("/")
    common = (
        Person.objects.values("family_name").annotate(n=Count("pk")).order_by("-n", "family_name").first()
    )
    assert common is not None and common["n"] > 1

    results = client.post("/people/search/", {"q": common["family_name"]}).url
    with django_assert_max_num_queries(SEARCH_MAX):
        response = client.get(results)

    assert response.status_code == 200
    assert common["family_name"] in response.content.decode()


@pytest.mark.django_db
def test_childs_page_panels_are_the_same_when_stages_never_reached_are_skipped(borough, monkeypatch):
    """The panels and the summary's stage lines skip the queries of record types a child has
    none of (`core.extensions.HOLDS`): for children at every stage, what each panel and line
    shows is what it shows when it queries all."""
    from core import extensions

    manager = User.objects.filter(role=Role.TEAM_MANAGER.value, is_active=True).order_by("pk").first()
    children = Person.objects.filter(record_type="CHILD").order_by("pk")
    compared = skipped = 0
    for child in children:
        with_presence = extensions.person_panels(Person.objects.get(pk=child.pk), manager)
        facts = extensions.summary_facts(Person.objects.get(pk=child.pk), manager, AS_OF)
        held = extensions.records_held(child.pk, extensions._held_types())
        skipped += len(extensions._held_types()) - len(held)
        with monkeypatch.context() as patched:
            patched.setattr(extensions, "records_held", lambda person_id, types: frozenset(types))
            querying_all = extensions.person_panels(Person.objects.get(pk=child.pk), manager)
            all_facts = extensions.summary_facts(Person.objects.get(pk=child.pk), manager, AS_OF)
        assert with_presence == querying_all, child.pk
        assert facts == all_facts, child.pk
        compared += 1
    assert compared >= 80 and skipped > compared  # stages children never reached were skipped
