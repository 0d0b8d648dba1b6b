from django.utils import timezone

from demo.generator import generate
from demo.stages import StageContext
from looked_after import demo_stage
from looked_after.models import CareEpisode, LACReview, MissingEpisode, PeriodOfCare, Placement
from workforce.models import Allocation, AllocationRole


def test_demo_stage_puts_a_few_percent_in_care_with_history_when_run(db):
    as_of = timezone.localdate()
    generate(children=80, seed=1, as_of=as_of)
    demo_stage.run(StageContext(seed=1, as_of=as_of, stage="looked_after"))
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
    assert MissingEpisode.objects.count() >= 0
