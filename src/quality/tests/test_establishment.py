"""A team's establishment month by month: recorded by service managers and performance staff,
corrected with the audit keeping what it said, read with its vacancy, agency and turnover rates."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import Role
from audit.models import AuditEvent
from quality import establishment, rules, services
from quality.models import TeamEstablishment
from timescales import add_months

D = Decimal


@pytest.fixture
def performance_user(make_user):
    return make_user(Role.PERFORMANCE, "perf")


def _record(actor, team, month, **extra):
    values = {"posts": D("10"), "permanent": D("7.5"), "agency": D("1.5"), "starters": 1, "leavers": 2}
    values.update(extra)
    return services.record_establishment(actor=actor, team=team, month=month, **values)


def test_rates_count_a_post_without_permanent_staff_as_vacant():
    rates = rules.workforce_rates(D("10"), D("7.5"), D("1.5"), 2)
    assert (rates.vacancies, rates.vacancy_rate, rates.agency_rate, rates.turnover) == (
        D("2.5"),
        D("25.0"),
        D("16.7"),
        D("26.7"),
    )
    assert rules.workforce_rates(D("0"), D("0"), D("0"), 0).vacancy_rate is None


def test_a_month_is_recorded_once_and_corrected_with_the_audit_keeping_both(performance_user, team):
    today = timezone.localdate()
    first = _record(performance_user, team, today.replace(day=15))
    assert first.month == today.replace(day=1)
    again = _record(performance_user, team, today, agency=D("2"))
    assert again.pk == first.pk and TeamEstablishment.objects.get().agency == D("2")
    events = AuditEvent.objects.filter(summary__startswith=f"Recorded the establishment of {team.name}")
    assert events.count() == 2


def test_establishment_refuses_the_future_negative_figures_and_workers(performance_user, social_worker, team):
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        _record(performance_user, team, add_months(today, 1))
    with pytest.raises(ValidationError):
        _record(performance_user, team, today, leavers=-1)
    with pytest.raises(ValidationError):
        _record(performance_user, team, today, posts=D("0"))
    with pytest.raises(PermissionDenied):
        _record(social_worker, team, today)
    assert not TeamEstablishment.objects.exists()


def test_trend_totals_the_teams_month_by_month(performance_user, team):
    today = timezone.localdate()
    for n in range(3):
        _record(performance_user, team, add_months(today, -n), leavers=n)
    rows = establishment.trend(today)
    assert [r.month for r in rows] == [add_months(today, -n).replace(day=1) for n in (2, 1, 0)]
    assert [r.leavers for r in rows] == [2, 1, 0]


def test_workforce_page_and_recording_through_the_form(client_for, performance_user, team_manager, team):
    client = client_for(performance_user)
    today = timezone.localdate()
    response = client.post(
        reverse("quality:new_establishment"),
        {
            "team": team.pk,
            "month-day": 1,
            "month-month": today.month,
            "month-year": today.year,
            "posts": "9",
            "permanent": "six",
            "agency": "1",
            "starters": "0",
            "leavers": "1",
        },
    )
    assert response.status_code == 400
    assert "Enter the permanent staff in post as a number, like 8.5" in response.content.decode()
    response = client.post(
        reverse("quality:new_establishment"),
        {
            "team": team.pk,
            "month-day": 1,
            "month-month": today.month,
            "month-year": today.year,
            "posts": "9",
            "permanent": "6",
            "agency": "1",
            "starters": "0",
            "leavers": "1",
        },
    )
    assert response.status_code == 302
    page = client_for(team_manager).get(reverse("quality:workforce")).content.decode()
    assert team.name in page and "33.3%" in page  # 3 of 9 posts without permanent staff
    assert "Record a team&#39;s establishment" not in page and "Record a team's establishment" not in page


def test_workers_see_no_workforce_figures_and_managers_record_none(client_for, social_worker, team_manager):
    assert client_for(social_worker).get(reverse("quality:workforce")).status_code == 403
    assert client_for(team_manager).get(reverse("quality:new_establishment")).status_code == 403
