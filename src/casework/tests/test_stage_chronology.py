"""Every stage contributes to the chronology of a generated borough's children, in order,
each event once."""

from collections import Counter
from io import StringIO

from django.core.management import call_command

from casework.chronology import providers
from people.models import Person


def test_every_stage_reports_events_for_a_generated_borough(db):
    call_command(
        "generate_demo_data", "--children", "150", "--seed", "3", "--as-of", "2026-03-31", stdout=StringIO()
    )
    ids = list(Person.objects.children().values_list("pk", flat=True))
    events = [e for provider in providers() for e in provider(ids)]
    sources = {e.source.split(".")[0] for e in events}
    assert {
        "people",
        "workforce",
        "frontdoor",
        "early_help",
        "assessments",
        "protection",
        "cin",
        "looked_after",
        "permanence",
        "care_leavers",
        "rights",
    } <= sources
    keys = Counter(e.source_key for e in events)
    assert keys.most_common(1)[0][1] == 1, "each event reported once"
    assert all(e.person_id in set(ids) for e in events)
