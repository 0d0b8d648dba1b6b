"""A small SSDA903 cohort for the collection year 2025/26 (1 April 2025 to 31 March 2026),
recorded through Harbour's services as workers would. Each child is named by a letter; the
expected files under fixtures/ssda903/ use those letters for CHILD.

A  new entrant (May 2025), a placement move in September (U6 -> U4, care plan)
B  looked after since January 2024 under s20; a full care order from June 2025 (legal status
   only); a health review where he refused the SDQ and a youth caution recorded
C  kinship foster care, left care to a special guardianship order (E45) in December 2025
D  adopted in September 2025: decision, placement order, match, placed (A6) last year, AD1
E  unaccompanied asylum-seeking child, looked after from May 2025 at 16 in supported accommodation
F  care leaver whose 19th birthday falls in the year (OC3), left care at 18 in August 2024
G  looked after throughout the year (OC2: SDQ, health, dental), one missing episode
"""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from accounts.models import Team, TeamKind, User
from accounts.permissions import Role
from care_leavers.tests.factories import in_touch_at_birthday
from looked_after import services as care
from looked_after.models import PeriodOfCare
from looked_after.services import PlacementDetails
from looked_after.tests.factories import take_into_care
from people import services as people
from people.models import Person, RelationshipType
from people.tests.factories import make_person
from permanence import services as permanence
from workforce.models import AllocationReason
from workforce.tests.factories import allocate as allocate_to

YEAR = 2026
HOME = {"A": "TS24 7PR", "B": "TS25 4HY", "C": "TS26 9QZ", "D": "TS24 8HL", "G": "TS25 1NA", "F": "TS26 0EA"}
LONDON = ZoneInfo("Europe/London")


@dataclass
class Cohort:
    children: dict[str, Person]
    worker: User

    def label(self, child_id: str) -> str:
        by_id = {p.la_child_id: name for name, p in self.children.items()}
        return by_id.get(child_id, child_id)


def _foster(kind: str, postcode: str, provider: str = "PR1", urn: str = "SC123456") -> PlacementDetails:
    return PlacementDetails(
        placement_type=kind, provider=provider, carer_name="Foster carers", urn=urn, postcode=postcode
    )


def _child(actor: User, name: str, dob: date, sex: str, ethnicity: str = "WBRI", **extra: object) -> Person:
    address = (
        people.NewAddress(line_1="1 Harbour Street", town="Harbourside", postcode=HOME[name], start_date=dob)
        if name in HOME
        else None
    )
    return make_person(
        actor,
        f"Child{name}",
        "Cohort",
        date_of_birth=dob,
        sex=sex,
        ethnicity=ethnicity,
        address=address,
        **extra,
    )


