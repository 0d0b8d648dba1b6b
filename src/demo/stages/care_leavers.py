"""Demo: care leavers aged 16–25 with eligibility, pathway plans, personal advisers, PA
contacts and the 903 OC3 status around each birthday from 17 to 21.

Every CHILD record aged 18–25 is one of the generator's care leavers; about one in six
16–17-year-olds is made a care leaver too. A care leaver without a period of care gets one
created directly here (from around the 14th–15th birthday to the 18th birthday, or still open
for 16–17-year-olds) because the children-in-care stage may not have run; the merge reconciles
this with that stage. Some items are deliberately late or missing: a status not recorded, a
review overdue, a PA who has not been in touch for months, young people not in touch or NEET.
"""

from datetime import date, timedelta

from django.utils import timezone

from accounts.models import TeamKind, User
from accounts.permissions import Role
from care_leavers import eligibility, services
from casework import services as casework
from demo.stages.base import StageContext
from demo.stages.looked_after import foster_period_of_care
from looked_after.models import PeriodOfCare
from people.models import ImmigrationStatus, Person
from permanence import services as permanence
from timescales import add_months
from workforce import services as workforce
from workforce.models import Allocation, AllocationRole

_ACTIVITY = [
    ("F2", 14),
    ("P2", 4),
    ("F1", 6),
    ("F4", 5),
    ("F5", 18),
    ("P5", 9),
    ("G5", 28),
    ("G6", 9),
    ("G4", 7),
]
_ACCOM = [
    ("U", 30),
    ("D", 18),
    ("E", 10),
    ("T", 8),
    ("B", 10),
    ("K", 4),
    ("W", 2),
    ("S", 2),
    ("X", 2),
    ("V", 2),
]
_UNSUITABLE = {"W", "S", "X", "V"}
# A first pathway plan's actions: who, what, and the days after the plan they are due.
PATHWAY_ACTIONS = (
    ("Personal adviser", "Help to open a bank account", 42),
    ("Young person", "Register with a GP near the new flat", 60),
)


def _weighted(ctx: StageContext, pairs: list[tuple[str, int]]) -> str:
    return ctx.rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _day_between(ctx: StageContext, first: date, last: date) -> date:
    return first + timedelta(days=ctx.rng.randint(0, max((last - first).days, 0)))


def run(ctx: StageContext) -> None:
    today = min(ctx.as_of, timezone.localdate())
    workers = ctx.staff(Role.SOCIAL_WORKER, TeamKind.CARE_LEAVERS) or ctx.staff(Role.SOCIAL_WORKER)
    managers = ctx.staff(Role.TEAM_MANAGER, TeamKind.CARE_LEAVERS) or ctx.staff(Role.TEAM_MANAGER)
    if not workers or not managers:
        return
    existing = set(PeriodOfCare.objects.values_list("person_id", flat=True))
    made = 0
    for person in ctx.children:
        dob = person.date_of_birth
        if dob is None:
            continue
        age = eligibility.age_on(dob, today)
        if age < 16 or age > 25 or (age < 18 and person.pk not in existing and ctx.rng.random() > 0.3):
            continue
        worker = ctx.social_worker_for(person) or ctx.rng.choice(workers)
        if not worker.has_perm("care_leavers.record_care_leaver"):
            worker = ctx.rng.choice(workers)
        if person.pk not in existing:
            start = eligibility.birthday(dob, 14) + timedelta(days=ctx.rng.randint(60, 700))
            end = eligibility.birthday(dob, 18) if age >= 18 else None
            if end is None and ctx.rng.random() < 0.4:  # left care after 16: relevant
                end = min(today, eligibility.birthday(dob, 16) + timedelta(days=ctx.rng.randint(30, 300)))
            arrived = (
                ImmigrationStatus.objects.filter(person=person, status="UASC")
                .values_list("start_date", flat=True)
                .first()
            )
            if arrived is not None and start <= arrived:
                # An unaccompanied child is looked after once here: never before the UASC
                # status, which every year's return with their episodes then shows (903 205D).
                start = arrived + timedelta(days=1)
                if start >= today or (end is not None and end <= start + timedelta(days=1)):
                    continue
            foster_period_of_care(
                ctx,
                worker,
                person,
                start,
                end,
                "C2",
                reason_ceased="E8" if end is None or age < 18 else "E17",
            )
            # Asked of every child starting care (903 previous permanence).
            permanence.record_previous_permanence(actor=worker, person=person, prev_perm="Z1")
        periods = list(person.periods_of_care.values_list("start_date", "end_date"))
        computed = eligibility.compute_eligibility(dob, periods, today)
        if computed == eligibility.NONE:
            continue
        _leaver(ctx, person, dob, age, computed, worker, ctx.rng.choice(managers), today)
        made += 1
    ctx.progress(f"care leavers: {made}")


