from datetime import date, timedelta

import pytest

from demo.stages import frontdoor as demo_stage
from demo.tests.boroughs import base_borough_then
from frontdoor import clocks
from frontdoor.models import Contact, ContactChild, ContactStatus, Disagreement, Referral
from people.models import Person

AS_OF = date(2026, 1, 15)


@pytest.mark.django_db(transaction=True)
def test_demo_stage_generates_realistic_front_door_history(monkeypatch):
    base_borough_then(monkeypatch, 60, 1, AS_OF, demo_stage)

    contacts = Contact.objects.count()
    referrals = list(Referral.objects.all())
    # Contacts are about children under 18 (care leavers are not referred as children in need):
    # about one or more for each child over two years.
    under_18 = Person.objects.children().exclude(date_of_birth__lte=date(2008, 1, 15)).count()
    assert contacts >= 0.9 * under_18
    assert not ContactChild.objects.filter(
        person__date_of_birth__lte=date(2008, 1, 15) - timedelta(days=730)
    ).exists()
    # Contacts are counted per child (as in the DfE and Annex A returns).
    per_child = ContactChild.objects.count()
    assert 0.2 <= len(referrals) / per_child <= 0.45
    known = ContactChild.objects.values("person").distinct().count()
    assert known >= 0.7 * 60
    assert Contact.objects.filter(out_of_hours=True).exists()
    assert Contact.objects.filter(status=ContactStatus.RECEIVED).exists()
    assert Contact.objects.filter(status=ContactStatus.SCREENED).exists()
    late = [
        c
        for c in Contact.objects.filter(status=ContactStatus.DECIDED)
        if c.decided_at.date() > c.decision_due
    ]
    assert late
    by_child: dict[int, list[date]] = {}
    for r in sorted(referrals, key=lambda r: r.referral_date):
        by_child.setdefault(r.person_id, []).append(r.referral_date)
    re_referrals = sum(
        clocks.is_re_referral(d, dates[:i]) for dates in by_child.values() for i, d in enumerate(dates)
    )
    assert re_referrals >= 1
    assert Referral.objects.filter(status="OPEN").count() <= len({r.person_id for r in referrals})
    assert Disagreement.objects.exists()
