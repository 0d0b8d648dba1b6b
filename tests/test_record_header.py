"""The summary at the top of every page of a child's record (people.record_header): shown on
the record's own pages, its casework pages and the pages of its records, with the stages'
statuses and dates and the codes with their meaning; never for a restricted record the user
has not been let into."""

from datetime import date

import pytest

from accounts.permissions import Role
from care_leavers import services as care_leavers
from codes import ssda903
from core.presenters import code_label, coded
from early_help import services as early_help
from looked_after import services as looked_after
from looked_after.tests.factories import take_into_care
from people import services
from people.tests.factories import restrict
from permanence import services as permanence
from protection.tests.factories import initial_conference, make_referral, start_s47
from workforce.tests.factories import allocate

pytestmark = pytest.mark.django_db


def _summary(body: str) -> str:
    """The summary region of a page ('' when it has none)."""
    start = body.find('class="hb-child-summary"')
    return "" if start < 0 else body[start : body.index("</nav>", start)]


@pytest.fixture
def allocated(child, social_worker, team_manager, team):
    allocate(team_manager, child, social_worker, team, start_date=date(2025, 1, 6))
    services.add_alert(
        actor=social_worker,
        person=child,
        kind="DOG",
        details="Large dog in the garden",
        start_date=date(2025, 2, 1),
    )
    return child


@pytest.mark.parametrize(
    "path",
    [
        "/people/{pk}/",
        "/people/{pk}/work/",
        "/people/{pk}/family/",
        "/people/{pk}/oversight/",
        "/people/{pk}/edit/",
        "/people/{pk}/alerts/new/",
        "/casework/people/{pk}/chronology/",
        "/casework/people/{pk}/notes/",
        "/casework/people/{pk}/documents/",
    ],
)
def test_every_page_of_the_record_shows_the_summary_and_the_sections(
    path, allocated, social_worker, client_for
):
    response = client_for(social_worker).get(path.format(pk=allocated.pk))

    assert response.status_code == 200
    summary = _summary(response.content.decode())
    assert "Social Tester (Allocated social worker, Assessment Team 1)" in summary
    assert "Dangerous animal at the address: Large dog in the garden" in summary
    assert "None due" in summary  # no stage reached yet: no statutory dates
    for section in ("Summary", "Work and plans", "Family and addresses", "Chronology", "Case notes"):
        assert f">{section}</a>" in summary
    assert summary.count('aria-current="page"') <= 1


def test_summary_marks_the_page_it_is_on_when_a_section(allocated, social_worker, client_for):
    body = client_for(social_worker).get(f"/casework/people/{allocated.pk}/chronology/").content.decode()

    assert f'href="/casework/people/{allocated.pk}/chronology/" aria-current="page">Chronology' in body


def test_summary_is_not_shown_when_the_record_is_restricted_and_the_user_not_let_in(
    allocated, social_worker, team_manager, client_for
):
    restrict(team_manager, allocated)
    c = client_for(social_worker)

    for path in (f"/people/{allocated.pk}/", f"/people/{allocated.pk}/work/"):
        refused = c.get(path)
        assert refused.status_code == 403
        body = refused.content.decode()
        assert _summary(body) == "" and "Large dog" not in body and "Allocated social worker" not in body

    c.post(f"/people/{allocated.pk}/break-glass/", {"reason": "Police checking welfare tonight, urgent"})
    let_in = c.get(f"/people/{allocated.pk}/work/").content.decode()
    assert "Large dog in the garden" in _summary(let_in) and "Restricted record" in _summary(let_in)


def test_summary_shows_a_child_in_cares_legal_status_and_placement_with_their_codes(
    child, social_worker, client_for
):
    take_into_care(social_worker, child, legal_status="C2")

    summary = _summary(client_for(social_worker).get(f"/people/{child.pk}/").content.decode())

    assert "Legal status" in summary and "Full care order (C2)" in summary
    assert "Placement" in summary and "(U" in summary  # a foster placement's SSDA903 code
    # The care clocks' soonest dates, from 14 March 2024 (the work list's own dates), overdue today.
    assert 'Care plan: 28 March 2024 <strong class="govuk-tag govuk-tag--red">Overdue</strong>' in summary


