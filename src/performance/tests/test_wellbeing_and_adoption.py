"""Hand-worked cases: initial health assessments over the Christmas bank holidays, the OC2
health and dental checks, PEPs, participation in reviews, and the adoption scorecard."""

from datetime import date

from looked_after.models import EducationPlan, HealthAssessment
from performance.periods import as_at, collection_year
from permanence.models import AdoptionCase

from . import rows

Y2026 = collection_year(2026)


def _check(period, actor, kind, day):  # type: ignore[no-untyped-def]
    HealthAssessment.objects.create(
        person=period.person, period=period, kind=kind, completed_on=day, recorded_by=actor
    )


def test_an_initial_health_assessment_within_20_working_days_of_entering_care(social_worker, figure):
    # From Monday 15 December 2025: 16-19 (4), 22-24 (7), 29-31 (10), 2 January (11), 5-9 (16),
    # 12-15 (20): Thursday 15 January 2026 is the 20th working day.
    ava, ben = rows.children(social_worker, "Ava", "Ben")
    _check(rows.care(ava, social_worker, date(2025, 12, 15)), social_worker, "INITIAL", date(2026, 1, 15))
    _check(rows.care(ben, social_worker, date(2025, 12, 15)), social_worker, "INITIAL", date(2026, 1, 16))
    timely = figure("initial_health_within_20_days", Y2026)
    assert (timely.numerator, timely.denominator) == (1, 2)


def test_health_and_dental_checks_for_children_looked_after_a_year(social_worker, figure):
    ava, ben, new = rows.children(social_worker, "Ava", "Ben", "Nia")
    ava_care = rows.care(ava, social_worker, date(2024, 1, 1))
    rows.care(ben, social_worker, date(2024, 1, 1))
    rows.care(new, social_worker, date(2025, 6, 1))  # under a year: not in the cohort
    _check(ava_care, social_worker, "REVIEW", date(2025, 4, 1))
    _check(ava_care, social_worker, "DENTAL", date(2025, 3, 31))  # more than 12 months before
    health = figure("oc2_health_checks", Y2026)
    assert (health.numerator, health.denominator) == (1, 2)
    assert figure("oc2_dental_checks", Y2026).numerator == 0


def test_peps_this_term_for_children_of_school_age(social_worker, figure):
    ava = rows.child(social_worker)  # born 1 May 2014
    baby = rows.child(social_worker, "Baby", date_of_birth=date(2024, 1, 1))
    period = rows.care(ava, social_worker, date(2025, 1, 1))
    rows.care(baby, social_worker, date(2025, 1, 1))
    EducationPlan.objects.create(person=ava, period=period, meeting_on=date(2026, 2, 1), school="Harbour Primary",
                                 targets="Reading", recorded_by=social_worker)  # fmt: skip
    peps = figure("peps_in_date", as_at(date(2026, 3, 31)))
    assert (peps.numerator, peps.denominator) == (1, 1)
    assert figure("peps_in_date", as_at(date(2026, 6, 2))).numerator == 0  # more than a term later


def test_participation_leaves_out_children_under_4(social_worker, figure):
    ava = rows.child(social_worker)
    period = rows.care(ava, social_worker, date(2025, 4, 1))
    for code in ("PN0", "PN1", "PN5", "PN7"):
        rows.review(period, social_worker, date(2025, 9, 1), date(2025, 9, 1), code=code)
    voiced = figure("lac_review_participation", Y2026)
    assert (voiced.numerator, voiced.denominator) == (2, 3)


def test_the_adoption_scorecard_averages_days_for_children_adopted_in_the_period(social_worker, figure):
    ava, ben = rows.children(social_worker, "Ava", "Ben")
    rows.care(ava, social_worker, date(2023, 1, 1))
    rows.care(ben, social_worker, date(2023, 1, 1))
    AdoptionCase.objects.create(person=ava, adm_decision_date=date(2023, 6, 1), authority_date=date(2023, 9, 1),
                                matched_date=date(2023, 12, 1), placed_date=date(2024, 1, 1),
                                adoption_order_date=date(2025, 6, 1), created_by=social_worker)  # fmt: skip
    AdoptionCase.objects.create(person=ben, adm_decision_date=date(2023, 6, 1), authority_date=date(2023, 9, 1),
                                matched_date=date(2023, 10, 1), placed_date=date(2024, 3, 1),
                                adoption_order_date=date(2025, 7, 1), adopted_by_foster_carer=True,
                                foster_placement_start=date(2023, 1, 11), created_by=social_worker)  # fmt: skip
    # A1: 365 days (1 Jan 2023 to 1 Jan 2024) and 425 (to 1 March 2024): 395 on average.
    assert str(figure("adoption_a1", Y2026).value) == "395"
    # A10: Ben counted from moving in with his foster carer on 11 January 2023: 10 days.
    assert str(figure("adoption_a10", Y2026).value) == "188"  # (365 + 10) / 2 = 187.5, rounded half up
    # A2: 91 days (1 September to 1 December 2023) and 30 (to 1 October): 60.5, rounded to 61.
    assert str(figure("adoption_a2", Y2026).value) == "61"


def test_a_pep_this_term_counts_in_the_year_still_running(social_worker, figure):
    """The year to 31 March to come is counted as at today: a PEP a month ago is this term's,
    not four months before a 31 March not yet come."""
    from datetime import timedelta

    from django.utils import timezone

    from performance.periods import collection_year_ending

    today = timezone.localdate()
    ava = rows.child(social_worker)  # born 1 May 2014
    period = rows.care(ava, social_worker, today - timedelta(days=400))
    EducationPlan.objects.create(person=ava, period=period, meeting_on=today - timedelta(days=30),
                                 school="Harbour Primary", targets="Reading", recorded_by=social_worker)  # fmt: skip
    peps = figure("peps_in_date", collection_year(collection_year_ending(today)))
    assert (peps.numerator, peps.denominator) == (1, 1)
