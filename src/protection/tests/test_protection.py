from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.permissions import Role
from casework.services import record_visit
from core.tests.form_data import date_input
from protection import flags, services
from protection.models import CPPlan, PlanStatus, S47Enquiry
from protection.queries import review_due
from protection.tests.factories import initial_conference, make_referral, review_conference, start_s47
from protection.worklist import items
from workforce.tests.factories import allocate

SMART = {
    "what": "Attend parenting course",
    "who_person": "Sarah Hughes",
    "who_agency": "Family",
    "by_when": date(2026, 2, 1),
    "serves": "Home conditions",
}


@pytest.fixture
def chair(make_user):
    return make_user(Role.CP_CHAIR, "cp.chair")


@pytest.fixture
def referral(child, social_worker):
    return make_referral(child, social_worker, date(2025, 12, 1))


@pytest.fixture
def s47(referral, social_worker):
    return start_s47(referral, social_worker)


@pytest.fixture
def plan(s47, chair, referral):
    return initial_conference(referral, chair, s47).plan


def test_icpc_due_15_working_days_when_christmas_intervenes(s47):
    # Mon 15 Dec 2025 (day 0): 16-19, 22-24 Dec (7); 25, 26 Dec holidays; 29-31 Dec (10);
    # 1 Jan holiday; 2 Jan (11); 5-8 Jan (15) → Thu 8 Jan 2026.
    assert s47.icpc_due == date(2026, 1, 8)
    assert s47.strategy_discussion.only_police_and_social_care


def test_no_s47_when_strategy_decides_none(referral, social_worker):
    services.record_strategy_discussion(
        actor=social_worker,
        referral=referral,
        held_on=date(2025, 12, 15),
        agencies=["POLICE", "HEALTH"],
        information_shared="x",
        decision="NO_S47",
    )
    assert not S47Enquiry.objects.exists()


def test_strategy_refused_when_no_agencies(referral, social_worker):
    with pytest.raises(ValidationError):
        services.record_strategy_discussion(
            actor=social_worker,
            referral=referral,
            held_on=date(2025, 12, 15),
            agencies=[],
            information_shared="x",
            decision="NO_S47",
        )


def test_initial_conference_makes_draft_plan_with_clocks_when_decision_plan(plan):
    assert plan.status == PlanStatus.DRAFT
    # Mon 5 Jan 2026 + 10 working days = Mon 19 Jan 2026; + 3 months = 5 Apr 2026
    assert plan.first_core_group_due == date(2026, 1, 19)
    assert plan.first_review_due == date(2026, 4, 5)


def test_conference_refused_when_social_worker(s47, referral, social_worker):
    with pytest.raises(PermissionDenied):
        initial_conference(referral, social_worker, s47)


def test_conference_refused_when_plan_without_category(s47, referral, chair):
    with pytest.raises(ValidationError):
        services.record_conference(
            actor=chair, referral=referral, kind="INITIAL", held_on=date(2026, 1, 5), decision="PLAN", s47=s47
        )


def test_sign_off_refused_when_an_action_lacks_who_what_or_when(plan, chair, social_worker):
    services.update_plan(actor=social_worker, plan=plan, worries="Bruising", goals="Safe care")
    services.add_action(actor=social_worker, plan=plan, data=SMART)
    services.add_action(actor=social_worker, plan=plan, data={"what": "Health check"})
    with pytest.raises(ValidationError) as exc:
        services.sign_off_plan(actor=chair, plan=plan)
    assert "action 2 has no who or by when" in str(exc.value)
    assert plan.status == PlanStatus.DRAFT


def test_sign_off_refused_when_no_actions(plan, chair):
    with pytest.raises(ValidationError):
        services.sign_off_plan(actor=chair, plan=plan)


def test_sign_off_when_every_action_smart(plan, chair, social_worker):
    services.update_plan(actor=social_worker, plan=plan, worries="Bruising", goals="Safe care")
    services.add_action(actor=social_worker, plan=plan, data=SMART)
    with pytest.raises(PermissionDenied):
        services.sign_off_plan(actor=social_worker, plan=plan)
    services.sign_off_plan(actor=chair, plan=plan, on=date(2026, 1, 5))
    assert plan.status == PlanStatus.ACTIVE
    assert plan.status_history.get().event == "sign_off"


