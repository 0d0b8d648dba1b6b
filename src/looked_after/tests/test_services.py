from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from looked_after import queries, services
from looked_after.models import CareEpisode, EscalationStatus, LegalStatusPeriod, MissingEpisode, Placement
from looked_after.services import ActionDetails

from .factories import foster, hold_review, take_into_care, with_parents


def episodes(period):
    return list(CareEpisode.objects.filter(period=period).order_by("start_date", "id"))


def test_start_care_opens_an_s_episode_with_status_and_placement_when_valid(in_care, child):
    [episode] = episodes(in_care)
    assert episode.reason_new_episode == "S"
    assert episode.start_date == date(2024, 3, 14)
    assert episode.legal_status.legal_status == "V2"
    assert episode.placement.placement_type == "U6"
    assert episode.placement.distance_miles == Decimal("999.9")
    assert AuditEvent.objects.filter(person_id=child.pk, summary="Started to be looked after").exists()


def test_start_care_is_refused_when_actor_lacks_permission(child, auditor_user):
    with pytest.raises(PermissionDenied):
        take_into_care(auditor_user, child)


def test_start_care_is_refused_when_already_looked_after(in_care, child, social_worker):
    with pytest.raises(ValidationError) as exc:
        take_into_care(social_worker, child, date(2024, 5, 1))
    assert "start_date" in exc.value.message_dict


def test_legal_status_change_only_gives_rne_l_and_x1_when_recorded(in_care, social_worker):
    services.record_change(actor=social_worker, period=in_care, on=date(2024, 4, 2), legal_status="C1")
    first, second = episodes(in_care)
    assert (first.end_date, first.reason_ceased) == (date(2024, 4, 2), "X1")
    assert (second.start_date, second.reason_new_episode) == (date(2024, 4, 2), "L")
    assert second.placement_id == first.placement_id
    assert [s.legal_status for s in LegalStatusPeriod.objects.filter(period=in_care)] == ["V2", "C1"]


@pytest.mark.parametrize(("same_carer", "rne"), [(False, "P"), (True, "T")])
def test_placement_change_gives_p_or_t_when_carer_changes_or_not(in_care, social_worker, same_carer, rne):
    services.record_change(
        actor=social_worker,
        period=in_care,
        on=date(2024, 5, 1),
        placement=foster("Ms Reid"),
        same_carer=same_carer,
        reason_for_change="CREQB",
    )
    first, second = episodes(in_care)
    assert second.reason_new_episode == rne
    assert first.reason_ceased == "X1"
    old = Placement.objects.get(pk=first.placement_id)
    assert (old.end_date, old.reason_for_change) == (date(2024, 5, 1), "CREQB")
    assert second.legal_status_id == first.legal_status_id


@pytest.mark.parametrize(("same_carer", "rne"), [(False, "B"), (True, "U")])
def test_both_changing_gives_b_or_u_when_recorded_together(in_care, social_worker, same_carer, rne):
    services.record_change(
        actor=social_worker,
        period=in_care,
        on=date(2024, 5, 1),
        legal_status="C2",
        placement=foster("Ms Reid"),
        same_carer=same_carer,
        reason_for_change="CARPL",
    )
    assert episodes(in_care)[-1].reason_new_episode == rne


def test_change_is_refused_when_on_the_day_the_episode_started(in_care, social_worker):
    with pytest.raises(ValidationError) as exc:
        services.record_change(actor=social_worker, period=in_care, on=date(2024, 3, 14), legal_status="C1")
    assert "on" in exc.value.message_dict


def test_placement_change_needs_a_reason_when_recorded(in_care, social_worker):
    with pytest.raises(ValidationError) as exc:
        services.record_change(
            actor=social_worker, period=in_care, on=date(2024, 5, 1), placement=foster("X")
        )
    assert "reason_for_change" in exc.value.message_dict


def test_same_legal_status_alone_is_refused_when_nothing_changes(in_care, social_worker):
    with pytest.raises(ValidationError):
        services.record_change(actor=social_worker, period=in_care, on=date(2024, 5, 1), legal_status="V2")


def test_end_care_puts_rec_on_the_last_episode_when_child_returns_home(in_care, social_worker):
    services.record_change(actor=social_worker, period=in_care, on=date(2024, 4, 2), legal_status="C1")
    services.end_care(actor=social_worker, period=in_care, on=date(2024, 9, 1), reason_ceased="E4A")
    first, last = episodes(in_care)
    assert first.reason_ceased == "X1"
    assert (last.end_date, last.reason_ceased) == (date(2024, 9, 1), "E4A")
    in_care.refresh_from_db()
    assert (in_care.end_date, in_care.reason_ceased) == (date(2024, 9, 1), "E4A")
    assert Placement.objects.get(pk=last.placement_id).end_date == date(2024, 9, 1)


