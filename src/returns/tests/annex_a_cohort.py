"""A small hand-checked cohort for the Annex A tests, as at 30 June 2026.

The six-month window is 30 December 2025 to 30 June 2026; the twelve-month window is
30 June 2025 to 30 June 2026. People, periods of care, placements, health checks, missing
episodes, visits, allocations, immigration status, court orders, adoption and care leaver
statuses are recorded through Harbour's services; the front-door, assessment, protection,
early help and review records (whose services belong to other stages' workflows) are made
directly, as the other apps' test factories do. docs: src/returns/tests/fixtures/annex_a/.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from accounts.models import Team, TeamKind, User
from accounts.permissions import Role
from assessments.models import Assessment, AssessmentStatus
from care_leavers import services as care_leavers
from care_leavers.models import CareLeaver
from care_leavers.tests.factories import in_touch_at_birthday
from casework import services as casework
from cin.models import CINPlan
from early_help.models import EarlyHelpAssessment, EarlyHelpEpisode
from frontdoor.models import Contact, ContactChild, Referral
from looked_after import services as care
from looked_after.models import LACReview, PeriodOfCare
from looked_after.services import PlacementDetails
from looked_after.tests.factories import take_into_care
from people import services as people
from people.models import Person
from people.tests.factories import make_person
from permanence import services as permanence
from protection.models import Conference, CPPlan, PlanStatus, S47Enquiry, StrategyDiscussion
from workforce import services as workforce
from workforce.models import AllocationRole

AS_OF = date(2026, 6, 30)
LA_NAME = "Harbourside Metropolitan Borough Council"


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


@dataclass
class Staff:
    manager: User
    assessment: Team
    safeguarding: Team
    in_care: Team
    leaving_care: Team
    ana: User  # social worker, assessment team
    bea: User  # social worker, safeguarding team
    cal: User  # social worker, children in care team
    pat: User  # personal adviser
    fd: User  # front door worker (records referrals)


def make_staff(make_user: Any) -> Staff:
    teams = {
        kind: Team.objects.create(name=name, kind=kind)
        for kind, name in (
            (TeamKind.ASSESSMENT, "Assessment Team"),
            (TeamKind.SAFEGUARDING, "Safeguarding Team"),
            (TeamKind.CHILDREN_IN_CARE, "Children in Care Team"),
            (TeamKind.CARE_LEAVERS, "Leaving Care Team"),
            (TeamKind.FRONT_DOOR, "Front Door"),
        )
    }

    def worker(username: str, first: str, last: str, kind: str, role: Role = Role.SOCIAL_WORKER) -> User:
        return make_user(role, username, first_name=first, last_name=last, team=teams[kind])

    return Staff(
        manager=worker("mgr", "Mo", "Manager", TeamKind.ASSESSMENT, Role.TEAM_MANAGER),
        assessment=teams[TeamKind.ASSESSMENT],
        safeguarding=teams[TeamKind.SAFEGUARDING],
        in_care=teams[TeamKind.CHILDREN_IN_CARE],
        leaving_care=teams[TeamKind.CARE_LEAVERS],
        ana=worker("ana", "Ana", "Able", TeamKind.ASSESSMENT),
        bea=worker("bea", "Bea", "Brown", TeamKind.SAFEGUARDING),
        cal=worker("cal", "Cal", "Cole", TeamKind.CHILDREN_IN_CARE),
        pat=worker("pat", "Pat", "Price", TeamKind.CARE_LEAVERS),
        fd=worker("fd", "Fay", "Door", TeamKind.FRONT_DOOR, Role.FRONT_DOOR),
    )


def child(
    staff: Staff, given: str, sex: str, ethnicity: str, born: date | None, disabilities: tuple = ()
) -> Person:
    return make_person(
        staff.manager,
        given,
        "Cohort",
        date_of_birth=born,
        sex=sex,
        ethnicity=ethnicity,
        disabilities=disabilities,
    )


def contact(staff: Staff, person: Person, received: datetime, source: str) -> ContactChild:
    made = Contact.objects.create(
        received_at=received,
        channel="PHONE",
        source=source,
        concern="Worried about the child.",
        consent="GIVEN",
        decision_due=received.date(),
        calendar_version="test",
        created_by=staff.fd,
    )
    return ContactChild.objects.create(contact=made, person=person)


def referral(
    staff: Staff,
    person: Person,
    on: date,
    source: str,
    *,
    nfa: bool = False,
    closed: tuple[date, str] | None = None,
    need: str = "N1",
) -> Referral:
    return Referral.objects.create(
        person=person,
        referral_date=on,
        received_at=at(on),
        source=source,
        primary_need=need,
        referral_nfa=nfa,
        closure_date=closed[0] if closed else None,
        closure_reason=closed[1] if closed else "",
        status="CLOSED" if closed else "OPEN",
        created_by=staff.fd,
    )


def assessment(
    ref: Referral,
    worker: User,
    start: date,
    *,
    seen: date | None,
    authorised: date | None,
    outcomes: list[str],
) -> Assessment:
    return Assessment.objects.create(
        person=ref.person,
        referral=ref,
        start_date=start,
        due_date=start,
        calendar_version="test",
        worker=worker,
        child_seen_on=seen,
        outcomes=outcomes,
        authorised_on=authorised,
        status=AssessmentStatus.AUTHORISED if authorised else AssessmentStatus.IN_PROGRESS,
    )


def section_47(
    staff: Staff, ref: Referral, held: date, outcome: str, outcome_date: date | None
) -> S47Enquiry:
    strategy = StrategyDiscussion.objects.create(
        person=ref.person,
        referral=ref,
        held_on=held,
        information_shared="Shared.",
        decision="S47_SINGLE",
        recorded_by=staff.bea,
    )
    return S47Enquiry.objects.create(
        person=ref.person,
        referral=ref,
        strategy_discussion=strategy,
        start_date=held,
        icpc_due=held,
        calendar_version="test",
        outcome=outcome,
        outcome_date=outcome_date,
    )


def cp_plan(staff: Staff, ref: Referral, start: date, category: str, end: date | None = None) -> CPPlan:
    return CPPlan.objects.create(
        person=ref.person,
        referral=ref,
        start_date=start,
        category=category,
        chair=staff.manager,
        first_core_group_due=start,
        first_review_due=start,
        calendar_version="test",
        end_date=end,
        status=PlanStatus.ENDED if end else PlanStatus.ACTIVE,
    )


def conference(staff: Staff, ref: Referral, kind: str, held: date, decision: str, **links: Any) -> Conference:
    return Conference.objects.create(
        person=ref.person,
        referral=ref,
        kind=kind,
        chair=staff.manager,
        held_on=held,
        decision=decision,
        recorded_by=staff.manager,
        **links,
    )


def visit(
    staff: Staff, person: Person, kind: str, on: date, *, seen: bool = True, alone: bool = False
) -> None:
    casework.record_visit(
        actor=staff.manager, person=person, kind=kind, visited_on=on, child_seen=seen, seen_alone=alone
    )


def allocate(staff: Staff, person: Person, worker: User, team: Team, start: date, role: str) -> None:
    workforce.allocate(
        actor=staff.manager, person=person, worker=worker, team=team, role=role, start_date=start
    )


def placement(kind: str, provider: str, carer: str, **extra: Any) -> PlacementDetails:
    return PlacementDetails(placement_type=kind, provider=provider, carer_name=carer, **extra)


def review(staff: Staff, period: PeriodOfCare, sequence: int, held: date) -> LACReview:
    return LACReview.objects.create(
        period=period,
        person=period.person,
        sequence=sequence,
        rule_id="test",
        due_date=held,
        calendar_version="test",
        held_on=held,
        participation="PN1",
        iro=staff.manager,
        iro_met_child=True,
        recorded_by=staff.manager,
    )


# --- the children -------------------------------------------------------------------------


def ava(staff: Staff) -> Person:
    """Contacts on the window's edges; a re-referral; an authorised assessment; a CIN plan."""
    p = child(staff, "Ava", "F", "WBRI", date(2015, 3, 27), ("AUT",))
    contact(staff, p, at(date(2025, 12, 29), 23, 30), "2A")  # the day before the window: out
    contact(staff, p, at(date(2025, 12, 30), 0, 5), "6")  # the window's first day: in
    contact(staff, p, at(date(2026, 6, 30), 16), "1A")  # the inspection date: in
    contact(staff, p, at(date(2026, 7, 1), 9), "3A")  # the day after: out
    referral(staff, p, date(2024, 12, 1), "2A", closed=(date(2024, 12, 20), "RC8"))  # > 12 months before
    referral(staff, p, date(2025, 3, 1), "3B", closed=(date(2025, 4, 1), "RC8"))  # within 12 months
    ref = referral(staff, p, date(2026, 1, 10), "6")
    assessment(
        ref,
        staff.ana,
        date(2026, 1, 12),
        seen=date(2026, 1, 20),
        authorised=date(2026, 2, 20),
        outcomes=["CIN"],
    )
    CINPlan.objects.create(
        person=p, referral=ref, start_date=date(2026, 2, 25), status=PlanStatus.ACTIVE, created_by=staff.ana
    )
    allocate(staff, p, staff.ana, staff.assessment, date(2026, 1, 10), AllocationRole.SOCIAL_WORKER)
    visit(staff, p, "CIN", date(2026, 6, 1))
    visit(staff, p, "CIN", date(2026, 6, 20), seen=False)  # not seen: not "last seen"
    return p


