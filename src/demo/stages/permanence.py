"""Demo: pre-proceedings, care proceedings on the 26-week clock (some over, some extended),
court orders, a few adoptions a year (one reversed), previous permanence for children in care,
and supervised contact sessions with cancellations.

Adoptions need a period of care; where a chosen child has none, one is started here through
the children-in-care services, and the adoption is recorded in it step by step (placement
order, placement for adoption, end of care on the adoption order).
"""

import random
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import TeamKind, User
from accounts.permissions import Role
from demo.places import placement_postcode, placement_urn
from demo.stages.base import StageContext
from demo.stages.looked_after import foster_period_of_care
from looked_after import services as care
from looked_after.models import PeriodOfCare
from looked_after.queries import current_episode
from people.models import Person
from permanence import services
from permanence.models import AdoptionCase, PreviousPermanence

_CANCEL_REASONS = {
    "PARENT": ["Mother did not arrive", "Father unwell", "Parent did not confirm the day before"],
    "CARER": ["Carer's car broke down", "Carer had a family emergency"],
    "CHILD": ["Child unwell", "Child did not want to go"],
    "LA": ["No supervisor available", "Contact centre closed for training"],
    "OTHER": ["Severe weather warning"],
}


def _age(person: Person, on: date) -> int:
    dob = person.date_of_birth or on
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def run(ctx: StageContext) -> None:
    today = min(ctx.as_of, timezone.localdate())
    workers = ctx.staff(Role.SOCIAL_WORKER, TeamKind.CHILDREN_IN_CARE) or ctx.staff(Role.SOCIAL_WORKER)
    supervisors = ctx.staff(Role.SOCIAL_WORKER)
    if not workers:
        return
    rng = ctx.rng
    young = [c for c in ctx.children if c.date_of_birth and _age(c, today) < 16]
    open_cases = 0
    untouched: list[Person] = []
    for child in young:
        worker = ctx.social_worker_for(child) or rng.choice(workers)
        if not worker.has_perm("permanence.record_permanence"):
            worker = rng.choice(workers)
        roll = rng.random()
        if roll < 0.012:
            _open_proceedings(ctx, child, worker, supervisors, today)
            open_cases += 1
        elif roll < 0.022:
            _pre_proceedings(ctx, child, worker, today)
        elif roll < 0.06 and _age(child, today) < 6:
            _adoption(ctx, child, worker, today)
        else:
            untouched.append(child)
    if not AdoptionCase.objects.exists():
        _one_adoption(ctx, untouched, workers, today)
    for child in Person.objects.filter(periods_of_care__isnull=False).distinct().order_by("la_child_id"):
        if not PreviousPermanence.objects.filter(person=child).exists():
            worker = rng.choice(workers)
            # Not P4 ("unknown"): the 903 rule 630 asks for its authority and date, which Harbour
            # leaves blank for an unknown option (docs/returns/ssda903.md).
            prev = rng.choices(["Z1", "P2", "P3", "P1"], weights=[91, 4, 3, 2])[0]
            dob = child.date_of_birth or today
            entered = child.periods_of_care.order_by("start_date").values_list("start_date", flat=True)[0]
            if entered.year - dob.year < 2 and prev in ("P1", "P2", "P3"):
                prev = "Z1"  # an order needs time to be made before care began (903 rule 632)
            year = rng.randint(dob.year + 1, max(dob.year + 1, entered.year - 1))
            date_perm = rng.choice([f"zz/{rng.randint(1, 12):02d}/{year}", f"zz/zz/{year}", f"15/06/{year}"])
            services.record_previous_permanence(
                actor=worker,
                person=child,
                prev_perm=prev,
                # The 903 LA_PERM code of the authority that made the arrangement (rule 633).
                la_perm=rng.choice(["805", "806", "808", "840", "999"]) if prev in ("P1", "P2", "P3") else "",
                date_perm=date_perm if prev in ("P1", "P2", "P3") and year <= today.year else "",
            )
    ctx.progress(f"permanence: {open_cases} open proceedings, {AdoptionCase.objects.count()} adoption plans")


