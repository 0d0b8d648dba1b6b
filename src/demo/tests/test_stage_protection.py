"""The assessment, child protection and CIN demo stages on a small generated borough."""

from datetime import date

import pytest

from assessments.models import Assessment, AssessmentStatus
from cin.models import CINPlan
from demo.stages import STAGES
from demo.stages import assessments as assessment_stage
from demo.stages import cin as cin_stage
from demo.stages import protection as protection_stage
from demo.tests.boroughs import generated_borough
from frontdoor.models import Referral, ReferralStatus
from plans.models import PlanStatus
from protection.models import CPPlan, S47Enquiry
from protection.queries import plan_views
from workforce.models import Allocation

AS_OF = date(2026, 1, 15)


@pytest.fixture(scope="module")
def borough(django_db_setup, django_db_blocker):
    # The generator runs every app's demo stage (front door, then these three, …).
    with generated_borough(django_db_blocker, 300, 7, AS_OF):
        yield


@pytest.fixture
def db_borough(borough, db):
    return None


def test_stage_order_runs_assessment_before_protection_before_cin():
    order = list(STAGES)
    assert order.index(assessment_stage) < order.index(protection_stage) < order.index(cin_stage)


def test_volumes_are_in_a_realistic_range(db_borough):
    referrals = Referral.objects.count()
    # Referrals the front door closed with no further action are never assessed.
    assessed_referrals = Referral.objects.filter(referral_nfa=False).count()
    assert Assessment.objects.count() >= 0.85 * assessed_referrals * 0.9
    s47_share = S47Enquiry.objects.count() / referrals
    assert 0.08 <= s47_share <= 0.35, s47_share
    active = CPPlan.objects.filter(status=PlanStatus.ACTIVE).count()
    assert 3 <= active <= 0.1 * 300, active
    late = [
        a
        for a in Assessment.objects.filter(status=AssessmentStatus.AUTHORISED)
        if a.authorised_on > a.due_date
    ]
    assert late, "some assessments are late"
    assert Assessment.objects.filter(returns__isnull=False).exists()
    assert Referral.objects.filter(status=ReferralStatus.CLOSED).exists()
    assert CINPlan.objects.filter(status=PlanStatus.ACTIVE).exists()


def test_every_signal_has_an_example(db_borough):
    codes = {
        f.code
        for v in plan_views(None, AS_OF, queryset=CPPlan.objects.filter(status=PlanStatus.ACTIVE))
        for f in v.flags
    }
    assert {"TWO_YEARS", "SUBSEQUENT", "CORE_GROUP_OVERDUE", "ACTIONS_OVERDUE", "VISIT_OVERDUE"} <= codes, (
        codes
    )


def test_demo_users_hold_cases(db_borough):
    sw_children = set(
        Allocation.objects.current(AS_OF)
        .filter(worker__username="social.worker")
        .values_list("person_id", flat=True)
    )
    sw_plans = plan_views(
        None, AS_OF, queryset=CPPlan.objects.filter(person_id__in=sw_children, status=PlanStatus.ACTIVE)
    )
    assert sw_plans and any(f.code == "CORE_GROUP_OVERDUE" for v in sw_plans for f in v.flags)
    assert CINPlan.objects.filter(person_id__in=sw_children, status=PlanStatus.ACTIVE).exists()
    assert CPPlan.objects.filter(chair__username="cp.chair").exists()


SIGN_OFF_STEPS = ("submitted for authorisation", "authorised for", "returned for more work", "signed off")


def test_staff_are_notified_of_the_last_fortnights_sign_off_steps_only(db_borough):
    from collections import Counter
    from datetime import timedelta

    from core.models import Notification

    notes = [
        n
        for n in Notification.objects.select_related("recipient")
        if any(s in n.subject for s in SIGN_OFF_STEPS)
    ]
    assert notes, "the demo shows some sign-off notifications"
    assert all(n.created_at.date() > AS_OF - timedelta(days=15) for n in notes)
    assert all(n.created_at.date() <= AS_OF for n in notes)
    kinds = {s for n in notes for s in SIGN_OFF_STEPS if s in n.subject}
    assert {"submitted for authorisation", "authorised for"} <= kinds, kinds
    # A plan signed off in the last fortnight is notified; the borough may have none.
    recent = [
        p
        for model in (CPPlan, CINPlan)
        for p in model.objects.filter(signed_off_on__gt=AS_OF - timedelta(days=14), signed_off_on__lte=AS_OF)
    ]
    assert ("signed off" in kinds) == bool(recent), (kinds, recent)
    per_user = Counter(n.recipient_id for n in notes)
    assert max(per_user.values()) <= 40, per_user  # a handful each, not hundreds
