"""My work's items carry the child's name: the page listing the work passes the names it
has read, and core fills them in without a query of its own."""

from datetime import date

from core import worklist


def test_work_items_are_named_from_the_names_the_page_passes_without_a_query(
    monkeypatch, django_assert_num_queries, db
):
    def provider(person_ids, today):
        for pid in sorted(person_ids):
            yield worklist.WorkItem(pid, "Visit due", "visit", today, None, f"/people/{pid}/")
        yield worklist.WorkItem(1, "Named already", "x", today, None, "/", person_name="Known as")

    monkeypatch.setattr(worklist, "providers", lambda: [provider])
    with django_assert_num_queries(0):
        items = worklist.work_items(
            {1, 2}, date(2026, 1, 5), names={1: "Amara Okafor", 2: "Oliver (Ollie) Reid"}
        )
    assert [(i.person_id, i.title, i.person_name) for i in items] == [
        (1, "Visit due", "Amara Okafor"),
        (1, "Named already", "Known as"),
        (2, "Visit due", "Oliver (Ollie) Reid"),
    ]


def test_items_sort_by_due_date_then_by_the_childs_name(monkeypatch, db):
    def provider(person_ids, today):
        yield worklist.WorkItem(1, "Review", "r", date(2026, 1, 9), None, "/")
        yield worklist.WorkItem(2, "Visit", "v", date(2026, 1, 9), None, "/")
        yield worklist.WorkItem(3, "Plan", "p", date(2026, 1, 7), None, "/")

    monkeypatch.setattr(worklist, "providers", lambda: [provider])
    items = worklist.work_items({1, 2, 3}, date(2026, 1, 5), names={1: "Zara", 2: "Adam", 3: "Mia"})
    assert [i.person_name for i in items] == ["Mia", "Adam", "Zara"]


def test_no_names_given_leaves_items_as_their_providers_made_them(monkeypatch, db):
    item = worklist.WorkItem(1, "Visit due", "visit", date(2026, 1, 5), None, "/")
    monkeypatch.setattr(worklist, "providers", lambda: [lambda person_ids, today: [item]])
    assert worklist.work_items({1}, date(2026, 1, 5)) == [item]
