"""Hand-worked cases: care leavers at their birthdays (a 29 February birthday included),
early help episodes, review conferences on time and children with no allocated worker."""

from datetime import date

from care_leavers.models import BirthdayStatus
from early_help.models import EarlyHelpEpisode
from performance.catalogue import CATALOGUE
from performance.periods import as_at, collection_year
from workforce.models import Allocation

from . import rows

Y2026 = collection_year(2026)


def _status(person, actor, age, **fields):  # type: ignore[no-untyped-def]
    defaults = {"in_touch": "YES", "activity": "F2", "accommodation": "B", "suitability": "1"}
    return BirthdayStatus.objects.create(
        person=person, age=age, contact_date=date(2025, 6, 1), recorded_by=actor, **{**defaults, **fields}
    )


def test_care_leavers_are_counted_at_birthdays_in_the_period_by_age_group(social_worker, figure):
    leap = rows.child(
        social_worker, "Lea", date_of_birth=date(2004, 2, 29)
    )  # 21 on 28 February 2025 (no 29th that year)
    ruby = rows.child(social_worker, "Ruby", date_of_birth=date(2006, 4, 1))  # 19 on 1 April 2025
    sam = rows.child(social_worker, "Sam", date_of_birth=date(2008, 3, 31))  # 17 on 31 March 2025: last year
    _status(leap, social_worker, 21, in_touch="NO", activity="", accommodation="", suitability="")
    _status(ruby, social_worker, 19, activity="G5", suitability="2")
    _status(sam, social_worker, 17)
    in_touch = figure("care_leavers_in_touch_19_21", collection_year(2025))
    assert (in_touch.numerator, in_touch.denominator) == (0, 1)  # Lea: 28 February 2025
    touch = figure("care_leavers_in_touch_19_21", Y2026)
    assert (touch.numerator, touch.denominator) == (1, 1)  # Ruby
    assert figure("care_leavers_eet_19_21", Y2026).numerator == 0
    assert figure("care_leavers_suitable_accommodation_19_21", Y2026).numerator == 0
    assert figure("care_leavers_in_touch_17_18", Y2026).denominator == 0
    assert figure("care_leavers_in_touch_17_18", collection_year(2025)).denominator == 1


def test_early_help_open_started_and_stepped_up(social_worker, figure):
    ava, ben = rows.children(social_worker, "Ava", "Ben")
    for person, start, end, reason in (
        (ava, date(2025, 4, 1), date(2025, 9, 1), "STEP_UP"),
        (ava, date(2025, 10, 1), None, ""),
        (ben, date(2024, 1, 1), date(2026, 3, 31), "OUTCOMES_MET"),
    ):
        EarlyHelpEpisode.objects.create(person=person, start_date=start, end_date=end, end_reason=reason,
                                        reason="Support", created_by=social_worker)  # fmt: skip
    assert figure("early_help_open", Y2026).count == 1  # Ben's ended on 31 March
    assert figure("early_help_open", as_at(date(2026, 3, 30))).count == 2
    assert figure("early_help_started", Y2026).count == 2
    stepped = figure("early_help_stepped_up", Y2026)
    assert (stepped.numerator, stepped.denominator) == (1, 2)


def test_review_conferences_on_time(social_worker, figure):
    ava = rows.child(social_worker)
    ref = rows.referral(ava, social_worker, date(2025, 4, 1))
    for held, due in ((date(2025, 7, 1), date(2025, 7, 1)), (date(2026, 1, 5), date(2026, 1, 2))):
        review = rows.conference(ref, social_worker, held, kind="REVIEW")
        review.due_on = due
        review.save()
    reviews = figure("cp_reviews_on_time", Y2026)
    assert (reviews.numerator, reviews.denominator) == (1, 2)


def test_children_in_need_with_no_allocated_social_worker_on_the_day(social_worker, team, figure):
    ava, ben, cal = (rows.child(social_worker, n) for n in ("Ava", "Ben", "Cal"))
    for person in (ava, ben, cal):
        rows.referral(person, social_worker, date(2025, 6, 1))
    Allocation.objects.create(person=ava, worker=social_worker, team=team, role="SOCIAL_WORKER",
                              start_date=date(2025, 6, 1), start_reason="FCONTA")  # fmt: skip
    Allocation.objects.create(person=ben, worker=social_worker, team=team, role="SOCIAL_WORKER",
                              start_date=date(2025, 6, 1), end_date=date(2026, 3, 31), start_reason="FCONTA")  # fmt: skip
    Allocation.objects.create(person=cal, worker=social_worker, team=team, role="IRO",
                              start_date=date(2025, 6, 1), start_reason="FCONTA")  # fmt: skip
    gaps = figure("unallocated_children", Y2026)
    assert (gaps.numerator, gaps.denominator) == (1, 3)  # Cal: an IRO is not a social worker
    assert [i.subject_id for i in gaps.items if i.hit] == [cal.pk]
    assert figure("unallocated_children", as_at(date(2026, 4, 1))).numerator == 2


def test_the_catalogue_holds_the_issue_s_required_ids():
    required = {"referrals", "re_referrals_12_months", "referrals_nfa", "assessments_completed", "s47_enquiries",
                "initial_conferences", "cp_plans_started", "cp_plans_at_period_end", "cla_at_period_end",
                "cla_started", "cla_ceased", "missing_episodes"}  # fmt: skip
    assert required <= set(CATALOGUE.indicators)