def _active(plan, chair, social_worker):
    services.update_plan(actor=social_worker, plan=plan, worries="Bruising", goals="Safe care")
    action = services.add_action(actor=social_worker, plan=plan, data=SMART)
    services.sign_off_plan(actor=chair, plan=plan, on=date(2026, 1, 5))
    return action


def test_core_group_records_progress_when_noted(plan, chair, social_worker):
    action = _active(plan, chair, social_worker)
    services.record_core_group(
        actor=social_worker,
        plan=plan,
        held_on=date(2026, 1, 16),
        agencies=["HEALTH"],
        progress={action.pk: ("IN_PROGRESS", "Booked")},
    )
    action.refresh_from_db()
    assert (action.status, action.progress, action.progress_noted_on) == (
        "IN_PROGRESS",
        "Booked",
        date(2026, 1, 16),
    )


def test_review_due_six_months_after_last_review_when_month_end(plan, chair, social_worker):
    _active(plan, chair, social_worker)
    review_conference(chair, plan)
    assert review_due(plan) == date(2026, 9, 30)  # 31 Mar + 6 months: September has no 31st


def test_end_plan_refused_without_step_down_and_ends_with_it(plan, chair, social_worker):
    _active(plan, chair, social_worker)
    with pytest.raises(ValidationError):
        services.end_plan(actor=chair, plan=plan, end_date=date(2026, 2, 1), reason="Safe", step_down="")
    services.end_plan(actor=chair, plan=plan, end_date=date(2026, 2, 1), reason="Safe", step_down="CIN")
    assert plan.status == PlanStatus.ENDED


def test_management_decision_refused_when_social_worker(child, social_worker, team_manager):
    with pytest.raises(PermissionDenied):
        services.record_management_decision(
            actor=social_worker, person=child, decision="x", rationale="y", decided_on=date(2026, 1, 1)
        )
    row = services.record_management_decision(
        actor=team_manager,
        person=child,
        decision="Step down",
        rationale="Progress",
        decided_on=date(2026, 1, 1),
    )
    assert row.decided_by == team_manager


def test_chair_challenge_recorded_and_resolved(plan, chair, social_worker):
    _active(plan, chair, social_worker)
    check = services.record_chair_check(
        actor=chair, plan=plan, kind="CHALLENGE", raised_on=date(2026, 2, 1), concern="No core group"
    )
    services.resolve_chair_check(actor=chair, check=check, outcome="Held", resolved_on=date(2026, 2, 5))
    assert check.resolved_on == date(2026, 2, 5)


# --- Signals (hand-worked) ---------------------------------------------------------------


def test_two_years_flag_when_exactly_two_years():
    assert flags.lasted_two_years(date(2024, 2, 29), date(2026, 2, 28))
    assert not flags.lasted_two_years(date(2024, 3, 1), date(2026, 2, 28))


def test_subsequent_plan_when_earlier_start():
    assert flags.is_subsequent_plan(date(2025, 1, 1), [date(2023, 5, 1), date(2025, 1, 1)])
    assert not flags.is_subsequent_plan(date(2025, 1, 1), [date(2025, 1, 1)])


def test_next_core_group_due_when_first_and_later():
    assert flags.next_core_group_due(date(2026, 1, 19), None, 4) == date(2026, 1, 19)
    assert flags.next_core_group_due(date(2026, 1, 19), date(2026, 1, 16), 4) == date(2026, 2, 13)


def test_next_cp_visit_due_when_bank_holiday():
    # Last visit Fri 19 Dec 2025: 22, 23, 24, 29, 30, 31 Dec, 2, 5, 6, 7 Jan → Wed 7 Jan 2026
    assert flags.next_cp_visit_due(date(2025, 12, 1), date(2025, 12, 19), 10) == date(2026, 1, 7)


def test_plan_flags_list_every_signal_when_drifting():
    found = flags.plan_flags(
        start_date=date(2023, 1, 2),
        today=date(2025, 3, 1),
        earlier_plan_starts=[date(2021, 1, 1)],
        first_core_group_due=date(2023, 1, 16),
        last_core_group=date(2025, 1, 1),
        last_visit=None,
        overdue_actions=2,
    )
    assert [f.code for f in found] == [
        "TWO_YEARS",
        "SUBSEQUENT",
        "ACTIONS_OVERDUE",
        "CORE_GROUP_OVERDUE",
        "VISIT_OVERDUE",
    ]