def ben(staff: Staff) -> Person:
    """A section 47 enquiry with an initial conference leading to a child protection plan."""
    p = child(staff, "Ben", "M", "BAFR", date(2012, 8, 14))
    old = referral(staff, p, date(2023, 4, 1), "6", closed=(date(2024, 2, 1), "RC7"))
    cp_plan(staff, old, date(2023, 5, 1), "PHY", end=date(2024, 1, 15))
    earlier = referral(staff, p, date(2025, 3, 5), "2A", closed=(date(2025, 3, 25), "RC8"))
    section_47(staff, earlier, date(2025, 3, 10), "NFA", date(2025, 3, 20))
    ref = referral(staff, p, date(2025, 11, 1), "2A")
    s47 = section_47(staff, ref, date(2025, 12, 20), "ICPC", date(2026, 1, 8))
    plan = cp_plan(staff, ref, date(2026, 1, 8), "NEG")
    conference(staff, ref, "INITIAL", date(2026, 1, 8), "PLAN", s47=s47, plan=plan, category="NEG")
    conference(staff, ref, "REVIEW", date(2026, 4, 8), "CONTINUE", plan=plan, category="EMO")
    allocate(staff, p, staff.bea, staff.safeguarding, date(2025, 11, 1), AllocationRole.SOCIAL_WORKER)
    visit(staff, p, "CP", date(2026, 5, 1))
    visit(staff, p, "CP", date(2026, 6, 15), alone=True)
    return p