def test_end_care_refuses_x1_when_ending_the_period(in_care, social_worker):
    with pytest.raises(ValidationError):
        services.end_care(actor=social_worker, period=in_care, on=date(2024, 9, 1), reason_ceased="X1")


def test_placement_with_parents_needs_parent_provider_when_recorded(child, social_worker):
    with pytest.raises(ValidationError) as exc:
        take_into_care(social_worker, child, legal_status="C2", placement=with_parents(provider="PR1"))
    assert "provider" in exc.value.message_dict


def test_placement_with_parents_is_approved_only_by_a_service_manager(child, social_worker, service_manager):
    period = take_into_care(social_worker, child, legal_status="C2", placement=with_parents())
    placement = Placement.objects.get(period=period)
    assert placement.awaiting_parent_approval
    with pytest.raises(PermissionDenied):
        services.approve_placement_with_parents(
            actor=social_worker,
            placement=placement,
            approved_on=date(2024, 3, 15),
            review_on=date(2024, 6, 15),
        )
    services.approve_placement_with_parents(
        actor=service_manager, placement=placement, approved_on=date(2024, 3, 15), review_on=date(2024, 6, 15)
    )
    placement.refresh_from_db()
    assert placement.parent_approval_by == service_manager and not placement.awaiting_parent_approval


def test_urn_is_validated_when_given(child, social_worker):
    with pytest.raises(ValidationError) as exc:
        take_into_care(social_worker, child, placement=foster(urn="ABC"))
    assert "urn" in exc.value.message_dict


def test_review_records_due_date_and_smart_actions_when_held(in_care, iro):
    review = hold_review(
        iro,
        in_care,
        date(2024, 4, 16),
        child_views="I want to see my brother",
        actions=[ActionDetails("Social worker", "Arrange sibling contact", date(2024, 5, 1))],
    )
    assert (review.sequence, review.rule_id, review.due_date) == (1, "lac_first_review", date(2024, 4, 15))
    assert not review.on_time
    assert review.calendar_version
    [action] = review.actions.all()
    services.complete_review_action(
        actor=iro.__class__.objects.get(pk=in_care.created_by_id),
        action=action,
        completed_on=date(2024, 4, 30),
    )
    action.refresh_from_db()
    assert action.completed_on == date(2024, 4, 30)
    second = hold_review(iro, in_care, date(2024, 7, 1), iro_met_child=False)
    assert (second.sequence, second.rule_id, second.due_date) == (2, "lac_second_review", date(2024, 7, 16))


def test_review_is_refused_when_actor_is_a_social_worker(in_care, social_worker):
    with pytest.raises(PermissionDenied):
        hold_review(social_worker, in_care, date(2024, 4, 1))


def test_escalation_moves_through_formal_stages_to_resolution_when_progressed(in_care, iro):
    escalation = services.raise_escalation(
        actor=iro, period=in_care, raised_on=date(2024, 5, 1), issue="No PEP"
    )
    for expected in (EscalationStatus.FORMAL_1, EscalationStatus.FORMAL_2, EscalationStatus.FORMAL_3):
        services.progress_escalation(actor=iro, escalation=escalation, event="escalate")
        assert escalation.status == expected
    with pytest.raises(ValidationError):
        services.progress_escalation(actor=iro, escalation=escalation, event="escalate")
    services.progress_escalation(actor=iro, escalation=escalation, event="resolve", outcome="PEP held")
    assert escalation.status == EscalationStatus.RESOLVED
    assert escalation.history.count() == 5


def test_allocate_iro_refuses_a_non_iro_when_chosen(child, team_manager, social_worker, iro):
    with pytest.raises(ValidationError):
        services.allocate_iro(
            actor=team_manager, person=child, iro=social_worker, start_date=date(2024, 3, 15)
        )
    services.allocate_iro(actor=team_manager, person=child, iro=iro, start_date=date(2024, 3, 15))
    assert queries.current_iro(child).worker == iro


def test_sdq_needs_score_or_reason_not_both_when_recorded(child, social_worker):
    with pytest.raises(ValidationError):
        services.record_health_check(
            actor=social_worker, person=child, kind="REVIEW", completed_on=date(2024, 5, 1), sdq_score=41
        )
    with pytest.raises(ValidationError):
        services.record_health_check(
            actor=social_worker,
            person=child,
            kind="REVIEW",
            completed_on=date(2024, 5, 1),
            sdq_score=12,
            sdq_reason="SDQ2",
        )
    check = services.record_health_check(
        actor=social_worker, person=child, kind="REVIEW", completed_on=date(2024, 5, 1), sdq_score=12
    )
    assert check.sdq_score == 12


