"""Journeys through the child's story: the chronology, its export, and case notes that
survive a reload and catch a conflicting edit. Each page is checked with axe."""

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from casework import services
from casework.models import CaseNote

from .conftest import assert_accessible, sign_in


@pytest.fixture
def visited(child, social_worker):
    return services.record_visit(
        actor=social_worker,
        person=child,
        kind="CIN",
        visited_on=date(2024, 3, 1),
        child_seen=True,
        seen_alone=True,
        child_said="I like my new school",
    )


@pytest.mark.system
def test_worker_marks_an_entry_significant_and_exports_the_chronology(
    page: Page, live_server, social_worker, child, visited
):
    """Given Amelia with a recorded visit,
    when her social worker opens the chronology from her record, marks the visit significant
    with its impact, and downloads the chronology as Word and PDF,
    then the entry is tagged significant and both files download."""
    sign_in(page, live_server, "social.worker")
    page.goto(f"/people/{child.pk}/")
    page.get_by_role("link", name=re.compile("^Chronology")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Amelia")
    assert_accessible(page)

    row = page.get_by_role("row").filter(has_text="Child in need visit")
    row.get_by_role("link", name=re.compile("Mark significant")).click()
    page.get_by_label("This is a significant event").check()
    page.get_by_label("Impact on the child").fill("Amelia said she feels settled at school.")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()

    row = page.get_by_role("row").filter(has_text="Child in need visit")
    expect(row.locator(".govuk-tag--red")).to_have_text("Significant")
    expect(row).to_contain_text("feels settled at school")
    page.get_by_label("Significant events only").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(2)
    assert_accessible(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Download as Word (editable)").click()
    assert info.value.suggested_filename.endswith(".docx")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download as PDF").click()
    assert Path(info.value.path()).read_bytes()[:4] == b"%PDF"


def _fill_note(page: Page, text: str) -> None:
    page.get_by_label("Case note", exact=True).fill(text)


@pytest.mark.system
def test_draft_case_note_survives_a_reload(page: Page, live_server, social_worker, child):
    """When a worker starts a case note and types, then reloads the page before saving,
    then the draft has been saved automatically (and the browser copy restores anything newer)."""
    sign_in(page, live_server, "social.worker")
    page.goto(f"/casework/people/{child.pk}/notes/new/")
    assert_accessible(page)
    _fill_note(page, "Amelia showed me her drawing of her family.")
    expect(page.get_by_role("status")).to_contain_text("Draft saved", timeout=10_000)
    expect(page).to_have_url(re.compile(r"/casework/notes/\d+/edit/$"))
    _fill_note(page, "Amelia showed me her drawing of her family. She drew her nan too.")
    page.reload()  # the last words may not have reached the server: the browser copy restores them
    expect(page.get_by_label("Case note", exact=True)).to_have_value(
        "Amelia showed me her drawing of her family. She drew her nan too."
    )
    expect(page.get_by_role("status")).to_contain_text("Draft saved", timeout=10_000)
    note = CaseNote.objects.get(person=child)
    assert note.body.endswith("She drew her nan too.")
    assert_accessible(page)


@pytest.mark.system
def test_conflicting_edit_is_caught_and_both_versions_shown(
    open_page, page: Page, live_server, social_worker, make_user, child
):
    """Given a draft note open in two browsers (the worker on two devices: only a draft's
    author edits it),
    when the first saves and the second then edits,
    then the second is told, sees the other version, and keeps their own text."""
    note = services.start_case_note(
        actor=social_worker, person=child, data={"kind": "VISIT", "body": "Start"}
    )
    sign_in(page, live_server, "social.worker")
    page.goto(f"/casework/notes/{note.pk}/edit/")
    other = open_page()
    sign_in(other, live_server, "social.worker")
    other.goto(f"/casework/notes/{note.pk}/edit/")

    _fill_note(page, "First worker's words")
    expect(page.get_by_role("status")).to_contain_text("Draft saved", timeout=10_000)

    _fill_note(other, "Second worker's words")
    expect(other.get_by_role("alert")).to_contain_text(
        "You saved a newer version of this note elsewhere at", timeout=10_000
    )
    expect(other.get_by_test_id("their-version")).to_contain_text("First worker's words")
    expect(other.get_by_label("Case note", exact=True)).to_have_value("Second worker's words")
    assert_accessible(other)

    # Saving again keeps the second worker's text, now on top of the first's version.
    other.get_by_role("button", name="Save draft").click()
    expect(other.get_by_label("Case note", exact=True)).to_have_value("Second worker's words")
    note.refresh_from_db()
    assert note.body == "Second worker's words"
