"""Journey: a care leaver's status around the 19th birthday is recorded and shown."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from care_leavers import services
from care_leavers.eligibility import birthday
from looked_after.models import PeriodOfCare
from people import services as people_services

from .conftest import assert_accessible, sign_in


@pytest.fixture
def care_leaver(social_worker):
    today = timezone.localdate()
    person = people_services.create_person(
        actor=social_worker,
        data={
            "record_type": "CHILD",
            "given_name": "Tyler",
            "family_name": "Brooks",
            "date_of_birth": birthday(today, -19) - timedelta(days=5),  # turned 19 five days ago
            "sex": "M",
            "ethnicity": "WBRI",
        },
    )
    dob = person.date_of_birth
    PeriodOfCare.objects.create(
        person=person,
        start_date=birthday(dob, 14),
        end_date=birthday(dob, 18),
        category_of_need="N1",
        created_by=social_worker,
    )
    services.record_care_leaver(
        actor=social_worker, person=person, data={"recorded_category": "FORMER_RELEVANT"}
    )
    return person


@pytest.mark.system
def test_care_leavers_19th_birthday_status_is_recorded_and_shown(
    page, live_server, social_worker, care_leaver
):
    """Given Tyler, a former relevant care leaver who turned 19 five days ago,
    when his social worker opens his record, follows "Record the status around a birthday"
    and records that he is in touch, in full-time training or employment, living
    independently in suitable accommodation,
    then his record shows the 19th-birthday status, and each page is axe-clean."""
    sign_in(page, live_server, "social.worker")
    page.goto(f"{live_server.url}/people/{care_leaver.pk}/work/")
    expect(page.get_by_text("Former relevant").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record the status around a birthday").click()
    expect(page.get_by_role("main")).to_contain_text("Record the status around a birthday")
    page.get_by_label("19th birthday").check()
    today = timezone.localdate()
    page.get_by_role("textbox", name="Day").fill(str(today.day))
    page.get_by_role("textbox", name="Month").fill(str(today.month))
    page.get_by_role("textbox", name="Year").fill(str(today.year))
    page.get_by_role("group", name="In touch").get_by_label("Yes", exact=True).check()
    page.get_by_label("Main activity").select_option("F5")
    page.get_by_label("Accommodation", exact=True).select_option("U")
    page.get_by_label("Suitable", exact=True).check()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".govuk-notification-banner")).to_contain_text("Birthday status recorded")
    row = page.get_by_role("row").filter(has_text="19th birthday")
    expect(row).to_contain_text("Yes")
    expect(row).to_contain_text("Full-time training or employment")
    expect(row).to_contain_text("Independent living (suitable)")
    assert_accessible(page)
