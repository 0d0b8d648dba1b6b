"""Case notes in a real browser: a long note survives an error and a second editor.

The worker writes about Amelia Hughes. Saving again after an error continues the same draft
(no conflict with their own earlier save); autosave says plainly when it cannot save; and
when the worker saves the same draft from another device meanwhile, both versions are shown side by side,
the worker's text stays in the form and on the device, even after leaving the page.
"""

from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from casework import services
from casework.models import CaseNote, CaseNoteStatus

from .conftest import assert_accessible, sign_in

LONG_NOTE = " ".join(
    f"Paragraph {n}: Amelia showed me her bedroom and talked about school and her friends."
    for n in range(150)
)


def stored_copies(page: Page) -> list[str]:
    return page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('harbour-draft:'))")


@pytest.mark.system
def test_a_long_note_saved_again_after_an_error_is_not_a_conflict(page, live_server, child, social_worker):
    """Given a worker writing a new case note, when they finalise it with no text, then add
    a long note, make the date invalid and put it right, then autosave says what stops it
    saving, saves once the date is real, and finalising keeps every word, with no conflict."""
    sign_in(page, live_server, "social.worker")
    page.goto(reverse("casework:new_note", args=[child.pk]))
    page.get_by_label("Heading (optional)").fill("Home visit")
    page.get_by_role("button", name="Finalise note").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the case note")
    assert_accessible(page)

    page.get_by_label("Case note", exact=True).fill(LONG_NOTE)
    page.locator("#occurred_on-month").fill("13")
    status = page.locator("#autosave-status")
    expect(status).to_contain_text("Not saved yet")
    expect(status).to_contain_text("real date")
    page.locator("#occurred_on-month").fill("4")
    expect(status).to_contain_text("Draft saved at")
    expect(page.locator("#autosave-conflict")).to_be_hidden()

    page.get_by_role("button", name="Finalise note").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Case note finalised")
    assert_accessible(page)
    note = CaseNote.objects.get(person=child)
    assert note.status == CaseNoteStatus.FINAL and note.body == LONG_NOTE and len(LONG_NOTE) > 12_000
    assert stored_copies(page) == []


@pytest.mark.system
def test_a_second_editor_is_shown_beside_the_worker_and_both_texts_are_kept(
    page, live_server, child, social_worker
):
    """Given a draft note open in the worker's browser, when the worker saves the same draft
    from another device and keeps typing here, then autosave stops and shows both versions;
    the other device's stays saved; this one's stays in the form, comes back after they leave
    the page, and is saved when they choose to save again. (Only a draft's author edits it.)"""
    note = services.start_case_note(
        actor=social_worker, person=child, data={"kind": "VISIT", "occurred_on": date(2024, 4, 1)}
    )
    sign_in(page, live_server, "social.worker")
    page.goto(reverse("casework:edit_note", args=[note.pk]))
    services.save_case_note(
        actor=social_worker, note=note, expected_version=1, data={"body": "Added on the other device."}
    )
    page.get_by_label("Case note", exact=True).fill(LONG_NOTE)

    conflict = page.locator("#autosave-conflict")
    expect(conflict).to_be_visible()
    expect(page.locator("#autosave-theirs")).to_have_text("Added on the other device.")
    expect(page.locator("#autosave-yours")).to_contain_text("Paragraph 149")
    assert_accessible(page)
    note.refresh_from_db()
    assert note.body == "Added on the other device." and note.version == 2

    page.goto(reverse("people:detail", args=[child.pk]))
    page.goto(reverse("casework:edit_note", args=[note.pk]))
    expect(page.get_by_label("Case note", exact=True)).to_have_value(LONG_NOTE)
    expect(page.locator("#autosave-theirs")).to_have_text("Added on the other device.")
    expect(page.locator("#autosave-status")).to_contain_text("We restored your text")

    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Draft saved")
    note.refresh_from_db()
    assert note.body == LONG_NOTE and note.version == 3
    assert stored_copies(page) == []
