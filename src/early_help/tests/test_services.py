from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.workflow import TransitionRefused
from early_help import clocks, services
from early_help.models import EndReason, EntryRoute, EpisodeStatus
from frontdoor.models import Contact, ContactStatus

pytestmark = pytest.mark.django_db


def test_days_waiting_counts_calendar_days_to_today_or_outcome():
    assert clocks.days_waiting(date(2025, 3, 1), date(2025, 3, 31)) == 30
    assert clocks.days_waiting(date(2025, 3, 1), date(2025, 3, 31), ended_on=date(2025, 3, 11)) == 10
    assert clocks.days_waiting(date(2025, 3, 1), date(2025, 3, 1)) == 0


def test_start_episode_defaults_lead_professional_to_worker(episode, eh_worker):
    assert episode.status == EpisodeStatus.OPEN
    assert episode.lead_professional_name == eh_worker.display_name
    assert [h.event for h in episode.status_history.all()] == ["start"]


def test_start_episode_refused_for_social_worker_and_when_already_open(
    social_worker, eh_worker, child, episode
):
    with pytest.raises(PermissionDenied):
        services.start_episode(actor=social_worker, person=child, start_date=date(2025, 2, 3), reason="x")
    with pytest.raises(ValidationError):
        services.start_episode(actor=eh_worker, person=child, start_date=date(2025, 2, 3), reason="x")


def _stepped_down(worker, child, **extra):  # type: ignore[no-untyped-def]
    """An early help episode from 3 February 2025 for a child stepped down from social care."""
    return services.start_episode(
        actor=worker, person=child, start_date=date(2025, 2, 3), entry_route=EntryRoute.STEP_DOWN, **extra
    )


def test_step_down_records_handover(eh_worker, child):
    episode = _stepped_down(
        eh_worker,
        child,
        reason="Step-down after CIN plan",
        step_down_from="Safeguarding Team 2",
        step_down_summary="CIN plan ended; support with routines continues.",
    )
    handover = episode.handovers.get()
    assert (handover.direction, handover.from_service) == ("STEP_DOWN", "Safeguarding Team 2")


def test_step_down_needs_summary(eh_worker, child):
    with pytest.raises(ValidationError):
        _stepped_down(eh_worker, child, reason="x")


def test_lead_professional_from_partner_agency(episode, eh_worker):
    services.set_lead_professional(
        actor=eh_worker, episode=episode, name="Mrs Patel", agency="St Mary's Primary"
    )
    assert episode.lead_professional_agency == "St Mary's Primary"


def test_assessment_started_then_completed_with_outcome(episode, eh_worker):
    a = services.record_assessment(actor=eh_worker, episode=episode, started_on=date(2025, 2, 4))

    def complete(**outcome):  # type: ignore[no-untyped-def]
        return services.record_assessment(
            actor=eh_worker,
            episode=episode,
            assessment=a,
            started_on=date(2025, 2, 4),
            completed_on=date(2025, 3, 1),
            **outcome,
        )

    with pytest.raises(ValidationError):
        complete()
    complete(outcome="Plan agreed")
    assert episode.assessments.get().completed_on == date(2025, 3, 1)


def test_meeting_records_attendance(episode, eh_worker):
    m = services.record_meeting(
        actor=eh_worker,
        episode=episode,
        held_on=date(2025, 3, 5),
        notes="",
        attendees=[("Mum", "", True), ("Mr Jones", "School", True), ("Health visitor", "NHS", False)],
    )
    assert m.attendance.filter(attended=False).count() == 1


def test_plan_action_and_completion(episode, eh_worker):
    action = services.add_plan_action(
        actor=eh_worker, episode=episode, what="Attend parenting course", who="Mum", by_when=date(2025, 4, 30)
    )
    services.complete_action(actor=eh_worker, action=action, completed_on=date(2025, 4, 20))
    with pytest.raises(ValidationError):
        services.complete_action(actor=eh_worker, action=action, completed_on=date(2025, 4, 21))


def test_review_needs_progress(episode, eh_worker):
    with pytest.raises(ValidationError):
        services.record_review(actor=eh_worker, episode=episode, reviewed_on=date(2025, 5, 1), progress="")
    services.record_review(actor=eh_worker, episode=episode, reviewed_on=date(2025, 5, 1), progress="Good")


def test_fgc_waiting_list_one_request_at_a_time(episode, eh_worker):
    r = services.request_fgc(actor=eh_worker, episode=episode, requested_on=date(2025, 3, 1))
    with pytest.raises(ValidationError):
        services.request_fgc(actor=eh_worker, episode=episode, requested_on=date(2025, 3, 2))
    services.record_fgc_outcome(actor=eh_worker, request=r, on=date(2025, 4, 10), held=True)
    assert not r.is_waiting and r.held_on == date(2025, 4, 10)


def test_step_up_creates_front_door_contact_and_ends_episode(episode, eh_worker, child):
    handover = services.step_up(
        actor=eh_worker,
        episode=episode,
        handover_date=date(2025, 6, 2),
        reason="Escalating neglect",
        summary="Home conditions worsened despite support.",
    )
    contact = Contact.objects.get()
    assert handover.contact == contact and contact.source == "5D" and contact.status == ContactStatus.RECEIVED
    assert contact.child_links.get().person == child
    episode.refresh_from_db()
    assert (episode.status, episode.end_reason) == (EpisodeStatus.CLOSED, EndReason.STEP_UP)


def test_end_episode_then_no_further_end(episode, eh_worker):
    services.end_episode(
        actor=eh_worker, episode=episode, end_date=date(2025, 7, 1), end_reason=EndReason.OUTCOMES_MET
    )
    with pytest.raises(TransitionRefused):
        services.end_episode(
            actor=eh_worker, episode=episode, end_date=date(2025, 7, 2), end_reason=EndReason.NFA
        )


def test_end_episode_rejects_date_before_start(episode, eh_worker):
    with pytest.raises(ValidationError):
        services.end_episode(
            actor=eh_worker, episode=episode, end_date=date(2025, 1, 1), end_reason=EndReason.NFA
        )