def cara(staff: Staff) -> PeriodOfCare:
    """In care since 2024: two legal statuses, three placements (one a same-carer change),
    reviews, health and dental checks, missing and absent episodes."""
    p = child(staff, "Cara", "F", "MWBC", date(2010, 5, 5))
    period = take_into_care(
        staff.manager, p, date(2024, 2, 1), "C1", "N4", placement("U6", "PR4", "Carers A")
    )
    care.record_change(actor=staff.manager, period=period, on=date(2024, 9, 1), legal_status="C2")
    care.record_change(
        actor=staff.manager,
        period=period,
        on=date(2025, 8, 1),
        placement=placement("U6", "PR1", "Carers B"),
        reason_for_change="CARPL",
    )
    care.record_change(
        actor=staff.manager,
        period=period,
        on=date(2026, 3, 1),
        placement=placement("U4", "PR1", "Carers B", postcode="L8 1AB", urn="SC123456"),
        same_carer=True,
        reason_for_change="PLACE",
    )
    review(staff, period, 1, date(2026, 2, 10))
    review(staff, period, 2, date(2026, 5, 20))
    visit(staff, p, "CLA", date(2026, 6, 10))
    for kind, on in (
        ("INITIAL", date(2024, 3, 1)),
        ("REVIEW", date(2025, 9, 1)),
        ("DENTAL", date(2025, 11, 11)),
    ):
        care.record_health_check(actor=staff.manager, person=p, kind=kind, completed_on=on)
    old = care.record_missing_episode(
        actor=staff.manager, person=p, kind="M", started_at=at(date(2025, 5, 1))
    )
    care.record_return(actor=staff.manager, episode=old, ended_at=at(date(2025, 5, 2)), rhi_offered=False)
    last = care.record_missing_episode(
        actor=staff.manager, person=p, kind="M", started_at=at(date(2026, 3, 3))
    )
    care.record_return(
        actor=staff.manager, episode=last, ended_at=at(date(2026, 3, 4)), rhi_offered=True, rhi_accepted=False
    )
    care.record_missing_episode(actor=staff.manager, person=p, kind="A", started_at=at(date(2026, 4, 4)))
    allocate(staff, p, staff.cal, staff.in_care, date(2024, 2, 1), AllocationRole.SOCIAL_WORKER)
    return period


def dan(staff: Staff) -> Person:
    """A former relevant care leaver, aged 21, with a personal adviser."""
    p = child(staff, "Dan", "M", "WBRI", date(2005, 1, 20))
    CareLeaver.objects.create(person=p, recorded_category="FORMER_RELEVANT", updated_by=staff.manager)
    care_leavers.record_birthday_status(
        actor=staff.manager, person=p, age=20, contact_date=date(2025, 1, 25), in_touch="NO"
    )
    in_touch_at_birthday(staff.manager, p, 21, date(2026, 1, 25), "F5", "U")
    allocate(staff, p, staff.pat, staff.leaving_care, date(2023, 1, 20), AllocationRole.PERSONAL_ADVISER)
    return p