def build_cohort() -> Cohort:
    team = Team.objects.create(name="Children in Care 903", kind=TeamKind.CHILDREN_IN_CARE)
    manager = User.objects.create_user(
        username="cic.manager", password="x-harbour-test", role=Role.TEAM_MANAGER.value, team=team
    )
    sw = User.objects.create_user(
        username="cic.worker",
        password="x-harbour-test",
        role=Role.SOCIAL_WORKER.value,
        team=team,
        registered_social_worker=True,
        swe_registration_number="SW100001",
    )
    sw2 = User.objects.create_user(
        username="cic.worker2",
        password="x-harbour-test",
        role=Role.SOCIAL_WORKER.value,
        team=team,
        swe_registration_number="SW100002",
    )
    iro = User.objects.create_user(
        username="cic.iro", password="x-harbour-test", role=Role.IRO.value, team=team
    )

    def allocate(person: Person, on: date, worker: User = sw, reason: str = AllocationReason.FCONTA) -> None:
        allocate_to(manager, person, worker, team, on, reason=reason)

    def into_care(
        person: Person, on: date, legal_status: str, need: str, placement: PlacementDetails
    ) -> PeriodOfCare:
        """`sw` becomes the child's worker on the day the child starts to be looked after."""
        allocate(person, on)
        return take_into_care(sw, person, on, legal_status, need, placement)

    kids: dict[str, Person] = {}

    # A: new entrant with a placement move.
    a = kids["A"] = _child(sw, "A", date(2012, 7, 3), "F", upn="A123456789012")
    period = into_care(a, date(2025, 5, 10), "C1", "N1", _foster("U6", "TS24 9RA"))
    care.record_change(
        actor=sw,
        period=period,
        on=date(2025, 9, 1),
        placement=_foster("U4", "TS24 4JB", urn="SC654321"),
        reason_for_change="CARPL",
    )
    permanence.record_previous_permanence(actor=sw, person=a, prev_perm="Z1")
    for held, code in ((date(2025, 6, 5), "PN1"), (date(2025, 10, 20), "PN2")):
        care.record_review(
            actor=iro, period=period, held_on=held, participation=code, iro_met_child=True, iro=iro
        )
    # A worker change in the year: the new episode's reason is the handover's.
    allocate(a, date(2025, 11, 3), worker=sw2, reason=AllocationReason.LEFTRL)

    # B: legal status change only.
    b = kids["B"] = _child(sw, "B", date(2010, 2, 14), "M", upn="B123456789012")
    period = into_care(
        b, date(2024, 1, 15), "V2", "N4", _foster("U6", "TS25 1QQ", provider="PR4", urn="SC111111")
    )
    care.record_change(actor=sw, period=period, on=date(2025, 6, 1), legal_status="C2")
    care.record_health_check(
        actor=sw, person=b, kind="REVIEW", completed_on=date(2025, 8, 1), sdq_reason="SDQ5", convicted=True
    )

    # C: leaves care to a special guardianship order with the relatives who fostered him.
    c = kids["C"] = _child(sw, "C", date(2016, 9, 30), "M", upn="C123456789012")
    period = into_care(c, date(2024, 3, 1), "C2", "N1", _foster("U3", "TS26 8AQ", urn="SC222222"))
    care.end_care(actor=sw, period=period, on=date(2025, 12, 1), reason_ceased="E45")

    # D: adopted in the year.
    d = kids["D"] = _child(sw, "D", date(2022, 1, 25), "F", upn_unknown_reason="UN1")
    period = into_care(d, date(2023, 6, 1), "C2", "N1", _foster("U6", "TS26 8LH", urn="SC333333"))
    case = permanence.decide_adoption(actor=sw, person=d, adm_decision_date=date(2024, 7, 1))
    permanence.advance_adoption(actor=sw, case=case, event="authorise", on=date(2024, 9, 1))
    care.record_change(actor=sw, period=period, on=date(2024, 9, 1), legal_status="E1")
    permanence.advance_adoption(
        actor=sw,
        case=case,
        event="match",
        on=date(2025, 2, 1),
        details={"number_of_adopters": 2, "adopter_sex": "MF", "adopter_legal_status": "L11"},
    )
    permanence.advance_adoption(actor=sw, case=case, event="place", on=date(2025, 3, 1))
    care.record_change(
        actor=sw,
        period=period,
        on=date(2025, 3, 1),
        placement=PlacementDetails(
            placement_type="A6", provider="PR1", carer_name="Adopters", urn="SC444444", postcode="DH6 1LH"
        ),
        reason_for_change="CARPL",
    )
    permanence.advance_adoption(actor=sw, case=case, event="adopt", on=date(2025, 9, 15))
    care.end_care(actor=sw, period=period, on=date(2025, 9, 15), reason_ceased="E11")

    # E: unaccompanied asylum-seeking child.
    e = kids["E"] = _child(sw, "E", date(2009, 5, 1), "M", ethnicity="AOTH", upn_unknown_reason="UN2")
    people.add_immigration_status(actor=sw, person=e, status="UASC", start_date=date(2025, 5, 1))
    into_care(
        e,
        date(2025, 5, 2),
        "V2",
        "N8",
        PlacementDetails(
            placement_type="K3",
            provider="PR4",
            carer_name="Supported lodgings",
            urn="SC555555",
            postcode="TS24 9QX",
        ),
    )
    permanence.record_previous_permanence(actor=sw, person=e, prev_perm="Z1")

    # F: care leaver, 19th birthday in the year.
    f = kids["F"] = _child(sw, "F", date(2006, 8, 20), "F", upn="F123456789012")
    allocate(f, date(2021, 5, 1))
    care.record_period_of_care(
        actor=sw,
        person=f,
        start_date=date(2021, 5, 1),
        end_date=date(2024, 8, 20),
        legal_status="C2",
        category_of_need="N1",
        placement=_foster("U4", "TS24 0HL", urn="SC666666"),
        reason_ceased="E5",
    )
    in_touch_at_birthday(sw, f, 19, date(2025, 8, 25), "F2", "D")

    # G: looked after throughout the year; health, dental, a missing episode; a mother.
    g = kids["G"] = _child(sw, "G", date(2010, 2, 2), "F", upn="G123456789012")
    baby = make_person(sw, "Baby", "Cohort", date_of_birth=date(2025, 12, 1), sex="M")
    people.add_relationship(actor=sw, person_a=g, person_b=baby, type=RelationshipType.PARENT)
    period = into_care(g, date(2023, 1, 10), "C2", "N1", _foster("U4", "TS25 4AP", urn="SC777777"))
    care.record_health_check(
        actor=sw,
        person=g,
        kind="REVIEW",
        completed_on=date(2025, 6, 1),
        immunisations_up_to_date=True,
        sdq_score=14,
        substance_misuse=False,
        convicted=False,
    )
    care.record_health_check(actor=sw, person=g, kind="DENTAL", completed_on=date(2025, 6, 1))
    care.record_missing_episode(
        actor=sw,
        person=g,
        kind="M",
        started_at=datetime(2025, 7, 5, 20, 0, tzinfo=LONDON),
        ended_at=datetime(2025, 7, 6, 10, 0, tzinfo=LONDON),
        police_informed=True,
    )
    return Cohort(children=kids, worker=sw)
