import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from casework.models import CaseNote, CaseNoteKind, CaseNoteStatus
from protection.models import ManagementDecision
from quality import services
from quality.models import Oversight
from quality.oversight import oversight_states
from quality.services import ActionRow
from timescales import add_months

from .conftest import day


def _oversight(actor, person, **extra):
    values = {
        "point": "ASSESSMENT",
        "decided_on": day(-1),
        "decision": "Step up to a child in need plan.",
        "rationale": "Needs are met only with our support; no significant harm.",
        "direction": "Plan meeting within 10 working days.",
        "review_on": day(30),
    }
    values.update(extra)
    return services.record_oversight(actor=actor, person=person, **values)


def test_oversight_is_a_management_decision_with_its_point_direction_and_actions(
    told, team_manager, social_worker, allocated
):
    oversight, people = told(
        lambda: _oversight(
            team_manager, allocated, actions=[ActionRow("Convene the plan meeting", social_worker, day(10))]
        )
    )
    assert people == {allocated.pk}
    decision = ManagementDecision.objects.get(person=allocated)
    assert oversight.decision == decision and decision.context == "Assessment sign-off"
    assert [a.owner for a in oversight.actions.all()] == [social_worker]


def test_oversight_needs_a_rationale_a_point_and_the_managers_role(team_manager, social_worker, child):
    with pytest.raises(ValidationError):
        _oversight(team_manager, child, rationale=" ")
    with pytest.raises(ValidationError):
        _oversight(team_manager, child, point="WHENEVER")
    with pytest.raises(ValidationError):
        _oversight(team_manager, child, review_on=day(-1))
    with pytest.raises(PermissionDenied):
        _oversight(social_worker, child)
    assert not ManagementDecision.objects.exists() and not Oversight.objects.exists()


def test_oversight_due_three_months_after_the_last_or_one_on_a_cp_plan(
    team_manager, social_worker, allocated
):
    today = timezone.localdate()
    [state] = oversight_states([allocated.pk], today)
    assert state.last is None and state.due == add_months(state.since, 3) and state.overdue(today)
    _oversight(team_manager, allocated, decided_on=day(-40))
    [state] = oversight_states([allocated.pk], today)
    assert state.last == day(-40) and not state.overdue(today)
    CaseNote.objects.create(
        person=allocated,
        kind=CaseNoteKind.MANAGEMENT_OVERSIGHT,
        occurred_on=day(-5),
        status=CaseNoteStatus.FINAL,
        author=team_manager,
        updated_by=team_manager,
    )
    [state] = oversight_states([allocated.pk], today)
    assert state.last == day(-5)


def test_oversight_overdue_flagged_in_the_workers_my_work(client_for, social_worker, allocated):
    body = client_for(social_worker).get(reverse("workforce:my_work")).content.decode()
    assert "Management oversight due" in body


def test_manager_records_oversight_through_the_form_keeping_input_on_error(
    client_for, team_manager, social_worker, allocated
):
    client = client_for(team_manager)
    path = reverse("quality:new_oversight", args=[allocated.pk])
    decided, review = day(-1), day(60)
    data = {
        "point": "CLOSURE",
        "decided_on-day": decided.day,
        "decided_on-month": decided.month,
        "decided_on-year": decided.year,
        "decision": "Close: the plan's outcomes are met.",
        "review_on-day": review.day,
        "review_on-month": review.month,
        "review_on-year": review.year,
    }
    response = client.post(path, data)
    assert response.status_code == 400 and "the plan&#39;s outcomes are met" in response.content.decode()
    assert client.post(path, {**data, "rationale": "Attendance 96%, no incidents."}).status_code == 302
    record = client.get(reverse("people:oversight", args=[allocated.pk])).content.decode()
    assert "Case closure" in record and "Attendance 96%" in record
    assert client_for(social_worker).get(path).status_code == 403


def test_a_managers_return_and_authorisation_of_an_assessment_count_as_oversight(
    team_manager, social_worker, allocated
):
    from assessments import services as assessments
    from assessments.tests.test_assessments import COMPLETE
    from protection.tests.factories import make_referral

    referral = make_referral(allocated, social_worker, day(-30))
    assessment = assessments.start_assessment(actor=social_worker, referral=referral, start_date=day(-29))
    seen = {"child_seen_on": day(-28), "child_seen_alone_on": day(-28)}
    assessments.record_assessment(actor=social_worker, assessment=assessment, data={**COMPLETE, **seen})
    assessments.submit_assessment(actor=social_worker, assessment=assessment, on=day(-20))
    assessments.return_assessment(
        actor=team_manager, assessment=assessment, comments="Analyse the history.", on=day(-15)
    )
    [state] = oversight_states([allocated.pk], timezone.localdate())
    assert state.last == day(-15)
    assessments.submit_assessment(actor=social_worker, assessment=assessment, on=day(-10))
    assessments.authorise_assessment(
        actor=team_manager, assessment=assessment, comments="Meets the standard", on=day(-8)
    )
    [state] = oversight_states([allocated.pk], timezone.localdate())
    assert state.last == day(-8)


def test_oversight_of_an_earlier_closed_episode_does_not_count_for_this_one(
    team_manager, social_worker, allocated
):
    """A decision made in a referral closed last year says nothing of the case open now: the
    next oversight is counted from the current allocation, not found overdue by a year."""
    from frontdoor.models import Referral
    from protection.tests.factories import make_referral

    today = timezone.localdate()
    old = make_referral(allocated, social_worker, day(-500))
    Referral.objects.filter(pk=old.pk).update(closure_date=day(-400), closure_reason="RC7", status="CLOSED")
    _oversight(team_manager, allocated, decided_on=day(-450))
    make_referral(allocated, social_worker, day(-210))

    [state] = oversight_states([allocated.pk], today)

    assert state.last is None and state.since == day(-200)  # the allocation's start
    _oversight(team_manager, allocated, decided_on=day(-20))
    [state] = oversight_states([allocated.pk], today)
    assert state.last == day(-20) and not state.overdue(today)