def evie(staff: Staff) -> Person:
    """Placed in a fostering-for-adoption placement, placement order, adopted in the 12 months."""
    p = child(staff, "Evie", "F", "AIND", date(2023, 2, 2))
    period = take_into_care(
        staff.manager, p, date(2023, 6, 1), "C2", "N1", placement("U5", "PR1", "Adopters")
    )
    case = permanence.decide_adoption(actor=staff.manager, person=p, adm_decision_date=date(2023, 10, 10))
    permanence.record_order(actor=staff.manager, person=p, order_type="PO", made_on=date(2024, 3, 5))
    care.record_change(actor=staff.manager, period=period, on=date(2024, 3, 5), legal_status="E1")
    permanence.advance_adoption(actor=staff.manager, case=case, event="authorise", on=date(2024, 3, 5))
    permanence.advance_adoption(actor=staff.manager, case=case, event="match", on=date(2024, 5, 20))
    permanence.advance_adoption(actor=staff.manager, case=case, event="place", on=date(2024, 7, 1))
    care.record_change(
        actor=staff.manager,
        period=period,
        on=date(2024, 7, 1),
        placement=placement("A5", "PR1", "Adopters"),
        same_carer=True,
        reason_for_change="PLACE",
    )
    permanence.advance_adoption(actor=staff.manager, case=case, event="adopt", on=date(2025, 9, 15))
    care.end_care(actor=staff.manager, period=period, on=date(2025, 9, 15), reason_ceased="E11")
    return p


def finn(staff: Staff) -> Person:
    """Adoption decision reversed; a second period of care within 12 months; UASC; out of area."""
    p = child(staff, "Finn", "M", "NOBT", date(2019, 9, 9))
    people.add_immigration_status(
        actor=staff.manager, person=p, status="UASC", start_date=date(2024, 1, 1), end_date=date(2025, 8, 1)
    )
    first = take_into_care(staff.manager, p, date(2024, 1, 1), "C2", "N5", placement("U6", "PR1", "Carers C"))
    case = permanence.decide_adoption(actor=staff.manager, person=p, adm_decision_date=date(2025, 1, 10))
    permanence.advance_adoption(
        actor=staff.manager,
        case=case,
        event="reverse",
        on=date(2025, 11, 1),
        details={"reversed_reason": "RD3"},
    )
    care.end_care(actor=staff.manager, period=first, on=date(2025, 7, 15), reason_ceased="E4A")
    take_into_care(
        staff.manager,
        p,
        date(2025, 10, 1),
        "V2",
        "N5",
        placement("K2", "PR4", "Oak House", postcode="M1 1AA", urn="SC999999", in_area=False),
    )
    return p


def gus(staff: Staff) -> Person:
    """Short breaks (not in list 8); early help assessments; an open assessment."""
    p = child(staff, "Gus", "M", "WBRI", date(2014, 4, 4))
    take_into_care(staff.manager, p, date(2025, 1, 1), "V3", "N2", placement("K2", "PR1", "Respite House"))
    episode = EarlyHelpEpisode.objects.create(
        person=p,
        start_date=date(2025, 10, 1),
        reason="Support at home.",
        lead_professional_agency="Oak Primary School",
        created_by=staff.manager,
    )
    EarlyHelpAssessment.objects.create(
        episode=episode,
        started_on=date(2025, 10, 2),
        completed_on=date(2025, 12, 29),
        recorded_by=staff.manager,
    )  # completed the day before the window: out
    EarlyHelpAssessment.objects.create(
        episode=episode,
        started_on=date(2026, 2, 1),
        completed_on=date(2026, 3, 15),
        recorded_by=staff.manager,
    )
    ref = referral(staff, p, date(2026, 5, 28), "5D", need="N2")
    assessment(ref, staff.ana, date(2026, 6, 1), seen=None, authorised=None, outcomes=[])
    return p


def hana(staff: Staff) -> Person:
    """Date of birth unknown; a referral closed with no further action the same day."""
    p = child(staff, "Hana", "F", "REFU", None)
    referral(staff, p, date(2026, 3, 3), "9", nfa=True, closed=(date(2026, 3, 3), "RC8"))
    return p


def build_cohort(make_user: Any) -> dict[str, Any]:
    staff = make_staff(make_user)
    return {
        "staff": staff,
        "ava": ava(staff),
        "ben": ben(staff),
        "cara": cara(staff).person,
        "dan": dan(staff),
        "evie": evie(staff),
        "finn": finn(staff),
        "gus": gus(staff),
        "hana": hana(staff),
    }
