from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.permissions import Role
from audit.models import AuditEvent
from care_leavers import queries, services
from care_leavers.models import BirthdayStatus, CareLeaver
from care_leavers.tests.factories import in_touch_at_birthday
from people.tests.factories import make_person


@pytest.fixture
def leaver(social_worker):
    return make_person(
        social_worker, "Jordan", "Price", date_of_birth=date(2005, 8, 31), sex="M", ethnicity="WBRI"
    )


def test_record_care_leaver_creates_then_updates_and_audits(social_worker, leaver):
    services.record_care_leaver(
        actor=social_worker, person=leaver, data={"recorded_category": "FORMER_RELEVANT"}
    )
    record = services.record_care_leaver(
        actor=social_worker,
        person=leaver,
        data={
            "recorded_category": "FORMER_RELEVANT",
            "staying_put": True,
            "staying_put_start": date(2023, 9, 1),
        },
    )
    assert CareLeaver.objects.count() == 1
    assert record.staying_put is True
    assert AuditEvent.objects.filter(person=leaver, summary="Recorded care leaver details").count() == 2


def test_record_care_leaver_refused_when_role_lacks_permission(make_user, leaver):
    with pytest.raises(PermissionDenied):
        services.record_care_leaver(
            actor=make_user(Role.AUDITOR), person=leaver, data={"recorded_category": "FORMER_RELEVANT"}
        )


def test_staying_put_needs_a_start_date(social_worker, leaver):
    with pytest.raises(ValidationError) as exc:
        services.record_care_leaver(
            actor=social_worker,
            person=leaver,
            data={"recorded_category": "FORMER_RELEVANT", "staying_put": True},
        )
    assert "staying_put_start" in exc.value.error_dict


def test_birthday_status_recorded_when_contact_in_window(social_worker, leaver):
    # The window runs from 31 May 2024 to 30 September 2024 (a month end).
    status = in_touch_at_birthday(social_worker, leaver, 19, date(2024, 9, 30), "F5", "U")
    assert status.accom_code == "U1"


def test_birthday_status_refused_when_contact_outside_window(social_worker, leaver):
    with pytest.raises(ValidationError) as exc:
        in_touch_at_birthday(social_worker, leaver, 19, date(2024, 10, 1), "F5", "U")
    assert "contact_date" in exc.value.error_dict


def test_birthday_status_needs_activity_and_accommodation_when_in_touch(social_worker, leaver):
    with pytest.raises(ValidationError) as exc:
        services.record_birthday_status(
            actor=social_worker, person=leaver, age=19, contact_date=date(2024, 8, 31), in_touch="YES"
        )
    assert {"activity", "accommodation", "suitability"} <= set(exc.value.error_dict)


def test_birthday_status_corrected_not_duplicated_when_recorded_twice(social_worker, leaver):
    for in_touch in ("NO", "REFU"):
        services.record_birthday_status(
            actor=social_worker, person=leaver, age=19, contact_date=date(2024, 8, 31), in_touch=in_touch
        )
    assert BirthdayStatus.objects.get(person=leaver, age=19).in_touch == "REFU"


def test_pathway_review_due_6_months_after_plan_and_stored_with_calendar(social_worker, leaver):
    plan = services.start_pathway_plan(actor=social_worker, person=leaver, plan_date=date(2024, 8, 31))
    assert queries.next_review_due(plan).statutory_due == date(2025, 2, 28)
    review = services.review_pathway_plan(actor=social_worker, plan=plan, reviewed_on=date(2025, 2, 20))
    assert review.due_on == date(2025, 2, 28)
    assert review.calendar_version
    assert queries.next_review_due(plan).statutory_due == date(2025, 8, 20)


def test_pathway_review_refused_when_before_plan_date(social_worker, leaver):
    plan = services.start_pathway_plan(actor=social_worker, person=leaver, plan_date=date(2024, 8, 31))
    with pytest.raises(ValidationError):
        services.review_pathway_plan(actor=social_worker, plan=plan, reviewed_on=date(2024, 8, 1))


def test_pathway_actions_added_and_completed(social_worker, leaver):
    plan = services.start_pathway_plan(actor=social_worker, person=leaver, plan_date=date(2024, 8, 31))
    action = services.add_pathway_action(
        actor=social_worker, plan=plan, who="PA", what="Apply for bursary", due_by=date(2024, 10, 1)
    )
    services.complete_pathway_action(actor=social_worker, action=action, completed_on=date(2024, 9, 15))
    action.refresh_from_db()
    assert action.completed_on == date(2024, 9, 15)
    with pytest.raises(ValidationError):
        services.add_pathway_action(
            actor=social_worker, plan=plan, who=" ", what="x", due_by=date(2024, 10, 1)
        )


def test_every_service_says_the_young_persons_record_changed_when_it_commits(told, social_worker, leaver):
    sw = social_worker
    plan, people = told(
        lambda: services.start_pathway_plan(actor=sw, person=leaver, plan_date=date(2024, 1, 5))
    )
    calls = [
        lambda: services.record_care_leaver(
            actor=sw, person=leaver, data={"recorded_category": "FORMER_RELEVANT"}
        ),
        lambda: services.review_pathway_plan(actor=sw, plan=plan, reviewed_on=date(2024, 7, 5)),
        lambda: services.add_pathway_action(
            actor=sw, plan=plan, who="PA", what="Open a bank account", due_by=date(2024, 8, 1)
        ),
        lambda: services.complete_pathway_action(
            actor=sw, action=plan.actions.get(), completed_on=date(2024, 7, 20)
        ),
        lambda: services.record_birthday_status(
            actor=sw, person=leaver, age=19, contact_date=date(2024, 8, 31), in_touch="NO"
        ),
    ]
    assert people == {leaver.pk}
    assert [told(call)[1] for call in calls] == [{leaver.pk}] * len(calls)
