from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.permissions import Role
from assessments import services
from assessments.models import AssessmentKind, AssessmentStatus
from core.tests.form_data import date_input
from protection.tests.factories import make_referral

COMPLETE = {
    "factors": ["16A"],
    "risk_factors": "Parents' drinking",
    "protective_factors": "Grandmother nearby",
    "child_seen_on": date(2025, 4, 3),
    "child_seen_alone_on": date(2025, 4, 3),
    "child_wishes": "I want to stay with my nan",
    "identity": "White British, speaks English, no disability; attends church with nan",
    "analysis": "Risk is moderate",
    "outcomes": ["STRATEGY"],
}


@pytest.fixture
def referral(child, social_worker):
    return make_referral(child, social_worker, date(2025, 4, 1))


@pytest.fixture
def assessment(referral, social_worker):
    return services.start_assessment(actor=social_worker, referral=referral, start_date=date(2025, 4, 2))


def test_single_assessment_due_45_working_days_after_referral_when_easter_intervenes(assessment):
    # Hand-counted from Tue 1 Apr 2025 (day 0): Good Friday 18 Apr, Easter Monday 21 Apr,
    # 5 May and 26 May bank holidays skipped; the 45th working day is Mon 9 June 2025.
    assert assessment.due_date == date(2025, 6, 9)
    assert assessment.calendar_version


def test_legacy_initial_assessment_due_7_working_days_when_recorded(referral, social_worker):
    a = services.start_assessment(
        actor=social_worker,
        referral=referral,
        start_date=date(2025, 4, 1),
        kind=AssessmentKind.LEGACY_INITIAL,
    )
    assert a.due_date == date(2025, 4, 10)  # 2,3,4,7,8,9,10 April


def test_legacy_core_assessment_clock_runs_from_its_start_when_recorded(referral, social_worker):
    a = services.start_assessment(
        actor=social_worker, referral=referral, start_date=date(2025, 4, 14), kind=AssessmentKind.LEGACY_CORE
    )
    # 35 WD from Mon 14 Apr 2025 (day 0), skipping 18 and 21 Apr, 5 and 26 May: Fri 6 Jun 2025
    assert a.due_date == date(2025, 6, 6)


def test_start_refused_when_before_referral(referral, social_worker):
    with pytest.raises(ValidationError):
        services.start_assessment(actor=social_worker, referral=referral, start_date=date(2025, 3, 1))


def test_start_refused_when_actor_lacks_permission(referral, make_user):
    with pytest.raises(PermissionDenied):
        services.start_assessment(
            actor=make_user(Role.AUDITOR), referral=referral, start_date=date(2025, 4, 2)
        )


def test_submit_refused_when_required_parts_missing(assessment, social_worker):
    with pytest.raises(ValidationError) as exc:
        services.submit_assessment(actor=social_worker, assessment=assessment)
    assert {"risk_factors", "protective_factors", "identity", "child_wishes"} <= set(exc.value.message_dict)
    assert assessment.status == AssessmentStatus.IN_PROGRESS