def _pre_proceedings(ctx: StageContext, child: Person, worker: User, today: date) -> None:
    decided = today - timedelta(weeks=ctx.rng.randint(2, 24))
    letter = decided + timedelta(days=ctx.rng.randint(3, 14))
    plo = services.start_pre_proceedings(
        actor=worker, person=child, decision_date=decided, letter_date=letter if letter <= today else None
    )
    meeting = letter + timedelta(days=ctx.rng.randint(7, 14))
    for _ in range(ctx.rng.randint(1, 3)):
        if meeting > today:
            break
        services.record_plo_meeting(
            actor=worker, plo=plo, held_on=meeting, parents_legally_represented=ctx.rng.random() < 0.8
        )
        meeting += timedelta(weeks=ctx.rng.randint(4, 8))
    if decided < today - timedelta(weeks=18) and ctx.rng.random() < 0.5:
        services.step_down_pre_proceedings(
            actor=worker,
            plo=plo,
            outcome_date=today - timedelta(days=ctx.rng.randint(1, 20)),
            reason="Parents engaged with the plan; risks reduced",
        )


def _open_proceedings(
    ctx: StageContext, child: Person, worker: User, supervisors: list[User], today: date
) -> None:
    rng = ctx.rng
    issued = today - timedelta(weeks=rng.randint(3, 36))  # some beyond 26 weeks
    services.start_pre_proceedings(
        actor=worker, person=child, decision_date=issued - timedelta(weeks=rng.randint(6, 16))
    )
    proceedings = services.issue_proceedings(
        actor=worker,
        person=child,
        issue_date=issued,
        court_reference=f"ZW{issued:%y}C{rng.randint(100, 999)}",
    )
    services.record_order(
        actor=worker,
        person=child,
        order_type="ICO",
        made_on=issued + timedelta(days=rng.randint(0, 6)),
        proceedings=proceedings,
    )
    if issued < today - timedelta(weeks=24) and rng.random() < 0.5:
        services.extend_proceedings(
            actor=worker,
            proceedings=proceedings,
            granted_on=issued + timedelta(weeks=24),
            weeks=rng.choice([4, 8]),
            reason=rng.choice(
                ["Late expert psychological assessment", "Viability assessment of paternal aunt"]
            ),
        )
    if PeriodOfCare.objects.filter(person=child).count() == 0:
        foster_period_of_care(ctx, worker, child, issued, None, "C1")
    _contact_sessions(ctx, child, worker, supervisors, today)


def _contact_sessions(
    ctx: StageContext, child: Person, worker: User, supervisors: list[User], today: date
) -> None:
    """Sessions two or three times a week over the last 6 weeks and the next 2; a slot the
    service refuses (supervisor or room already booked) is simply not booked."""
    rng = ctx.rng
    supervisor = rng.choice(supervisors)
    parent = rng.choice(["Mother", "Father", "Mother and father", "Maternal grandmother"])
    day = today - timedelta(weeks=6)
    now = min(
        timezone.now(), timezone.make_aware(datetime.combine(today, time(23, 59)))
    )  # as of the demo date
    while day <= today + timedelta(weeks=2):
        if day.weekday() < 5:
            starts = timezone.make_aware(datetime.combine(day, time(rng.choice([10, 13, 15]))))
            ends = starts + timedelta(minutes=90)
            try:
                session = services.schedule_contact(
                    actor=worker,
                    person=child,
                    with_whom=parent,
                    centre="Harbour Family Centre",
                    room=f"Room {rng.randint(1, 6)}",
                    supervisor=supervisor,
                    starts_at=starts,
                    ends_at=ends,
                )
            except ValidationError:
                session = None
            if session is not None and rng.random() < 0.22:
                who = rng.choices(["PARENT", "CARER", "CHILD", "LA", "OTHER"], weights=[55, 12, 10, 18, 5])[0]
                services.cancel_contact(
                    actor=worker, session=session, cancelled_by=who, reason=rng.choice(_CANCEL_REASONS[who])
                )
            elif session is not None and ends < now and rng.random() < 0.9:
                services.record_contact_held(actor=worker, session=session)
        day += timedelta(days=rng.randint(2, 4))


def _one_adoption(ctx: StageContext, untouched: list[Person], workers: list[User], today: date) -> None:
    """Every borough, however small, shows an adoption under way: a young child not yet in
    care (of those no other permanence step chose), so the steps have had time to happen."""
    in_care = set(PeriodOfCare.objects.values_list("person_id", flat=True))
    candidates = [c for c in untouched if _age(c, today) < 6 and c.pk not in in_care]
    if not candidates:
        return
    child = ctx.rng.choice(candidates)
    worker = ctx.social_worker_for(child) or ctx.rng.choice(workers)
    if not worker.has_perm("permanence.record_permanence"):
        worker = ctx.rng.choice(workers)
    _adoption(ctx, child, worker, today)


