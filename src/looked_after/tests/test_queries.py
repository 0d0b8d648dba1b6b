from datetime import date

from looked_after import services
from looked_after.models import Placement
from looked_after.queries import EDUCATION, HEALTH, summaries

from .factories import take_into_care, with_parents

TODAY = date(2024, 3, 20)


def _items(child, today=TODAY):
    return {i.rule_id: i for i in summaries([child.pk], today)[child.pk].items}


def test_iha_and_first_review_are_due_20_working_days_after_start_when_nothing_recorded(in_care, child):
    items = _items(child)
    assert items["initial_health_assessment"].due == date(2024, 4, 15)
    assert items["initial_health_assessment"].area == HEALTH
    assert items["lac_first_review"].due == date(2024, 4, 15)
    assert items["care_plan"].due == date(2024, 3, 28)
    assert items["pep_initial"].area == EDUCATION


def test_review_health_assessment_replaces_iha_when_iha_recorded(in_care, child, social_worker):
    services.record_health_check(
        actor=social_worker, person=child, kind="INITIAL", completed_on=date(2024, 4, 1)
    )
    items = _items(child)
    assert "initial_health_assessment" not in items
    assert items["review_health_assessment"].due == date(2025, 4, 1)  # Amelia is 9: yearly


def test_placement_with_parents_is_listed_until_approved_and_then_for_review(child, social_worker, make_user):
    from accounts.permissions import Role

    period = take_into_care(social_worker, child, legal_status="C2", placement=with_parents())
    assert "placement_with_parents" in _items(child)
    manager = make_user(Role.SERVICE_MANAGER, "sm.q")
    services.approve_placement_with_parents(
        actor=manager,
        placement=Placement.objects.get(period=period),
        approved_on=date(2024, 3, 15),
        review_on=date(2024, 6, 15),
    )
    items = _items(child)
    assert "placement_with_parents" not in items
    assert items["placement_with_parents_review"].due == date(2024, 6, 15)


def test_no_summary_when_period_of_care_has_ended(in_care, child, social_worker):
    services.end_care(actor=social_worker, period=in_care, on=date(2024, 3, 19), reason_ceased="E4A")
    assert summaries([child.pk], TODAY) == {}