def test_education_plans_are_appended_not_overwritten_when_recorded_each_term(in_care, social_worker):
    for term, targets in ((date(2024, 4, 1), "Read daily"), (date(2024, 7, 1), "Times tables")):
        services.record_education_plan(
            actor=social_worker, period=in_care, meeting_on=term, school="St Anne's", targets=targets
        )
    assert list(in_care.education_plans.values_list("targets", flat=True)) == ["Read daily", "Times tables"]


def test_missing_episode_and_return_interview_are_recorded_when_child_returns(child, social_worker):
    now = timezone.now()
    episode = services.record_missing_episode(
        actor=social_worker, person=child, kind="M", started_at=now - timedelta(days=2), police_informed=True
    )
    with pytest.raises(ValidationError):
        services.record_return(actor=social_worker, episode=episode, rhi_held_at=now - timedelta(hours=1))
    services.record_return(actor=social_worker, episode=episode, ended_at=now - timedelta(days=1))
    services.record_return(
        actor=social_worker, episode=episode, rhi_held_at=now - timedelta(hours=1), rhi_by="Barnardo's"
    )
    episode.refresh_from_db()
    assert episode.rhi_offered and episode.rhi_accepted and episode.rhi_by == "Barnardo's"


def test_missing_episode_is_refused_when_return_precedes_start(child, social_worker):
    with pytest.raises(ValidationError):
        services.record_missing_episode(
            actor=social_worker,
            person=child,
            kind="A",
            started_at=datetime(2024, 5, 2, 10),
            ended_at=datetime(2024, 5, 1, 10),
        )


def test_screening_review_must_follow_screening_when_recorded(child, social_worker):
    with pytest.raises(ValidationError):
        services.record_screening(
            actor=social_worker,
            person=child,
            screened_on=date(2024, 5, 1),
            score=10,
            review_on=date(2024, 5, 1),
        )


def test_every_service_says_the_childs_record_changed_when_it_commits(
    told, child, social_worker, service_manager, team_manager, iro
):
    sw, now = social_worker, timezone.now()
    period, people = told(lambda: take_into_care(sw, child, legal_status="C2", placement=with_parents()))
    calls = [
        lambda: services.approve_placement_with_parents(
            actor=service_manager,
            placement=Placement.objects.get(period=period),
            approved_on=date(2024, 3, 15),
            review_on=date(2024, 6, 15),
        ),
        lambda: services.record_change(
            actor=sw,
            period=period,
            on=date(2024, 4, 2),
            placement=foster(),
            reason_for_change="CARPL",
        ),
        lambda: services.record_plans(actor=sw, period=period, care_plan_completed_on=date(2024, 4, 3)),
        lambda: services.allocate_iro(
            actor=team_manager, person=child, iro=iro, start_date=date(2024, 3, 14)
        ),
        lambda: hold_review(
            iro, period, actions=[ActionDetails("Social worker", "Arrange contact", date(2024, 5, 1))]
        ),
        lambda: services.complete_review_action(
            actor=sw, action=period.reviews.get().actions.get(), completed_on=date(2024, 4, 20)
        ),
        lambda: services.raise_escalation(
            actor=iro, period=period, raised_on=date(2024, 5, 1), issue="No PEP"
        ),
        lambda: services.progress_escalation(
            actor=iro, escalation=period.escalations.get(), event="escalate"
        ),
        lambda: services.record_health_check(
            actor=sw, person=child, kind="DENTAL", completed_on=date(2024, 5, 2)
        ),
        lambda: services.record_education_plan(
            actor=sw, period=period, meeting_on=date(2024, 5, 3), school="St Anne's", targets="Read daily"
        ),
        lambda: services.record_missing_episode(
            actor=sw, person=child, kind="M", started_at=now - timedelta(days=2)
        ),
        lambda: services.record_return(
            actor=sw, episode=MissingEpisode.objects.get(person=child), ended_at=now - timedelta(days=1)
        ),
        lambda: services.record_screening(
            actor=sw, person=child, screened_on=date(2024, 5, 4), score=10, review_on=date(2024, 8, 4)
        ),
        lambda: services.end_care(actor=sw, period=period, on=date(2024, 9, 1), reason_ceased="E4A"),
    ]
    assert people == {child.pk}
    assert [told(call)[1] for call in calls] == [{child.pk}] * len(calls)
