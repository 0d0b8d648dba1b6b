"""Hand-worked cases: s47 enquiries, conferences, plans and children looked after, at the
period boundaries, over Christmas, and for a child who leaves care and returns."""

from datetime import date, datetime

from django.utils import timezone

from performance.periods import as_at, collection_year

from . import rows

Y2026 = collection_year(2026)


def test_an_initial_conference_within_15_working_days_of_the_strategy_discussion_over_christmas(
    social_worker, figure
):
    # From Tuesday 16 December 2025: 17-19, 22-24 December (6), 29-31 (9), 2 January (10;
    # 25, 26 December and 1 January are bank holidays), 5-9 January (15): Friday 9 January.
    ava, ben = rows.children(social_worker, "Ava", "Ben")
    for person, held in ((ava, date(2026, 1, 9)), (ben, date(2026, 1, 12))):
        ref = rows.referral(person, social_worker, date(2025, 12, 15))
        enquiry = rows.s47(ref, social_worker, date(2025, 12, 16))
        rows.conference(ref, social_worker, held, enquiry=enquiry)
        rows.conference(ref, social_worker, date(2026, 3, 1), kind="REVIEW")
    timely = figure("icpc_within_15_days", Y2026)
    assert (timely.numerator, timely.denominator) == (1, 2)
    assert sorted(i.days for i in timely.items) == [15, 16]
    assert figure("initial_conferences", Y2026).count == 2
    assert figure("s47_enquiries", Y2026).count == 2


def test_plans_at_31_march_second_plans_and_plans_lasting_2_years(social_worker, figure):
    ava, ben, cal = (rows.child(social_worker, n) for n in ("Ava", "Ben", "Cal"))
    ref = rows.referral(ava, social_worker, date(2023, 1, 1))
    rows.cp_plan(ref, social_worker, date(2023, 2, 1), date(2025, 6, 1))  # ended, lasted over 2 years
    rows.cp_plan(ref, social_worker, date(2025, 9, 1), date(2026, 3, 31))  # second; ends on 31 March
    ref = rows.referral(ben, social_worker, date(2025, 5, 1))
    rows.cp_plan(ref, social_worker, date(2025, 5, 20), date(2026, 4, 1))  # open at 31 March
    ref = rows.referral(cal, social_worker, date(2025, 5, 1))
    rows.cp_plan(ref, social_worker, date(2025, 5, 20), elsewhere=1)  # a plan elsewhere before
    assert figure("cp_plans_started", Y2026).count == 3
    second = figure("cp_second_or_subsequent", Y2026)
    assert (second.numerator, second.denominator) == (2, 3)
    assert figure("cp_plans_at_period_end", Y2026).count == 2  # Ben and Cal, not Ava
    assert figure("cp_plans_at_period_end", as_at(date(2026, 3, 30))).count == 3
    lasted = figure("cp_plans_ended_2_years", Y2026)
    assert (lasted.numerator, lasted.denominator) == (1, 2)


def test_children_in_need_at_the_period_end(social_worker, figure):
    ava, ben = rows.children(social_worker, "Ava", "Ben")
    rows.referral(ava, social_worker, date(2025, 4, 1))
    rows.referral(ava, social_worker, date(2025, 6, 1))  # two open episodes: one child
    rows.referral(ben, social_worker, date(2025, 4, 1), closed=date(2026, 3, 31))
    assert figure("cin_at_period_end", Y2026).count == 1


def test_a_child_who_leaves_care_and_returns_starts_two_periods_and_ceases_one(social_worker, figure):
    ava, ben = rows.children(social_worker, "Ava", "Ben")
    rows.care(ava, social_worker, date(2025, 5, 1), date(2025, 8, 1))
    rows.care(ava, social_worker, date(2025, 10, 1), places=3, miles="25.0", in_area=False)
    rows.care(ben, social_worker, date(2024, 1, 1), date(2026, 3, 31))  # ceased on 31 March
    assert figure("cla_started", Y2026).count == 2
    assert figure("cla_ceased", Y2026).count == 2  # Ava's first period and Ben's; X1 moves are not
    assert figure("cla_at_period_end", Y2026).count == 1
    moves = figure("cla_3_placements", Y2026)
    assert (moves.numerator, moves.denominator) == (1, 1)
    assert figure("cla_placed_over_20_miles", Y2026).numerator == 1
    assert figure("cla_placed_out_of_area", Y2026).numerator == 1


