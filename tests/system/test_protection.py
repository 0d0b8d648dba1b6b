"""Assessment → strategy discussion → s47 → initial conference → CP plan, in a real browser.

Each page is checked with axe. The journey follows one child, Amelia Hughes, referred 60
days ago and allocated to `social.worker` in `team.manager`'s team.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.permissions import Role
from protection.tests.factories import make_referral
from workforce import services as workforce
from workforce.models import AllocationRole

from .conftest import assert_accessible, sign_in


def fill_date(page: Page, name: str, day: date) -> None:
    page.locator(f"#{name}-day").fill(str(day.day))
    page.locator(f"#{name}-month").fill(str(day.month))
    page.locator(f"#{name}-year").fill(str(day.year))


def save(page: Page) -> None:
    page.get_by_role("button", name="Save").click()


@pytest.fixture
def amelia(child, social_worker, team_manager, team):
    today = timezone.localdate()
    workforce.allocate(
        actor=team_manager,
        person=child,
        worker=social_worker,
        team=team,
        role=AllocationRole.SOCIAL_WORKER,
        start_date=today - timedelta(days=60),
    )
    make_referral(child, social_worker, today - timedelta(days=60))
    return child


@pytest.fixture
def chair(make_user):
    return make_user(Role.CP_CHAIR, "cp.chair")


@pytest.mark.system
def test_assessment_leads_to_s47_conference_and_signed_off_plan_with_overdue_core_group(
    open_page, page, live_server, amelia, chair, team
):
    """Given Amelia, referred 60 days ago and allocated to a social worker,
    when the worker completes and submits an assessment and the manager authorises it,
    and the worker records a strategy discussion deciding on a s47 enquiry, whose outcome is
    an initial conference, and the chair records the conference with a plan,
    then the plan cannot be signed off while an action lacks who and by when, can be once
    it is complete, and its overdue first core group shows in "My work" and on the team page."""
    today = timezone.localdate()
    sign_in(page, live_server, "social.worker")
    page.goto(f"/people/{amelia.pk}/work/")
    page.get_by_role("link", name="Start an assessment").click()
    fill_date(page, "start_date", today - timedelta(days=58))
    assert_accessible(page)
    save(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Amelia Hughes")
    page.get_by_role("button", name="Submit for authorisation").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Enter the risk factors")
    page.get_by_role("link", name="Record the assessment").click()
    fill_date(page, "child_seen_on", today - timedelta(days=57))
    fill_date(page, "child_seen_alone_on", today - timedelta(days=57))
    page.get_by_label("The child's wishes and feelings, in their own words").fill(
        "I want dad to stop hitting mum."
    )
    page.get_by_label("How identity, culture, religion, language and disability were considered").fill(
        "Polish heritage; speaks Polish at home; Catholic."
    )
    page.get_by_label("Risk factors").fill("Domestic abuse witnessed.")
    page.get_by_label("Protective factors").fill("Mother seeks help.")
    page.get_by_label("Domestic abuse – concerns about the parent or carer").check()
    page.get_by_label("Analysis", exact=True).fill("Significant harm is likely.")
    page.get_by_label("Strategy discussion").check()
    assert_accessible(page)
    save(page)
    page.get_by_role("button", name="Submit for authorisation").click()
    expect(page.get_by_text("Submitted for authorisation").first).to_be_visible()
    assessment_url = page.url

    manager = open_page()
    sign_in(manager, live_server, "team.manager")
    manager.goto(assessment_url)
    manager.get_by_role("button", name="Authorise the assessment").click()
    manager.get_by_label("Why the assessment can be authorised, and what happens next").fill(
        "Sound analysis of the risks; a strategy discussion follows."
    )
    manager.get_by_role("button", name="Save").click()
    expect(manager.get_by_text("Authorised").first).to_be_visible()
    assert_accessible(manager)

    page.goto(f"/people/{amelia.pk}/work/")
    page.get_by_role("link", name="Record a strategy discussion").click()
    fill_date(page, "held_on", today - timedelta(days=50))
    for agency in ("Children's social care", "Police", "Health (including health visitor or school nurse)"):
        page.get_by_label(agency, exact=True).check()
    page.get_by_label("Information shared").fill(
        "Police attended a domestic incident; health visitor concerns."
    )
    page.get_by_label("Section 47 enquiry (joint with the police)").check()
    assert_accessible(page)
    save(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Amelia Hughes")
    page.get_by_role("link", name="Record the outcome").click()
    page.get_by_label("Concerns substantiated: initial conference").check()
    fill_date(page, "outcome_date", today - timedelta(days=45))
    save(page)
    s47_url = page.url

    chair_page = open_page()
    sign_in(chair_page, live_server, "cp.chair")
    chair_page.goto(s47_url)
    chair_page.get_by_role("link", name="Record the initial conference").click()
    conference_on = today - timedelta(days=40)
    conference_on -= timedelta(days=max(0, conference_on.weekday() - 4))  # not at a weekend
    fill_date(chair_page, "held_on", conference_on)
    chair_page.get_by_label("Child protection plan", exact=True).check()
    chair_page.get_by_label("Category of abuse").select_option("EMO")
    chair_page.get_by_label("GP").last.check()
    assert_accessible(chair_page)
    save(chair_page)
    expect(chair_page.get_by_text("Awaiting sign-off").first).to_be_visible()

    chair_page.get_by_role("link", name="Add an action").click()
    chair_page.get_by_label("What needs to happen").fill("Health check for Amelia")
    save(chair_page)
    chair_page.get_by_role("link", name="Change what we are worried about and the goals").click()
    chair_page.get_by_label("What we are worried about").fill("Amelia sees violence at home.")
    save(chair_page)
    chair_page.get_by_role("button", name="Sign off the plan").click()
    summary = chair_page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("cannot be signed off until every action says who, what and by when")
    expect(chair_page.get_by_text("Incomplete: no who, by when")).to_be_visible()
    assert_accessible(chair_page)

    chair_page.get_by_role("link", name="Change action 1").click()
    chair_page.get_by_label("Who will do it (name or role)").fill("Health visitor")
    chair_page.get_by_label("Their agency").fill("Health")
    fill_date(chair_page, "by_when", today + timedelta(days=20))
    save(chair_page)
    chair_page.get_by_role("button", name="Sign off the plan").click()
    expect(chair_page.get_by_text("Plan signed off")).to_be_visible()
    expect(chair_page.locator(".govuk-tag").filter(has_text="Core group overdue")).to_be_visible()
    assert_accessible(chair_page)
    chair_page.get_by_role("link", name="Plan for the family (plain words)").click()
    expect(chair_page.get_by_role("heading", name="Who will do it and by when")).to_be_visible()
    assert_accessible(chair_page)

    page.goto("/work/my-work/")
    expect(page.get_by_role("row").filter(has_text="Core group due")).to_contain_text("Overdue")
    assert_accessible(page)
    manager.goto(f"/work/teams/{team.pk}/")
    assert_accessible(manager)
    manager.get_by_role("link", name="Core group due").click()
    expect(manager.get_by_role("heading", level=1)).to_have_text("Overdue work")
    expect(manager.get_by_role("row").filter(has_text="Core group due")).to_contain_text("Amelia Hughes")
    assert_accessible(manager)
