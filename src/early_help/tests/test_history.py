"""The import of past early help episodes: each part held to the rules of the service that
would have recorded it, the status history written through the declared machine."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from early_help import services
from early_help.models import EarlyHelpEpisode, EntryRoute, EpisodeStatus

pytestmark = pytest.mark.django_db


def _row(child, worker, **extra):
    return services.HistoricEpisode(
        person_id=child.pk,
        worker=worker,
        start_date=extra.pop("start_date", date(2025, 1, 6)),
        reason=extra.pop("reason", "Routines"),
        lead_professional=("Mrs Patel", "School"),
        **extra,
    )


def test_bulk_episodes_write_history_and_refuse_second_open_episode(eh_worker, child):
    row = _row(
        child,
        eh_worker,
        assessment=(date(2025, 1, 8), date(2025, 2, 1), "Plan agreed"),
        meeting=(date(2025, 2, 1), [("Mum", "", True), ("GP", "Health", False)]),
        actions=[("Course", "Mum", date(2025, 3, 1), date(2025, 2, 20))],
        fgc=(date(2025, 2, 10), None),
    )
    (episode,) = services.bulk_record_episodes(actor=eh_worker, rows=[row])
    assert episode.status == EpisodeStatus.OPEN and episode.meetings.get().attendance.count() == 2
    assert episode.fgc_requests.get().is_waiting and [h.event for h in episode.status_history.all()] == [
        "start"
    ]
    with pytest.raises(ValidationError):
        services.bulk_record_episodes(actor=eh_worker, rows=[row])


def test_bulk_episodes_end_through_the_machine_and_hand_over_a_step_down(eh_worker, child):
    row = _row(
        child,
        eh_worker,
        entry_route=EntryRoute.STEP_DOWN,
        step_down=("Assessment team", "Family agreed to early help"),
        end=(date(2025, 6, 2), "OUTCOMES_MET"),
    )
    (episode,) = services.bulk_record_episodes(actor=eh_worker, rows=[row])
    assert episode.status == EpisodeStatus.CLOSED and episode.end_reason == "OUTCOMES_MET"
    assert [(h.event, h.status) for h in episode.status_history.all()] == [
        ("start", "OPEN"),
        ("end", "CLOSED"),
    ]
    handover = episode.handovers.get()
    assert handover.from_service == "Assessment team" and handover.reason == "Needs can be met by early help"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"end": (date(2025, 5, 1), "STEP_UP")}, "Use step-up to hand the child over to social care"),
        ({"start_date": date(2099, 1, 6)}, "The start date must be today or in the past"),
        ({"reason": " "}, "Enter the reason for early help"),
        ({"entry_route": EntryRoute.STEP_DOWN}, "Enter who handed over and a summary of the handover"),
        ({"meeting": (date(2025, 2, 1), [])}, "Enter at least one person invited to the meeting"),
        (
            {"actions": [("Course", "Mum", date(2024, 3, 1), None)]},
            "The date must be after the episode started",
        ),
        ({"fgc": (date(2025, 2, 10), date(2025, 2, 1))}, "The date must be on or after the request"),
        ({"assessment": (date(2025, 1, 8), date(2025, 2, 1), "")}, "Enter the outcome of the assessment"),
    ],
)
def test_bulk_episodes_refuse_a_row_the_services_would_refuse(eh_worker, child, extra, message):
    with pytest.raises(ValidationError, match=f"Episode 1: .*{message}"):
        services.bulk_record_episodes(actor=eh_worker, rows=[_row(child, eh_worker, **extra)])
    assert not EarlyHelpEpisode.objects.exists()


def test_bulk_episodes_refuse_an_action_in_the_words_of_add_plan_action(eh_worker, child):
    row = _row(child, eh_worker, actions=[("Course", "Mum", date(2024, 1, 1), None)])
    with pytest.raises(ValidationError) as bulk:
        services.bulk_record_episodes(actor=eh_worker, rows=[row])
    episode = services.start_episode(
        actor=eh_worker, person=child, start_date=row.start_date, reason=row.reason
    )
    with pytest.raises(ValidationError) as single:
        services.add_plan_action(
            actor=eh_worker, episode=episode, what="Course", who="Mum", by_when=date(2024, 1, 1)
        )
    assert single.value.messages[0] in bulk.value.messages[0]