def test_submit_authorise_when_complete_and_manager(assessment, social_worker, team_manager):
    services.record_assessment(actor=social_worker, assessment=assessment, data=COMPLETE)
    services.submit_assessment(actor=social_worker, assessment=assessment, on=date(2025, 5, 1))
    assert assessment.status == AssessmentStatus.AWAITING_AUTHORISATION
    with pytest.raises(PermissionDenied):
        services.authorise_assessment(actor=social_worker, assessment=assessment, comments="Fine")
    with pytest.raises(ValidationError) as no_comment:
        services.authorise_assessment(actor=team_manager, assessment=assessment, comments="  ")
    assert no_comment.value.message_dict == {"comments": ["Enter why the assessment can be authorised"]}
    services.authorise_assessment(
        actor=team_manager, assessment=assessment, comments="Sound analysis", on=date(2025, 5, 2)
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.AUTHORISED
    assert assessment.authorised_on == date(2025, 5, 2)
    assert [(h.event, h.reason) for h in assessment.status_history.all()] == [
        ("submit", ""),
        ("authorise", "Sound analysis"),
    ]


def test_return_counted_and_back_in_progress_when_manager_returns(assessment, social_worker, team_manager):
    services.record_assessment(actor=social_worker, assessment=assessment, data=COMPLETE)
    services.submit_assessment(actor=social_worker, assessment=assessment)
    with pytest.raises(ValidationError):
        services.return_assessment(actor=team_manager, assessment=assessment, comments=" ")
    services.return_assessment(actor=team_manager, assessment=assessment, comments="Analysis too thin")
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_PROGRESS
    assert assessment.returns.count() == 1


def test_return_refused_when_social_worker(assessment, social_worker):
    services.record_assessment(actor=social_worker, assessment=assessment, data=COMPLETE)
    services.submit_assessment(actor=social_worker, assessment=assessment)
    with pytest.raises(PermissionDenied):
        services.return_assessment(actor=social_worker, assessment=assessment, comments="x")


def test_record_refused_when_seen_alone_without_seen(assessment, social_worker):
    with pytest.raises(ValidationError):
        services.record_assessment(
            actor=social_worker, assessment=assessment, data={"child_seen_alone_on": date(2025, 4, 3)}
        )


def test_commissioned_assessment_refused_when_due_before_commissioned(child, social_worker):
    with pytest.raises(ValidationError):
        services.commission_assessment(
            actor=social_worker,
            person=child,
            kind="PARENTING",
            description="Parenting",
            provider="Acme",
            commissioned_on=date(2025, 5, 1),
            due_on=date(2025, 4, 1),
        )


def test_detail_and_edit_pages_when_social_worker(assessment, social_worker, client_for):
    client = client_for(social_worker)
    assert client.get(f"/assessments/{assessment.pk}/").status_code == 200
    response = client.post(
        f"/assessments/{assessment.pk}/edit/", {"risk_factors": "Drink", "child_seen_on-day": "40"}
    )
    assert response.status_code == 400
    assert "Drink" in response.content.decode()


def test_submit_view_shows_missing_when_incomplete(assessment, social_worker, client_for):
    client = client_for(social_worker)
    response = client.post(f"/assessments/{assessment.pk}/submit/", follow=True)
    assert "Enter the risk factors" in response.content.decode()


def test_authorise_view_forbidden_when_social_worker(assessment, social_worker, client_for):
    assert client_for(social_worker).post(f"/assessments/{assessment.pk}/authorise/").status_code == 403


def test_start_view_creates_assessment_when_valid(referral, child, social_worker, client_for):
    response = client_for(social_worker).post(
        f"/assessments/people/{child.pk}/new/",
        {
            "referral": referral.pk,
            "kind": "SINGLE",
            **date_input("start_date", date(2025, 4, 2)),
        },
    )
    assert response.status_code == 302
    assert child.assessments.count() == 1


def test_return_view_requires_comments_and_counts_when_manager(
    assessment, social_worker, team_manager, client_for
):
    services.record_assessment(actor=social_worker, assessment=assessment, data=COMPLETE)
    services.submit_assessment(actor=social_worker, assessment=assessment)
    client = client_for(team_manager)
    assert client.post(f"/assessments/{assessment.pk}/return/", {"comments": ""}).status_code == 400
    assert (
        client.post(f"/assessments/{assessment.pk}/return/", {"comments": "Thin analysis"}).status_code == 302
    )
    assert "Returned 1 time" in client.get(f"/assessments/{assessment.pk}/").content.decode()


def test_authorise_view_when_manager(assessment, social_worker, team_manager, client_for):
    services.record_assessment(actor=social_worker, assessment=assessment, data=COMPLETE)
    services.submit_assessment(actor=social_worker, assessment=assessment)
    client = client_for(team_manager)
    url = f"/assessments/{assessment.pk}/authorise/"
    assert "Why the assessment can be authorised" in client.get(url).content.decode()
    empty = client.post(url, {"comments": ""})
    assert empty.status_code == 400 and "Enter why the assessment can be authorised" in empty.content.decode()
    assert client.post(url, {"comments": "Sound analysis; CIN plan next"}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.AUTHORISED
    assert "Sound analysis; CIN plan next" in client.get(f"/assessments/{assessment.pk}/").content.decode()


def test_worklist_shows_due_then_sign_off_when_submitted(assessment, social_worker, child):
    from assessments.worklist import items

    assert [(i.kind, i.due) for i in items([child.pk], date(2025, 6, 1))] == [
        ("assessment", date(2025, 6, 9))
    ]
    services.record_assessment(actor=social_worker, assessment=assessment, data=COMPLETE)
    services.submit_assessment(actor=social_worker, assessment=assessment, on=date(2025, 5, 1))
    assert [i.kind for i in items([child.pk], date(2025, 6, 1))] == ["Decision awaiting sign-off"]


def test_no_factors_identified_refused_with_other_factors(assessment, social_worker):
    # CIN census rule 8869: "21 No factors identified" stands alone.
    with pytest.raises(ValidationError) as exc:
        services.record_assessment(
            actor=social_worker, assessment=assessment, data={**COMPLETE, "factors": ["21", "16A"]}
        )
    assert "factors" in exc.value.message_dict
    services.record_assessment(
        actor=social_worker, assessment=assessment, data={**COMPLETE, "factors": ["21"]}
    )
    assessment.refresh_from_db()
    assert assessment.factors == ["21"]
