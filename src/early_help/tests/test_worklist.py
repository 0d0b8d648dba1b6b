"""Early help on My work: the early help worker's episodes' plan reviews and plan actions, due
and overdue, without an allocation; the next review at the authority's standard."""

from datetime import date

import pytest
from django.test import override_settings

from accounts.models import Team
from accounts.permissions import Role
from core.worklist import children_held_by, work_items
from early_help import clocks, services, worklist
from workforce.tests.factories import allocate

pytestmark = pytest.mark.django_db


def test_the_next_review_is_the_standard_after_the_start_or_the_latest_review():
    assert clocks.next_review_due(date(2025, 2, 3), None) == date(2025, 4, 28)
    assert clocks.next_review_due(date(2025, 2, 3), date(2025, 5, 1)) == date(2025, 7, 24)
    with override_settings(HARBOUR_EARLY_HELP={"plan_review_weeks": 6}):
        assert clocks.next_review_due(date(2025, 2, 3), None) == date(2025, 3, 17)


def test_items_are_the_open_episodes_review_and_actions_still_to_do(episode, eh_worker, child):
    services.add_plan_action(
        actor=eh_worker, episode=episode, what="School meeting", who="Mum", by_when=date(2025, 3, 3)
    )
    services.add_plan_action(
        actor=eh_worker, episode=episode, what="Parenting course", who="Dad", by_when=date(2025, 6, 2)
    )
    done = services.add_plan_action(
        actor=eh_worker, episode=episode, what="GP appointment", who="Mum", by_when=date(2025, 3, 10)
    )
    services.complete_action(actor=eh_worker, action=done, completed_on=date(2025, 3, 9))

    found = {(i.title, i.due) for i in worklist.items({child.pk}, date(2025, 4, 1))}

    assert found == {
        ("Early help plan review due", date(2025, 4, 28)),
        ("Early help plan action overdue: School meeting", date(2025, 3, 3)),
        ("Early help plan action: Parenting course", date(2025, 6, 2)),
    }
    assert all(
        i.permission == "early_help.manage_early_help" for i in worklist.items({child.pk}, date(2025, 4, 1))
    )


def test_an_ended_episode_has_no_items_and_holds_no_child(episode, eh_worker, child):
    assert children_held_by(eh_worker, date(2025, 4, 1)) == {child.pk}
    services.end_episode(
        actor=eh_worker, episode=episode, end_date=date(2025, 4, 1), end_reason="OUTCOMES_MET"
    )
    assert list(worklist.items({child.pk}, date(2025, 4, 2))) == []
    assert children_held_by(eh_worker, date(2025, 4, 2)) == set()


def test_my_work_of_the_early_help_worker_holds_their_episodes_work_without_an_allocation(
    episode, eh_worker, child, client_for, make_user
):
    services.add_plan_action(
        actor=eh_worker, episode=episode, what="School meeting", who="Mum", by_when=date(2025, 3, 3)
    )
    page = client_for(eh_worker).get("/work/my-work/").content.decode()
    assert "Early help plan review due" in page and "School meeting" in page
    assert child.display_name in page
    assert "The work above is work you hold without an allocation" in page

    # Another early help worker does not see them; a social worker allocated the child does not
    # get the early help worker's items (only those who manage early help act on them).
    other = make_user(Role.EARLY_HELP, "eh.other")
    assert "Early help plan review due" not in client_for(other).get("/work/my-work/").content.decode()
    team = Team.objects.create(name="Family Support East")
    worker = make_user(Role.SOCIAL_WORKER, "sw.east", team=team)
    allocate(make_user(Role.TEAM_MANAGER, "tm.east", team=team), child, worker, team)
    assert any(i.rule_id == "early_help_review" for i in work_items({child.pk}, date(2025, 4, 1)))
    page = client_for(worker).get("/work/my-work/").content.decode()
    assert child.display_name in page and "Early help plan review due" not in page
