"""My work's items carry the child's name, filled in by core with one query for all providers."""

from datetime import date

from core import worklist
from people import services


def test_work_items_are_named_for_their_child_in_one_query_for_every_provider(
    social_worker, child, monkeypatch, django_assert_num_queries
):
    other = services.create_person(
        actor=social_worker,
        data={
            "record_type": "CHILD",
            "given_name": "Oliver",
            "family_name": "Reid",
            "preferred_name": "Ollie",
        },
    )

    def provider(person_ids, today):
        for pid in sorted(person_ids):
            yield worklist.WorkItem(pid, "Visit due", "visit", today, None, f"/people/{pid}/")
        yield worklist.WorkItem(child.pk, "Named already", "x", today, None, "/", person_name="Known as")

    monkeypatch.setattr(worklist, "providers", lambda: [provider])
    with django_assert_num_queries(1):
        items = worklist.work_items({child.pk, other.pk}, date(2026, 1, 5))
    named = {(i.person_id, i.title): i.person_name for i in items}
    assert named == {
        (child.pk, "Visit due"): child.display_name,
        (other.pk, "Visit due"): "Oliver (Ollie) Reid",
        (child.pk, "Named already"): "Known as",
    }


def test_no_query_for_names_when_there_is_nothing_due(monkeypatch, django_assert_num_queries, db):
    monkeypatch.setattr(worklist, "providers", lambda: [lambda person_ids, today: []])
    with django_assert_num_queries(0):
        assert worklist.work_items({1, 2}, date(2026, 1, 5)) == []
