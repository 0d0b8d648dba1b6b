from collections import Counter
from datetime import date

import pytest
from django.urls import reverse

from accounts.permissions import Role
from audit.models import AuditAction, AuditEvent
from casework import chronology, services
from casework.chronology import ChronologyEvent, Event, Filters, Kind
from casework.models import ChronologyAnnotation
from casework.tests.records import chronology_entry
from people.tests.factories import restrict
from workforce.tests.factories import allocate


def test_event_refuses_unknown_kind_when_created():
    with pytest.raises(ValueError):
        ChronologyEvent(1, date(2024, 1, 1), "nonsense", "t", "s", "x.Y", "x.Y:1")


def test_chronology_lists_birth_record_visit_and_allocation_in_date_order(child, social_worker, team):
    services.record_visit(
        actor=social_worker, person=child, kind="CIN", visited_on=date(2024, 3, 1), child_seen=True
    )
    allocate(_manager(social_worker, team), child, social_worker, team, date(2024, 2, 1))
    events = chronology.collect([child.pk])
    kinds = [e.kind for e in events]
    assert kinds[0] == Kind.IDENTITY and events[0].title == "Born"
    assert [e.day for e in events] == sorted(e.day for e in events)
    assert Kind.VISIT in kinds and Kind.ALLOCATION in kinds
    assert len({e.source_key for e in events}) == len(events)


def _manager(social_worker, team):
    from accounts.models import User

    return User.objects.create_user(username="mgr", password="x", role=Role.TEAM_MANAGER.value, team=team)


def test_duplicate_source_keys_appear_once_when_two_providers_report_them(child, monkeypatch):
    event = ChronologyEvent(
        child.pk, date(2024, 1, 1), Kind.REFERRAL, "t", "s", "frontdoor.Referral", "frontdoor.Referral:1"
    )
    # Both read the child's own row and report the same event from it.
    twice = [
        chronology.Source(
            "frontdoor.Referral", (Event(lambda row: event),), model="people.Person", person="pk"
        ),
        chronology.Source(
            "frontdoor.ReferralCopy", (Event(lambda row: event),), model="people.Person", person="pk"
        ),
    ]
    monkeypatch.setattr(chronology.reading, "sources", lambda: twice)
    assert [e.source_key for e in chronology.collect([child.pk])] == ["frontdoor.Referral:1"]


def test_annotation_marks_significant_and_keeps_history_when_changed(child, social_worker):
    key = f"people.Person:{child.pk}:born"
    services.annotate_event(
        actor=social_worker, person=child, source_key=key, significant=True, impact="First"
    )
    services.annotate_event(
        actor=social_worker, person=child, source_key=key, significant=True, impact="Second"
    )
    event = chronology.find(child.pk, key)
    assert event.significant and event.impact == "Second"
    assert ChronologyAnnotation.objects.filter(source_key=key).count() == 2


def test_annotation_refused_when_key_not_in_chronology(child, social_worker):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.annotate_event(actor=social_worker, person=child, source_key="x.Y:1", significant=True)


def test_annotation_refused_when_role_cannot_curate(child, auditor_user):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.annotate_event(
            actor=auditor_user, person=child, source_key=f"people.Person:{child.pk}:born", significant=True
        )


def test_manual_entry_is_curated_and_filters_apply_when_significant_only(child, social_worker):
    chronology_entry(
        social_worker,
        child,
        date(2024, 5, 2),
        "Came to school hungry",
        source="Head teacher by phone",
        significant=True,
    )
    events = chronology.collect([child.pk], filters=Filters(significant_only=True))
    assert len(events) == 1 and events[0].curated and events[0].agency == "School"
    assert chronology.collect([child.pk], filters=Filters(date_to=date(2020, 1, 1)))[0].title == "Born"
    assert all(
        e.kind == Kind.PARTNER_EVENT
        for e in chronology.collect([child.pk], filters=Filters(kinds=frozenset({Kind.PARTNER_EVENT})))
    )


def test_restricted_entry_hidden_when_user_neither_author_nor_manager(
    child, social_worker, make_user, team_manager
):
    chronology_entry(
        social_worker, child, date(2024, 5, 2), "Sensitive", agency="Police", source="DS", restricted=True
    )
    other = make_user(Role.SOCIAL_WORKER, "other.worker")
    assert not any(e.restricted for e in chronology.collect([child.pk], user=other))
    assert any(e.restricted for e in chronology.collect([child.pk], user=social_worker))
    assert any(e.restricted for e in chronology.collect([child.pk], user=team_manager))


def test_generated_child_chronology_tells_history_in_order_without_duplicates(db, settings):
    from demo.generator import generate
    from people.models import Person

    generate(children=40, seed=1, as_of=date(2026, 3, 31))
    counts = Counter()
    for person in Person.objects.children()[:40]:
        events = chronology.collect([person.pk])
        keys = [e.source_key for e in events]
        assert len(keys) == len(set(keys))
        assert [e.sort_key for e in events] == sorted(e.sort_key for e in events)
        counts.update(e.kind for e in events)
    richest = max(
        Person.objects.children().filter(date_of_birth__isnull=False)[:40],
        key=lambda p: len(chronology.collect([p.pk])),
    )
    events = chronology.collect([richest.pk])
    assert events[0].title == "Born"
    assert events[0].day == richest.date_of_birth
    assert len(events) >= 3
    assert counts[Kind.ALLOCATION] > 0 and counts[Kind.FAMILY] > 0 and counts[Kind.IDENTITY] > 0


