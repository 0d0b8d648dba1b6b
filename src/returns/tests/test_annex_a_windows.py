"""Records one day inside and one day outside each list's period, and the derived counts on
their boundaries (the inspection date is 30 June 2026: six months from 30 December 2025,
twelve months from 30 June 2025)."""

from datetime import date

import pytest

from returns import annex_a
from returns.annex_a.spec import COLUMNS

from . import annex_a_cohort as make

AS_OF = date(2026, 6, 30)


@pytest.fixture
def staff(make_user):
    return make.make_staff(make_user)


def column(name: str, title: str, output) -> list:
    index = COLUMNS[name].index(title)
    return [row[index] for row in output.tables[name].rows]


def test_referrals_on_the_first_day_are_in_and_the_day_before_counts_as_a_previous_one(staff):
    p = make.child(staff, "Ivy", "F", "WBRI", date(2016, 1, 1))
    make.referral(staff, p, date(2025, 12, 29), "6", nfa=True, closed=(date(2025, 12, 29), "RC8"))
    make.referral(staff, p, date(2025, 12, 30), "6", nfa=True, closed=(date(2025, 12, 30), "RC8"))
    make.referral(staff, p, date(2025, 6, 29), "6", nfa=True, closed=(date(2025, 6, 29), "RC8"))
    output = annex_a.build(AS_OF)
    assert column("List 3", "Date of referral", output) == [date(2025, 12, 30)]
    # 12 months before 30/12/2025 start on 30/12/2024: both earlier referrals are re-referrals.
    assert column("List 3", "Number of Referrals in Last 12 Months", output) == [2]


def test_a_referral_just_over_12_months_earlier_is_not_counted(staff):
    p = make.child(staff, "Jay", "M", "WBRI", date(2016, 1, 1))
    make.referral(staff, p, date(2025, 1, 9), "6", closed=(date(2025, 1, 20), "RC7"))
    make.referral(staff, p, date(2025, 1, 10), "6", closed=(date(2025, 1, 20), "RC7"))
    make.referral(staff, p, date(2026, 1, 10), "6")
    output = annex_a.build(AS_OF)
    assert column("List 3", "Number of Referrals in Last 12 Months", output) == [1]


def test_plans_ending_on_the_first_day_are_in_the_day_before_out(staff):
    inside = make.child(staff, "Kit", "M", "WBRI", date(2016, 1, 1))
    outside = make.child(staff, "Lou", "F", "WBRI", date(2016, 1, 1))
    for person, end in ((inside, date(2025, 12, 30)), (outside, date(2025, 12, 29))):
        ref = make.referral(staff, person, date(2025, 1, 1), "6", closed=(end, "RC7"))
        make.cp_plan(staff, ref, date(2025, 2, 1), "NEG", end=end)
    output = annex_a.build(AS_OF)
    assert column("List 7", "Child Unique ID", output) == [inside.la_child_id]
    assert column("List 7", "Child Protection Plan End Date", output) == [date(2025, 12, 30)]
    assert column("List 6", "Child Unique ID", output) == [inside.la_child_id]
    assert column("List 6", "Case Status", output) == ["e) Closed episode"]


def test_an_end_after_the_inspection_date_is_not_shown_and_the_record_counts_as_open(staff):
    p = make.child(staff, "Max", "M", "WBRI", date(2016, 1, 1))
    ref = make.referral(staff, p, date(2026, 5, 1), "6", closed=(date(2026, 7, 2), "RC7"))
    make.cp_plan(staff, ref, date(2026, 5, 20), "PHY", end=date(2026, 7, 1))
    output = annex_a.build(AS_OF)
    assert column("List 7", "Child Protection Plan End Date", output) == [None]
    assert column("List 6", "CIN Closure Date", output) == [None]
    assert column("List 6", "Case Status", output) == ["b) Child Protection plan"]


def test_adoption_orders_on_the_12_month_boundary(staff):
    from permanence import services as permanence

    def adopted(name: str, on: date):
        p = make.child(staff, name, "F", "WBRI", date(2022, 1, 1))
        case = permanence.decide_adoption(actor=staff.manager, person=p, adm_decision_date=date(2024, 1, 1))
        for event in ("authorise", "match", "place"):
            permanence.advance_adoption(actor=staff.manager, case=case, event=event, on=date(2024, 6, 1))
        permanence.advance_adoption(actor=staff.manager, case=case, event="adopt", on=on)
        return p

    inside = adopted("Nia", date(2025, 6, 30))
    adopted("Ola", date(2025, 6, 29))
    output = annex_a.build(AS_OF)
    assert column("List 10", "Child Unique ID", output) == [inside.la_child_id]


def test_missing_episodes_on_the_12_month_boundary(staff):
    from looked_after import services as care
    from looked_after.tests.factories import take_into_care

    p = make.child(staff, "Pia", "F", "WBRI", date(2012, 1, 1))
    take_into_care(staff.manager, p, date(2025, 1, 1), "C2", "N1", make.placement("U6", "PR1", "Carers"))
    for day in (date(2025, 6, 29), date(2025, 6, 30), date(2026, 6, 30)):
        care.record_missing_episode(actor=staff.manager, person=p, kind="M", started_at=make.at(day, 12))
    output = annex_a.build(AS_OF)
    title = "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months"
    assert column("List 8", title, output) == [2]
