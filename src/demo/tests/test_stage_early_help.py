from datetime import date

import pytest

from demo.generator import generate
from demo.stages import early_help as demo_stage
from demo.stages import frontdoor as frontdoor_stage
from demo.stages.base import StageContext
from early_help.models import EarlyHelpEpisode, FamilyGroupConferenceRequest

AS_OF = date(2026, 1, 15)


@pytest.mark.django_db(transaction=True)
def test_demo_stage_generates_early_help_for_about_an_eighth_of_children(monkeypatch):
    # Base data only: this test runs the stages itself (the generator may run every stage).
    monkeypatch.setattr("demo.generator.run_stages", lambda **kwargs: None, raising=False)
    generate(children=60, seed=1, as_of=AS_OF)
    frontdoor_stage.run(StageContext(seed=1, as_of=AS_OF, stage="frontdoor"))
    demo_stage.run(StageContext(seed=1, as_of=AS_OF, stage="early_help"))

    episodes = EarlyHelpEpisode.objects.count()
    assert 5 <= episodes <= 12
    assert EarlyHelpEpisode.objects.filter(status="OPEN").exists()
    assert EarlyHelpEpisode.objects.exclude(entry_route="DIRECT").exists()
    assert FamilyGroupConferenceRequest.objects.exists() or episodes < 8
