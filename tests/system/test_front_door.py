"""The front door in a real browser: a contact about a new child, screened, decided by a
manager, and the referral visible on the child's page. Every page is checked with axe."""

import pytest
from playwright.sync_api import expect

from accounts.models import Team, TeamKind
from accounts.permissions import Role

from .conftest import assert_accessible, sign_in


@pytest.fixture
def front_door_team(db):
    return Team.objects.create(name="Front Door and MASH", kind=TeamKind.FRONT_DOOR)


@pytest.fixture
def screener(make_user, front_door_team):
    return make_user(
        Role.FRONT_DOOR, "front.door", team=front_door_team, registered_social_worker=True, first_name="Femi"
    )


@pytest.fixture
def fd_manager(make_user, front_door_team):
    user = make_user(
        Role.TEAM_MANAGER,
        "fd.manager",
        team=front_door_team,
        registered_social_worker=True,
        first_name="Maya",
    )
    front_door_team.manager = user
    front_door_team.save()
    return user


@pytest.mark.system
def test_front_door_records_contact_for_new_child_and_manager_opens_referral(
    open_page, live_server, screener, fd_manager
):
    """Given a front-door social worker and their manager,
    when the worker records a phone call from a school about a child Harbour does not know,
    checks for an existing record, creates one, and screens the contact as needing an
    assessment, and the manager confirms the decision,
    then a referral is opened and shown on the child's page."""
    page = open_page()
    sign_in(page, live_server, "front.door")
    page.get_by_role("link", name="Front door").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Front door")
    assert_accessible(page)

    page.get_by_role("link", name="Record a contact").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a contact")
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("Source").select_option("2A")
    page.get_by_label("Referrer's name (optional)").fill("Ms Okoro")
    page.get_by_label("Referrer's agency or relationship (optional)").fill("Riverside Primary")
    page.get_by_label("What is the concern?").fill("Child arrived hungry with a bruise on the arm.")
    page.get_by_label("Consent given", exact=True).check()
    assert_accessible(page)
    page.get_by_role("button", name="Save contact").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Add a child to the contact")
    page.get_by_label("Given name").fill("Kofi")
    page.get_by_label("Family name").fill("Mensah")
    page.get_by_role("button", name="Search for the child").click()
    expect(page.locator("#no-matches")).to_be_visible()
    assert_accessible(page)
    new = page.locator("form").filter(
        has=page.get_by_role("button", name="Create record and add to the contact")
    )
    expect(new.get_by_label("Given name")).to_have_value("Kofi")
    new.get_by_label("Male", exact=True).check()
    new.get_by_role("button", name="Create record and add to the contact").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Contact received")
    expect(page.get_by_role("link", name="Kofi Mensah")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Screen the contact").click()
    page.get_by_label("Level 3: complex or targeted (child in need)").check()
    page.get_by_label("Referral for a children's social care assessment").check()
    page.get_by_label("Primary need (for a referral)").select_option("N1")
    page.get_by_label("Screening summary and reasons").fill("Injury and hunger: assessment needed.")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Awaiting manager decision").first).to_be_visible()

    manager = open_page()
    sign_in(manager, live_server, "fd.manager")
    manager.get_by_role("link", name="Front door").click()
    manager.locator("#awaiting-manager + table").get_by_role("link").first.click()
    manager.get_by_role("link", name="Confirm or return the decision").click()
    manager.get_by_label("Confirm the decision").check()
    manager.get_by_label("Rationale (or what more work is needed)").fill(
        "Agreed: assessment by the assessment team."
    )
    assert_accessible(manager)
    manager.get_by_role("button", name="Save").click()
    expect(manager.locator(".govuk-notification-banner__heading")).to_contain_text("Decision confirmed")

    manager.get_by_role("link", name="Kofi Mensah").click()
    expect(manager.get_by_role("heading", level=1)).to_contain_text("Kofi Mensah")
    manager.get_by_role("navigation", name="Sections of Kofi Mensah's record").get_by_role(
        "link", name="Work and plans"
    ).click()
    referrals = manager.get_by_role("table", name="Referrals (child in need episodes)")
    expect(referrals).to_contain_text("Schools")
    expect(referrals).to_contain_text("Open")
    assert_accessible(manager)


@pytest.mark.system
def test_early_help_worker_records_plan_and_family_waits_for_conference(
    open_page, live_server, make_user, child
):
    """Given a child in early help, when the early help worker adds an action to the plan and
    requests a family group conference, then the episode shows the action and the family is
    on the waiting list with the days waiting."""
    from datetime import timedelta

    from django.utils import timezone

    from early_help import services as early_help

    team = Team.objects.create(name="Early Help North", kind=TeamKind.EARLY_HELP)
    worker = make_user(Role.EARLY_HELP, "eh.worker", team=team, first_name="Erin")
    episode = early_help.start_episode(
        actor=worker, person=child, start_date=timezone.localdate() - timedelta(days=30), reason="Routines"
    )
    early_help.request_fgc(
        actor=worker, episode=episode, requested_on=timezone.localdate() - timedelta(days=9)
    )
    page = open_page()
    sign_in(page, live_server, "eh.worker")
    page.get_by_role("link", name="Early help").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Early help")
    waiting = page.get_by_role(
        "table", name="Families waiting for a family group conference, longest wait first"
    )
    expect(waiting).to_contain_text("9")
    assert_accessible(page)
    waiting.get_by_role("link", name="Amelia Hughes").click()
    assert_accessible(page)
    page.get_by_role("link", name="Add an action").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What will be done").fill("Attend the parenting course")
    page.get_by_label("Who will do it").fill("Mum")
    by_when = page.get_by_role("group", name="By when")
    by_when.get_by_label("Day").fill("1")
    by_when.get_by_label("Month").fill("1")
    by_when.get_by_label("Year").fill(str(timezone.localdate().year + 1))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("cell", name="Attend the parenting course", exact=True)).to_be_visible()
    expect(page.get_by_text("Waiting 9 days")).to_be_visible()
    assert_accessible(page)


@pytest.mark.system
def test_child_stepped_to_early_help_waits_until_the_early_help_worker_starts_it(
    open_page, live_server, make_user, child, screener, fd_manager
):
    """Given the front door decided a child's needs can be met by early help, when the early
    help worker opens the early help page, then the child is waiting there; starting early help
    from the list records how the child came, and the child no longer waits."""
    from datetime import timedelta

    from django.utils import timezone

    from frontdoor.tests.factories import stepped_to_early_help

    stepped_to_early_help(screener, fd_manager, child, timezone.localdate() - timedelta(days=6))
    team = Team.objects.create(name="Early Help South", kind=TeamKind.EARLY_HELP)
    make_user(Role.EARLY_HELP, "eh.worker", team=team, first_name="Erin")

    page = open_page()
    sign_in(page, live_server, "eh.worker")
    page.get_by_role("link", name="Early help").first.click()
    awaiting = page.get_by_role("table", name="Children waiting for early help, longest wait first")
    expect(awaiting).to_contain_text("Front door: step to early help")
    expect(awaiting.get_by_role("row", name="Amelia Hughes")).to_contain_text("6")
    assert_accessible(page)

    awaiting.get_by_role("link", name="Start early help for Amelia Hughes").click()
    expect(page.get_by_label("Stepped to early help by the front door")).to_be_checked()
    page.get_by_label("Reason for early help").fill("School attendance and routines at home")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Early help episode started", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Early help").first.click()
    expect(page.get_by_role("heading", name="Waiting for early help (0)")).to_be_visible()
    expect(page.get_by_text("No child is waiting.")).to_be_visible()
