"""The duplicate sweep's queue: proposing, rejecting (remembered) and accepting (the one merge)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.module_loading import import_string
from django_q.models import Schedule

from audit.models import AuditEvent
from people.models import MergeRecord, RecordStatus
from people.tests.factories import make_person
from quality import services, tasks
from quality.duplicate_queue import awaiting_count
from quality.models import DuplicatePair, DuplicatePairStatusChange, DuplicateSweep, PairStatus
from quality.services import duplicates as duplicate_services
from returns import schedules

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(social_worker):
    """Two seeded duplicates, and twins who are two people."""
    return {
        "ava": make_person(social_worker, "Ava", "Thompson", date_of_birth=date(2016, 4, 9)),
        "ava copy": make_person(social_worker, "Ava", "Thomson", date_of_birth=date(2016, 4, 9)),
        "leo": make_person(social_worker, "Leo", "Nowak", date_of_birth=date(2018, 3, 7)),
        "leo copy": make_person(social_worker, "Leo", "Nowak", date_of_birth=date(2018, 7, 3)),
        "twin": make_person(social_worker, "Mia", "Walker", date_of_birth=date(2015, 8, 1)),
        "other twin": make_person(social_worker, "Isla", "Walker", date_of_birth=date(2015, 8, 1)),
    }


def _pair(people, a, b) -> DuplicatePair:
    low, high = sorted((people[a].pk, people[b].pk))
    return DuplicatePair.objects.get(person_id=low, other_person_id=high)


def test_the_sweep_queues_the_seeded_duplicates_with_score_and_reasons(seeded):
    sweep = services.sweep_for_duplicates(actor=None)

    assert (sweep.people, sweep.probable, sweep.proposed) == (6, 2, 2)
    assert DuplicatePair.objects.count() == 2
    ava = _pair(seeded, "ava", "ava copy")
    assert ava.status == PairStatus.PROPOSED
    assert ava.reasons == ["Same date of birth", "family name one letter different", "same given name"]
    assert ava.score == pytest.approx(0.9)
    assert _pair(seeded, "leo", "leo copy").reasons[0] == "Date of birth with day and month swapped"
    assert awaiting_count() == 2


def test_a_second_sweep_adds_no_pair_twice(seeded):
    services.sweep_for_duplicates(actor=None)

    again = services.sweep_for_duplicates(actor=None)

    assert (again.probable, again.proposed) == (2, 0)
    assert DuplicatePair.objects.count() == 2
    assert DuplicateSweep.objects.count() == 2


def test_the_scheduled_task_runs_the_sweep(seeded):
    assert tasks.duplicate_sweep() == "2 new pairs to review of 2 probable, 6 people"


def test_the_sweep_is_scheduled_nightly_by_the_task_above():
    item = next(s for s in schedules.SCHEDULES if s.name == "quality: duplicate sweep")

    assert import_string(item.func) is tasks.duplicate_sweep
    assert item.schedule_type == Schedule.DAILY


def test_a_rejected_pair_is_never_proposed_again(seeded, team_manager):
    services.sweep_for_duplicates(actor=None)
    pair = _pair(seeded, "ava", "ava copy")

    services.reject_pair(actor=team_manager, pair=pair, reason="Different mothers on the birth records")
    later = services.sweep_for_duplicates(actor=team_manager)

    pair.refresh_from_db()
    assert (pair.status, pair.decided_by, pair.decision_reason) == (
        PairStatus.REJECTED,
        team_manager,
        "Different mothers on the birth records",
    )
    assert pair.decided_at is not None
    assert later.proposed == 0
    assert DuplicatePair.objects.filter(status=PairStatus.PROPOSED).count() == 1
    assert awaiting_count() == 1
    history = DuplicatePairStatusChange.objects.get(pair=pair)
    assert (history.event, history.status, history.recorded_by) == ("reject", "rejected", team_manager)
    assert history.event_label == "Rejected: not the same person"


def test_accepting_a_pair_merges_through_the_merge_service(seeded, team_manager, monkeypatch):
    services.sweep_for_duplicates(actor=None)
    pair = _pair(seeded, "leo", "leo copy")
    calls = []
    merge = duplicate_services.merge_people

    def spy(**kwargs):
        calls.append(kwargs)
        return merge(**kwargs)

    monkeypatch.setattr(duplicate_services, "merge_people", spy)

    services.accept_pair(actor=team_manager, pair=pair, keep=seeded["leo"], reason="Same school and address")

    assert [(c["survivor"].pk, c["duplicate"].pk) for c in calls] == [
        (seeded["leo"].pk, seeded["leo copy"].pk)
    ]
    pair.refresh_from_db()
    record = MergeRecord.objects.get()
    assert (pair.status, pair.merge, pair.decided_by) == (PairStatus.ACCEPTED, record, team_manager)
    assert (record.survivor, record.duplicate, record.reason) == (
        seeded["leo"],
        seeded["leo copy"],
        "Same school and address",
    )
    seeded["leo copy"].refresh_from_db()
    assert seeded["leo copy"].record_status == RecordStatus.MERGED
    assert DuplicatePairStatusChange.objects.get(pair=pair).event == "accept"
    assert AuditEvent.objects.filter(object_type="quality.DuplicatePair", object_id=str(pair.pk)).exists()
    assert awaiting_count() == 1


def test_a_pair_whose_record_was_merged_elsewhere_leaves_the_queue(seeded, team_manager):
    services.sweep_for_duplicates(actor=None)
    from people.services import merge_people

    merge_people(
        actor=team_manager, survivor=seeded["ava"], duplicate=seeded["ava copy"], reason="Same child"
    )

    assert awaiting_count() == 1


def test_a_decision_needs_a_reason_a_kept_record_of_the_pair_and_is_made_once(seeded, team_manager):
    services.sweep_for_duplicates(actor=None)
    pair = _pair(seeded, "ava", "ava copy")

    with pytest.raises(ValidationError, match="Enter why these are different people"):
        services.reject_pair(actor=team_manager, pair=pair, reason="  ")
    with pytest.raises(ValidationError, match="Select which record to keep"):
        services.accept_pair(actor=team_manager, pair=pair, keep=seeded["leo"], reason="Same child")
    services.reject_pair(actor=team_manager, pair=pair, reason="Different people")
    with pytest.raises(ValidationError, match="already been decided"):
        services.accept_pair(actor=team_manager, pair=pair, keep=seeded["ava"], reason="Same child")
    assert not MergeRecord.objects.exists()


def test_only_reviewers_decide_pairs(seeded, social_worker):
    services.sweep_for_duplicates(actor=None)
    pair = _pair(seeded, "ava", "ava copy")

    with pytest.raises(PermissionDenied):
        services.reject_pair(actor=social_worker, pair=pair, reason="Different people")
    with pytest.raises(PermissionDenied):
        services.accept_pair(actor=social_worker, pair=pair, keep=seeded["ava"], reason="Same child")
    with pytest.raises(PermissionDenied):
        services.sweep_for_duplicates(actor=social_worker)
    pair.refresh_from_db()
    assert pair.status == PairStatus.PROPOSED
