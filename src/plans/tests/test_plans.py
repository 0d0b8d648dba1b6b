"""What every plan shares, tried on both kinds: child protection plans (signed off by the chair,
only once the worries are written; ended with a step-down) and child in need plans (signed
off by a manager, who is recorded)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from statemachine.exceptions import TransitionNotAllowed

from accounts.permissions import Role
from cin import services as cin
from cin.models import CINPlan, CINPlanAction
from core import extensions
from plans import services, work_items
from plans.machines import PlanMachine
from plans.models import PlanStatus
from plans.smart import ActionStatus, SmartAction, action_overdue, check_sign_off, missing_parts
from plans.tests.factories import SMART
from protection.models import CPPlan, CPPlanAction
from protection.tests.factories import initial_conference, make_referral, start_s47


@pytest.fixture
def chair(make_user):
    return make_user(Role.CP_CHAIR, "cp.chair")


@pytest.fixture
def referral(child, social_worker):
    return make_referral(child, social_worker, date(2025, 1, 6))


@pytest.fixture
def cin_plan(referral, social_worker):
    return cin.start_cin_plan(actor=social_worker, referral=referral, start_date=date(2025, 1, 31))


@pytest.fixture
def cp_plan(referral, social_worker, chair):
    s47 = start_s47(referral, social_worker, held_on=date(2025, 1, 8))
    return initial_conference(referral, chair, s47, held_on=date(2025, 1, 20)).plan


@pytest.fixture
def told(monkeypatch):
    """The people the plan services said changed (core.extensions.changed), once committed."""
    said: list[frozenset[int]] = []
    monkeypatch.setattr(extensions, "record_changed", lambda ids: said.append(frozenset(ids)))
    return said


def _action(**parts):  # type: ignore[no-untyped-def]
    return CINPlanAction(**{**SMART, **parts})


def test_plan_machine_signs_off_a_draft_and_ends_an_active_plan_only():
    plan = CINPlan(status=PlanStatus.DRAFT)
    with pytest.raises(TransitionNotAllowed):
        PlanMachine(model=plan, state_field="status").send("end")
    machine = PlanMachine(model=plan, state_field="status")
    machine.send("sign_off")
    assert plan.status == PlanStatus.ACTIVE
    machine.send("end")
    assert plan.status == PlanStatus.ENDED
    with pytest.raises(TransitionNotAllowed):
        machine.send("sign_off")


def test_missing_parts_name_who_what_and_by_when():
    assert missing_parts(_action()) == []
    assert missing_parts(_action(who_agency=" ", what="", by_when=None)) == ["who", "what", "by when"]


def test_an_action_is_overdue_while_open_after_its_by_when_date():
    assert not action_overdue(_action(), date(2025, 7, 1))
    assert action_overdue(_action(status=ActionStatus.IN_PROGRESS), date(2025, 7, 2))
    assert not action_overdue(_action(status=ActionStatus.DONE), date(2025, 7, 2))
    assert not action_overdue(_action(by_when=None), date(2025, 7, 2))


def test_check_sign_off_names_each_incomplete_action():
    with pytest.raises(ValidationError, match="Add at least one action"):
        check_sign_off([])
    with pytest.raises(ValidationError) as refused:
        check_sign_off([_action(), _action(what=""), _action(who_person="", by_when=None)])
    assert "action 2 has no what; action 3 has no who or by when" in str(refused.value)


def test_overdue_actions_query_agrees_with_the_rule(cin_plan, social_worker):
    for status in ActionStatus.values:
        for by_when in (date(2025, 7, 1), date(2025, 7, 2), None):
            action = cin.add_cin_action(
                actor=social_worker, plan=cin_plan, data={**SMART, "by_when": by_when}
            )
            CINPlanAction.objects.filter(pk=action.pk).update(status=status)
    today = date(2025, 7, 2)
    rows = list(CINPlanAction.objects.all())
    assert {a.pk for a in CINPlanAction.objects.overdue(today)} == {
        a.pk for a in rows if action_overdue(a, today)
    }


def test_an_action_opens_through_its_plans_child(cin_plan, social_worker, child):
    action = cin.add_cin_action(actor=social_worker, plan=cin_plan, data=SMART)
    assert isinstance(action, SmartAction)
    assert CINPlanAction.objects.get(pk=action.pk).person_id == child.pk


def test_sign_off_asks_the_permission_of_the_plans_kind(
    cp_plan, cin_plan, chair, team_manager, social_worker
):
    for plan in (cp_plan, cin_plan):
        services.update_plan(actor=social_worker, plan=plan, worries="Bruising", goals="Safe")
        services.add_action(actor=social_worker, plan=plan, data=SMART)
    with pytest.raises(PermissionDenied):
        services.sign_off_plan(actor=team_manager, plan=cp_plan)
    with pytest.raises(PermissionDenied):
        services.sign_off_plan(actor=chair, plan=cin_plan)
    services.sign_off_plan(actor=chair, plan=cp_plan, on=date(2025, 1, 21))
    services.sign_off_plan(actor=team_manager, plan=cin_plan, on=date(2025, 2, 3))
    assert (cp_plan.status, cp_plan.signed_off_on) == (PlanStatus.ACTIVE, date(2025, 1, 21))
    assert (cin_plan.status, cin_plan.signed_off_by) == (PlanStatus.ACTIVE, team_manager)
    assert [r.event for r in cin_plan.status_history.all()] == ["sign_off"]


def test_only_a_child_protection_plan_needs_its_worries_before_sign_off(
    cp_plan, cin_plan, chair, team_manager, social_worker
):
    services.add_action(actor=social_worker, plan=cp_plan, data=SMART)
    services.add_action(actor=social_worker, plan=cin_plan, data=SMART)
    with pytest.raises(ValidationError, match="Enter what we are worried about"):
        services.sign_off_plan(actor=chair, plan=cp_plan)
    services.sign_off_plan(actor=team_manager, plan=cin_plan)
    assert cin_plan.status == PlanStatus.ACTIVE


def test_ending_records_a_step_down_for_a_child_protection_plan_only(
    cp_plan, cin_plan, chair, team_manager, social_worker
):
    for plan, signer in ((cp_plan, chair), (cin_plan, team_manager)):
        services.update_plan(actor=social_worker, plan=plan, worries="Bruising", goals="Safe")
        services.add_action(actor=social_worker, plan=plan, data=SMART)
        services.sign_off_plan(actor=signer, plan=plan, on=date(2025, 2, 3))
    with pytest.raises(ValidationError, match="Select what happens next"):
        services.end_plan(actor=chair, plan=cp_plan, end_date=date(2025, 3, 1), reason="Safe")
    with pytest.raises(ValueError, match="records no step-down"):
        services.end_plan(
            actor=social_worker, plan=cin_plan, end_date=date(2025, 3, 1), reason="Met", step_down="NFA"
        )
    services.end_plan(actor=chair, plan=cp_plan, end_date=date(2025, 3, 1), reason="Safe", step_down="CIN")
    services.end_plan(actor=social_worker, plan=cin_plan, end_date=date(2025, 3, 1), reason="Met")
    assert (cp_plan.status, cp_plan.step_down, cp_plan.end_reason) == (PlanStatus.ENDED, "CIN", "Safe")
    assert (cin_plan.status, cin_plan.end_date) == (PlanStatus.ENDED, date(2025, 3, 1))
    with pytest.raises(ValidationError, match="The plan has ended"):
        services.add_action(actor=social_worker, plan=cin_plan, data=SMART)


def test_each_change_says_the_childs_record_changed(
    cin_plan, social_worker, team_manager, child, told, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.update_plan(actor=social_worker, plan=cin_plan, worries="Home", goals="School")
    with django_capture_on_commit_callbacks(execute=True):
        action = services.add_action(actor=social_worker, plan=cin_plan, data=SMART)
    with django_capture_on_commit_callbacks(execute=True):
        services.edit_action(actor=social_worker, action=action, data={"what": "Go to school"})
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_off_plan(actor=team_manager, plan=cin_plan)
    with django_capture_on_commit_callbacks(execute=True):
        services.end_plan(actor=social_worker, plan=cin_plan, end_date=date(2025, 3, 1), reason="Met")
    assert told == [frozenset({child.pk})] * 5


def test_work_items_for_either_kind_link_to_its_plan(cp_plan, cin_plan, chair, team_manager, social_worker):
    assert work_items.awaiting_sign_off(cp_plan, "icpc").title == "Child protection plan awaiting sign-off"
    assert (
        work_items.awaiting_sign_off(cin_plan, "cin_plan").link == f"/children-in-need/plans/{cin_plan.pk}/"
    )
    for plan, signer in ((cp_plan, chair), (cin_plan, team_manager)):
        services.update_plan(actor=social_worker, plan=plan, worries="Bruising", goals="Safe")
        services.add_action(actor=social_worker, plan=plan, data=SMART)
        services.sign_off_plan(actor=signer, plan=plan, on=date(2025, 2, 3))
    [cp_item] = work_items.overdue_actions(CPPlanAction, [cp_plan.person_id], date(2025, 7, 2))
    [cin_item] = work_items.overdue_actions(CINPlanAction, [cin_plan.person_id], date(2025, 7, 2))
    assert (cp_item.title, cp_item.due, cp_item.kind) == (
        "Plan action overdue: Attend school daily",
        date(2025, 7, 1),
        "plan_action",
    )
    assert (cp_item.link, cin_item.link) == (
        f"/protection/plans/{cp_plan.pk}/",
        f"/children-in-need/plans/{cin_plan.pk}/",
    )
    assert not list(work_items.overdue_actions(CPPlanAction, [cp_plan.person_id], date(2025, 7, 1)))


def test_current_plans_are_those_not_ended(cp_plan, chair, social_worker):
    assert list(CPPlan.objects.current()) == [cp_plan]
    CPPlan.objects.filter(pk=cp_plan.pk).update(status=PlanStatus.ENDED)
    assert not CPPlan.objects.current().exists()


@pytest.mark.parametrize("prefix", ["protection", "children-in-need"])
def test_shared_pages_answer_at_each_kinds_addresses(
    prefix, cp_plan, cin_plan, chair, social_worker, team_manager, client_for
):
    plan = cp_plan if prefix == "protection" else cin_plan
    action = services.add_action(actor=social_worker, plan=plan, data={"what": "Vague"})
    client = client_for(social_worker)
    body = client.get(f"/{prefix}/actions/{action.pk}/edit/").content.decode()
    assert "Change an action" in body and "Vague" in body
    response = client.post(f"/{prefix}/plans/{plan.pk}/edit/", {"worries": "Home", "version": plan.version})
    assert response.status_code == 302 and response["Location"] == f"/{prefix}/plans/{plan.pk}/"
    signer = chair if prefix == "protection" else team_manager
    response = client_for(signer).post(f"/{prefix}/plans/{plan.pk}/sign-off/")
    assert response.status_code == 400 and "Incomplete: no who, by when" in response.content.decode()
    assert (
        f"End the {plan.kind.name}"
        in client_for(signer if prefix == "protection" else social_worker)
        .get(f"/{prefix}/plans/{plan.pk}/end/")
        .content.decode()
    )


def test_an_empty_action_or_one_due_before_the_plan_started_is_refused(cin_plan, social_worker):
    with pytest.raises(ValidationError) as empty:
        services.add_action(actor=social_worker, plan=cin_plan, data={"what": "  ", "by_when": None})
    assert empty.value.message_dict == {"what": ["Enter what needs to happen"]}
    with pytest.raises(ValidationError) as early:
        services.add_action(actor=social_worker, plan=cin_plan, data={**SMART, "by_when": date(2025, 1, 30)})
    assert early.value.message_dict["by_when"] == [
        "By when must be on or after 31 January 2025, when the plan started"
    ]
    action = services.add_action(actor=social_worker, plan=cin_plan, data=SMART)
    with pytest.raises(ValidationError):
        services.edit_action(actor=social_worker, action=action, data={"by_when": date(2024, 12, 1)})
    assert not CINPlanAction.objects.exclude(pk=action.pk).exists()


def test_an_action_of_a_plan_not_yet_signed_off_can_be_deleted_with_audit(
    cin_plan, social_worker, team_manager
):
    from audit.models import AuditEvent

    action = services.add_action(actor=social_worker, plan=cin_plan, data=SMART)
    services.delete_action(actor=social_worker, action=action)
    assert not CINPlanAction.objects.exists()
    assert AuditEvent.objects.filter(action="DELETE", summary__startswith="Deleted an action").exists()

    kept = services.add_action(actor=social_worker, plan=cin_plan, data=SMART)
    cin.sign_off_cin_plan(actor=team_manager, plan=cin_plan, on=date(2025, 2, 3))
    kept.refresh_from_db()
    with pytest.raises(ValidationError):
        services.delete_action(actor=social_worker, action=kept)
    assert CINPlanAction.objects.filter(pk=kept.pk).exists()


@pytest.mark.parametrize("prefix", ["protection", "children-in-need"])
def test_delete_action_page_confirms_then_deletes_and_is_refused_to_other_roles(
    prefix, cp_plan, cin_plan, social_worker, auditor_user, client_for
):
    plan = cp_plan if prefix == "protection" else cin_plan
    action = services.add_action(actor=social_worker, plan=plan, data={"what": "Typed in error"})
    url = f"/{prefix}/actions/{action.pk}/delete/"
    assert client_for(auditor_user).get(url).status_code == 403

    client = client_for(social_worker)
    assert f"{url}" in client.get(f"/{prefix}/plans/{plan.pk}/").content.decode()
    unconfirmed = client.post(url, {"confirm": ""})
    assert unconfirmed.status_code == 400 and "Yes, delete this action" in unconfirmed.content.decode()
    deleted = client.post(url, {"confirm": "on"})
    assert deleted.status_code == 302 and deleted["Location"] == f"/{prefix}/plans/{plan.pk}/"
    assert not type(action).objects.filter(pk=action.pk).exists()
