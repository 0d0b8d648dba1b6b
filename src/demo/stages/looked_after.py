"""Demo: children entering and leaving care, through the children-in-care services.

Rates: England has roughly 50–120 children looked after per 10,000 children at 31 March;
the demo's children are those known to children's social care, so a few per cent of them
are in care now (children allocated to a children-in-care team first) and a few more had
a period of care that ended. Placement mix follows the national pattern: mostly foster
care with unrelated carers (U4–U6), some kinship care (U1–U3), children's homes (K2), a few
placed with parents (P1) and 16+ supported accommodation (K3). Reviews, visits, health
and PEPs are mostly on time with realistic late and missing items; some missing episodes
have no return home interview after 72 hours. O(children): a handful of service calls per
child in care.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from random import Random

from django.utils import timezone

from accounts.models import TeamKind, User
from accounts.permissions import Role
from casework import services as casework
from demo.places import placement_postcode, placement_urn
from demo.stages.base import StageContext
from looked_after import services
from looked_after.clocks import next_health_review_due, next_review_due, next_visit_due
from looked_after.models import HealthCheckKind, PeriodOfCare, Placement, VisitRegime
from looked_after.queries import current_iro
from looked_after.services import ActionDetails, PlacementDetails
from people.models import ImmigrationStatus, Person

IN_CARE_NOW = 0.07  # of the generated children
PAST_PERIODS = 0.05
FOSTER = ["U4", "U5", "U6", "U6", "U6"]
KINSHIP = ["U1", "U3", "U3"]
REASONS = ["CARPL", "CREQB", "CREQO", "LAREQ", "CHILD", "STAND", "CLOSE", "OTHER"]
# Adoption (E11/E12) is recorded by the permanence stage, with its placement and AD1 details.
ENDINGS = ["E4A", "E4A", "E4B", "E13", "E41", "E47", "E48", "E8"]


def _age(person: Person, on: date) -> int:
    dob = person.date_of_birth or on
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


class _Journey:
    def __init__(self, ctx: StageContext, today: date) -> None:
        self.ctx, self.rng, self.today = ctx, ctx.rng, today
        self.manager = ctx.pick_staff(Role.TEAM_MANAGER, TeamKind.CHILDREN_IN_CARE)
        managers = ctx.staff(Role.SERVICE_MANAGER)
        self.service_manager = managers[0] if managers else None  # none: P1 placements await approval
        self.iros = ctx.staff(Role.IRO)
        try:
            self.demo_iro: User | None = ctx.demo_user("iro")
        except StopIteration:
            self.demo_iro = None

    def worker(self, person: Person) -> User:
        return self.ctx.social_worker_for(person) or self.ctx.pick_staff(
            Role.SOCIAL_WORKER, TeamKind.CHILDREN_IN_CARE
        )

    def placement(self, person: Person, on: date, legal_status: str = "") -> PlacementDetails:
        r, age = self.rng.random(), _age(person, on)
        parents_allowed = legal_status != "V2"  # not with parents under s20 (903 rule 378)
        if age >= 16 and r < 0.5:
            kind, provider = "K3", self.rng.choice(["PR4", "PR5"])
        elif r < 0.62:
            kind, provider = self.rng.choice(FOSTER), self.rng.choice(["PR1", "PR1", "PR4", "PR5"])
        elif r < 0.8:
            kind, provider = self.rng.choice(KINSHIP), "PR1"
        elif r < 0.93 and age >= 8:
            kind, provider = "K2", self.rng.choice(["PR1", "PR4", "PR4"])
        elif r < 0.97 and parents_allowed:
            kind, provider = "P1", "PR0"
        else:
            kind, provider = "U6", "PR1"
        fake = self.ctx.faker
        home = kind in {"K2", "K3"}
        name = (
            f"{fake.last_name()} House"
            if home
            else f"{fake.first_name()} and {fake.first_name()} {fake.last_name()}"
        )
        if kind == "P1":
            name = "Parent"
        # Own provision outside fostering is in the borough (903 rule 1015), and supported
        # accommodation with an Ofsted URN too (rule 241 compares its area with the authority's).
        in_area = self.rng.random() < 0.7 or (provider == "PR1" and kind in {"K2", "P1"}) or kind == "K3"
        regime = {"P1": VisitRegime.CARE_ORDER_PARENT, "U3": VisitRegime.CONNECTED_OR_ICO_PARENT}.get(
            kind, VisitRegime.STANDARD
        )
        return PlacementDetails(
            placement_type=kind,
            provider=provider,
            carer_name=name,
            urn=placement_urn(self.rng, kind),
            postcode=placement_postcode(self.rng, in_area),
            in_area=in_area,
            distance_miles=Decimal(self.rng.randint(5, 60 if in_area else 900)) / 10
            if self.rng.random() < 0.9
            else None,
            visit_regime=regime,
            intended_until_18=kind in {"U1", "U4", "K2"},
        )

    def start(self, person: Person, start: date, end: date | None) -> PeriodOfCare:
        sw = self.worker(person)
        arrived = (
            ImmigrationStatus.objects.filter(person=person, status="UASC")
            .values_list("start_date", flat=True)
            .first()
        )
        if arrived and start < arrived:  # an unaccompanied child is looked after once here
            length = (end - start) if end else None
            start = arrived + timedelta(days=1)
            if length is not None:
                end = start + length
                if end >= self.today:
                    end = None  # still looked after
            if start > self.today:
                start = self.today
        # Placement orders (E1) come with an adoption decision: the permanence stage records them.
        status = self.rng.choices(["C2", "V2", "C1", "L1"], [55, 28, 12, 5])[0]
        period = services.start_care(
            actor=sw,
            person=person,
            start_date=start,
            legal_status=status,
            category_of_need=self.rng.choices(["N1", "N2", "N3", "N4", "N5", "N8"], [60, 6, 8, 14, 4, 8])[0],
            placement=self.placement(person, start, status),
        )
        ensure_social_worker(self.ctx, person, start)
        last = end or self.today
        span = (last - start).days
        on, current_status = start, status
        if status == "L1" and start + timedelta(days=2) < last:
            # Police protection lasts at most 72 hours (903 rule 361): an interim care order follows.
            on, current_status = start + timedelta(days=2), "C1"
            services.record_change(actor=sw, period=period, on=on, legal_status="C1")
        for _ in range(self.rng.choices([0, 1, 2, 3, 4], [35, 30, 18, 10, 7])[0]):
            step = self.rng.randint(30, max(31, span // 3))
            on = on + timedelta(days=step)
            if on >= last:
                break
            new_status = None
            if current_status in {"C1", "L1", "V2"} and self.rng.random() < 0.4:
                new_status = "C2" if current_status != "L1" else "C1"
            moved = new_status is None or self.rng.random() < 0.5
            services.record_change(
                actor=sw,
                period=period,
                on=on,
                legal_status=new_status,
                placement=self.placement(person, on, new_status or current_status) if moved else None,
                same_carer=moved and self.rng.random() < 0.1,
                reason_for_change=self.rng.choice(REASONS) if moved else "",
            )
            current_status = new_status or current_status
        self.plans(period, sw)
        self.reviews(period, last)
        if end is not None:
            services.end_care(
                actor=sw,
                period=period,
                on=end,
                reason_ceased="E17" if _age(person, end) >= 18 else self.rng.choice(ENDINGS),
            )
        return period

    def plans(self, period: PeriodOfCare, sw: User) -> None:
        if self.rng.random() < 0.9:
            care_plan = period.start_date + timedelta(days=self.rng.randint(3, 20))
            permanence = period.start_date + timedelta(days=self.rng.randint(60, 150))
            services.record_plans(
                actor=sw,
                period=period,
                care_plan_completed_on=min(care_plan, self.today),
                permanence_plan_completed_on=permanence if permanence <= self.today else None,
                placement_plan_completed_on=self.today if self.rng.random() < 0.85 else None,
            )

    def reviews(self, period: PeriodOfCare, until: date) -> None:
        iro = (
            self.demo_iro
            if self.demo_iro and self.rng.random() < 0.4
            else (self.rng.choice(self.iros) if self.iros else None)
        )
        existing = current_iro(period.person, self.today)
        if existing is not None:
            iro = existing.worker
        elif iro is not None and period.end_date is None:
            services.allocate_iro(
                actor=self.manager, person=period.person, iro=iro, start_date=period.start_date
            )
        if iro is None:
            return
        held: list[date] = []
        while True:
            due = next_review_due(period.start_date, held).due
            held_on = due - timedelta(days=self.rng.randint(0, 12))
            if self.rng.random() < 0.12:
                held_on = due + timedelta(days=self.rng.randint(1, 25))
            held_on = max(held_on, (held[-1] if held else period.start_date) + timedelta(days=1))
            if held_on > until:
                return
            age = _age(period.person, held_on)
            actions = []
            if self.rng.random() < 0.7:
                actions.append(
                    ActionDetails(
                        "Social worker", "Arrange family time as agreed", held_on + timedelta(days=28)
                    )
                )
            review = services.record_review(
                actor=iro,
                period=period,
                held_on=held_on,
                participation="PN0"
                if age < 4
                else self.rng.choice(["PN1", "PN1", "PN2", "PN3", "PN5", "PN6", "PN7"]),
                iro_met_child=age >= 4 and self.rng.random() < 0.75,
                child_views=""
                if age < 4
                else self.rng.choice(
                    ["I like it here.", "I want more time with my mum.", "I want to stay at my school."]
                ),
                decisions="Care plan endorsed.",
                actions=actions,
                iro=iro,
            )
            for action in review.actions.all():
                if action.due_on < self.today and self.rng.random() < 0.8:
                    services.complete_review_action(
                        actor=self.manager, action=action, completed_on=action.due_on
                    )
            held.append(held_on)

    def visits(self, period: PeriodOfCare) -> None:
        episode = period.episodes.filter(end_date__isnull=True).select_related("placement").first()
        if episode is None:
            return
        placement: Placement = episode.placement
        sw = self.worker(period.person)
        made: list[date] = []
        first_review = period.reviews.order_by("held_on").values_list("held_on", flat=True).first()
        for _ in range(60):
            due = next_visit_due(
                regime=placement.visit_regime,
                placement_start=placement.start_date,
                visits=made,
                first_review=first_review,
                intended_until_18=placement.intended_until_18,
            )
            on = (
                due - timedelta(days=self.rng.randint(0, 6))
                if self.rng.random() < 0.9
                else due + timedelta(days=self.rng.randint(1, 14))
            )
            on = max(on, made[-1] + timedelta(days=1) if made else placement.start_date)
            if on > self.today:
                return
            seen = self.rng.random() < 0.95
            casework.record_visit(
                actor=sw,
                person=period.person,
                kind="CLA",
                visited_on=on,
                child_seen=seen,
                seen_alone=seen and _age(period.person, on) >= 5 and self.rng.random() < 0.8,
            )
            made.append(on)

    def health(self, period: PeriodOfCare) -> None:
        person, sw = period.person, self.worker(period.person)
        if (
            period.start_date > self.today - timedelta(days=90)
            and period.start_date >= collection_year_start(self.today)
            and self.rng.random() < 0.3
        ):
            return  # a recent entrant's initial health assessment still outstanding
        last = period.end_date or self.today
        on = period.start_date + timedelta(days=self.rng.randint(10, 40))
        if period.end_date is None:
            on = held_by_today(self.rng, on, period.start_date, None, self.today)
        kind = HealthCheckKind.INITIAL
        while on <= last and person.date_of_birth:
            age = _age(person, on)
            sdq = self.rng.randint(4, 30) if 4 <= age <= 16 and self.rng.random() < 0.8 else None
            misuse = age >= 13 and self.rng.random() < 0.08
            received = self.rng.random() < 0.7 if misuse else None
            services.record_health_check(
                actor=sw,
                person=person,
                kind=kind,
                completed_on=on,
                practitioner="Looked-after children's nurse",
                immunisations_up_to_date=self.rng.random() < 0.85,
                sdq_score=sdq,
                sdq_reason="" if sdq is not None else ("SDQ1" if not 4 <= age <= 16 else "SDQ2"),
                substance_misuse=misuse,
                intervention_received=received,
                intervention_offered=self.rng.random() < 0.6 if received is False else None,
                convicted=age >= 10 and self.rng.random() < 0.04,
            )
            if self.rng.random() < 0.8:
                services.record_health_check(
                    actor=sw, person=person, kind=HealthCheckKind.DENTAL, completed_on=on
                )
            kind = HealthCheckKind.REVIEW
            # Some late, but never a whole collection year without one (903 OC2 SDQ, rule 186).
            due = next_health_review_due(on, person.date_of_birth) + timedelta(days=self.rng.randint(-20, 25))
            due = min(due, on + timedelta(days=330))
            on = (
                held_by_today(self.rng, due, period.start_date, on, self.today)
                if period.end_date is None
                else due
            )

    def education(self, period: PeriodOfCare) -> None:
        person = period.person
        if not 4 <= _age(person, self.today) < 18:
            return
        sw, school = (
            self.worker(person),
            f"{self.ctx.faker.last_name()} {self.rng.choice(['Primary', 'Academy', 'High School'])}",
        )
        on = period.start_date + timedelta(days=self.rng.randint(5, 25))
        while on <= self.today:
            services.record_education_plan(
                actor=sw,
                period=period,
                meeting_on=on,
                school=school,
                virtual_school_contact="Virtual school",
                attendance_percent=Decimal(self.rng.randint(70, 100)),
                exclusions=self.rng.choices([0, 1, 2], [85, 10, 5])[0],
                targets=self.rng.choice(
                    ["Reading at expected level", "Improve attendance", "Maths catch-up tutoring"]
                ),
                progress=self.rng.choice(["Good progress", "Some progress", "Not yet"]),
            )
            on += timedelta(days=self.rng.randint(100, 150))

    def missing(self, period: PeriodOfCare) -> None:
        person = period.person
        if _age(person, self.today) < 11 or self.rng.random() > 0.35:
            return
        sw = self.worker(person)
        now = timezone.now()
        count = self.rng.randint(1, 4)
        used: list[date] = []
        for i in range(count):
            day = self.today - timedelta(
                days=self.rng.randint(2, 300) if i < count - 1 else self.rng.randint(4, 20)
            )
            if day < period.start_date or any(abs((day - other).days) < 3 for other in used):
                continue  # not overlapping another episode (903 rule 574)
            if (day.month, day.day) in {(3, 30), (3, 31)}:
                # Not open across 31 March: the DfE validator's rule 365 fills open episodes'
                # end dates in the data later rules read, so 575 and 577 then reject a missing
                # episode still open at the year end (docs/returns/ssda903.md).
                continue
            used.append(day)
            started = timezone.make_aware(
                datetime.combine(day, time(self.rng.randint(15, 23), self.rng.choice([0, 15, 30, 45])))
            )
            ended = min(started + timedelta(hours=self.rng.randint(3, 40)), now - timedelta(hours=1))
            episode = services.record_missing_episode(
                actor=sw,
                person=person,
                kind=self.rng.choice(["M", "M", "A"]),
                started_at=started,
                ended_at=ended,
                police_informed=self.rng.random() < 0.8,
            )
            late = i == count - 1 and self.rng.random() < 0.5  # no RHI yet, past 72 hours
            if not late:
                held = ended + timedelta(hours=self.rng.randint(20, 90))
                if held < now:
                    services.record_return(
                        actor=sw,
                        episode=episode,
                        rhi_held_at=held,
                        rhi_by="Independent return interview service",
                    )
        on = max(period.start_date, self.today - timedelta(days=200))
        for _ in range(2):
            services.record_screening(
                actor=sw,
                person=person,
                screened_on=on,
                score=self.rng.randint(5, 60),
                review_on=on + timedelta(days=90),
            )
            on += timedelta(days=self.rng.randint(60, 120))
            if on > self.today:
                break

    def approve_parents(self, period: PeriodOfCare) -> None:
        episode = period.episodes.filter(end_date__isnull=True).select_related("placement").first()
        if self.service_manager and episode and episode.placement.with_parents and self.rng.random() < 0.8:
            approved = min(episode.placement.start_date + timedelta(days=self.rng.randint(0, 10)), self.today)
            services.approve_placement_with_parents(
                actor=self.service_manager,
                placement=episode.placement,
                approved_on=approved,
                review_on=approved + timedelta(days=90),
            )


def run(ctx: StageContext) -> None:
    today = min(ctx.as_of, timezone.localdate())
    journey = _Journey(ctx, today)
    children = [
        c
        for c in ctx.children
        if c.date_of_birth and c.date_of_birth < today - timedelta(days=30) and _age(c, today) < 18
    ]
    cic_first = sorted(
        children,
        key=lambda c: (
            0
            if (w := ctx.social_worker_for(c)) and w.team and w.team.kind == TeamKind.CHILDREN_IN_CARE
            else 1,
            ctx.rng.random(),
        ),
    )
    now_count = max(1, round(len(ctx.children) * IN_CARE_NOW))
    past_count = max(1, round(len(ctx.children) * PAST_PERIODS))
    in_care, past = cic_first[:now_count], cic_first[now_count : now_count + past_count]
    ctx.progress(f"Children in care: {len(in_care)} looked after now, {len(past)} with a past period")
    for child in past:
        age_days = (today - child.date_of_birth).days  # type: ignore[operator]
        if age_days < 400:
            continue
        start = today - timedelta(days=ctx.rng.randint(200, max(201, min(2500, age_days - 10))))
        end = start + timedelta(days=ctx.rng.randint(40, max(41, min(700, (today - start).days - 30))))
        period = journey.start(child, start, min(end, today - timedelta(days=1)))
        journey.health(period)
    for child in in_care:
        age_days = (today - child.date_of_birth).days  # type: ignore[operator]
        start = today - timedelta(days=ctx.rng.randint(10, max(11, min(2200, age_days - 1))))
        period = journey.start(child, start, None)
        journey.approve_parents(period)
        journey.visits(period)
        journey.health(period)
        journey.education(period)
        journey.missing(period)


def foster_period_of_care(
    ctx: StageContext,
    worker: User,
    child: Person,
    start: date,
    end: date | None,
    status: str,
    reason_ceased: str = "E8",
) -> PeriodOfCare:
    """A period of care in local authority foster care, recorded through the children-in-care
    services, with the child's social worker from its start and their health checks."""
    period = services.record_period_of_care(
        actor=worker,
        person=child,
        start_date=start,
        end_date=end,
        legal_status=status,
        category_of_need="N1",
        placement=PlacementDetails(
            placement_type="U6",
            provider="PR1",
            carer_name="Local authority foster carer",
            urn=placement_urn(ctx.rng, "U6"),
            postcode=placement_postcode(ctx.rng, in_area=True),
        ),
        reason_ceased=reason_ceased,
    )
    ensure_social_worker(ctx, child, start)
    record_health(ctx, child, start, worker, end or min(ctx.as_of, timezone.localdate()))
    return period