def test_reviews_on_time_and_the_iro_meeting_the_child(social_worker, figure):
    ava = rows.child(social_worker)
    period = rows.care(ava, social_worker, date(2025, 4, 1))
    rows.review(period, social_worker, date(2025, 4, 29), due=date(2025, 4, 29))
    rows.review(period, social_worker, date(2025, 7, 30), due=date(2025, 7, 29), met=False)
    on_time = figure("lac_reviews_on_time", Y2026)
    assert (on_time.numerator, on_time.denominator) == (1, 2)
    assert figure("iro_met_child", Y2026).numerator == 1


def test_missing_episodes_by_local_start_date_and_return_interviews_within_72_hours(social_worker, figure):
    ava = rows.child(social_worker)
    period = rows.care(ava, social_worker, date(2025, 4, 1))
    late_night = timezone.make_aware(datetime(2026, 3, 31, 23, 30))  # 22:30 UTC, 31 March in London
    rows.missing(period, social_worker, late_night, late_night.replace(day=31, hour=23, minute=45),
                 interview=timezone.make_aware(datetime(2026, 4, 3, 23, 0)))  # fmt: skip
    rows.missing(period, social_worker, rows.at(date(2026, 4, 1)), rows.at(date(2026, 4, 1), 12),
                 interview=rows.at(date(2026, 4, 5)))  # fmt: skip
    assert figure("missing_episodes", Y2026).count == 1
    assert figure("missing_episodes", collection_year(2027)).count == 1
    interviews = figure("return_interviews_72_hours", collection_year(2027))
    assert (interviews.numerator, interviews.denominator) == (0, 1)
    assert figure("return_interviews_72_hours", Y2026).numerator == 1


def test_first_core_groups_on_time_and_child_protection_visits(social_worker, figure):
    from casework.models import Visit
    from protection.models import CoreGroup

    ava, ben = rows.children(social_worker, "Ava", "Ben")
    ref = rows.referral(ava, social_worker, date(2025, 12, 1))
    plan = rows.cp_plan(ref, social_worker, date(2025, 12, 16))
    plan.first_core_group_due = date(2026, 1, 2)  # 10 working days after 16 December, over Christmas
    plan.save()
    CoreGroup.objects.create(plan=plan, held_on=date(2026, 1, 2), recorded_by=social_worker)
    late = rows.cp_plan(
        rows.referral(ben, social_worker, date(2025, 12, 1)), social_worker, date(2025, 12, 16)
    )
    late.first_core_group_due = date(2026, 1, 2)
    late.save()
    CoreGroup.objects.create(plan=late, held_on=date(2026, 1, 5), recorded_by=social_worker)
    groups = figure("first_core_group_on_time", Y2026)
    assert (groups.numerator, groups.denominator) == (1, 2)

    # Ava's visits: 2 January is the 10th working day after the plan began on 16 December;
    # 19 January is 11 working days after 2 January.
    for day, alone in ((date(2026, 1, 2), True), (date(2026, 1, 19), False)):
        Visit.objects.create(person=ava, kind="CP", visited_on=day, child_seen=True, seen_alone=alone,
                             worker=social_worker, recorded_by=social_worker)  # fmt: skip
    visits = figure("cp_visits_on_time", Y2026)
    assert (visits.numerator, visits.denominator) == (1, 2)
    assert sorted(i.days for i in visits.items) == [10, 11]
    alone = figure("cp_visits_seen_alone", Y2026)
    assert (alone.numerator, alone.denominator) == (1, 2)


def test_long_term_stability_for_children_under_16_looked_after_two_and_a_half_years(social_worker, figure):
    ava, ben, old = rows.children(social_worker, "Ava", "Ben", "Olu")
    rows.care(ava, social_worker, date(2023, 1, 1))  # one placement since January 2023: settled
    # Looked after from 1 September 2023 (2½ years by 31 March 2026), in his third placement
    # since 1 May 2024: less than 2 years.
    rows.care(ben, social_worker, date(2023, 9, 1), places=3)
    old.date_of_birth = date(2009, 1, 1)  # 17 at 31 March 2026: not in the measure
    old.save()
    rows.care(old, social_worker, date(2023, 1, 1))
    stable = figure("cla_long_term_stability", Y2026)
    assert stable.denominator == 2
    assert [i.subject_id for i in stable.items if i.hit] == [ava.pk]
