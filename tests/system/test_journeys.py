"""User journeys through Harbour in a real browser, each page checked with axe."""

import re
from datetime import date

import pytest
from playwright.sync_api import Locator, Page, expect

from accounts.permissions import Role
from audit.models import AuditAction, AuditEvent
from core.models import Notification
from people import services
from people.models import RelationshipType, RestrictionReason

from .conftest import assert_accessible, sign_in


@pytest.fixture
def mother(child, social_worker):
    """Amelia's mother, with parental responsibility, living with her."""
    sarah = services.create_person(
        actor=social_worker,
        data={
            "record_type": "ADULT",
            "given_name": "Sarah",
            "family_name": "Hughes",
            "date_of_birth": date(1988, 6, 2),
            "sex": "F",
            "ethnicity": "WBRI",
        },
    )
    services.add_relationship(
        actor=social_worker,
        person_a=sarah,
        person_b=child,
        type=RelationshipType.PARENT,
        parental_responsibility=True,
        lives_with=True,
        start_date=date(2015, 3, 27),
    )
    return sarah


def header_search(page: Page, text: str) -> None:
    search = page.get_by_role("search")
    search.get_by_role("searchbox").fill(text)
    search.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a person")


def open_person(page: Page, name: str) -> None:
    page.get_by_role("table").get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)


@pytest.mark.system
def test_social_worker_finds_a_child_by_a_misspelt_name(page, live_server, social_worker, child, mother):
    """Given Amelia Hughes, born 27 March 2015, with her mother Sarah in her network,
    when a social worker signs in, searches the header box for "Amelia Hughs" and
    opens Amelia's record from the results,
    then the record shows her identity and her family network, and the sign-in page,
    the search results and the person page have no accessibility violations."""
    sign_in(page, live_server, "social.worker")

    header_search(page, "Amelia Hughs")
    results = page.get_by_role("table")
    expect(results.get_by_role("row").filter(has_text="Amelia Hughes")).to_contain_text(child.la_child_id)
    assert_accessible(page)

    open_person(page, "Amelia Hughes")
    identity = page.locator("#identity + .govuk-summary-list")
    expect(identity.locator(".govuk-summary-list__row").filter(has_text="Harbour ID")).to_contain_text(
        child.la_child_id
    )
    expect(identity.locator(".govuk-summary-list__row").filter(has_text="Date of birth")).to_contain_text(
        "27 March 2015"
    )
    page.get_by_role("navigation", name="Sections of Amelia Hughes's record").get_by_role(
        "link", name="Family and addresses"
    ).click()
    network = page.locator(".hb-network")
    expect(network.get_by_role("link", name="Sarah Hughes")).to_be_visible()
    expect(network.get_by_role("listitem")).to_contain_text(["Has parental responsibility"])
    assert_accessible(page)


@pytest.mark.system
def test_restricted_record_is_refused_then_opened_by_breaking_the_glass(
    open_page, page, live_server, make_user, team_manager, child
):
    """Given Amelia's record restricted by her team manager, naming nobody,
    when another social worker opens it,
    then they get the "restricted" page (HTTP 403) with the break-the-glass form, and
    the refusal is audited;
    when they give a reason and break the glass,
    then the record opens and the manager is notified."""
    services.restrict_record(
        actor=team_manager,
        person=child,
        reason=RestrictionReason.HIGH_PROFILE,
        details="Local press interest",
        manager=team_manager,
        named_users=[],
    )
    other = make_user(Role.SOCIAL_WORKER, "other.worker", registered_social_worker=True)
    sign_in(page, live_server, "other.worker")

    response = page.goto(f"/people/{child.pk}/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("This record is restricted")
    expect(page.get_by_role("main")).not_to_contain_text("Amelia")
    assert AuditEvent.objects.filter(person_id=child.pk, actor=other, action=AuditAction.REFUSED).exists()
    assert_accessible(page)

    page.get_by_label("Why do you need to open this record?").fill(
        "Police have asked for the child's address urgently"
    )
    page.get_by_role("button", name="Open the record and record my reason").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Amelia Hughes")
    expect(page.get_by_role("region", name="Restriction")).to_contain_text("Restricted record")
    assert AuditEvent.objects.filter(person_id=child.pk, actor=other, action=AuditAction.BREAK_GLASS).exists()
    assert_accessible(page)

    notice = Notification.objects.get(recipient=team_manager)
    assert child.la_child_id in notice.subject
    manager_page = open_page()
    sign_in(manager_page, live_server, "team.manager")
    expect(manager_page.get_by_role("link", name=re.compile(r"Notifications \(1 unread\)"))).to_be_visible()
    manager_page.get_by_role("link", name=re.compile("^Notifications")).click()
    expect(manager_page.get_by_role("table")).to_contain_text(
        f"broke the glass on restricted record {child.la_child_id}"
    )
    assert_accessible(manager_page)


@pytest.mark.system
def test_auditor_sees_who_has_viewed_a_childs_record(
    open_page, page, live_server, social_worker, auditor_user, child
):
    """Given a social worker has opened Amelia's record,
    when the auditor signs in, opens Audit and enters Amelia's Harbour ID under
    "Who has seen a child's record",
    then the record's audit lists that view, by the social worker's name."""
    worker_page = open_page()
    sign_in(worker_page, live_server, "social.worker")
    worker_page.goto(f"/people/{child.pk}/")
    expect(worker_page.get_by_role("heading", level=1)).to_contain_text("Amelia Hughes")
    assert_accessible(worker_page)

    sign_in(page, live_server, "auditor")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Audit", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit")
    assert_accessible(page)

    page.get_by_label("Harbour ID", exact=True).fill(child.la_child_id.lower())
    page.get_by_role("button", name="Show record audit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who has seen or changed this record")
    view = page.get_by_role("row").filter(has_text="Viewed").filter(has_text=social_worker.display_name)
    expect(view.first).to_contain_text("Person page")
    assert_accessible(page)


