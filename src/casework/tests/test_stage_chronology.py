"""Every stage contributes to the chronology of a generated borough's children, in order,
each event once; counting the chronology, its significant tail and one event by its key
give what building the whole chronology gives."""

from collections import Counter
from datetime import date

import pytest

from accounts.models import User
from accounts.permissions import Role
from casework import chronology, services
from casework.chronology import sources
from demo.tests.boroughs import generated_borough
from people import services as people_services
from people.models import Person


@pytest.fixture(scope="module")
def borough(django_db_setup, django_db_blocker):
    with generated_borough(django_db_blocker, 150, 3, date(2026, 3, 31)):
        yield


@pytest.mark.django_db
def test_every_stage_reports_events_for_a_generated_borough(borough):
    ids = list(Person.objects.children().values_list("pk", flat=True))
    events = [e for source in sources() for e in source.events(ids)]
    apps = {e.source.split(".")[0] for e in events}
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
        "casework",
    } <= apps
    keys = Counter(e.source_key for e in events)
    assert keys.most_common(1)[0][1] == 1, "each event reported once"
    assert all(e.person_id in set(ids) for e in events)
    # Each source reports its own label, keyed by it; only manual entries carry their own significance.
    by_label = {s.label: s for s in sources()}
    assert all(e.source in by_label and e.source_key.startswith(f"{e.source}:") for e in events)
    assert all(by_label[e.source].significant for e in events if e.significant)


def _readers() -> list[User | None]:
    worker = User.objects.filter(role=Role.SOCIAL_WORKER.value).order_by("pk").first()
    manager = User.objects.filter(role=Role.TEAM_MANAGER.value).order_by("pk").first()
    return [None, worker, manager]


@pytest.mark.django_db
def test_count_and_significant_tail_match_the_whole_chronology_for_every_child(borough):
    """Every source's declared rows count exactly the events it builds (including the ones
    only some rows yield: an ended plan, a decided contact, each adoption step)."""
    children = list(Person.objects.children().order_by("pk"))
    admin = User.objects.filter(role=Role.TEAM_MANAGER.value).order_by("pk").first()
    people_services.add_alert(
        actor=admin, person=children[0], kind="STAFF_SAFETY", details="Dog", start_date=date(2025, 1, 1)
    )
    people_services.add_name(
        actor=admin,
        person=children[0],
        kind="PREVIOUS",
        given_name="Sam",
        family_name="Old",
        used_to=date(2024, 1, 1),
    )
    sources_seen: Counter[str] = Counter()
    for child in children:
        for reader in _readers():
            whole = chronology.collect([child.pk], user=reader)
            assert chronology.count([child.pk], user=reader) == len(whole), child.pk
            tail = [e for e in whole if e.significant][-5:][::-1]
            assert chronology.latest_significant([child.pk], user=reader) == tail, child.pk
        sources_seen.update(e.source for e in whole)
    # Every source is exercised but documents (tests/test_story_panel.py) and independent visitors.
    assert set(sources_seen) >= {s.label for s in sources()} - {
        "casework.Document",
        "rights.IndependentVisitor",
    }
    # Several children at once: the chronology of siblings.
    ids = [c.pk for c in children[:20]]
    assert chronology.count(ids) == len(chronology.collect(ids))


@pytest.mark.django_db
def test_find_builds_the_same_event_as_the_whole_chronology(borough):
    worker = User.objects.filter(role=Role.SOCIAL_WORKER.value).order_by("pk").first()
    richest = sorted(Person.objects.children(), key=lambda p: -len(chronology.collect([p.pk])))[:5]
    for child in richest:
        event = chronology.collect([child.pk])[-1]
        services.annotate_event(
            actor=worker, person=child, source_key=event.source_key, significant=True, impact="Turning point"
        )
        for event in chronology.collect([child.pk]):
            assert chronology.find(child.pk, event.source_key) == event
    assert chronology.find(richest[0].pk, "protection.CPPlan:notanumber") is None
    assert chronology.find(richest[0].pk, f"people.Person:{richest[1].pk}:born") is None