def ensure_social_worker(ctx: StageContext, person: Person, start: date) -> None:
    """A child in care has an allocated social worker from the day care starts (903
    social worker episodes): allocate one when the demo's allocations leave a gap."""
    from workforce import services as workforce
    from workforce.models import Allocation, AllocationReason, AllocationRole

    rows = list(
        Allocation.objects.filter(person=person, role=AllocationRole.SOCIAL_WORKER).order_by(
            "start_date", "id"
        )
    )
    covering = [a for a in rows if a.start_date <= start and (a.end_date is None or a.end_date > start)]
    if covering:
        current = covering[-1]
        following = [a for a in rows if a.start_date == current.end_date and a.pk != current.pk]
        if (
            current.start_date < start
            and current.end_date is not None
            and (current.end_date - start).days < 7
            and following
        ):
            # The worker changes within days of care starting: the generator hands over on the
            # first day of care instead (an SSDA903 social worker episode lasts at least three
            # days, rule SW09STG2).
            Allocation.objects.filter(pk=current.pk).update(end_date=start)
            Allocation.objects.filter(pk=following[0].pk).update(start_date=start)
        return
    worker = ctx.social_worker_for(person) or ctx.pick_staff(Role.SOCIAL_WORKER, TeamKind.CHILDREN_IN_CARE)
    manager = ctx.pick_staff(Role.TEAM_MANAGER)
    assert worker.team is not None
    later = [a for a in rows if a.start_date > start]
    if later and (later[0].start_date - start).days < 7:
        # The allocated worker came within days of care starting: the generator dates their
        # allocation from the first day of care rather than invent a worker for a few days
        # (an SSDA903 social worker episode lasts at least three days, rule SW09STG2).
        Allocation.objects.filter(pk=later[0].pk).update(start_date=start)
        return
    if later:
        workforce.record_past_allocation(
            actor=manager,
            person=person,
            worker=worker if worker.pk != later[0].worker_id else ctx.pick_staff(Role.SOCIAL_WORKER),
            team=worker.team,
            role=AllocationRole.SOCIAL_WORKER,
            start_date=start,
            end_date=later[0].start_date,
        )
    else:
        workforce.allocate(
            actor=manager,
            person=person,
            worker=worker,
            team=worker.team,
            role=AllocationRole.SOCIAL_WORKER,
            start_date=start,
            reason=AllocationReason.FCONTA,
        )


