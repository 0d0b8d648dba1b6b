"""Reviewing the duplicate sweep's pairs, in a real browser, each page checked with axe.

A team manager follows the count on the data-quality page to the pairs awaiting review,
rejects one pair (two different children) and accepts the other, which merges the records."""

from datetime import date

import pytest
from playwright.sync_api import expect

from people.models import MergeRecord, RecordStatus
from people.tests.factories import make_person
from quality import services
from quality.models import DuplicatePair, PairStatus

from .conftest import assert_accessible, sign_in


@pytest.fixture
def proposed(social_worker, team_manager):
    people = {
        "ava": make_person(social_worker, "Ava", "Thompson", date_of_birth=date(2016, 4, 9)),
        "ava copy": make_person(social_worker, "Ava", "Thomson", date_of_birth=date(2016, 4, 9)),
        "leo": make_person(social_worker, "Leo", "Nowak", date_of_birth=date(2018, 3, 7)),
        "leo copy": make_person(social_worker, "Leo", "Nowak", date_of_birth=date(2018, 7, 3)),
    }
    services.sweep_for_duplicates(actor=None)
    assert DuplicatePair.objects.count() == 2
    return people


@pytest.mark.system
def test_manager_rejects_one_proposed_pair_and_merges_the_other(page, live_server, proposed):
    """Given two pairs proposed by the sweep,
    when the manager rejects the less alike and accepts the other, keeping the first record,
    then the rejected pair is remembered, the other records are merged, and the queue is empty."""
    sign_in(page, live_server, "team.manager")
    page.get_by_role("link", name="Data quality").first.click()
    page.get_by_role("link", name="2 pairs of possible duplicate records awaiting review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Possible duplicate records")
    expect(page.get_by_role("heading", level=2)).to_have_text("2 pairs awaiting review")
    assert_accessible(page)

    rows = page.locator("tbody tr")
    expect(rows.nth(0)).to_contain_text("Ava Thomson")  # the most alike first
    expect(rows.nth(1)).to_contain_text("Date of birth with day and month swapped")
    rows.nth(1).get_by_role("link", name="Review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Possible duplicate records")
    assert_accessible(page)
    page.get_by_label("No, they are different people").check()
    page.get_by_role("button", name="Save decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reason for your decision")
    expect(page.get_by_label("No, they are different people")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Reason").fill("Twins' records checked with the school: different children")
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text("this pair will not be proposed again")).to_be_visible()
    expect(page.get_by_role("heading", name="1 pair awaiting review")).to_be_visible()

    page.get_by_role("link", name="Review").click()
    page.get_by_label("Yes, merge the records").check()
    page.get_by_label(f"Keep {proposed['ava'].la_child_id}").check()
    page.get_by_label("Reason").fill("Same school, address and mother")
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text(f"{proposed['ava copy'].la_child_id} was merged into")).to_be_visible()
    expect(page.get_by_text("No pairs are awaiting review.")).to_be_visible()
    assert_accessible(page)

    statuses = sorted(DuplicatePair.objects.values_list("status", flat=True))
    assert statuses == [PairStatus.ACCEPTED, PairStatus.REJECTED]
    merge = MergeRecord.objects.get()
    assert (merge.survivor_id, merge.duplicate_id) == (proposed["ava"].pk, proposed["ava copy"].pk)
    proposed["ava copy"].refresh_from_db()
    assert proposed["ava copy"].record_status == RecordStatus.MERGED