def _adoption(ctx: StageContext, child: Person, worker: User, today: date) -> None:
    """From the decision to the adoption order, recorded in the child's care record as it
    happens: a placement order (legal status E1), the placement for adoption (A5 with the
    foster carers who adopt, else A6) and the end of care on the order (REC E11/E12)."""
    rng = ctx.rng
    dob = child.date_of_birth or today
    periods = list(PeriodOfCare.objects.filter(person=child).order_by("start_date"))
    if periods and periods[-1].end_date is not None:
        return  # no longer looked after: no adoption plan in the demo
    if periods:
        period = periods[-1]
        episode = current_episode(period)
        entered = episode.start_date if episode else period.start_date
    else:
        entered = max(dob + timedelta(days=1), today - timedelta(days=rng.randint(300, 1400)))
        period = foster_period_of_care(ctx, worker, child, entered, None, "C2")
    steps = [
        ("decide", rng.randint(90, 240)),
        ("authorise", rng.randint(60, 150)),
        ("match", rng.randint(40, 240)),
        ("place", rng.randint(10, 45)),
        ("adopt", rng.randint(150, 330)),
    ]
    on = entered
    case = None
    by_foster_carer = False
    reverse_at = "match" if rng.random() < 0.12 else None
    for event, gap in steps:
        on = on + timedelta(days=gap)
        if on > today:
            break
        if event == "decide":
            case = services.decide_adoption(actor=worker, person=child, adm_decision_date=on)
            continue
        assert case is not None
        if event == reverse_at:
            services.advance_adoption(
                actor=worker, case=case, event="reverse", on=on, details={"reversed_reason": "RD3"}
            )
            if current_episode(period) is not None and period.end_date is None:
                # The placement order is revoked: back to a care order (903 rule 553).
                care.record_change(actor=worker, period=period, on=on, legal_status="C2")
            return
        details: dict[str, object] = {}
        if event == "match":
            details = _match_details(rng)
            by_foster_carer = bool(details.get("adopted_by_foster_carer"))
            if by_foster_carer:
                details["foster_placement_start"] = entered
        services.advance_adoption(actor=worker, case=case, event=event, on=on, details=details)
        _record_in_care(ctx, worker, period, event, on, by_foster_carer=by_foster_carer)


def _record_in_care(
    ctx: StageContext, worker: User, period: PeriodOfCare, event: str, on: date, *, by_foster_carer: bool
) -> None:
    """The adoption step in the care record: placement order, placement for adoption, adopted."""
    rng = ctx.rng
    if event == "authorise":
        care.record_change(actor=worker, period=period, on=on, legal_status="E1")
    elif event == "place":
        kind = "A5" if by_foster_carer else "A6"
        care.record_change(
            actor=worker,
            period=period,
            on=on,
            placement=care.PlacementDetails(
                placement_type=kind,
                provider="PR1",
                carer_name="Adopters",
                urn=placement_urn(rng, kind),
                postcode=placement_postcode(rng, in_area=rng.random() < 0.6),
            ),
            same_carer=by_foster_carer,
            reason_for_change="CARPL",
        )
    elif event == "adopt":
        care.end_care(actor=worker, period=period, on=on, reason_ceased=rng.choice(["E11", "E11", "E12"]))


def _match_details(rng: random.Random) -> dict[str, object]:
    """The adopters (903 AD1): number, sexes and a legal status that fits them (rules 511-524)."""
    couple = rng.random() < 0.8
    sexes = rng.choice(["MF", "MF", "MF", "FF", "MM"]) if couple else rng.choice(["F1", "M1"])
    if not couple:
        legal = "L0"
    elif sexes == "MF":
        legal = rng.choice(["L11", "L11", "L3"])
    else:
        legal = rng.choice(["L12", "L4"])
    details: dict[str, object] = {
        "number_of_adopters": 2 if couple else 1,
        "adopter_sex": sexes,
        "adopter_legal_status": legal,
    }
    if rng.random() < 0.15:
        details["adopted_by_foster_carer"] = True
    return details