def record_health(ctx: StageContext, person: Person, start: date, worker: User, today: date) -> None:
    """Health assessments for a period of care another stage started: the initial one, then
    reviews, each with an SDQ score or the reason there is none (903 OC2)."""
    still_looked_after = today >= min(ctx.as_of, timezone.localdate())
    on = start + timedelta(days=ctx.rng.randint(10, 40))
    if still_looked_after:
        on = held_by_today(ctx.rng, on, start, None, today)
    kind = HealthCheckKind.INITIAL
    while on <= today and person.date_of_birth:
        age = _age(person, on)
        sdq = ctx.rng.randint(4, 30) if 4 <= age <= 16 else None
        services.record_health_check(
            actor=worker,
            person=person,
            kind=kind,
            completed_on=on,
            immunisations_up_to_date=ctx.rng.random() < 0.85,
            sdq_score=sdq,
            sdq_reason="" if sdq is not None else "SDQ1",
            substance_misuse=False,
        )
        kind = HealthCheckKind.REVIEW
        due = min(next_health_review_due(on, person.date_of_birth), on + timedelta(days=330))
        on = held_by_today(ctx.rng, due, start, on, today) if still_looked_after else due


def collection_year_start(day: date) -> date:
    """1 April of the collection year `day` falls in."""
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def held_by_today(rng: Random, due: date, care_start: date, previous: date | None, today: date) -> date:
    """The date of a child's next health assessment, still looked after `today`.

    Usually `due`. But when it falls after today, and the child has been looked after since
    before this collection year began with no assessment in it yet, the assessment (and its
    SDQ) is brought forward to a day of this year up to today: the year's SSDA903 return,
    made after 31 March from data that stop today, then has the SDQ score or the reason
    there is none for a child looked after all year (OC2, rules 186 and 197B). A review is
    often held early; the demo never records one after its own today.
    """
    year_start = collection_year_start(today)
    if due <= today or care_start >= year_start or (previous is not None and previous >= year_start):
        return due
    earliest = max(year_start, (previous or care_start) + timedelta(days=1))
    if earliest > today:
        return due
    return earliest + timedelta(days=rng.randint(0, (today - earliest).days))
