"""The IRO's day: reading the child's care and placement plans as recorded (not recording
them), a My work of IRO work only, and one caseload figure on every page that shows it."""

import re
from datetime import date

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from looked_after import services
from looked_after.models import PeriodOfCare
from people.tests.factories import make_person, restrict
from workforce import services as workforce
from workforce.models import AllocationRole

from .factories import take_into_care


@pytest.fixture
def allocated_iro(iro, in_care, child, team_manager, social_worker, team):
    """The child in care with their IRO, and their social worker allocated."""
    services.allocate_iro(actor=team_manager, person=child, iro=iro, start_date=date(2024, 3, 15))
    workforce.allocate(
        actor=team_manager,
        person=child,
        worker=social_worker,
        team=team,
        role=AllocationRole.SOCIAL_WORKER,
        start_date=date(2024, 3, 14),
    )
    return iro


def test_iro_reads_the_care_and_placement_plans_as_recorded(
    allocated_iro, in_care, child, social_worker, client_for
):
    services.record_plans(
        actor=social_worker,
        period=in_care,
        care_plan_completed_on=date(2024, 3, 20),
        placement_plan_completed_on=date(2024, 3, 21),
    )
    response = client_for(allocated_iro).get(reverse("looked_after:plans", args=[child.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Completed 20 March 2024" in html and "Completed 21 March 2024" in html
    assert "Mr and Mrs Okafor" in html  # the placement the plan is for
    assert "<form" not in html.split('id="plans"')[1]  # read, not a form
    assert AuditEvent.objects.filter(actor=allocated_iro, person=child).exists()  # the view is audited


def test_iro_is_still_refused_recording_the_plans_or_care(allocated_iro, in_care, child, client_for):
    client = client_for(allocated_iro)
    posted = client.post(
        reverse("looked_after:plans", args=[child.pk]),
        {
            "care_plan_completed_on-day": "1",
            "care_plan_completed_on-month": "4",
            "care_plan_completed_on-year": "2024",
        },
    )
    assert posted.status_code == 403
    in_care.refresh_from_db()
    assert in_care.care_plan_completed_on is None
    for name in ("start", "change", "end", "record_health"):
        assert client.get(reverse(f"looked_after:{name}", args=[child.pk])).status_code == 403, name


def test_social_worker_still_gets_the_form(in_care, child, social_worker, client_for):
    html = client_for(social_worker).get(reverse("looked_after:plans", args=[child.pk])).content.decode()
    assert "Record care, placement and permanence plans" in html and "<form" in html


def test_timeline_links_a_reader_to_the_plans_as_recorded(allocated_iro, in_care, child, client_for):
    html = client_for(allocated_iro).get(reverse("looked_after:timeline", args=[child.pk])).content.decode()
    assert "Care, placement and permanence plans as recorded" in html


def test_iro_my_work_holds_reviews_not_the_social_workers_items(
    allocated_iro, in_care, child, social_worker, client_for
):
    html = client_for(allocated_iro).get(reverse("workforce:my_work")).content.decode()
    assert "Reviews due, most urgent first" in html
    assert "looked-after review" in html.lower()
    for social_work in (
        "Statutory visit",
        "Care plan",
        "Initial health assessment",
        "Personal education plan",
    ):
        assert social_work not in html, social_work
    assert "You are the independent reviewing officer for 1 child." in html
    # The social worker's My work still holds the review beside their own items.
    sw = client_for(social_worker).get(reverse("workforce:my_work")).content.decode()
    assert "looked-after review" in sw.lower() and "Initial health assessment" in sw


def _figure(html: str, pattern: str) -> int:
    found = re.search(pattern, html)
    assert found, pattern
    return int(found.group(1))


def test_iro_caseload_figure_agrees_on_every_page_and_differences_are_explained(
    allocated_iro, in_care, child, social_worker, team_manager, make_user, client_for
):
    # A second child left care but the IRO allocation was not ended; a third is restricted.
    left = make_person(social_worker, "Leo", "Park", sex="M", ethnicity="WBRI")
    period = take_into_care(social_worker, left, date(2024, 1, 10))
    services.allocate_iro(actor=team_manager, person=left, iro=allocated_iro, start_date=date(2024, 1, 11))
    services.end_care(actor=social_worker, period=period, on=date(2024, 6, 1), reason_ceased="E13")
    hidden = make_person(social_worker, "Hana", "Zed", sex="F", ethnicity="WBRI")
    take_into_care(social_worker, hidden, date(2024, 2, 1))
    services.allocate_iro(actor=team_manager, person=hidden, iro=allocated_iro, start_date=date(2024, 2, 2))
    restrict(make_user("service_manager", "keeper"), hidden)
    assert PeriodOfCare.objects.filter(person=left, end_date__isnull=True).count() == 0

    client = client_for(allocated_iro)
    my_work = client.get(reverse("workforce:my_work")).content.decode()
    iro_page = client.get(reverse("looked_after:iro")).content.decode()
    on_my_work = _figure(my_work, r"independent reviewing officer for (\d+) child")
    mine = _figure(iro_page, r"Your caseload is (\d+) child")
    row = _figure(iro_page, r"Irene Oduya</td><td[^>]*>(\d+)<")
    assert on_my_work == mine == row == 3
    manager_page = client_for(team_manager).get(reverse("looked_after:iro")).content.decode()
    assert _figure(manager_page, r"Irene Oduya</td><td[^>]*>(\d+)<") == 3
    # The schedule lists fewer, and says why.
    assert "lists 1 of them" in iro_page
    assert "1 is no longer looked after" in iro_page
    assert "1 is a restricted record you may not open" in iro_page
    assert "Hana" not in iro_page


def test_a_chair_my_work_points_to_the_conferences(make_user, client_for):
    chair = make_user("cp_chair", "chair.mw")
    html = client_for(chair).get(reverse("workforce:my_work")).content.decode()
    assert reverse("protection:chair") in html
