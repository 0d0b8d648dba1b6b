"""The sign-off steps tell the people who act next: the manager when an assessment is submitted,
the worker when it is authorised or returned (with the manager's comment). Each notification is
made by the service making the step, in its transaction; a restricted child is never named."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.permissions import Role
from assessments import services
from assessments.models import AssessmentStatus
from assessments.tests.test_assessments import COMPLETE
from core.models import Notification
from people.tests.factories import restrict
from protection.tests.factories import make_referral


@pytest.fixture
def submitted_later(child, social_worker):
    """A complete assessment, not yet submitted."""
    referral = make_referral(child, social_worker, date(2025, 4, 1))
    a = services.start_assessment(actor=social_worker, referral=referral, start_date=date(2025, 4, 2))
    services.record_assessment(actor=social_worker, assessment=a, data=COMPLETE)
    return a


def _notes(user):
    return list(Notification.objects.filter(recipient=user))


def test_manager_notified_when_assessment_submitted(submitted_later, social_worker, team_manager):
    services.submit_assessment(actor=social_worker, assessment=submitted_later, on=date(2025, 5, 1))
    (note,) = _notes(team_manager)
    assert note.subject == "Child and family assessment submitted for authorisation for Amelia Hughes"
    assert "Submitted by Social Tester on 1 May 2025" in note.body
    assert note.link == reverse("assessments:detail", args=[submitted_later.pk])
    assert note.created_at.date() == date(2025, 5, 1)  # dated when it happened
    assert note.read_at is None
    assert _notes(social_worker) == []


def test_worker_notified_when_assessment_authorised(submitted_later, social_worker, team_manager):
    services.submit_assessment(actor=social_worker, assessment=submitted_later)
    services.authorise_assessment(actor=team_manager, assessment=submitted_later, comments="Sound analysis")
    (note,) = _notes(social_worker)
    assert note.subject == "Child and family assessment authorised for Amelia Hughes"
    assert "Authorised by Team Tester" in note.body


def test_worker_notified_with_the_managers_comment_when_assessment_returned(
    submitted_later, social_worker, team_manager
):
    services.submit_assessment(actor=social_worker, assessment=submitted_later)
    services.return_assessment(
        actor=team_manager, assessment=submitted_later, comments="Weigh the risks against the strengths"
    )
    (note,) = _notes(social_worker)
    assert note.subject == "Child and family assessment returned for more work for Amelia Hughes"
    assert note.body == "Team Tester: Weigh the risks against the strengths"


@pytest.mark.parametrize("step", ["submit", "authorise", "return"])
def test_step_and_notification_undone_together_when_the_notification_fails(
    step, submitted_later, social_worker, team_manager, monkeypatch
):
    """The notification is written in the step's transaction: if it cannot be written, the
    step is not made either."""
    if step != "submit":
        services.submit_assessment(actor=social_worker, assessment=submitted_later)
    before = Notification.objects.count()

    def fail(**kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("notification store unavailable")

    monkeypatch.setattr(services, "notify_about_child", fail)
    with pytest.raises(RuntimeError):
        if step == "submit":
            services.submit_assessment(actor=social_worker, assessment=submitted_later)
        elif step == "authorise":
            services.authorise_assessment(
                actor=team_manager, assessment=submitted_later, comments="Sound analysis"
            )
        else:
            services.return_assessment(actor=team_manager, assessment=submitted_later, comments="Not yet")
    submitted_later.refresh_from_db()
    expected = AssessmentStatus.IN_PROGRESS if step == "submit" else AssessmentStatus.AWAITING_AUTHORISATION
    assert submitted_later.status == expected
    assert submitted_later.returns.count() == 0
    assert Notification.objects.count() == before


def test_no_notification_when_refused(submitted_later, social_worker, team_manager):
    services.submit_assessment(actor=social_worker, assessment=submitted_later)
    with pytest.raises(Exception):  # noqa: B017, PT011  # a return needs its comment
        services.return_assessment(actor=team_manager, assessment=submitted_later, comments=" ")
    assert _notes(social_worker) == []


def test_nobody_notified_of_their_own_step_or_when_asked_not_to(submitted_later, team_manager, child):
    # A manager submitting their own assessment is not told to authorise it.
    submitted_later.worker = team_manager
    submitted_later.save(update_fields=["worker"])
    services.submit_assessment(actor=team_manager, assessment=submitted_later)
    services.authorise_assessment(
        actor=team_manager, assessment=submitted_later, comments="Sound analysis", notify=False
    )
    assert _notes(team_manager) == []


def test_restricted_childs_notification_says_only_a_restricted_record(
    submitted_later, social_worker, team_manager, make_user
):
    keeper = make_user(Role.SERVICE_MANAGER, "keeper")
    restrict(keeper, submitted_later.person, named_users=[social_worker, team_manager])
    services.submit_assessment(actor=social_worker, assessment=submitted_later)
    services.return_assessment(actor=team_manager, assessment=submitted_later, comments="Amelia's nan said …")
    for user in (team_manager, social_worker):
        (note,) = _notes(user)
        assert note.subject.endswith("for a restricted record")
        assert "Amelia" not in note.subject + note.body
        assert note.body == ""
        assert note.link == reverse("assessments:detail", args=[submitted_later.pk])