def test_plan_flags_empty_when_on_track():
    assert (
        flags.plan_flags(
            start_date=date(2025, 1, 6),
            today=date(2025, 1, 10),
            earlier_plan_starts=[date(2025, 1, 6)],
            first_core_group_due=date(2025, 1, 20),
            last_core_group=None,
            last_visit=date(2025, 1, 8),
            overdue_actions=0,
        )
        == []
    )


def test_worklist_lists_overdue_core_group_and_sign_off_when_due(plan, chair, social_worker, child):
    today = date(2026, 2, 20)
    draft_items = list(items([child.pk], today))
    assert any(i.kind == "Decision awaiting sign-off" for i in draft_items)
    _active(plan, chair, social_worker)
    record_visit(
        actor=social_worker,
        person=child,
        kind="CP",
        visited_on=timezone.localdate() - timedelta(days=1),
        child_seen=True,
    )
    found = {i.kind: i for i in items([child.pk], today)}
    assert found["core_group"].due == date(2026, 1, 19)
    assert found["core_group"].is_overdue(today)
    assert found["plan_action"].due == date(2026, 2, 1)


# --- Views -------------------------------------------------------------------------------


def test_sign_off_view_shows_incomplete_actions_when_refused(plan, chair, social_worker, client_for):
    services.update_plan(actor=social_worker, plan=plan, worries="Bruising", goals="x")
    services.add_action(actor=social_worker, plan=plan, data={"what": "Health check"})
    response = client_for(chair).post(f"/protection/plans/{plan.pk}/sign-off/")
    assert response.status_code == 400
    body = response.content.decode()
    assert "cannot be signed off" in body and "Incomplete: no who, by when" in body


def test_sign_off_view_forbidden_when_social_worker(plan, social_worker, client_for):
    assert client_for(social_worker).post(f"/protection/plans/{plan.pk}/sign-off/").status_code == 403


def test_plan_pages_render_when_viewer(plan, social_worker, client_for):
    client = client_for(social_worker)
    assert client.get(f"/protection/plans/{plan.pk}/").status_code == 200
    assert (
        "What we are worried about"
        in client.get(f"/protection/plans/{plan.pk}/for-the-family/").content.decode()
    )


def test_strategy_view_keeps_input_when_invalid(child, referral, social_worker, client_for):
    response = client_for(social_worker).post(
        f"/protection/people/{child.pk}/strategy/new/",
        {"referral": referral.pk, "information_shared": "Kept text"},
    )
    assert response.status_code == 400
    assert "Kept text" in response.content.decode()


def test_strategy_view_redirects_to_s47_when_s47_decided(child, referral, social_worker, client_for):
    response = client_for(social_worker).post(
        f"/protection/people/{child.pk}/strategy/new/",
        {
            "referral": referral.pk,
            **date_input("held_on", date(2025, 12, 15)),
            "agencies": ["POLICE", "SOCIAL_CARE"],
            "information_shared": "Bruise",
            "decision": "S47_SINGLE",
        },
    )
    assert response.status_code == 302
    assert "/protection/s47/" in response["Location"]


def test_chair_view_lists_chaired_plans_when_chair(plan, chair, client_for):
    response = client_for(chair).get("/protection/chair/")
    assert response.status_code == 200
    assert "Amelia Hughes" in response.content.decode()


def test_person_page_shows_panels_when_child_has_plan(plan, child, social_worker, client_for):
    client = client_for(social_worker)
    body = client.get(f"/people/{child.pk}/work/").content.decode()
    oversight = client.get(f"/people/{child.pk}/oversight/").content.decode()
    assert "Child protection plan from" in body and 'id="management-oversight"' not in body
    assert 'id="management-oversight">Management oversight</h2>' in oversight
    assert CPPlan.objects.count() == 1


def test_oversight_lists_sign_offs_and_unallocated_work_when_plan_draft(plan, child):
    from core.worklist import awaiting_sign_off
    from workforce.queries import unallocated_children

    assert [i.title for i in awaiting_sign_off([child.pk], date(2026, 1, 6))] == [
        "Child protection plan awaiting sign-off"
    ]
    assert list(unallocated_children(date(2026, 1, 6))) == [child.pk]


def _transfer_in_conference(referral, chair, **extra):  # type: ignore[no-untyped-def]
    """A transfer-in conference on 20 December 2025 that makes a plan (neglect)."""
    return services.record_conference(
        actor=chair,
        referral=referral,
        kind="TRANSFER_IN",
        held_on=date(2025, 12, 19),
        decision="PLAN",
        category="NEG",
        **extra,
    )


