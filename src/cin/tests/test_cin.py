from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments import services as assessments
from casework import services as casework
from cin import services
from cin.clocks import next_review_due, next_visit_due
from cin.worklist import items
from core.tests.form_data import date_input
from frontdoor.models import ReferralStatus
from plans.tests.factories import SMART
from protection.models import PlanStatus
from protection.tests.factories import make_referral


@pytest.fixture
def referral(child, social_worker):
    return make_referral(child, social_worker, date(2025, 1, 6))


@pytest.fixture
def plan(referral, social_worker):
    return services.start_cin_plan(actor=social_worker, referral=referral, start_date=date(2025, 1, 31))


def test_review_due_three_months_when_month_end():
    assert next_review_due(date(2025, 11, 30), None, 3) == date(2026, 2, 28)
    assert next_review_due(date(2025, 1, 31), date(2025, 5, 31), 3) == date(2025, 8, 31)


def test_visit_due_four_weeks_after_the_last_visit_the_child_was_seen_in_or_the_plan_start():
    assert next_visit_due(date(2025, 1, 31), None) == date(2025, 2, 28)
    assert next_visit_due(date(2025, 1, 31), date(2025, 3, 3)) == date(2025, 3, 31)
    assert next_visit_due(date(2025, 1, 31), date(2025, 1, 20)) == date(2025, 2, 28)  # before the plan
    assert next_visit_due(date(2025, 1, 31), None, weeks=6) == date(2025, 3, 14)


def test_worklist_visit_due_moves_only_with_a_cin_visit_the_child_was_seen_in(
    plan, social_worker, team_manager, child
):
    services.add_cin_action(actor=social_worker, plan=plan, data=SMART)
    assert "cin_visit" not in {i.kind for i in items([child.pk], date(2025, 2, 1))}  # not signed off
    services.sign_off_cin_plan(actor=team_manager, plan=plan, on=date(2025, 2, 3))

    def visit_due():  # type: ignore[no-untyped-def]
        (item,) = [i for i in items([child.pk], date(2025, 3, 20)) if i.kind == "cin_visit"]
        assert item.link == f"/casework/people/{child.pk}/visits/new/?kind=CIN"
        return item.due

    assert visit_due() == date(2025, 2, 28)
    casework.record_visit(
        actor=social_worker, person=child, kind="CIN", visited_on=date(2025, 3, 3), child_seen=False
    )
    casework.record_visit(
        actor=social_worker, person=child, kind="ASSESSMENT", visited_on=date(2025, 3, 4), child_seen=True
    )
    assert visit_due() == date(2025, 2, 28)  # the child was not seen; an assessment visit is not a CIN visit
    casework.record_visit(
        actor=social_worker, person=child, kind="CIN", visited_on=date(2025, 3, 5), child_seen=True
    )
    assert visit_due() == date(2025, 4, 2)


def test_sign_off_refused_when_action_incomplete_then_allowed(plan, social_worker, team_manager):
    action = services.add_cin_action(actor=social_worker, plan=plan, data={"what": "Go to school"})
    with pytest.raises(ValidationError) as exc:
        services.sign_off_cin_plan(actor=team_manager, plan=plan)
    assert "action 1 has no who or by when" in str(exc.value)
    with pytest.raises(PermissionDenied):
        services.sign_off_cin_plan(actor=social_worker, plan=plan)
    services.edit_cin_action(actor=social_worker, action=action, data=SMART)
    services.sign_off_cin_plan(actor=team_manager, plan=plan, on=date(2025, 2, 3))
    assert plan.status == PlanStatus.ACTIVE


def test_review_refused_when_plan_not_signed_off(plan, social_worker):
    with pytest.raises(ValidationError):
        services.record_cin_review(actor=social_worker, plan=plan, held_on=date(2025, 4, 1), progress="ok")


def test_worklist_review_due_from_start_then_last_review(plan, social_worker, team_manager, child):
    services.add_cin_action(actor=social_worker, plan=plan, data=SMART)
    assert [i.kind for i in items([child.pk], date(2025, 2, 1))] == ["Decision awaiting sign-off"]
    services.sign_off_cin_plan(actor=team_manager, plan=plan, on=date(2025, 2, 3))
    assert {i.kind: i.due for i in items([child.pk], date(2025, 2, 4))}["cin_review"] == date(2025, 4, 30)
    services.record_cin_review(actor=social_worker, plan=plan, held_on=date(2025, 4, 28), progress="Good")
    found = {i.kind: i.due for i in items([child.pk], date(2025, 8, 1))}
    assert found["cin_review"] == date(2025, 7, 28)
    assert found["plan_action"] == date(2025, 7, 1)


