"""Hand-worked cases: contacts, referrals and assessments, at the period boundaries and
around bank holidays (Easter 2026: Good Friday 3 April, Easter Monday 6 April)."""

from datetime import date

from performance.periods import collection_year, month

from . import rows

Y2026 = collection_year(2026)


def test_referrals_are_counted_by_referral_date_on_either_side_of_31_march(social_worker, figure):
    ava = rows.child(social_worker)
    rows.referral(ava, social_worker, date(2025, 4, 1))
    rows.referral(ava, social_worker, date(2026, 3, 31), nfa=True)
    rows.referral(ava, social_worker, date(2026, 4, 1))
    assert figure("referrals", Y2026).count == 2
    assert figure("referrals", collection_year(2027)).count == 1
    nfa = figure("referrals_nfa", Y2026)
    assert (nfa.numerator, nfa.denominator, str(nfa.value)) == (1, 2, "50.0")


def test_an_adult_s_referral_is_not_a_child_s(social_worker, figure):
    parent = rows.child(social_worker, "Parent", record_type="ADULT")
    rows.referral(parent, social_worker, date(2025, 6, 1))
    assert figure("referrals", Y2026).count == 0


def test_a_re_referral_is_within_12_months_of_the_child_s_previous_referral(social_worker, figure):
    ava, ben = rows.children(social_worker, "Ava", "Ben")
    rows.referral(ava, social_worker, date(2025, 3, 31))  # last year, exactly 12 months before
    rows.referral(ava, social_worker, date(2026, 3, 31))
    rows.referral(ben, social_worker, date(2024, 6, 1))  # more than 12 months before
    rows.referral(ben, social_worker, date(2025, 6, 2))
    re = figure("re_referrals_12_months", Y2026)
    assert (re.numerator, re.denominator) == (1, 2)
    assert figure("referrals_rate", Y2026).population == 62000


def test_rates_divide_by_the_year_s_recorded_population(social_worker, analyst, figure):
    from performance.services import set_population

    ava = rows.child(social_worker)
    for day in (date(2025, 5, 1), date(2025, 8, 1), date(2025, 11, 1)):
        rows.referral(ava, social_worker, day)
    set_population(actor=analyst, year=2026, population=4000, source="Test estimate")
    set_population(actor=analyst, year=2020, population=1, source="An old estimate")
    rate = figure("referrals_rate", Y2026)
    assert (rate.count, rate.population, str(rate.value)) == (3, 4000, "7.5")
    assert figure("referrals_rate", collection_year(2030)).population == 4000  # the latest earlier year


def test_a_decision_within_1_working_day_skips_the_easter_bank_holidays(social_worker, figure):
    ava, ben, cal = (rows.child(social_worker, n) for n in ("Ava", "Ben", "Cal"))
    thursday = rows.at(date(2026, 4, 2))
    rows.contact(ava, social_worker, thursday, decided=rows.at(date(2026, 4, 7), 16))  # Tuesday: in time
    rows.contact(ben, social_worker, thursday, decided=rows.at(date(2026, 4, 8)))  # Wednesday: late
    rows.contact(cal, social_worker, rows.at(date(2026, 4, 8)))  # not decided: not counted
    decided = figure("decisions_within_1_working_day", month(2026, 4))
    assert (decided.numerator, decided.denominator) == (1, 2)
    contacts = figure("contacts", month(2026, 4))
    assert contacts.count == 3


def test_contacts_that_became_referrals(social_worker, figure):
    ava, ben = rows.children(social_worker, "Ava", "Ben")
    ref = rows.referral(ava, social_worker, date(2025, 9, 2))
    rows.contact(ava, social_worker, rows.at(date(2025, 9, 1)), referral=ref)
    rows.contact(ben, social_worker, rows.at(date(2025, 9, 1)))
    converted = figure("contacts_to_referral", Y2026)
    assert (converted.numerator, converted.denominator) == (1, 2)


def test_assessments_within_45_working_days_count_from_the_start_past_the_may_bank_holidays(
    social_worker, figure
):
    # From Tuesday 1 April 2025: April has 19 working days after it (Good Friday and Easter
    # Monday out), May 20 (both bank holidays out): 39 by 31 May, so the 45th is Monday 9 June.
    ava = rows.child(social_worker)
    ref = rows.referral(ava, social_worker, date(2025, 4, 1))
    rows.assessment(ref, social_worker, date(2025, 4, 1), date(2025, 6, 9), outcomes=["NFA"])
    rows.assessment(ref, social_worker, date(2025, 4, 1), date(2025, 6, 10))
    rows.assessment(ref, social_worker, date(2025, 4, 1), None)
    rows.assessment(ref, social_worker, date(2026, 3, 1), date(2026, 4, 1))  # authorised next year
    on_time = figure("assessments_within_45_days", Y2026)
    assert (on_time.numerator, on_time.denominator) == (1, 2)
    assert sorted(i.days for i in on_time.items) == [45, 46]
    assert any("46–50" in i.what for i in on_time.items)
    assert figure("assessments_completed", Y2026).count == 2
    assert str(figure("assessment_average_working_days", Y2026).value) == "46"
    nfa = figure("assessments_nfa", Y2026)
    assert (nfa.numerator, nfa.denominator) == (1, 2)