def _leaver(
    ctx: StageContext,
    person: Person,
    dob: date,
    age: int,
    category: str,
    worker: User,
    manager: User,
    today: date,
) -> None:
    rng = ctx.rng
    sixteenth = eligibility.birthday(dob, 16)
    staying_put = 18 <= age <= 20 and rng.random() < 0.15
    higher_ed = age >= 18 and rng.random() < 0.08
    needs_done = sixteenth + timedelta(days=rng.randint(20, 130))  # some after the 3-month limit
    services.record_care_leaver(
        actor=worker,
        person=person,
        data={
            "recorded_category": category,
            "la_provides_accommodation": rng.random() < 0.4,
            "needs_assessment_completed_on": needs_done
            if needs_done <= today and rng.random() < 0.9
            else None,
            "staying_put": staying_put,
            "staying_put_start": eligibility.birthday(dob, 18) if staying_put else None,
            "higher_education": higher_ed,
            "bursary_paid_on": min(today, eligibility.birthday(dob, 18) + timedelta(days=120))
            if higher_ed
            else None,
            "vacation_accommodation": "Staying with former foster carers"
            if higher_ed and rng.random() < 0.5
            else "",
        },
    )
    _pathway_plan(ctx, person, worker, sixteenth, today)
    if age >= 18:
        _personal_adviser(ctx, person, dob, worker, manager, today)
    _oc3(ctx, person, dob, worker, staying_put, higher_ed, today)


def _pathway_plan(ctx: StageContext, person: Person, worker: User, sixteenth: date, today: date) -> None:
    """A plan with two actions, reviewed about every 5-7 months; the latest sometimes overdue."""
    rng = ctx.rng
    plan_date = sixteenth + timedelta(days=rng.randint(60, 160))
    if plan_date <= today:
        plan = services.start_pathway_plan(actor=worker, person=person, plan_date=plan_date)
        for who, what, days in PATHWAY_ACTIONS:
            services.add_pathway_action(
                actor=worker, plan=plan, who=who, what=what, due_by=plan_date + timedelta(days=days)
            )
        for action in plan.actions.all():
            done = action.due_by - timedelta(days=rng.randint(-20, 10))
            if done <= today and rng.random() < 0.7:
                services.complete_pathway_action(actor=worker, action=action, completed_on=done)
        reviewed = plan_date
        while True:
            nxt = add_months(reviewed, 6) - timedelta(days=rng.randint(-25, 30))
            if nxt > today or (add_months(nxt, 6) > today and rng.random() < 0.2):
                break
            services.review_pathway_plan(actor=worker, plan=plan, reviewed_on=nxt)
            reviewed = nxt


def _personal_adviser(
    ctx: StageContext, person: Person, dob: date, worker: User, manager: User, today: date
) -> None:
    """A personal adviser from 18, with contacts every 5-10 weeks; a few have drifted away."""
    rng = ctx.rng
    current = (
        Allocation.objects.current(today)
        .filter(person=person, role=AllocationRole.PERSONAL_ADVISER)
        .select_related("worker")
        .first()
    )
    if current is not None:  # the base generator allocated one already
        pa = current.worker
    else:
        pa = ctx.rng.choice(ctx.staff(Role.SOCIAL_WORKER, TeamKind.CARE_LEAVERS) or [worker])
        if pa.team is not None:
            workforce.allocate(
                actor=manager,
                person=person,
                worker=pa,
                team=pa.team,
                role=AllocationRole.PERSONAL_ADVISER,
                start_date=max(eligibility.birthday(dob, 18), today - timedelta(days=700)),
            )
    if not pa.has_perm("casework.record_visit"):
        pa = worker
    # PA contacts over the last 6 months: every 5-10 weeks, a few have drifted out of touch.
    if rng.random() < 0.85:
        day = today - timedelta(days=rng.randint(0, 50))
        earliest = today - timedelta(days=183)
        while day >= earliest:
            casework.record_visit(
                actor=pa,
                person=person,
                kind="CARE_LEAVER",
                visited_on=day,
                child_seen=rng.random() < 0.9,
                purpose="Personal adviser contact",
            )
            day -= timedelta(days=rng.randint(35, 70))


def _oc3(
    ctx: StageContext,
    person: Person,
    dob: date,
    worker: User,
    staying_put: bool,
    higher_ed: bool,
    today: date,
) -> None:
    """The 903 OC3 status around each birthday from 17 to 21 whose window has opened."""
    rng = ctx.rng
    for oc3_age in eligibility.OC3_AGES:
        start, end = eligibility.oc3_window(dob, oc3_age)
        if start > today or rng.random() < 0.08:  # some not recorded
            continue
        contact = _day_between(ctx, start, min(end, today))
        in_touch = _weighted(ctx, [("YES", 86), ("NO", 7), ("REFU", 4), ("NREQ", 3)])
        activity = accommodation = suitability = ""
        if in_touch == "YES":
            activity = "F1" if higher_ed and oc3_age >= 19 else _weighted(ctx, _ACTIVITY)
            accommodation = "Z" if staying_put and oc3_age >= 18 else _weighted(ctx, _ACCOM)
            if oc3_age == 17 and accommodation in {"U", "K"}:
                accommodation = "D"
            suitability = "2" if accommodation in _UNSUITABLE or rng.random() < 0.05 else "1"
        services.record_birthday_status(
            actor=worker,
            person=person,
            age=oc3_age,
            contact_date=contact,
            in_touch=in_touch,
            activity=activity,
            accommodation=accommodation,
            suitability=suitability,
        )