def test_close_refused_when_open_plan_or_assessment(plan, referral, social_worker, team_manager):
    assessments.start_assessment(actor=social_worker, referral=referral, start_date=date(2025, 1, 7))
    with pytest.raises(ValidationError) as exc:
        services.close_episode(
            actor=social_worker, referral=referral, closure_date=date(2025, 6, 1), closure_reason="RC7"
        )
    assert "an assessment" in str(exc.value) and "a child in need plan" in str(exc.value)
    assert referral.status == ReferralStatus.OPEN


def test_close_records_reason_and_history_when_nothing_open(referral, social_worker):
    services.close_episode(
        actor=social_worker, referral=referral, closure_date=date(2025, 6, 1), closure_reason="RC8"
    )
    referral.refresh_from_db()
    assert (referral.status, referral.closure_date, referral.closure_reason) == (
        "CLOSED",
        date(2025, 6, 1),
        "RC8",
    )
    assert referral.status_history.get().event == "close"


def test_close_refused_when_reason_unknown(referral, social_worker):
    with pytest.raises(ValidationError):
        services.close_episode(
            actor=social_worker, referral=referral, closure_date=date(2025, 6, 1), closure_reason="XX"
        )


def test_plan_views_when_social_worker(plan, child, social_worker, team_manager, client_for):
    client = client_for(social_worker)
    assert client.get(f"/children-in-need/plans/{plan.pk}/").status_code == 200
    assert client.post(f"/children-in-need/plans/{plan.pk}/sign-off/").status_code == 403
    response = client.post(
        f"/children-in-need/plans/{plan.pk}/actions/new/", {"what": "Kept", "by_when-day": "99"}
    )
    assert response.status_code == 400 and "Kept" in response.content.decode()
    services.add_cin_action(actor=social_worker, plan=plan, data={"what": "Vague"})
    response = client_for(team_manager).post(f"/children-in-need/plans/{plan.pk}/sign-off/")
    assert response.status_code == 400 and "Incomplete: no who, by when" in response.content.decode()


def test_close_view_shows_guard_error_when_open_plan(plan, referral, social_worker, client_for):
    response = client_for(social_worker).post(
        f"/children-in-need/referrals/{referral.pk}/close/",
        {
            **date_input("closure_date", date(2025, 6, 1)),
            "closure_reason": "RC7",
        },
    )
    assert response.status_code == 400
    assert "cannot be closed while it has open work" in response.content.decode()


def test_review_and_end_views_when_active(plan, social_worker, team_manager, client_for):
    services.add_cin_action(actor=social_worker, plan=plan, data=SMART)
    services.sign_off_cin_plan(actor=team_manager, plan=plan, on=date(2025, 2, 3))
    client = client_for(social_worker)
    data = {**date_input("held_on", date(2025, 4, 30)), "progress": "Better"}
    assert client.post(f"/children-in-need/plans/{plan.pk}/reviews/new/", data).status_code == 302
    data = {**date_input("end_date", date(2025, 6, 1)), "reason": "Goals met"}
    assert client.post(f"/children-in-need/plans/{plan.pk}/end/", data).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ENDED


def test_plan_new_view_when_open_referral(referral, child, social_worker, client_for):
    data = {
        "referral": referral.pk,
        **date_input("start_date", date(2025, 1, 7)),
    }
    assert (
        client_for(social_worker).post(f"/children-in-need/people/{child.pk}/plans/new/", data).status_code
        == 302
    )
    assert child.cin_plans.count() == 1