def test_transfer_in_conference_due_15_working_days_from_notification(referral, chair):
    conf = _transfer_in_conference(referral, chair, transfer_notified_on=date(2025, 12, 15))
    assert conf.due_on == date(2026, 1, 8)
    assert conf.plan.status == PlanStatus.DRAFT


def test_transfer_in_refused_when_notification_date_missing(referral, chair):
    with pytest.raises(ValidationError):
        _transfer_in_conference(referral, chair)


def test_core_group_view_records_progress_when_social_worker(plan, chair, social_worker, client_for):
    action = _active(plan, chair, social_worker)
    data = {
        **date_input("held_on", date(2026, 1, 16)),
        "agencies": ["HEALTH"],
        f"status_{action.pk}": "DONE",
        f"note_{action.pk}": "Done",
    }
    response = client_for(social_worker).post(f"/protection/plans/{plan.pk}/core-groups/new/", data)
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "DONE"


def test_core_group_view_keeps_input_when_no_agencies(plan, chair, social_worker, client_for):
    _active(plan, chair, social_worker)
    response = client_for(social_worker).post(
        f"/protection/plans/{plan.pk}/core-groups/new/", {"notes": "Kept note"}
    )
    assert response.status_code == 400 and "Kept note" in response.content.decode()


def test_end_plan_view_forbidden_when_social_worker_and_ends_when_chair(
    plan, chair, social_worker, client_for
):
    _active(plan, chair, social_worker)
    data = {**date_input("end_date", date(2026, 2, 1)), "reason": "Safe now", "step_down": "CIN"}
    assert client_for(social_worker).post(f"/protection/plans/{plan.pk}/end/", data).status_code == 403
    assert client_for(chair).post(f"/protection/plans/{plan.pk}/end/", data).status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.step_down) == (PlanStatus.ENDED, "CIN")


def test_review_conference_view_records_review_when_chair(plan, chair, social_worker, client_for):
    _active(plan, chair, social_worker)
    action = plan.actions.get()
    data = {
        **date_input("held_on", date(2026, 4, 2)),
        "decision": "CONTINUE",
        f"status_{action.pk}": "DONE",
        f"note_{action.pk}": "Course completed",
    }
    assert client_for(chair).post(f"/protection/plans/{plan.pk}/review/", data).status_code == 302
    assert plan.conferences.filter(kind="REVIEW").count() == 1
    action.refresh_from_db()
    assert (action.status, action.progress) == ("DONE", "Course completed")
    assert action.progress_notes.get().conference is not None


def test_s47_outcome_view_forbidden_when_chair_lacks_record_and_recorded_by_worker(
    s47, social_worker, client_for, make_user
):
    data = {"outcome": "ICPC", **date_input("outcome_date", date(2025, 12, 22))}
    assert (
        client_for(make_user(Role.AUDITOR)).post(f"/protection/s47/{s47.pk}/outcome/", data).status_code
        == 403
    )
    assert client_for(social_worker).post(f"/protection/s47/{s47.pk}/outcome/", data).status_code == 302
    s47.refresh_from_db()
    assert s47.outcome == "ICPC"


def test_management_decision_view_when_manager_and_forbidden_for_worker(
    child, social_worker, team_manager, client_for
):
    data = {
        **date_input("decided_on", date(2026, 1, 2)),
        "decision": "Step down",
        "rationale": "Progress made",
    }
    assert (
        client_for(social_worker).post(f"/protection/people/{child.pk}/decisions/new/", data).status_code
        == 403
    )
    assert (
        client_for(team_manager).post(f"/protection/people/{child.pk}/decisions/new/", data).status_code
        == 302
    )
    body = client_for(team_manager).get(f"/people/{child.pk}/oversight/").content.decode()
    assert "Progress made" in body


def test_chair_check_views_when_chair(plan, chair, social_worker, client_for):
    _active(plan, chair, social_worker)
    data = {"kind": "CHALLENGE", **date_input("raised_on", date(2026, 2, 1)), "concern": "Drift"}
    assert client_for(chair).post(f"/protection/plans/{plan.pk}/checks/new/", data).status_code == 302
    check = plan.chair_checks.get()
    data = {**date_input("resolved_on", date(2026, 2, 3)), "outcome": "Resolved"}
    assert client_for(chair).post(f"/protection/checks/{check.pk}/resolve/", data).status_code == 302


