"""Finding the same child twice, in a real browser: the front door's duplicate check finds a
known child first although the screener misspells the family name and swaps the day and
month of the birth; and an administrator undoes a merge made in error."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Team, TeamKind
from accounts.permissions import Role
from frontdoor import services as frontdoor_services
from people import services as people_services
from people.tests.factories import make_person

from .conftest import assert_accessible, sign_in


@pytest.fixture
def screener(db, make_user):
    team = Team.objects.create(name="Front Door and MASH", kind=TeamKind.FRONT_DOOR)
    return make_user(
        Role.FRONT_DOOR, "front.door", team=team, registered_social_worker=True, first_name="Femi"
    )


@pytest.fixture
def known_family(social_worker):
    """Oliver Thompson, born 4 November 2016, already has a record; so do his sister and
    another Oliver with a different family name and birthday."""
    oliver = make_person(social_worker, "Oliver", "Thompson", date_of_birth=date(2016, 11, 4), sex="M")
    make_person(social_worker, "Grace", "Thompson", date_of_birth=date(2014, 2, 20), sex="F")
    make_person(social_worker, "Oliver", "Townsend", date_of_birth=date(2016, 4, 1), sex="M")
    return oliver


@pytest.mark.system
def test_front_door_finds_the_known_child_first_despite_a_misspelt_name_and_swapped_date(
    page, live_server, screener, known_family
):
    """Given Oliver Thompson, born 4 November 2016, already has a record,
    when a front-door screener adding a child to a contact searches for "Oliver Tompson"
    born 11 April 2016 (the day and month the wrong way round),
    then Oliver's record is the first of the possible matches, with the reasons it may match;
    when they add that record,
    then the contact names Oliver and no second record is created."""
    contact = frontdoor_services.record_contact(
        actor=screener,
        received_at=timezone.now() - timedelta(hours=1),
        channel="PHONE",
        source="2A",
        concern="Child arrived at school hungry.",
        consent="GIVEN",
        referrer_name="Ms Okoro",
        referrer_agency="Riverside Primary",
    )
    sign_in(page, live_server, "front.door")
    page.goto(live_server.url + reverse("frontdoor:add_child", args=[contact.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a child to the contact")

    page.get_by_label("Given name").fill("Oliver")
    page.get_by_label("Family name").fill("Tompson")
    born = page.get_by_role("group", name="Date of birth (optional)")
    born.get_by_label("Day").fill("11")
    born.get_by_label("Month").fill("4")
    born.get_by_label("Year").fill("2016")
    page.get_by_role("button", name="Search for the child").click()

    expect(page.get_by_role("heading", name="Possible matches")).to_be_visible()
    rows = page.get_by_role("table", name="Possible matches").locator("tbody tr")
    first = rows.first
    expect(first).to_contain_text(f"Oliver Thompson ({known_family.la_child_id})")
    expect(first).to_contain_text("4 November 2016")
    assert_accessible(page)

    first.get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Contact received")
    expect(page.get_by_role("link", name="Oliver Thompson")).to_be_visible()
    assert_accessible(page)


@pytest.mark.system
def test_administrator_undoes_a_merge_from_the_merged_record(
    page, live_server, make_user, team_manager, known_family
):
    """Given the front door's new record of Oliver was merged into his existing one,
    when an administrator opens the kept record's family page and follows "undo this merge",
    then the merged record's page says what the merge did and until when it can be undone;
    when they give no reason,
    then a GOV.UK error asks for one;
    when they give a reason,
    then the merged record is open again on its own, with its own Harbour ID."""
    second = make_person(team_manager, "Oliver", "Tompson", date_of_birth=date(2016, 4, 11), sex="M")
    people_services.merge_people(
        actor=team_manager, survivor=known_family, duplicate=second, reason="Same boy"
    )
    make_user(Role.ADMIN, "user.admin")
    sign_in(page, live_server, "user.admin")

    page.goto(live_server.url + reverse("people:family", args=[known_family.pk]))
    merged = page.locator("#merged-records + ul")
    expect(merged).to_contain_text(second.la_child_id)
    merged.get_by_role("link", name=f"undo this merge of {second.la_child_id}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Undo the merge of {second.la_child_id}")
    expect(page.locator(".govuk-summary-list")).to_contain_text(known_family.la_child_id)
    assert_accessible(page)

    page.get_by_role("button", name="Undo the merge").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Enter why you are undoing this merge")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Why are you undoing this merge?").fill("Twins: two boys, one misspelt birthday")
    page.get_by_role("button", name="Undo the merge").click()
    expect(page.get_by_text(f"The merge was undone: {second.la_child_id}")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Oliver Tompson")
    assert_accessible(page)
