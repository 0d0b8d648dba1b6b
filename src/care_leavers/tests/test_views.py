from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import Role
from care_leavers import services
from care_leavers.eligibility import birthday
from care_leavers.models import BirthdayStatus
from care_leavers.worklist import items
from casework import services as casework
from core.tests.form_data import date_input
from looked_after.models import PeriodOfCare
from people.tests.factories import make_person
from timescales import add_months


@pytest.fixture
def leaver(social_worker):
    today = timezone.localdate()
    person = make_person(
        social_worker,
        "Kai",
        "Morgan",
        date_of_birth=birthday(today, -19) + timedelta(days=10),  # 19 in 10 days
        sex="M",
        ethnicity="WBRI",
    )
    dob = person.date_of_birth
    PeriodOfCare.objects.create(
        person=person,
        start_date=birthday(dob, 15),
        end_date=birthday(dob, 18),
        category_of_need="N1",
        created_by=social_worker,
    )
    return person


def test_panel_shows_computed_category_when_history_qualifies(client_for, social_worker, leaver):
    response = client_for(social_worker).get(reverse("people:work", args=[leaver.pk]))
    assert response.status_code == 200
    assert "Former relevant" in response.content.decode()


def test_birthday_status_form_records_and_redirects(client_for, social_worker, leaver):
    today = timezone.localdate()
    response = client_for(social_worker).post(
        reverse("care_leavers:birthday_status", args=[leaver.pk]),
        {
            "age": "19",
            "contact_date-day": today.day,
            "contact_date-month": today.month,
            "contact_date-year": today.year,
            "in_touch": "YES",
            "activity": "G5",
            "accommodation": "D",
            "suitability": "2",
        },
    )
    assert response.status_code == 302
    status = BirthdayStatus.objects.get(person=leaver, age=19)
    assert (status.activity, status.accom_code) == ("G5", "D2")


def test_birthday_status_form_keeps_values_when_invalid(client_for, social_worker, leaver):
    response = client_for(social_worker).post(
        reverse("care_leavers:birthday_status", args=[leaver.pk]),
        {
            "age": "19",
            **date_input("contact_date", date(2001, 1, 1)),
            "in_touch": "YES",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert 'value="2001"' in body


def test_record_form_refused_when_auditor(client_for, make_user, leaver):
    response = client_for(make_user(Role.AUDITOR)).get(reverse("care_leavers:edit_record", args=[leaver.pk]))
    assert response.status_code == 403


def test_team_view_lists_care_leavers_with_dues(client_for, social_worker, leaver):
    services.record_care_leaver(
        actor=social_worker,
        person=leaver,
        data={"recorded_category": "FORMER_RELEVANT", "la_provides_accommodation": True},
    )
    response = client_for(social_worker).get(reverse("care_leavers:team"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kai" in body and "19th birthday, by" in body


def test_worklist_has_pa_contact_and_oc3_items_when_due(social_worker, leaver):
    today = timezone.localdate()
    services.record_care_leaver(
        actor=social_worker,
        person=leaver,
        data={"recorded_category": "FORMER_RELEVANT", "la_provides_accommodation": True},
    )
    casework.record_visit(
        actor=social_worker,
        person=leaver,
        kind="CARE_LEAVER",
        visited_on=today - timedelta(days=70),
        child_seen=True,
    )
    found = {i.rule_id: i for i in items([leaver.pk], today)}
    assert found["pa_visit"].is_overdue(today)
    assert found["oc3_birthday"].due == add_months(birthday(leaver.date_of_birth, 19), 1)
    services.record_birthday_status(
        actor=social_worker, person=leaver, age=19, contact_date=today, in_touch="NO"
    )
    assert "oc3_birthday" not in {i.rule_id for i in items([leaver.pk], today)}


def test_review_page_refused_for_unknown_plan(client_for, social_worker):
    response = client_for(social_worker).get(reverse("care_leavers:review_plan", args=[999]))
    assert response.status_code == 404


def test_review_page_records_review(client_for, social_worker, leaver):
    plan = services.start_pathway_plan(actor=social_worker, person=leaver, plan_date=date(2024, 1, 5))
    response = client_for(social_worker).post(
        reverse("care_leavers:review_plan", args=[plan.pk]),
        date_input("reviewed_on", date(2024, 7, 5)),
    )
    assert response.status_code == 302
    assert plan.reviews.get().due_on == date(2024, 7, 5)
