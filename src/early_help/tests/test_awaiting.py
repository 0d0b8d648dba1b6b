"""Children handed to early help (front door, assessment, end of a CP plan) wait, on the early help
page, until an early help episode starts for them."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import Role
from assessments.models import Assessment, AssessmentStatus
from early_help import queries, services
from early_help.models import EntryRoute
from frontdoor.tests.factories import stepped_to_early_help
from people.tests.factories import make_person, restrict
from protection.models import CPPlan, PlanStatus, StepDown
from protection.tests.factories import make_referral

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()  # the page counts from today: the handovers are dated from it


def _child(actor, given: str):  # type: ignore[no-untyped-def]
    return make_person(actor, given, "Waiting")


def _assessed_for_early_help(worker, child, day: date) -> None:  # type: ignore[no-untyped-def]
    Assessment.objects.create(
        person=child,
        referral=make_referral(child, worker, day - timedelta(days=30)),
        start_date=day - timedelta(days=20),
        due_date=day + timedelta(days=20),
        calendar_version="test",
        worker=worker,
        outcomes=["CIN_PLAN", "EARLY_HELP"] if child.given_name != "Nia" else ["NFA"],
        submitted_on=day,
        authorised_on=day,
        authorised_by=worker,
        status=AssessmentStatus.AUTHORISED,
    )


def _plan_stepped_down_to_early_help(chair, child, day: date) -> None:  # type: ignore[no-untyped-def]
    CPPlan.objects.create(
        person=child,
        referral=make_referral(child, chair, day - timedelta(days=400)),
        start_date=day - timedelta(days=300),
        category="NEG",
        chair=chair,
        first_core_group_due=day - timedelta(days=290),
        first_review_due=day - timedelta(days=210),
        calendar_version="test",
        end_date=day,
        status=PlanStatus.ENDED,
        step_down=StepDown.EARLY_HELP,
    )


@pytest.fixture
def handed_over(make_user, social_worker, team_manager):  # type: ignore[no-untyped-def]
    screener = make_user(Role.FRONT_DOOR, "fd.screener", registered_social_worker=True)
    front_door = _child(social_worker, "Ada")
    assessed = _child(social_worker, "Ben")
    stepped_down = _child(social_worker, "Cai")
    not_for_early_help = _child(social_worker, "Nia")
    stepped_to_early_help(screener, team_manager, front_door, TODAY - timedelta(days=28))
    _assessed_for_early_help(social_worker, assessed, TODAY - timedelta(days=49))
    _assessed_for_early_help(social_worker, not_for_early_help, TODAY - timedelta(days=49))
    _plan_stepped_down_to_early_help(team_manager, stepped_down, TODAY - timedelta(days=119))
    return {"front_door": front_door, "assessed": assessed, "stepped_down": stepped_down}


def test_children_handed_to_early_help_wait_longest_first_with_where_they_came_from(eh_worker, handed_over):
    rows = queries.awaiting_early_help(eh_worker, TODAY).rows
    assert [(r.person, r.route, r.since, r.days_waiting) for r in rows] == [
        (handed_over["stepped_down"], EntryRoute.STEP_DOWN, TODAY - timedelta(days=119), 119),
        (handed_over["assessed"], EntryRoute.STEP_DOWN, TODAY - timedelta(days=49), 49),
        (handed_over["front_door"], EntryRoute.FRONT_DOOR, TODAY - timedelta(days=28), 28),
    ]
    assert [r.source for r in rows] == [
        "Child protection plan ended: step down to early help",
        "Assessment: referral to early help",
        "Front door: step to early help",
    ]


def test_a_child_stops_waiting_when_early_help_starts_not_for_an_episode_before_the_handover(
    eh_worker, handed_over
):
    ada, ben = handed_over["front_door"], handed_over["assessed"]
    before = services.start_episode(
        actor=eh_worker, person=ben, start_date=TODAY - timedelta(days=300), reason="Earlier"
    )
    services.end_episode(
        actor=eh_worker, episode=before, end_date=TODAY - timedelta(days=200), end_reason="OUTCOMES_MET"
    )
    services.start_episode(
        actor=eh_worker,
        person=ada,
        start_date=TODAY - timedelta(days=21),
        reason="Attendance",
        entry_route="FRONT_DOOR",
    )
    waiting = {r.person for r in queries.awaiting_early_help(eh_worker, TODAY).rows}
    assert ada not in waiting  # early help started after the front door's decision
    assert ben in waiting  # the episode that ended before this handover does not count


def test_handovers_older_than_the_window_are_not_listed(eh_worker, handed_over):
    waiting = {r.person for r in queries.awaiting_early_help(eh_worker, TODAY, within_days=100).rows}
    assert waiting == {handed_over["front_door"], handed_over["assessed"]}


def test_the_early_help_page_lists_them_with_a_link_that_starts_early_help_by_their_route(
    client_for, eh_worker, handed_over
):
    client = client_for(eh_worker)
    page = client.get(reverse("early_help:home")).content.decode()
    assert "Waiting for early help (3)" in page
    ada = handed_over["front_door"]
    start = reverse("early_help:start", args=[ada.pk])
    assert f"{start}?route=FRONT_DOOR" in page
    form = client.get(start, {"route": "FRONT_DOOR"}).content.decode()
    assert 'value="FRONT_DOOR" checked' in form
    assert 'value="DIRECT" checked' in client.get(start, {"route": "<script>"}).content.decode()


def test_restricted_children_are_not_listed_to_those_who_may_not_see_them(
    eh_worker, handed_over, team_manager
):
    restrict(team_manager, handed_over["assessed"])
    waiting = {r.person for r in queries.awaiting_early_help(eh_worker, TODAY).rows}
    assert handed_over["assessed"] not in waiting and len(waiting) == 2


def test_only_the_longest_waiting_are_listed_when_many_wait(client_for, eh_worker, handed_over, monkeypatch):
    found = queries.awaiting_early_help(eh_worker, TODAY, limit=2)
    assert [r.person for r in found.rows] == [handed_over["stepped_down"], handed_over["assessed"]]
    assert found.total == 3
    monkeypatch.setattr(queries, "AWAITING_LISTED", 2)
    page = client_for(eh_worker).get(reverse("early_help:home")).content.decode()
    assert "Waiting for early help (3)" in page and "The 2 who have waited longest are listed." in page