def test_worklist_prompts_when_plan_reaches_two_years(plan, chair, social_worker, child):
    _active(plan, chair, social_worker)
    assert not [i for i in items([child.pk], date(2028, 1, 4)) if i.kind == "signal"]
    [item] = [i for i in items([child.pk], date(2028, 1, 5)) if i.kind == "signal"]
    assert item.due == date(2028, 1, 5)


def test_team_page_shows_sign_offs_and_unallocated_work_when_plan_draft(
    plan, child, team_manager, client_for, team
):

    # Unallocated: the child has an open plan and no social worker.
    body = client_for(team_manager).get(f"/work/teams/{team.pk}/").content.decode()
    assert child.display_name in body.split('id="unallocated"')[1]
    # Allocated to the team: the plan awaiting sign-off shows; the child is no longer unallocated.
    allocate(team_manager, child, team_manager, team, date(2025, 4, 1))
    body = client_for(team_manager).get(f"/work/teams/{team.pk}/").content.decode()
    assert "Decisions awaiting sign-off" in body
    assert "Child protection plan awaiting sign-off" in body
    assert "Every child with open work has an allocated social worker" in body


def _transfer_in(client, child, previous_plans_elsewhere: str):  # type: ignore[no-untyped-def]
    """A transfer-in conference for `child` that makes a plan (neglect), posted by `client`."""
    data = {
        **date_input("held_on", date(2025, 12, 19)),
        **date_input("transfer_notified_on", date(2025, 12, 15)),
        "decision": "PLAN",
        "category": "NEG",
        "previous_plans_elsewhere": previous_plans_elsewhere,
    }
    return client.post(f"/protection/people/{child.pk}/transfer-in/", data)


def test_transfer_in_view_records_plans_the_child_had_elsewhere(child, referral, chair, client_for):
    response = _transfer_in(client_for(chair), child, "2")
    assert response.status_code == 302
    plan = CPPlan.objects.get(person=child)
    assert plan.previous_plans_elsewhere == 2

    from returns.cin_census import build

    row = build(2026, person_ids=[child.pk]).tables["ChildProtectionPlans"].rows[0]
    assert row[-1] == "2"  # NumberOfPreviousCPP: none recorded here, two elsewhere


def test_transfer_in_view_refuses_a_negative_number_of_plans(child, referral, chair, client_for):
    response = _transfer_in(client_for(chair), child, "-1")
    assert response.status_code == 400
    assert "Enter 0 or more" in response.content.decode()
    assert not CPPlan.objects.filter(person=child).exists()


def test_each_service_says_the_childs_record_changed(
    plan, chair, social_worker, team_manager, child, monkeypatch, django_capture_on_commit_callbacks
):
    from core import extensions

    told: list[frozenset[int]] = []
    monkeypatch.setattr(extensions, "record_changed", lambda ids: told.append(frozenset(ids)))
    _active(plan, chair, social_worker)
    steps = [
        lambda: services.record_core_group(
            actor=social_worker, plan=plan, held_on=date(2026, 1, 16), agencies=["HEALTH"]
        ),
        lambda: services.record_chair_check(
            actor=chair, plan=plan, kind="CHECK", raised_on=date(2026, 1, 20), concern="Visits"
        ),
        lambda: services.resolve_chair_check(
            actor=chair, check=plan.chair_checks.get(), outcome="Seen", resolved_on=date(2026, 1, 21)
        ),
        lambda: review_conference(chair, plan),
        lambda: services.record_management_decision(
            actor=team_manager,
            person=child,
            decision="Continue",
            rationale="Progress",
            decided_on=date(2026, 4, 1),
        ),
    ]
    for step in steps:
        with django_capture_on_commit_callbacks(execute=True):
            step()
    assert told == [frozenset({child.pk})] * len(steps)


@pytest.mark.parametrize(
    ("held_on", "named"),
    [
        (date(2026, 1, 3), "3 January 2026 is a Saturday"),
        (date(2026, 1, 4), "4 January 2026 is a Sunday"),
    ],
)
def test_a_conference_at_a_weekend_is_refused(referral, chair, s47, held_on, named):
    from protection.models import Conference

    with pytest.raises(ValidationError) as refused:
        initial_conference(referral, chair, s47, held_on=held_on)
    assert refused.value.message_dict["held_on"][0].startswith(named)
    assert not Conference.objects.exists()
