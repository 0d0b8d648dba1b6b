"""The child's page "Chronology and the child's story" panel: the five latest events workers
marked significant (newest first), or how many events are recorded when none is; built
from the curated events only, with the same entries, count and restricted-items rule as
the whole chronology."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.permissions import Role
from casework import chronology, services
from casework.panels import story_panel
from workforce.tests.factories import allocate

from .records import chronology_entry, restricted_pdf


@pytest.fixture
def second_worker(make_user, child, social_worker, team_manager, team):
    """Another worker allocated to the child: not the author of anything, not a manager."""
    worker = make_user(Role.SOCIAL_WORKER, "second.worker", registered_social_worker=True)
    for who, start in ((social_worker, date(2024, 1, 1)), (worker, date(2024, 2, 1))):
        allocate(team_manager, child, who, team, start)
    return worker


def _entry(actor, child, day, what, **options):
    entry = chronology_entry(actor, child, day, what, **options)
    return f"casework.ChronologyEntry:{entry.pk}"


def _mark(actor, child, key, significant):
    services.annotate_event(actor=actor, person=child, source_key=key, significant=significant)


def _shown(child, user):
    panel = story_panel(child, user)
    return [e.summary for e in panel.context["significant"]], panel.context["total"]


def test_panel_shows_five_latest_significant_newest_first_when_marked_and_unmarked(
    child, social_worker, second_worker, client_for, django_assert_max_num_queries
):
    _entry(social_worker, child, date(2024, 3, 1), "March: significant when added", significant=True)
    april = _entry(
        social_worker, child, date(2024, 4, 1), "April: added significant, then unmarked", significant=True
    )
    may = _entry(social_worker, child, date(2024, 5, 1), "May: marked afterwards")
    _entry(social_worker, child, date(2024, 6, 1), "June: never marked")
    july = _entry(social_worker, child, date(2024, 7, 1), "July: marked, unmarked, marked again")
    august = _entry(social_worker, child, date(2024, 8, 1), "August: marked then unmarked")
    _entry(social_worker, child, date(2024, 9, 1), "September: significant when added", significant=True)
    _mark(social_worker, child, april, False)
    _mark(social_worker, child, may, True)
    for significant in (True, False, True):
        _mark(second_worker, child, july, significant)
    _mark(social_worker, child, august, True)
    _mark(social_worker, child, august, False)
    born = f"people.Person:{child.pk}:born"
    _mark(social_worker, child, born, True)  # an automatic event: the oldest significant one

    # Only the curated rows are read: the annotations, the manual entries, the person (the
    # birth) and the count of draft notes, however long the chronology.
    with django_assert_max_num_queries(4):
        significant, _ = _shown(child, second_worker)

    assert significant == [
        "September: significant when added",
        "July: marked, unmarked, marked again",
        "May: marked afterwards",
        "March: significant when added",
        f"{child.given_name} was born.",
    ]
    whole = chronology.collect([child.pk], user=second_worker)
    assert significant == [e.summary for e in [e for e in whole if e.significant][-5:][::-1]]

    # A sixth significant entry, newer than the rest, pushes the birth out of the five.
    _mark(social_worker, child, august, True)
    significant, _ = _shown(child, second_worker)
    assert significant[:2] == ["September: significant when added", "August: marked then unmarked"]
    assert len(significant) == 5 and f"{child.given_name} was born." not in significant

    page = client_for(second_worker).get(reverse("people:work", args=[child.pk])).content.decode()
    assert "August: marked then unmarked" in page and "April: added significant" not in page


def test_panel_counts_every_event_when_none_is_significant(child, social_worker, second_worker, client_for):
    key = _entry(social_worker, child, date(2024, 3, 1), "Came to school hungry", significant=True)
    _mark(social_worker, child, key, False)
    services.record_visit(
        actor=social_worker, person=child, kind="CIN", visited_on=date(2024, 3, 2), child_seen=True
    )

    significant, total = _shown(child, second_worker)

    # Birth, record created, two allocations (the second ending the first), the entry and the visit.
    assert significant == [] and total == 7 == len(chronology.collect([child.pk], user=second_worker))
    page = client_for(second_worker).get(reverse("people:work", args=[child.pk])).content.decode()
    assert "No events are marked significant yet (7 events recorded)" in page


def test_restricted_entries_stay_hidden_from_who_may_not_see_them(
    child, social_worker, second_worker, team_manager, make_user, client_for
):
    named = make_user(Role.SOCIAL_WORKER, "named.worker")
    _entry(social_worker, child, date(2024, 4, 1), "Police disclosure", significant=True, restricted=True)
    document = restricted_pdf(
        social_worker,
        child,
        "Health report about the parent",
        document_date=date(2024, 5, 1),
        named_users=[named],
    )
    _mark(social_worker, child, f"casework.Document:{document.pk}", True)
    note = services.start_case_note(
        actor=social_worker,
        person=child,
        data={"kind": "VISIT", "occurred_on": date(2024, 6, 1), "title": "Private note", "restricted": True},
    )
    services.finalise_case_note(
        actor=social_worker, note=note, expected_version=note.version, data={"body": "x"}
    )

    assert _shown(child, second_worker)[0] == []
    assert _shown(child, social_worker)[0] == ["Health report about the parent", "Police disclosure"]
    assert _shown(child, team_manager)[0] == ["Health report about the parent", "Police disclosure"]
    assert _shown(child, named)[0] == ["Health report about the parent"]
    page = client_for(second_worker).get(reverse("people:work", args=[child.pk])).content.decode()
    assert "Police disclosure" not in page and "Health report" not in page

    # With nothing significant, the count leaves out what the reader may not see.
    for event in chronology.collect([child.pk]):
        if event.significant:
            _mark(social_worker, child, event.source_key, False)
    everything = len(chronology.collect([child.pk]))
    assert _shown(child, team_manager) == ([], everything)
    assert _shown(child, social_worker) == ([], everything)
    assert _shown(child, named) == ([], everything - 2)  # the entry and the note
    assert _shown(child, second_worker) == ([], everything - 3)  # and the document
