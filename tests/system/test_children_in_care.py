"""Children in care journeys in a real browser, each page checked with axe."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

import timescales
from accounts.permissions import Role
from core.presenters import govuk_date
from looked_after import services
from looked_after.services import PlacementDetails
from workforce import services as workforce
from workforce.models import AllocationRole

from .conftest import assert_accessible, sign_in


def _fill_date(page: Page, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _start_care(child, worker, start: date):
    return services.start_care(
        actor=worker,
        person=child,
        start_date=start,
        legal_status="V2",
        category_of_need="N1",
        placement=PlacementDetails(
            placement_type="U6", provider="PR1", carer_name="Mr and Mrs Okafor", postcode="L8 1AB"
        ),
    )


@pytest.mark.system
def test_child_comes_into_care_and_is_placed(page, live_server, social_worker, child):
    """Given Amelia is not looked after, when her social worker records that she became
    looked after today under section 20 and was placed with foster carers, then her
    children-in-care timeline shows the first SSDA903 episode (S) and the placement."""
    sign_in(page, live_server, "social.worker")
    page.goto(f"{live_server.url}/people/{child.pk}/work/")
    page.get_by_role("link", name="Record the child becoming looked after").click()
    expect(page).to_have_title(re.compile("^Child becomes looked after"))
    assert_accessible(page)

    today = timezone.localdate()
    _fill_date(page, "Date the child became looked after", today)
    page.get_by_label("Legal status").select_option("V2")
    page.get_by_label("Category of need").select_option("N1")
    page.get_by_label("Placement type").select_option("U6")
    page.get_by_label("Placement provider").select_option("PR1")
    page.get_by_label("Carer or home").fill("Mr and Mrs Okafor")
    page.get_by_label("Postcode (optional)").fill("L8 1AB")
    page.get_by_role("group", name="Is the placement inside the authority's area?").get_by_label(
        "Yes"
    ).check()
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_title(re.compile("^Children in care timeline"))
    expect(page.get_by_text("Start of care recorded")).to_be_visible()
    episodes = page.get_by_role("table", name="Episodes (SSDA903)")
    expect(episodes).to_contain_text("Started to be looked after (S)")
    expect(page.get_by_role("table", name="Placements")).to_contain_text("Mr and Mrs Okafor")
    assert_accessible(page)


@pytest.mark.system
def test_first_review_due_in_20_working_days_is_shown_to_the_iro(
    page, live_server, social_worker, team_manager, make_user, child
):
    """Given Amelia became looked after today and Irene is her IRO, when Irene opens the
    IRO page, then Amelia's first review is listed as due 20 working days from today."""
    iro = make_user(Role.IRO, "iro.irene", first_name="Irene", last_name="Oduya")
    today = timezone.localdate()
    _start_care(child, social_worker, today)
    services.allocate_iro(actor=team_manager, person=child, iro=iro, start_date=today)

    sign_in(page, live_server, "iro.irene")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Children in care").click()
    page.get_by_role("link", name="IRO caseloads and review schedule").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Independent reviewing officers")
    schedule = page.get_by_role("table", name="My review schedule")
    row = schedule.get_by_role("row").filter(has_text="Amelia Hughes")
    expect(row).to_contain_text("First looked-after review")
    expect(row).to_contain_text(govuk_date(timescales.due_date("lac_first_review", today)))
    expect(page.get_by_role("table", name="IRO caseloads", exact=True)).to_contain_text("Irene Oduya")
    assert_accessible(page)


@pytest.mark.system
def test_placement_move_is_recorded_with_its_reason(page, live_server, social_worker, child):
    """Given Amelia has been in foster care for two months, when her social worker records
    a move to a new carer because the carer asked (child's behaviour), then the old
    placement ends that day with the reason, and the new episode's reason is P."""
    start = timezone.localdate() - timedelta(days=60)
    _start_care(child, social_worker, start)
    moved = timezone.localdate() - timedelta(days=1)

    sign_in(page, live_server, "social.worker")
    page.goto(f"{live_server.url}/children-in-care/people/{child.pk}/")
    page.get_by_role("link", name="Change of legal status or placement").click()
    assert_accessible(page)
    _fill_date(page, "Date of the change", moved)
    page.get_by_label("The child moved to a new placement").check()
    page.get_by_label("Reason for the placement change").select_option("CREQB")
    page.get_by_label("Placement type").select_option("U4")
    page.get_by_label("Placement provider").select_option("PR4")
    page.get_by_label("Carer or home").fill("Ms Reid")
    page.get_by_role("group", name="Is the placement inside the authority's area?").get_by_label("No").check()
    page.get_by_label("Distance from home in miles (optional)").fill("14.5")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Change recorded")).to_be_visible()
    placements = page.get_by_role("table", name="Placements")
    old = placements.get_by_role("row").filter(has_text="Mr and Mrs Okafor")
    expect(old).to_contain_text("CREQB")
    expect(old).to_contain_text(govuk_date(moved))
    expect(placements.get_by_role("row").filter(has_text="Ms Reid")).to_contain_text(
        "out of area, 14.5 miles"
    )
    expect(page.get_by_role("table", name="Episodes (SSDA903)")).to_contain_text(
        "Change of placement and carer(s) only (P)"
    )
    assert_accessible(page)


@pytest.mark.system
def test_missing_episode_without_return_interview_after_72_hours_is_overdue(
    page, live_server, social_worker, team_manager, team, child
):
    """Given Amelia, in care and allocated to her social worker, returned from being missing
    four days ago and no return home interview is recorded, when the social worker opens
    My work, then the return home interview is shown overdue."""
    _start_care(child, social_worker, timezone.localdate() - timedelta(days=90))
    workforce.allocate(
        actor=team_manager,
        person=child,
        worker=social_worker,
        team=team,
        role=AllocationRole.SOCIAL_WORKER,
        start_date=timezone.localdate() - timedelta(days=90),
    )
    now = timezone.now()
    services.record_missing_episode(
        actor=social_worker,
        person=child,
        kind="M",
        started_at=now - timedelta(days=5),
        ended_at=now - timedelta(days=4),
        police_informed=True,
    )

    sign_in(page, live_server, "social.worker")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My work").click()
    row = page.get_by_role("row").filter(has_text="Return home interview")
    expect(row).to_contain_text("Overdue")
    assert_accessible(page)
    row.get_by_role("link", name="Return home interview").click()
    expect(page).to_have_title(re.compile("^Return and return home interview"))
    assert_accessible(page)
