"""The team page in a real browser, at a desktop's width and a phone's, each page checked
with axe: a team manager signs in to their team's summary, opens the overdue work of one
kind, pages through it and filters it by worker with JavaScript off, and allocates a child
waiting for a worker from the summary."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core import worklist
from people.tests.factories import make_person
from workforce.tests.factories import allocate

from .conftest import assert_accessible, sign_in
from .test_protection import fill_date, save


@pytest.fixture
def busy_team(monkeypatch, team, team_manager, social_worker, child):
    """Amelia allocated in the team with 30 visits overdue; Noah waiting for a worker."""
    today = timezone.localdate()
    allocate(team_manager, child, social_worker, team, today - timedelta(days=90))
    noah = make_person(
        social_worker, "Noah", "Price", date_of_birth=today.replace(year=today.year - 3) - timedelta(days=1)
    )
    items = [
        worklist.WorkItem(
            child.pk, "Child in need visit due", "cin_visit", today - timedelta(days=n), None, "/"
        )
        for n in range(1, 31)
    ]
    monkeypatch.setattr(worklist, "providers", lambda: [lambda person_ids, on: items])
    monkeypatch.setattr(
        worklist, "_open_work", lambda: [("Front door", lambda on: {noah.pk: today - timedelta(days=6)})]
    )
    return noah


@pytest.mark.system
def test_manager_starts_on_the_team_summary_and_opens_filtered_paged_lists(
    open_page, page, live_server, team, social_worker, busy_team
):
    """Given a team with overdue work and a child waiting for a worker,
    when the manager signs in, they land on their team's summary (fit for a phone too),
    open the overdue visits, page through them, filter them without JavaScript,
    and allocate the waiting child from the summary, the team's own workers offered first."""
    sign_in(page, live_server, "team.manager")
    expect(page.get_by_role("heading", level=1)).to_have_text(team.name)
    expect(page.get_by_text("30 items of work are overdue")).to_be_visible()
    assert_accessible(page)

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    # Nothing on the page itself is wider than a phone: wide tables scroll in their own region.
    assert page.evaluate(
        "[...document.querySelectorAll('main *')].every(e => e.closest('.hb-table-scroll')"
        " || e.getBoundingClientRect().right <= window.innerWidth)"
    )
    assert page.evaluate("document.querySelector('main').scrollWidth <= window.innerWidth")
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Child in need visit due").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overdue work")
    expect(page.get_by_text("Showing 1 to 25 of 30 overdue items")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Next page").click()
    expect(page.get_by_text("Showing 26 to 30 of 30 overdue items")).to_be_visible()

    no_script = open_page(javascript=False)
    sign_in(no_script, live_server, "team.manager")
    no_script.goto(f"/work/teams/{team.pk}/overdue/")
    no_script.get_by_label("Worker").select_option(label=f"{social_worker.display_name} (30)")
    no_script.get_by_role("button", name="Apply filters").click()
    expect(no_script).to_have_url(
        f"{live_server.url}/work/teams/{team.pk}/overdue/?kind=&worker={social_worker.pk}"
    )
    expect(no_script.get_by_text("Showing 1 to 25 of 30 overdue items")).to_be_visible()
    assert_accessible(no_script)

    page.goto(f"/work/teams/{team.pk}/")
    waiting = page.get_by_role("region", name="Longest waiting for a worker")
    expect(waiting.get_by_role("row").filter(has_text="Noah Price")).to_contain_text("3 years")
    expect(waiting.get_by_role("row").filter(has_text="Noah Price")).to_contain_text("Front door")
    waiting.get_by_role("link", name="Allocate Noah Price").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Noah Price")
    expect(page.get_by_text("Front door, open since")).to_be_visible()
    assert_accessible(page)
    save(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date the allocation starts")
    assert_accessible(page)
    first_worker = page.get_by_label("Worker").locator("option").nth(1)
    expect(first_worker).to_contain_text(social_worker.display_name)
    expect(first_worker).to_contain_text("1 child")
    page.get_by_label("Worker").select_option(index=1)
    fill_date(page, "start_date", timezone.localdate())
    save(page)
    expect(page.get_by_text("Worker allocated")).to_be_visible()
    page.goto(f"/work/teams/{team.pk}/")
    expect(page.get_by_text("Every child with open work has an allocated social worker")).to_be_visible()
