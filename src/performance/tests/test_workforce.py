"""The indicators of workers, worked by hand: supervision within the standard and weighted
caseloads, a row per social worker in post at the end of the period, agreeing with
`quality.measures`; the drill-down lists workers by team, to a manager their team's, to
performance staff everyone's."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Team, TeamKind
from accounts.permissions import Role
from people.tests.factories import make_person
from performance.periods import Period, as_at, collection_year, collection_year_ending, month
from quality import measures, services
from quality.models import Standard
from timescales import add_months
from workforce.tests.factories import allocate


def day(n: int):
    return timezone.localdate() + timedelta(days=n)


@pytest.fixture
def staffed(db, make_user, team, social_worker, team_manager):
    """Three social workers in post, all joined 200 days ago: Social Tester (the fixture
    team; supervised 28 days ago, three children), Lee Late (the same team; supervised 29
    days ago, one child) and Fay Far (another team; never supervised, no children); and Gil
    Gone, who left in the period (supervised late, a child still allocated), in post no more.
    The authority's caseload thresholds: amber from 2, red from 3."""
    Standard.objects.create(in_force_from=day(-300), caseload_amber=Decimal(2), caseload_red=Decimal(3))
    other = Team.objects.create(name="Court Team", kind=TeamKind.CHILDREN_IN_CARE)
    late = make_user(Role.SOCIAL_WORKER, "lee.late", first_name="Lee", last_name="Late")
    far = make_user(Role.SOCIAL_WORKER, "fay.far", first_name="Fay", last_name="Far", team=other)
    gone = make_user(Role.SOCIAL_WORKER, "gil.gone", first_name="Gil", last_name="Gone")
    workers = (social_worker, late, far, gone)
    for worker in workers:
        worker.date_joined = timezone.now() - timedelta(days=200)
        worker.save()
    for worker, held in ((social_worker, day(-28)), (late, day(-29)), (gone, day(-60))):
        services.record_supervision(actor=team_manager, worker=worker, held_on=held)
    for n, worker in enumerate((social_worker, social_worker, social_worker, late, gone)):
        child = make_person(team_manager, f"Child{n}", "Hand", date_of_birth=day(-3000))
        allocate(team_manager, child, worker, team, day(-100))
    gone.is_active = False
    gone.save()
    return {"late": late, "far": far, "gone": gone, "other": other}


def test_supervision_within_the_standard_counts_a_session_on_its_last_day(figure, staffed, social_worker):
    today = figure("supervision_within_standard", as_at(day(0)))
    # Social Tester's supervision 28 days ago is due today: within; Lee Late's 29 days ago was
    # due yesterday; Fay Far, never supervised, was due 28 days after joining; Gil Gone left.
    assert (today.numerator, today.denominator, today.value) == (1, 3, Decimal("33.3"))
    assert today.children == {social_worker.pk, staffed["late"].pk, staffed["far"].pk}
    assert {i.subject_id for i in today.items if i.hit} == {social_worker.pk}
    # A day earlier, Lee Late's supervision was on the last day of the standard.
    yesterday = figure("supervision_within_standard", as_at(day(-1)))
    assert (yesterday.numerator, yesterday.denominator) == (2, 3)
    expected = measures.supervision_within_standard(day(0))
    assert (expected.numerator, expected.denominator) == (today.numerator, today.denominator)
    # A period still running is counted as at today, not at its end to come.
    year = figure("supervision_within_standard", collection_year(collection_year_ending(day(0))))
    assert (year.numerator, year.denominator) == (1, 3)


def test_weighted_caseloads_average_largest_and_over_the_threshold(figure, staffed, social_worker):
    period = as_at(day(0))
    # Weighted (each child in need 1.00): Social Tester 3, Lee Late 1, Fay Far 0; Gil Gone's
    # child is not counted, as he is no longer in post.
    average = figure("caseload_weighted_average", period)
    assert (average.count, average.value) == (3, Decimal("1.3"))
    assert figure("caseload_weighted_maximum", period).value == Decimal(3)
    over = figure("caseload_over_threshold", period)
    assert (over.numerator, over.denominator, over.value) == (1, 3, Decimal("33.3"))
    assert {i.subject_id for i in over.items if i.hit} == {social_worker.pk}
    measure = measures.weighted_caseload(day(0))
    assert (measure.numerator, measure.denominator) == (Decimal(4), 3)
    assert set(measure.counted) == {social_worker.pk}


def _get(client, user, name, *args, **query):
    client.force_login(user)
    return client.get(
        reverse(f"performance:{name}", args=args), {"period": f"as_at:{day(0):%Y-%m-%d}", **query}
    )