def test_summary_shows_the_child_protection_plan_and_its_dates_on_the_plans_own_page(
    child, social_worker, make_user, client_for
):
    chair = make_user("cp_chair", "cp.chair")
    referral = make_referral(child, social_worker)
    plan = initial_conference(referral, chair, start_s47(referral, social_worker)).plan

    summary = _summary(client_for(social_worker).get(f"/protection/plans/{plan.pk}/").content.decode())

    assert "Awaiting sign-off since 5 January 2026: Physical abuse (PHY)" in summary
    assert "Child in need episode" in summary and "Open since 1 April 2025" in summary
    assert "Child in need episode" in summary and "Abuse or neglect (N1)" in summary
    assert "Child protection plan awaiting sign-off: 5 January 2026" in summary


def _summary_of(user, child, client_for) -> str:
    return _summary(client_for(user).get(f"/people/{child.pk}/").content.decode())


def test_summary_shows_the_open_early_help_episode_and_the_plans_next_action(
    child, social_worker, make_user, client_for
):
    assert "Early help" not in _summary_of(social_worker, child, client_for)
    worker = make_user(Role.EARLY_HELP, "eh.worker")

    episode = early_help.start_episode(
        actor=worker,
        person=child,
        start_date=date(2025, 2, 3),
        reason="Parenting support",
        lead_professional_name="Jo Bright",
        lead_professional_agency="Oak Primary School",
    )
    early_help.add_plan_action(
        actor=worker, episode=episode, what="Attend parenting course", who="Mum", by_when=date(2025, 3, 3)
    )
    summary = _summary_of(social_worker, child, client_for)

    assert "Open since 3 February 2025" in summary
    assert "Jo Bright, Oak Primary School" in summary
    assert worker.display_name in summary  # the episode's worker
    assert "Early help plan action: 3 March 2025" in summary
    # The plan's next review: 12 weeks (the authority's standard) after the start, then after
    # the latest review.
    assert "Early help plan review: 28 April 2025" in summary
    early_help.record_review(
        actor=worker, episode=episode, reviewed_on=date(2025, 5, 1), progress="Going well"
    )
    assert "Early help plan review: 24 July 2025" in _summary_of(social_worker, child, client_for)


def test_summary_shows_open_care_proceedings_and_the_adoption_stage_with_their_dates(
    child, social_worker, client_for
):
    assert "Care proceedings" not in _summary_of(social_worker, child, client_for)

    permanence.issue_proceedings(actor=social_worker, person=child, issue_date=date(2025, 6, 2))
    permanence.decide_adoption(actor=social_worker, person=child, adm_decision_date=date(2025, 9, 1))
    summary = _summary_of(social_worker, child, client_for)

    assert "Care proceedings" in summary and "Issued 2 June 2025" in summary
    assert "Care proceedings: 26-week limit: 30 November 2025" in summary  # the work list's date
    assert "Adoption" in summary and "Should be placed for adoption since 1 September 2025" in summary


def test_summary_shows_a_care_leavers_pathway_plan_adviser_and_since_when(child, social_worker, client_for):
    period = take_into_care(social_worker, child)
    looked_after.end_care(actor=social_worker, period=period, on=date(2025, 3, 26), reason_ceased="E4A")
    assert "Care leaver" not in _summary_of(social_worker, child, client_for)

    care_leavers.record_care_leaver(actor=social_worker, person=child, data={"recorded_category": "RELEVANT"})
    care_leavers.start_pathway_plan(actor=social_worker, person=child, plan_date=date(2025, 4, 1))
    summary = _summary_of(social_worker, child, client_for)

    assert "Care leaver since" in summary and "26 March 2025" in summary
    assert "Agreed 1 April 2025" in summary
    assert "None allocated" in summary  # no personal adviser yet
    assert "Pathway plan review: 1 October 2025" in summary  # six months on, the work list's date


def test_a_code_is_shown_with_its_meaning():
    assert code_label("C2", "Full care order") == "Full care order (C2)"
    assert code_label("ZZ", "ZZ") == "ZZ"  # a code with no meaning known is shown as it is
    assert code_label("", "anything") == "Not recorded"
    assert ssda903.LEGAL_STATUS.coded("C2") == "Full care order (C2)"
    assert ssda903.LEGAL_STATUS.coded(None) == "Not recorded"

    class Episode:
        legal_status = "E1"

        def get_legal_status_display(self) -> str:
            return ssda903.LEGAL_STATUS.label(self.legal_status)

    assert coded(Episode(), "legal_status") == "Placement order granted (E1)"