def test_chronology_page_shows_events_and_filters_without_js(client_for, social_worker, child):
    response = client_for(social_worker).get(reverse("casework:chronology", args=[child.pk]))
    assert response.status_code == 200
    assert b"Born" in response.content
    bad = client_for(social_worker).get(
        reverse("casework:chronology", args=[child.pk]),
        {"date_from-day": "31", "date_from-month": "2", "date_from-year": "2024"},
    )
    assert bad.status_code == 400 and b"31" in bad.content


def _days_shown(body: str) -> list[date]:
    import re
    from datetime import datetime

    found = re.findall(r'<td class="govuk-table__cell hb-nowrap">([^<]+)</td>', body)
    return [datetime.strptime(day, "%d %B %Y").date() for day in found]


def test_chronology_page_shows_newest_first_unless_asked_for_oldest_first(client_for, social_worker, child):
    services.record_visit(
        actor=social_worker, person=child, kind="CIN", visited_on=date(2024, 3, 1), child_seen=True
    )
    c = client_for(social_worker)
    url = reverse("casework:chronology", args=[child.pk])

    newest = c.get(url).content.decode()
    oldest = c.get(url, {"order": "oldest"}).content.decode()

    days = _days_shown(newest)
    assert len(days) >= 3 and days == sorted(days, reverse=True) and days[-1] == date(2015, 3, 27)
    assert _days_shown(oldest) == _days_shown(newest)[::-1]
    assert "newest first</caption>" in newest and "oldest first</caption>" in oldest
    # Each page links to the other order, and the filters keep the order asked for.
    assert 'href="?order=oldest">Show oldest first</a>' in newest
    assert 'href="?order=newest">Show newest first</a>' in oldest
    assert '<input type="hidden" name="order" value="oldest">' in oldest
    filtered = c.get(url, {"order": "oldest", "kind": "visit"}).content.decode()
    assert "Show newest first" in filtered and "kind=visit" in filtered.split("Show newest first")[0][-120:]


def test_chronology_page_refused_when_role_lacks_permission(client_for, make_user, child):
    partner = make_user(Role.PARTNER, "partner.user")
    assert client_for(partner).get(reverse("casework:chronology", args=[child.pk])).status_code == 403


def test_annotate_page_marks_significant_when_posted(client_for, social_worker, child):
    key = f"people.Person:{child.pk}:born"
    url = reverse("casework:annotate", args=[child.pk])
    assert client_for(social_worker).get(url, {"key": key}).status_code == 200
    response = client_for(social_worker).post(
        url, {"source_key": key, "significant": "on", "impact": "Start of life"}
    )
    assert response.status_code == 302
    assert chronology.find(child.pk, key).significant


def test_export_pdf_and_docx_open_and_are_audited_when_downloaded(client_for, social_worker, child):
    import io
    import zlib

    import docx

    services.annotate_event(
        actor=social_worker,
        person=child,
        source_key=f"people.Person:{child.pk}:born",
        significant=True,
        impact="Born well",
    )
    client = client_for(social_worker)
    url = reverse("casework:export_chronology", args=[child.pk])
    pdf = client.get(url, {"format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = b"".join(_inflate(pdf.content, zlib))
    assert b"Amelia Hughes" in text
    word = client.get(url, {"format": "docx", "significant": "on"})
    document = docx.Document(io.BytesIO(word.content))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells][:3] == ["No.", "Date", "Event"]
    assert len(table.rows) == 2  # header + the one significant event
    assert "Born well" in table.rows[1].cells[4].text
    assert "Amelia Hughes" in "\n".join(p.text for p in document.paragraphs)
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, person_id=child.pk).count() == 2


def _inflate(data, zlib):
    """Page streams of a reportlab PDF: ASCII85 then Flate encoded."""
    import base64
    import re

    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        raw = match.group(1).strip()
        try:
            yield zlib.decompress(base64.a85decode(raw.removesuffix(b"~>")))
        except Exception:
            try:
                yield zlib.decompress(raw)
            except zlib.error:
                yield raw


def test_sibling_view_labels_entries_and_hides_restricted_sibling(
    client_for, social_worker, child, sibling, make_user, admin_user
):

    response = client_for(social_worker).get(reverse("casework:sibling_chronology", args=[child.pk]))
    assert response.status_code == 200
    sibling_link = reverse("casework:chronology", args=[sibling.pk]).encode()
    assert sibling_link in response.content
    assert b"Born" in response.content and response.content.count(b"Born") >= 2
    manager = make_user(Role.TEAM_MANAGER, "restrict.mgr")
    restrict(manager, sibling, "OTHER", actor=admin_user)
    response = client_for(social_worker).get(reverse("casework:sibling_chronology", args=[child.pk]))
    assert sibling_link not in response.content
