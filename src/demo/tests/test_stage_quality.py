"""The quality demo stage over a small generated authority: a year of supervision with late
sessions and thin directions, oversight with children left too long, and audits moderated
with actions, all through the quality services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from demo.generator import generate
from demo.stages import STAGES
from demo.stages import casework as casework_stage
from demo.stages import quality as quality_stage
from quality import establishment, measures, queries
from quality.models import (
    Action,
    CaseAudit,
    CaseDirection,
    DirectionReview,
    Moderation,
    Oversight,
    SupervisionSession,
)


@pytest.mark.django_db(transaction=False)
def test_demo_quality_has_a_year_of_imperfect_supervision_oversight_and_audits():
    today = timezone.localdate()
    generate(children=60, seed=7, as_of=today)
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
