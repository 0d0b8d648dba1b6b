from django.utils import timezone

from demo.generator import generate
from looked_after.models import CareEpisode, LACReview, PeriodOfCare, Placement
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