def test_performance_staff_drill_down_to_the_workers_of_each_team(client, analyst, staffed, team):
    page = _get(client, analyst, "indicator", "supervision_within_standard").content.decode()
    assert "By team" in page and "Court Team" in page and "Assessment Team 1" in page
    assert "Who is counted" not in page  # no breakdown of children
    team_page = _get(client, analyst, "team", "supervision_within_standard", team.pk).content.decode()
    assert "Social Tester" in team_page and "Lee Late" in team_page
    assert "Fay Far" not in team_page and "Gil Gone" not in team_page and "Child0" not in team_page
    csv = _get(client, analyst, "team", "caseload_weighted_average", team.pk, format="csv").content.decode()
    assert "Name,Team,What,Date,Meets the measure,Value" in csv
    assert "Social Tester,Assessment Team 1,3 children" in csv
    assert (
        _get(client, analyst, "worker", "supervision_within_standard", staffed["late"].pk).status_code == 404
    )


def test_a_manager_sees_their_team_s_workers_and_a_worker_only_themself(
    client, team_manager, social_worker, staffed
):
    page = _get(client, team_manager, "indicator", "caseload_over_threshold").content.decode()
    assert "Social Tester" in page and "Lee Late" in page and "Fay Far" not in page
    assert "<strong>50.0%</strong>" in page  # of the team's two workers, one over the threshold
    assert (
        _get(client, team_manager, "team", "caseload_over_threshold", staffed["other"].pk).status_code == 403
    )
    own = _get(client, social_worker, "indicator", "supervision_within_standard").content.decode()
    assert "Social Tester" in own and "Lee Late" not in own and "Fay Far" not in own


def test_the_overview_lists_the_workforce_indicators(client, analyst, staffed):
    page = _get(client, analyst, "index").content.decode()
    assert "Workforce" in page and "Social workers with supervision within the standard" in page


@pytest.fixture
def establishment(make_user, team, team_manager):
    """Assessment Team 1 last month: 10 posts, 8 permanent, 1 agency, a leaver; this month a
    second permanent worker left mid-period and another agency worker covers: 7 permanent, 2
    agency. Court Team this month: 5 posts, all permanent, no leavers."""
    team.manager = team_manager
    team.save()
    other = Team.objects.create(name="Court Team", kind=TeamKind.CHILDREN_IN_CARE)
    recorder = make_user(Role.PERFORMANCE, "establishment.recorder")
    this_month = day(0).replace(day=1)
    last_month = add_months(this_month, -1)
    for where, first_day, permanent, agency, leavers, posts in (
        (team, last_month, "8", "1", 1, "10"),
        (team, this_month, "7", "2", 1, "10"),
        (other, this_month, "5", "0", 0, "5"),
    ):
        services.record_establishment(
            actor=recorder,
            team=where,
            month=first_day,
            posts=Decimal(posts),
            permanent=Decimal(permanent),
            agency=Decimal(agency),
            starters=0,
            leavers=leavers,
        )
    return {"this_month": this_month, "last_month": last_month, "other": other}


def test_vacancy_agency_and_turnover_are_of_the_teams_sums(figure, establishment):
    both = Period("rolling", establishment["last_month"], day(0), "Last month and this")
    # At the end: vacancies 3 + 0 of 15 posts; agency 2 + 0 of 9 + 5 in post; leavers over
    # both months 1 + 1 (+ 0) of 7 + 5 permanent.
    vacancy = figure("workforce_vacancy_rate", both)
    assert (vacancy.numerator, vacancy.denominator, vacancy.value) == (
        Decimal(3),
        Decimal(15),
        Decimal("20.0"),
    )
    assert figure("workforce_agency_rate", both).value == Decimal("14.3")
    turnover = figure("workforce_turnover", both)
    assert (turnover.numerator, turnover.denominator, turnover.value) == (
        Decimal(2),
        Decimal(12),
        Decimal("16.7"),
    )
    # This month alone: one leaver of 12.
    this_month = month(establishment["this_month"].year, establishment["this_month"].month)
    assert figure("workforce_turnover", this_month).value == Decimal("8.3")
    # As at the end of last month, only Assessment Team 1 was recorded: 2 of 10 vacant, 1 of 9
    # agency, 1 leaver of 8.
    then = as_at(establishment["this_month"] - timedelta(days=1))
    assert figure("workforce_vacancy_rate", then).value == Decimal("20.0")
    assert figure("workforce_agency_rate", then).value == Decimal("11.1")
    assert figure("workforce_turnover", then).value == Decimal("12.5")
    before = as_at(establishment["last_month"] - timedelta(days=1))
    assert figure("workforce_vacancy_rate", before).value is None


def test_establishment_rates_drill_down_to_the_teams(client, analyst, team_manager, team, establishment):
    page = _get(client, analyst, "indicator", "workforce_vacancy_rate").content.decode()
    assert "<strong>20.0%</strong>" in page and "By team" in page and "Court Team" in page
    team_page = _get(client, analyst, "team", "workforce_vacancy_rate", team.pk).content.decode()
    assert "3 vacant of 10" in team_page and "Court Team" not in team_page
    managers = _get(client, team_manager, "indicator", "workforce_vacancy_rate").content.decode()
    assert "<strong>30.0%</strong>" in managers and "Court Team" not in managers
    other = establishment["other"].pk
    assert _get(client, team_manager, "team", "workforce_vacancy_rate", other).status_code == 403
