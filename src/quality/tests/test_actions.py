"""An action ends done or withdrawn: withdrawn when supervision finds its case direction no
longer needed, or by a manager on a single action, with the reason; a withdrawn action leaves
My work and the overdue counts and shows on the child's record as withdrawn."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from core.workflow import TransitionRefused
from core.worklist import work_items
from quality import measures, services
from quality.models import ActionStatus, AuditTool, DirectionOutcome
from quality.services import ActionRow, ReviewRow

from .conftest import day
from .factories import make_audit


def _titles(person):
    return [i.title for i in work_items({person.pk}, timezone.localdate())]


def _direction_with_two_actions(team_manager, social_worker, person):
    first = services.record_supervision(actor=team_manager, worker=social_worker, held_on=day(-30))
    return services.record_case_direction(
        actor=team_manager,
        session=first,
        person=person,
        analysis="Attendance has fallen since the move.",
        objectives="Attendance above 90% within 8 weeks.",
        review_on=day(-5),
        actions=[
            ActionRow("Meet the school's attendance officer", social_worker, day(-20)),
            ActionRow("Refer to the family support service", social_worker, day(-10)),
        ],
    )


def test_a_direction_no_longer_needed_withdraws_its_open_actions(
    told, team_manager, social_worker, allocated
):
    direction = _direction_with_two_actions(team_manager, social_worker, allocated)
    met, referral = direction.actions.order_by("due_on")
    services.complete_action(actor=social_worker, action=met, done_on=day(-21))
    assert any("family support service" in t for t in _titles(allocated))
    _, people = told(
        lambda: services.record_supervision(
            actor=team_manager,
            worker=social_worker,
            held_on=day(-2),
            reviews=[ReviewRow(direction, DirectionOutcome.NOT_NEEDED, "The family moved out of the area.")],
        )
    )
    assert people == {allocated.pk}
    met.refresh_from_db()
    referral.refresh_from_db()
    assert (met.status, met.done_on) == (ActionStatus.DONE, day(-21))
    assert (referral.status, referral.withdrawn_on) == (ActionStatus.WITHDRAWN, day(-2))
    assert (
        referral.withdrawn_reason
        == "The case direction is no longer needed: The family moved out of the area."
    )
    [history] = referral.status_history.all()
    assert (history.event_label, history.reason, history.recorded_by) == (
        "Action withdrawn",
        referral.withdrawn_reason,
        team_manager,
    )
    assert [h.event for h in met.status_history.all()] == ["complete"]
    assert AuditEvent.objects.filter(person=allocated, summary="Withdrew an action").count() == 1
    assert not any("Meet the school" in t or "family support" in t for t in _titles(allocated))


def test_a_direction_done_or_carried_leaves_its_actions_open(team_manager, social_worker, allocated):
    direction = _direction_with_two_actions(team_manager, social_worker, allocated)
    services.record_supervision(
        actor=team_manager,
        worker=social_worker,
        held_on=day(-2),
        reviews=[ReviewRow(direction, DirectionOutcome.CARRIED, "Waiting for the school.", day(10))],
    )
    assert set(direction.actions.values_list("status", flat=True)) == {ActionStatus.OPEN}


def test_a_manager_withdraws_a_single_action_with_the_reason(told, team_manager, social_worker, allocated):
    direction = _direction_with_two_actions(team_manager, social_worker, allocated)
    action, kept = direction.actions.order_by("due_on")
    with pytest.raises(PermissionDenied):
        services.withdraw_action(actor=social_worker, action=action, withdrawn_on=day(0), reason="Not mine")
    with pytest.raises(ValidationError) as refused:
        services.withdraw_action(actor=team_manager, action=action, withdrawn_on=day(0), reason="  ")
    assert set(refused.value.message_dict) == {"reason"}
    with pytest.raises(ValidationError) as refused:
        services.withdraw_action(actor=team_manager, action=action, withdrawn_on=day(-31), reason="Duplicate")
    assert set(refused.value.message_dict) == {"withdrawn_on"}
    with pytest.raises(ValidationError):
        services.withdraw_action(actor=team_manager, action=action, withdrawn_on=day(1), reason="Duplicate")
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN and not action.status_history.exists()

    _, people = told(
        lambda: services.withdraw_action(
            actor=team_manager,
            action=action,
            withdrawn_on=day(-1),
            reason="The school meeting is in the plan.",
        )
    )
    assert people == {allocated.pk}
    action.refresh_from_db()
    assert (action.status, action.withdrawn_on, action.withdrawn_reason) == (
        ActionStatus.WITHDRAWN,
        day(-1),
        "The school meeting is in the plan.",
    )
    titles = _titles(allocated)
    assert not any("Meet the school" in t for t in titles)
    assert any("family support service" in t for t in titles)
    with pytest.raises(ValidationError):
        services.complete_action(actor=social_worker, action=action, done_on=day(0))
    with pytest.raises(ValidationError):
        services.withdraw_action(actor=team_manager, action=action, withdrawn_on=day(0), reason="Again")
    services.complete_action(actor=social_worker, action=kept, done_on=day(0))
    with pytest.raises(ValidationError):
        services.withdraw_action(actor=team_manager, action=kept, withdrawn_on=day(0), reason="Too late")


def test_the_machine_refuses_to_withdraw_an_action_already_ended(team_manager, social_worker, allocated):
    from django.db import transaction

    from quality.services.actions import withdraw

    direction = _direction_with_two_actions(team_manager, social_worker, allocated)
    action = direction.actions.first()
    services.complete_action(actor=social_worker, action=action, done_on=day(0))
    with pytest.raises(TransitionRefused), transaction.atomic():
        withdraw(actor=team_manager, action=action, on=day(0), reason="Reason")


def test_a_withdrawn_audit_action_is_not_counted_open_or_overdue(
    auditor_user, allocated, social_worker, team_manager
):
    tool = AuditTool.objects.get(name="Practice quality audit")
    audit = make_audit(auditor_user, allocated, tool, audited_on=day(-20))
    late = services.add_audit_action(
        actor=auditor_user,
        audit=audit,
        action=ActionRow("Update the chronology", social_worker, day(-10)),
        set_on=day(-20),
    )
    services.add_audit_action(
        actor=auditor_user,
        audit=audit,
        action=ActionRow("Write the plan's contingency", social_worker, day(-8)),
        set_on=day(-20),
    )
    before = measures.audit_actions_overdue(day(0))
    assert (before.numerator, before.denominator) == (2, 2)
    services.withdraw_action(
        actor=team_manager, action=late, withdrawn_on=day(-3), reason="Covered by the new plan"
    )
    now = measures.audit_actions_overdue(day(0))
    assert (now.numerator, now.denominator) == (1, 1)
    # Open on a day before it was withdrawn, it counted then.
    then = measures.audit_actions_overdue(day(-4))
    assert (then.numerator, then.denominator) == (2, 2)


def test_the_withdraw_page_for_managers_and_the_record_shows_the_reason(
    client_for, team_manager, social_worker, allocated
):
    direction = _direction_with_two_actions(team_manager, social_worker, allocated)
    action = direction.actions.order_by("due_on").first()
    path = reverse("quality:withdraw_action", args=[action.pk])
    assert client_for(social_worker).get(path).status_code == 403
    client = client_for(team_manager)
    # Each action, with its withdraw link, is on the page of every direction in full.
    in_full = reverse("quality:person_oversight", args=[allocated.pk])
    assert path in client.get(in_full).content.decode()
    today = timezone.localdate()
    date = {"withdrawn_on-day": today.day, "withdrawn_on-month": today.month, "withdrawn_on-year": today.year}
    response = client.post(path, date)
    assert response.status_code == 400
    assert "Enter why the action is withdrawn" in response.content.decode()
    response = client.post(path, {**date, "reason": "Agreed at the core group it is not needed."})
    assert response.status_code == 302
    record = client_for(social_worker).get(in_full).content.decode()
    assert "Withdrawn" in record and "Agreed at the core group it is not needed." in record
    assert path not in client.get(in_full).content.decode()
