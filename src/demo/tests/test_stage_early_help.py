from datetime import date

import pytest

from demo.stages import early_help as demo_stage
from demo.stages import frontdoor as frontdoor_stage
from demo.tests.boroughs import base_borough_then
from early_help.models import EarlyHelpEpisode, FamilyGroupConferenceRequest

AS_OF = date(2026, 1, 15)


@pytest.mark.django_db(transaction=True)
def test_demo_stage_generates_early_help_for_about_an_eighth_of_children(monkeypatch):
    base_borough_then(monkeypatch, 60, 1, AS_OF, frontdoor_stage, demo_stage)

    episodes = EarlyHelpEpisode.objects.count()
    assert 5 <= episodes <= 12
    assert EarlyHelpEpisode.objects.filter(status="OPEN").exists()
    assert EarlyHelpEpisode.objects.exclude(entry_route="DIRECT").exists()
    assert FamilyGroupConferenceRequest.objects.exists() or episodes < 8
