"""Supervision with a case direction, in a real browser, each page checked with axe.

A team manager records a worker's supervision and a direction for a child they discussed;
the direction appears on the child's record and its action in the worker's My work, where
the worker marks it done."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import assert_accessible, sign_in
from .test_protection import amelia, fill_date, save

__all__ = ["amelia"]  # the fixture: Amelia Hughes, allocated to social.worker


@pytest.mark.system
def test_manager_records_supervision_with_a_direction_that_reaches_the_record_and_my_work(
    open_page, page, live_server, amelia, social_worker
):
    """Given Amelia allocated to a social worker in the manager's team,
    when the manager records the worker's supervision and a direction for Amelia with an action,
    then the direction is on Amelia's record, and the action in the worker's My work until done."""
    today = timezone.localdate()
    sign_in(page, live_server, "team.manager")
    page.get_by_role("link", name="Supervision").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supervision")
    assert_accessible(page)
    page.get_by_role("link", name="Record supervision", exact=True).click()
    save(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the worker")
    assert_accessible(page)
    page.get_by_label("Worker supervised").select_option(label=social_worker.display_name)
    fill_date(page, "held_on", today - timedelta(days=1))
    page.get_by_label("Reflective discussion (optional)").fill("Talked about the weight of neglect cases.")
    save(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Supervision: {social_worker.display_name}")
    expect(page.get_by_text("Talked about the weight of neglect cases.")).to_be_visible()
    assert_accessible(page)

    page.get_by_text("Record a direction for a child discussed").click()
    page.get_by_role("link", name="Amelia Hughes").click()
    page.get_by_label("Analysis").fill("Attendance has fallen to 74%; two missed health appointments.")
    page.get_by_label("Planning objectives").fill("Attendance above 90% within 8 weeks.")
    page.get_by_label("Contingency plan").fill("Legal planning meeting if no change by the review.")
    fill_date(page, "review_on", today + timedelta(days=28))
    page.get_by_label("Action 1 (optional)").fill("Meet the school's safeguarding lead")
    fill_date(page, "action_1_due_on", today + timedelta(days=7))
    save(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select who does action 1")
    expect(page.get_by_label("Analysis")).to_have_value(
        "Attendance has fallen to 74%; two missed health appointments."
    )
    assert_accessible(page)
    page.get_by_label("Who does action 1").select_option(label=social_worker.display_name)
    save(page)
    expect(page.get_by_text("Case direction recorded")).to_be_visible()

    page.goto(f"/people/{amelia.pk}/oversight/")
    panel = page.locator("section", has=page.get_by_role("heading", name="Supervision, oversight and audit"))
    expect(panel).to_contain_text("Attendance above 90% within 8 weeks.")
    assert_accessible(page)
    panel.get_by_role("link", name="Every case direction and management oversight record in full").click()
    expect(page.get_by_role("heading", name="Case directions from supervision")).to_be_visible()
    expect(page.locator("li", has_text="Meet the school's safeguarding lead").first).to_be_visible()
    assert_accessible(page)

    worker = open_page()
    sign_in(worker, live_server, "social.worker")
    worker.goto("/work/my-work/")
    item = worker.get_by_role(
        "link", name="Case direction action for Social Tester: Meet the school's safeguarding lead"
    )
    expect(item).to_be_visible()
    assert_accessible(worker)
    item.click()
    save(worker)
    expect(worker.get_by_text("Action marked done")).to_be_visible()
    worker.goto("/work/my-work/")
    expect(worker.get_by_text("Meet the school's safeguarding lead")).to_have_count(0)


@pytest.mark.system
def test_the_oversight_section_of_a_child_with_many_directions_is_a_summary(
    page, live_server, amelia, team_manager, social_worker
):
    """Given a child with a dozen case directions from supervision, each with its analysis and
    actions, when their worker opens the record's Oversight section at 1280 px wide, then it
    shows a summary a screen or so long, and the directions in full a page at a time, without
    script."""
    from quality import services
    from quality.services import ActionRow

    today = timezone.localdate()
    session = services.record_supervision(
        actor=team_manager, worker=social_worker, held_on=today - timedelta(days=3)
    )
    for n in range(12):
        services.record_case_direction(
            actor=team_manager,
            session=session,
            person=amelia,
            analysis="Neglect is cumulative; school attendance is 61%. " * 6,
            objectives=f"Objective {n}: attendance above 90% within 8 weeks; home conditions improved.",
            contingency="If no change by the review, legal planning meeting.",
            review_on=today + timedelta(days=20 + n),
            actions=[ActionRow(f"Action {n} for the school", social_worker, today + timedelta(days=10))],
        )
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, "social.worker")
    page.goto(f"/people/{amelia.pk}/oversight/")
    section = page.locator(
        "section", has=page.get_by_role("heading", name="Supervision, oversight and audit")
    )
    expect(section).to_contain_text("Open case directions")
    height = section.evaluate("el => el.getBoundingClientRect().height")
    print(f"Oversight section at 1280 px with 12 directions: {height:.0f} px")
    assert height < 1500
    assert_accessible(page)

    section.get_by_role("link", name="Every case direction and management oversight record in full").click()
    expect(page.get_by_text("Page 1 of 2")).to_be_visible()
    page.get_by_role("link", name="Next page").first.click()
    expect(page.get_by_text("Action 0 for the school")).to_be_visible()
    assert_accessible(page)


@pytest.mark.system
def test_an_audit_is_moderated_by_a_second_auditor_and_its_action_reaches_the_worker(
    open_page, page, live_server, amelia, auditor_user, social_worker
):
    """Given Amelia allocated to a social worker,
    when an auditor audits her case with the authority's tool and adds an action for the worker,
    and the team manager, a second auditor, moderates the audit to a lower grade,
    then the agreed grade is kept beside the auditor's, and the action is in the worker's My work."""
    from importlib import import_module

    from django.apps import apps

    from quality.models import CaseAudit

    # The authority's audit tool, as its migration seeds it (a browser test's database is
    # emptied between tests, so the seeded rows are made again here).
    migration = import_module("quality.migrations.0001_squashed_0009_duplicate_sweep_queue")
    migration.seed_standard_and_audit_tool(apps, None)
    today = timezone.localdate()
    sign_in(page, live_server, "auditor")
    page.goto(f"/people/{amelia.pk}/oversight/")
    page.get_by_role("link", name="Audit this case").click()
    assert_accessible(page)
    save(page)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select the overall grade")
    expect(summary).to_contain_text("Enter what the audit found")
    assert_accessible(page)

    fill_date(page, "audited_on", today - timedelta(days=1))
    for radio in page.locator("input[type=radio][name^='q'][value='GOOD']").all():
        radio.check()
    for number, evidence in enumerate(page.locator("textarea[name$='_evidence']").all(), start=1):
        evidence.fill(f"Evidence {number}: seen on the file.")
    page.locator("input[type=radio][name='grade'][value='GOOD']").check()
    page.get_by_label("What we learned").fill("Amelia's wishes are recorded but not acted on in the plan.")
    page.get_by_label("The child's social worker took part in the audit").check()
    save(page)
    expect(page.get_by_text("Audit recorded")).to_be_visible()
    expect(page.get_by_text("Not yet moderated")).to_be_visible()
    expect(page.get_by_role("link", name="Moderate this audit")).to_have_count(0)  # not one's own
    assert_accessible(page)

    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("Action").fill("Add Amelia's wishes about contact to the plan")
    page.get_by_label("Who does it").select_option(label=social_worker.display_name)
    fill_date(page, "set_on", today)
    fill_date(page, "action_1_due_on", today + timedelta(days=14))
    save(page)
    expect(page.get_by_text("Action added")).to_be_visible()
    audit = CaseAudit.objects.get(person=amelia)

    manager = open_page()
    sign_in(manager, live_server, "team.manager")
    manager.goto(f"/quality/audits/{audit.pk}/")
    manager.get_by_role("link", name="Moderate this audit").click()
    fill_date(manager, "moderated_on", today)
    manager.get_by_label("Requires improvement").check()
    save(manager)
    expect(manager.locator(".govuk-error-summary")).to_contain_text(
        "Say why the agreed grade differs from the auditor's"
    )
    assert_accessible(manager)
    manager.get_by_label("Comments").fill("The plan does not answer what Amelia told us.")
    save(manager)
    expect(manager.get_by_text("Moderation recorded")).to_be_visible()
    expect(manager.get_by_text("Requires improvement (moderated by")).to_be_visible()
    expect(manager.get_by_text("Good", exact=True).first).to_be_visible()  # the auditor's, kept

    worker = open_page()
    sign_in(worker, live_server, "social.worker")
    worker.goto("/work/my-work/")
    expect(worker.get_by_text("Add Amelia's wishes about contact to the plan")).to_be_visible()
    assert_accessible(worker)
