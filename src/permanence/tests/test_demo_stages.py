"""The three demo stages (permanence 60, care leavers 70, rights 75) over a small generated
population: they run through the services, are deterministic in shape and leave realistic
late and missing items."""

import pytest
from django.utils import timezone

from care_leavers import demo_stage as leavers_stage
from care_leavers.models import BirthdayStatus, CareLeaver, PathwayPlan
from casework.models import Visit
from demo.generator import generate
from demo.stages import run_stages
from permanence import demo_stage as permanence_stage
from permanence.models import CareProceedings, ContactSession, PreviousPermanence
from rights import demo_stage as rights_stage
from rights.models import ChildViews
from workforce.models import Allocation, AllocationRole


@pytest.mark.django_db(transaction=False)
def test_demo_stages_create_leavers_proceedings_and_views():
    as_of = timezone.localdate()
    generate(children=400, seed=5, as_of=as_of)
    assert [permanence_stage.ORDER, leavers_stage.ORDER, rights_stage.ORDER] == [60, 70, 75]
    if not CareLeaver.objects.exists():  # a generator that does not yet run the stages itself
        run_stages(seed=5, as_of=as_of)

    leavers = CareLeaver.objects.count()
    assert leavers >= 5
    assert BirthdayStatus.objects.exists() and PathwayPlan.objects.exists()
    assert BirthdayStatus.objects.exclude(in_touch="YES").exists() or leavers < 20
    assert Allocation.objects.filter(role=AllocationRole.PERSONAL_ADVISER).exists()
    assert Visit.objects.filter(kind="CARE_LEAVER").exists()
    assert CareProceedings.objects.filter(status="OPEN").exists()
    assert ContactSession.objects.exists()
    assert PreviousPermanence.objects.exists()
    assert ChildViews.objects.exists()