def test_review_moves_each_action_on_and_keeps_what_was_noted(plan, social_worker, team_manager, child):
    done = services.add_cin_action(actor=social_worker, plan=plan, data=SMART)
    going = services.add_cin_action(actor=social_worker, plan=plan, data={**SMART, "what": "Housing bid"})
    untouched = services.add_cin_action(actor=social_worker, plan=plan, data={**SMART, "what": "GP visit"})
    services.sign_off_cin_plan(actor=team_manager, plan=plan, on=date(2025, 2, 3))

    review = services.record_cin_review(
        actor=social_worker,
        plan=plan,
        held_on=date(2025, 7, 28),
        progress="Good",
        action_progress={
            done.pk: ("DONE", "Attended every week"),
            going.pk: ("IN_PROGRESS", "Bid placed"),
            untouched.pk: ("DONE", ""),  # no note: nothing noted, the action as it was
        },
    )

    for a in (done, going, untouched):
        a.refresh_from_db()
    assert (done.status, done.progress, done.progress_noted_on) == (
        "DONE",
        "Attended every week",
        date(2025, 7, 28),
    )
    assert (going.status, untouched.status) == ("IN_PROGRESS", "NOT_STARTED")
    assert [(n.review_id, n.status, n.note) for n in done.progress_notes.all()] == [
        (review.pk, "DONE", "Attended every week")
    ]
    overdue = [i.title for i in items([child.pk], date(2025, 8, 1)) if i.kind == "plan_action"]
    assert len(overdue) == 2  # the one done is no longer overdue


def test_review_view_notes_progress_against_each_action(plan, social_worker, team_manager, client_for):
    action = services.add_cin_action(actor=social_worker, plan=plan, data=SMART)
    services.sign_off_cin_plan(actor=team_manager, plan=plan, on=date(2025, 2, 3))
    client = client_for(social_worker)
    page = client.get(f"/children-in-need/plans/{plan.pk}/reviews/new/").content.decode()
    assert f"Action 1 status: {SMART['what']}" in page

    data = {**date_input("held_on", date(2025, 4, 30)), "progress": "", f"note_{action.pk}": "Going well"}
    response = client.post(f"/children-in-need/plans/{plan.pk}/reviews/new/", data)
    assert response.status_code == 400  # what was typed against the action is kept
    assert "Going well" in response.content.decode()

    data = {**data, "progress": "Better", f"status_{action.pk}": "DONE"}
    assert client.post(f"/children-in-need/plans/{plan.pk}/reviews/new/", data).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.progress) == ("DONE", "Going well")


@pytest.fixture
def allocated(child, social_worker, team_manager, team):
    from workforce import services as workforce
    from workforce.models import AllocationRole

    workforce.allocate(
        actor=team_manager,
        person=child,
        worker=social_worker,
        team=team,
        role=AllocationRole.SOCIAL_WORKER,
        start_date=date(2025, 1, 6),
    )
    return social_worker


def test_allocated_worker_notified_when_cin_plan_signed_off(plan, allocated, team_manager):
    from django.urls import reverse

    from core.models import Notification

    services.add_cin_action(actor=allocated, plan=plan, data=SMART)
    services.sign_off_cin_plan(actor=team_manager, plan=plan, on=date(2025, 2, 3))
    (note,) = Notification.objects.filter(recipient=allocated)
    assert note.subject == "Child in need plan signed off for Amelia Hughes"
    assert note.body == "Signed off by Team Tester on 3 February 2025."
    assert note.link == reverse("cin:plan", args=[plan.pk])


def test_sign_off_undone_when_its_notification_cannot_be_written(plan, allocated, team_manager, monkeypatch):
    from core.models import Notification
    from plans import services as plan_services

    services.add_cin_action(actor=allocated, plan=plan, data=SMART)

    def fail(**kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("notification store unavailable")

    monkeypatch.setattr(plan_services, "notify_about_child", fail)
    with pytest.raises(RuntimeError):
        services.sign_off_cin_plan(actor=team_manager, plan=plan, on=date(2025, 2, 3))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert not Notification.objects.filter(recipient=allocated).exists()


def test_the_team_manager_is_told_when_a_plan_is_drafted_for_their_sign_off(
    referral, social_worker, team_manager
):
    from django.urls import reverse

    from core.models import Notification

    plan = services.start_cin_plan(actor=social_worker, referral=referral, start_date=date(2025, 1, 31))

    (note,) = Notification.objects.filter(recipient=team_manager)
    assert note.subject == "Child in need plan awaiting sign-off for Amelia Hughes"
    assert note.body == f"Drafted by {social_worker.display_name}."
    assert note.link == reverse("cin:plan", args=[plan.pk])
    assert not Notification.objects.filter(recipient=social_worker).exists()


def test_a_plan_loaded_from_an_earlier_system_tells_no_one(referral, social_worker, team_manager):
    from core.models import Notification

    services.start_cin_plan(
        actor=social_worker, referral=referral, start_date=date(2025, 1, 31), notify=False
    )

    assert not Notification.objects.exists()