@pytest.mark.system
def test_front_door_creates_a_person_after_errors_and_a_duplicate_check(page, live_server, make_user, child):
    """Given Amelia Hughes, born 27 March 2015, already has a record,
    when a front-door screener adds "Amelia Hughs" with an impossible date of birth
    and a mistyped NHS number,
    then a GOV.UK error summary links to both fields and what they typed is kept;
    when they correct both,
    then Harbour offers Amelia's record as a possible duplicate;
    when they confirm none of these is the person,
    then the new record is created and opened."""
    make_user(Role.FRONT_DOOR, "front.door")
    sign_in(page, live_server, "front.door")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Add a person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a person")
    assert_accessible(page)

    page.get_by_label("Child or young person").check()
    page.get_by_label("First name").fill("Amelia")
    page.get_by_label("Last name").fill("Hughs")
    dob = page.get_by_role("group", name="Date of birth", exact=True)
    dob.get_by_label("Day").fill("31")
    dob.get_by_label("Month").fill("2")
    dob.get_by_label("Year").fill("2015")
    page.get_by_role("group", name="Sex").get_by_label("Female", exact=True).check()
    page.get_by_label("NHS number (optional)").fill("943 476 5910")
    page.get_by_role("button", name="Create record").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile("^Error: "))
    date_error = summary.get_by_role("link", name="Date of birth must be a real date")
    expect(date_error).to_have_attribute("href", "#date_of_birth-day")
    nhs_error = summary.get_by_role("link", name=re.compile("^Enter a valid NHS number"))
    expect(nhs_error).to_have_attribute("href", "#id_nhs_number")
    expect(page.get_by_label("Last name")).to_have_value("Hughs")
    expect(dob.get_by_label("Day")).to_have_value("31")
    expect(page.get_by_label("NHS number (optional)")).to_have_value("943 476 5910")
    assert_accessible(page)
    nhs_error.click()
    expect(page.get_by_label("NHS number (optional)")).to_be_focused()

    dob.get_by_label("Day").fill("27")
    dob.get_by_label("Month").fill("3")
    page.get_by_label("NHS number (optional)").fill("943 476 5919")
    page.get_by_role("button", name="Create record").click()

    duplicates = page.locator("#possible-duplicates")
    expect(duplicates.get_by_role("heading")).to_have_text("This person may already have a record")
    expect(duplicates.get_by_role("table")).to_contain_text(child.la_child_id)
    assert_accessible(page)

    page.get_by_label("None of these records is this person – create a new record").check()
    page.get_by_role("button", name="Create record").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Amelia Hughs")
    expect(page.get_by_text(re.compile(r"Record created: HB\d+"))).to_be_visible()
    expect(page.locator("#identity + .govuk-summary-list")).to_contain_text("943 476 5919")
    assert_accessible(page)


def tab_to(page: Page, target: Locator, most: int = 30) -> None:
    """Press Tab until `target` has the focus (at most `most` times)."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    expect(target).to_be_focused()


@pytest.mark.system
def test_keyboard_skip_link_and_header_search(page, live_server, social_worker, child):
    """Given a signed-in social worker on a freshly loaded page,
    when they press Tab,
    then the first tab stop is "Skip to main content";
    when they carry on tabbing to the header search, type a name and press Enter,
    then the results page opens; there the skip link moves focus to the main content,
    and they can tab to a result and open the record with the keyboard alone."""
    sign_in(page, live_server, "social.worker")

    skip_link = page.get_by_role("link", name="Skip to main content")
    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    tab_to(page, page.get_by_role("search").get_by_role("searchbox"), most=5)
    page.keyboard.type("Amelia Hughes")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a person")
    assert_accessible(page)

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main#main-content")).to_be_focused()
    tab_to(page, page.get_by_role("table").get_by_role("link", name="Amelia Hughes"), most=12)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Amelia Hughes")
    assert_accessible(page)


@pytest.mark.system
def test_sign_in_search_and_open_a_record_without_javascript(open_page, live_server, social_worker, child):
    """Given a browser with JavaScript switched off,
    when a social worker signs in, searches from the header and opens a record,
    then every step works as plain HTML forms and links."""
    page = open_page(javascript=False)
    sign_in(page, live_server, "social.worker")
    expect(page.locator("body")).not_to_have_class(re.compile("js-enabled"))

    header_search(page, "amelia hughes")
    assert_accessible(page)
    open_person(page, "Amelia Hughes")
    expect(page.locator("#identity + .govuk-summary-list")).to_contain_text(child.la_child_id)
    assert_accessible(page)
