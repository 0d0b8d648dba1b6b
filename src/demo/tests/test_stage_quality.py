"""The quality demo stage over a small generated authority: a year of supervision with late
sessions and thin directions, oversight with children left too long, audits moderated with
actions, and this month's multi-agency audit by the partner agency's demo account, all
through the quality services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from demo.stages import STAGES
from demo.stages import casework as casework_stage
from demo.stages import quality as quality_stage
from demo.tests.boroughs import generated_borough
from people.access import Purpose, decide
from people.models import AccessGrant, Person
from quality import establishment, measures, queries
from quality.models import (
    Action,
    AuditProgramme,
    CaseAudit,
    CaseDirection,
    DirectionReview,
    Moderation,
    Oversight,
    SupervisionSession,
)


@pytest.fixture(scope="module")
def borough(django_db_setup, django_db_blocker):
    """A 60-child authority generated as of today, shared by this module's tests and rolled
    back after them."""
    with generated_borough(django_db_blocker, 60, 7, timezone.localdate()):
        yield


@pytest.fixture
def today(borough, db):
    return timezone.localdate()


def test_demo_quality_has_a_year_of_imperfect_supervision_oversight_and_audits(today):
    order = list(STAGES)
    assert order.index(casework_stage) < order.index(quality_stage)

    sessions = SupervisionSession.objects.order_by("worker_id", "held_on")
    assert sessions.filter(held_on__lt=today - timedelta(days=300)).exists()
    gaps = []
    previous = None
    for session in sessions:
        if previous is not None and previous.worker_id == session.worker_id:
            gaps.append((session.held_on - previous.held_on).days)
        previous = session
    assert any(gap > 28 for gap in gaps) and sum(gap <= 28 for gap in gaps) > len(gaps) / 2
    assert CaseDirection.objects.filter(objectives="Continue as planned.", actions__isnull=True).exists()
    assert CaseDirection.objects.exclude(contingency="").exists()
    outcomes = set(DirectionReview.objects.values_list("outcome", flat=True))
    assert outcomes == {"DONE", "CARRIED", "NOT_NEEDED"}
    still_open = list(queries.open_directions())
    assert any(d.carried for d in still_open)
    assert all(d.review_on > today - timedelta(days=90) for d in still_open)
    assert Oversight.objects.exists()
    trend = establishment.trend(today)
    assert len(trend) == 12 and any(r.rates.vacancy_rate for r in trend) and any(r.leavers for r in trend)
    assert Action.objects.filter(done_on__isnull=False).exists()
    assert Action.objects.filter(done_on__isnull=True, due_on__lt=today).exists()
    assert CaseAudit.objects.count() >= 4 and Moderation.objects.exists()

    supervised = measures.supervision_within_standard(today)
    overseen = measures.oversight_within_standard(today)
    assert 0 < supervised.numerator < supervised.denominator
    assert 0 < overseen.numerator < overseen.denominator


def test_demo_has_this_months_multi_agency_audit_by_the_partner_who_sees_only_its_children(today):
    nurse = User.objects.get(username="named.nurse")
    programme = AuditProgramme.objects.get(partner_auditors=nurse)
    sampled = set(programme.cases.values_list("person_id", flat=True))

    assert programme.month == today.replace(day=1) and len(sampled) >= 2
    grants = AccessGrant.objects.filter(user=nurse)
    assert set(grants.values_list("person_id", flat=True)) == sampled
    assert all(g.ends_on.month == today.month and g.starts_on <= today <= g.ends_on for g in grants)
    audits = CaseAudit.objects.filter(auditor=nurse)
    assert audits.count() == 2 and set(audits.values_list("person_id", flat=True)) <= sampled
    assert set(programme.cases.exclude(audit=None).values_list("audit__auditor", flat=True)) == {nurse.pk}
    moderated = audits.get(moderation__isnull=False)
    assert moderated.moderation.moderator.username == "auditor"
    [action] = Action.objects.filter(audit__auditor=nurse)
    case = programme.cases.get(audit=moderated)
    assert action.owner == case.worker and action.done_on is None

    child = Person.objects.get(pk=min(sampled))
    others = Person.objects.active().children().exclude(pk__in=sampled)
    assert decide(nurse, child, Purpose.VIEW).allowed
    assert not any(decide(nurse, p, Purpose.VIEW).allowed for p in others[:20])
