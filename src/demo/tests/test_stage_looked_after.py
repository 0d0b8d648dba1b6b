from datetime import date

from django.utils import timezone

from demo.generator import generate
from looked_after.models import (
    CareEpisode,
    HealthAssessment,
    HealthCheckKind,
    LACReview,
    PeriodOfCare,
    Placement,
)
from workforce.models import Allocation, AllocationRole


def test_demo_stage_puts_a_few_percent_in_care_with_history_when_run(db):
    as_of = timezone.localdate()
    # generate() runs every app's demo stage, this one included.
    generate(children=80, seed=1, as_of=as_of)
    open_now = PeriodOfCare.objects.filter(end_date__isnull=True).count()
    assert 3 <= open_now <= 10
    assert PeriodOfCare.objects.filter(end_date__isnull=False).exists()
    assert CareEpisode.objects.filter(reason_new_episode="S").count() == PeriodOfCare.objects.count()
    assert LACReview.objects.exists()
    assert (
        Placement.objects.exclude(placement_type__startswith="U").exists()
        or Placement.objects.count() > open_now
    )
    assert Allocation.objects.filter(role=AllocationRole.IRO, worker__username="iro").exists()


def test_children_looked_after_all_year_have_an_assessment_this_year_at_an_early_date(db):
    """Generated on 15 June, a child looked after since before 1 April has had a health
    assessment (with an SDQ score or the reason there is none) since then: the year's SSDA903
    return, made after 31 March from data that stop on 15 June, needs it (OC2, rules 186 and
    197B), though the annual review would usually come later in the year."""
    as_of, year_start = date(2025, 6, 15), date(2025, 4, 1)
    generate(children=80, seed=1, as_of=as_of)
    all_year = PeriodOfCare.objects.filter(start_date__lt=year_start, end_date__isnull=True)
    assert all_year.exists()
    for period in all_year:
        this_year = HealthAssessment.objects.filter(
            person=period.person,
            kind__in=[HealthCheckKind.INITIAL, HealthCheckKind.REVIEW],
            completed_on__range=(year_start, as_of),
        )
        assert this_year.exists(), period.person_id
        assert all(h.sdq_score is not None or h.sdq_reason for h in this_year)
