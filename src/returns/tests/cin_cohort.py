"""A small CIN census cohort, recorded through Harbour's services as workers would record it.

Collection year 2025-26 (1 April 2025 to 31 March 2026). Five children:

* A: a referral closed with no further action (no UPN: UN7 is derived).
* B: an assessment with factors, authorised, the episode closed with early help (RC9).
* C: a strategy discussion, s47 enquiry, initial conference and CP plan with a review
  (the latest category changed at review), and an earlier plan in 2023 (previous plans 1).
* D: two disabilities, an assessment and an open CIN plan.
* E: an unborn baby referred in pregnancy, assessment in progress at 31 March.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from stdnum.gb import upn as upn_check

from accounts.models import User
from accounts.permissions import Role
from assessments import services as assessments
from cin import services as cin
from frontdoor import services as frontdoor
from frontdoor.tests.factories import open_referral
from people import services as people
from people.models import Person
from people.tests.factories import make_person
from protection import services as protection
from protection.models import Agency
from protection.tests.factories import review_conference

YEAR = 2026
GENERATED_AT = timezone.make_aware(datetime(2026, 4, 2, 9, 30))


def valid_upn(la: str, rest: str) -> str:
    body = f"{la}{rest}"
    return upn_check.calc_check_digit(body) + body


@dataclass
class Cohort:
    nfa: Person
    assessed: Person
    protected: Person
    cin_plan: Person
    unborn: Person


def _referral(manager: User, person: Person, day: date, source: str, need: str):  # type: ignore[no-untyped-def]
    return open_referral(manager, person, day, source, primary_need=need)


def _assessment(worker: User, manager: User, referral, start: date, done: date | None, factors, outcome):  # type: ignore[no-untyped-def]
    a = assessments.start_assessment(actor=worker, referral=referral, start_date=start, worker=worker)
    assessments.record_assessment(
        actor=worker,
        assessment=a,
        data={
            "factors": factors,
            "risk_factors": "Worries about care at home.",
            "protective_factors": "A supportive grandparent.",
            "child_seen_on": start,
            "child_seen_alone_on": start,
            "child_wishes": "I want things to be calmer at home.",
            "identity": "Considered with the family.",
            "analysis": "Needs support.",
            "outcomes": [outcome],
        },
    )
    if done is not None:
        assessments.submit_assessment(actor=worker, assessment=a, on=done)
        assessments.authorise_assessment(actor=manager, assessment=a, comments="Meets the standard", on=done)
    return a


def _child(worker: User, given: str, born: date | None, sex: str, ethnicity: str = "WBRI", **extra) -> Person:  # type: ignore[no-untyped-def]
    return make_person(worker, given, "Cohort", date_of_birth=born, sex=sex, ethnicity=ethnicity, **extra)


def _icpc_and_plan(worker: User, chair: User, referral, strategy_on: date, icpc_on: date, category: str):  # type: ignore[no-untyped-def]
    sd = protection.record_strategy_discussion(
        actor=worker,
        referral=referral,
        held_on=strategy_on,
        agencies=[Agency.SOCIAL_CARE, Agency.POLICE],
        information_shared="Police and school checks shared.",
        decision="S47_JOINT",
    )
    protection.record_s47_outcome(actor=worker, s47=sd.s47, outcome="ICPC", outcome_date=strategy_on)
    conference = protection.record_conference(
        actor=chair,
        referral=referral,
        kind="INITIAL",
        held_on=icpc_on,
        decision="PLAN",
        category=category,
        s47=sd.s47,
    )
    plan = conference.plan
    protection.update_plan(actor=worker, plan=plan, worries="Harm at home.", goals="Safe at home.")
    protection.add_action(
        actor=worker,
        plan=plan,
        data={
            "what": "Weekly visits",
            "who_person": "Social worker",
            "who_agency": "CSC",
            "by_when": icpc_on,
        },
    )
    protection.sign_off_plan(actor=chair, plan=plan, on=icpc_on)
    return sd.s47, plan


def make_cohort(make_user) -> Cohort:  # type: ignore[no-untyped-def]
    worker = make_user(Role.SOCIAL_WORKER, "cohort.worker", registered_social_worker=True)
    manager = make_user(Role.TEAM_MANAGER, "cohort.manager", registered_social_worker=True)
    chair = make_user(Role.CP_CHAIR, "cohort.chair", registered_social_worker=True)
    editor = make_user(Role.TEAM_MANAGER, "cohort.editor", registered_social_worker=True)

    # A: referral with no further action.
    a = _child(worker, "Alfie", date(2014, 5, 10), "M")
    people.set_disabilities(actor=editor, person=a, codes_=["NONE"])
    ref = _referral(manager, a, date(2025, 6, 2), "6", "N0")
    frontdoor.close_referral(
        actor=manager, referral=ref, closure_date=date(2025, 6, 3), reason="RC7", nfa=True
    )

    # B: assessment with factors, closed to early help.
    b = _child(worker, "Bella", date(2012, 1, 15), "F", upn=valid_upn("201", "000012345"), ethnicity="MWBC")
    people.set_disabilities(actor=editor, person=b, codes_=["NONE"])
    ref = _referral(manager, b, date(2025, 5, 6), "2A", "N4")
    _assessment(worker, manager, ref, date(2025, 5, 7), date(2025, 6, 11), ["3B", "4B"], "EARLY_HELP")
    cin.close_episode(actor=worker, referral=ref, closure_date=date(2025, 6, 11), closure_reason="RC9")

    # C: an earlier plan (2023), then s47, ICPC, a CP plan and a review in 2025-26.
    c = _child(worker, "Callum", date(2016, 9, 1), "M", upn_unknown_reason="UN2", ethnicity="BAFR")
    people.set_disabilities(actor=editor, person=c, codes_=["NONE"])
    old = _referral(manager, c, date(2023, 3, 1), "6", "N1")
    _, old_plan = _icpc_and_plan(worker, chair, old, date(2023, 3, 2), date(2023, 3, 20), "PHY")
    protection.end_plan(
        actor=chair, plan=old_plan, end_date=date(2023, 12, 1), reason="Goals met.", step_down="NFA"
    )
    cin.close_episode(actor=worker, referral=old, closure_date=date(2023, 12, 1), closure_reason="RC7")
    ref = _referral(manager, c, date(2025, 7, 1), "6", "N1")
    _assessment(worker, manager, ref, date(2025, 7, 1), date(2025, 7, 10), ["16A"], "STRATEGY")
    _, plan = _icpc_and_plan(worker, chair, ref, date(2025, 7, 2), date(2025, 7, 21), "NEG")
    review_conference(chair, plan, date(2025, 10, 20), category="EMO")
    review_conference(chair, plan, date(2026, 4, 14))

    # D: disabilities, an assessment and an open CIN plan.
    d = _child(worker, "Daisy", date(2010, 3, 3), "F", upn=valid_upn("201", "000054321"), ethnicity="APKN")
    people.set_disabilities(actor=editor, person=d, codes_=["MOB", "LD"])
    ref = _referral(manager, d, date(2025, 9, 1), "3A", "N2")
    _assessment(worker, manager, ref, date(2025, 9, 2), date(2025, 10, 6), ["5A"], "CIN")
    plan = cin.start_cin_plan(actor=worker, referral=ref, start_date=date(2025, 10, 6), worries="Care needs.")
    cin.add_cin_action(
        actor=worker,
        plan=plan,
        data={
            "what": "Short breaks",
            "who_person": "Social worker",
            "who_agency": "CSC",
            "by_when": date(2025, 12, 1),
        },
    )
    cin.sign_off_cin_plan(actor=manager, plan=plan, on=date(2025, 10, 6))

    # E: an unborn baby referred in pregnancy; the assessment is still going on at 31 March.
    e = _child(worker, "Baby", None, "U", expected_date_of_birth=date(2026, 5, 20), ethnicity="NOBT")
    ref = _referral(manager, e, date(2025, 12, 1), "3B", "N1")
    _assessment(worker, manager, ref, date(2026, 3, 2), None, [], "CIN")
    return Cohort(nfa=a, assessed=b, protected=c, cin_plan=d, unborn=e)
