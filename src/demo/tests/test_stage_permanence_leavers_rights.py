"""The three demo stages (permanence 60, care leavers 70, rights 75) over a small generated
population: they run through the services, are deterministic in shape and leave realistic
late and missing items."""

from datetime import date

import pytest

from care_leavers.models import BirthdayStatus, CareLeaver, PathwayPlan
from casework.models import Visit
from demo.generator import generate
from demo.stages import STAGES
from demo.stages import care_leavers as leavers_stage
from demo.stages import permanence as permanence_stage
from demo.stages import rights as rights_stage
from permanence.models import CareProceedings, ContactSession, PreviousPermanence
from rights.models import ChildViews
from workforce.models import Allocation, AllocationRole

# A fixed day, so the authority is the same every day the test runs: 200 children then have
# 15 care leavers and 2 care proceedings open (the assertions need 5 and 1).
AS_OF = date(2026, 3, 30)


@pytest.mark.django_db(transaction=False)
def test_demo_stages_create_leavers_proceedings_and_views():
    generate(children=200, seed=5, as_of=AS_OF)
    order = list(STAGES)
    assert order.index(permanence_stage) < order.index(leavers_stage) < order.index(rights_stage)

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
