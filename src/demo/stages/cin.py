"""Demo stage 40: child in need plans, reviews and visits, and closing CIN episodes.

After stage 20 (assessments) and 30 (child protection): an authorised assessment whose
outcome is NFA or early help closes its episode (RC8 / RC9); one whose outcome is a CIN plan
gets a plan with SMART actions signed off by a manager, reviews at about the configured
frequency (some missed, so "review overdue" shows), CIN visits over the last 3 months, and
about a quarter of the older plans end and the episode closes (RC7). Children whose CP plan
stepped down to a CIN plan get one too. `social.worker`'s CIN children keep open plans.
"""

from datetime import date, timedelta
from typing import Any

import timescales
from accounts.permissions import Role
from assessments.models import Assessment, AssessmentOutcome, AssessmentStatus
from casework.models import VisitKind
from casework.services import record_visit
from cin import services
from cin.models import CINPlan
from demo.stages.assessments import demo_children_of, demo_today
from demo.stages.base import StageContext, add_plan_actions, notified
from frontdoor.models import ReferralStatus
from plans.models import PlanStatus
from plans.smart import ActionStatus
from protection.models import CPPlan, StepDown

ACTIONS = [
    ("Attend the parenting group every week", "Parent", "Family"),
    ("Referral to the young carers' service", "Allocated social worker", "Children's social care"),
    ("Support with school attendance", "Education welfare officer", "Education"),
    ("Apply for housing transfer", "Housing officer", "Housing"),
]


def _progress(rng: Any, actions: list[Any], review: date, done: set[int]) -> dict[int, tuple[str, str]]:
    """What a review notes against the plan's actions not yet done (`done`, updated): most of
    those due by then are done, the rest carry on; actions not yet due are started."""
    noted = {}
    for a in actions:
        if a.pk in done:
            continue
        if a.by_when <= review and rng.random() < 0.85:
            noted[a.pk] = (ActionStatus.DONE.value, "Done, as the review confirmed.")
            done.add(a.pk)
        else:
            noted[a.pk] = (ActionStatus.IN_PROGRESS.value, "Started; more to do before the next review.")
    return noted


def _redate(worker: Any, actions: list[Any], review: date, done: set[int]) -> None:
    """The review agrees a new date, by the next review, for each action it found overdue
    and not yet done (the plan is reviewed every three months)."""
    for a in actions:
        if a.pk not in done and a.by_when <= review:
            services.edit_cin_action(
                actor=worker, action=a, data={"by_when": timescales.add_months(review, 3)}
            )


def _plan(
    ctx: StageContext,
    referral: Any,
    start: date,
    today: date,
    worker: Any,
    manager: Any,
    keep_open: bool,
    mine: bool = False,
) -> None:
    rng = ctx.rng
    plan = services.start_cin_plan(
        actor=worker,
        referral=referral,
        start_date=start,
        worries="The family needs support to meet the child's needs at home and at school.",
        goals="The child attends school every day and the family gets the help it needs.",
        notify=notified(start, today),
    )
    picks = rng.sample(ACTIONS, rng.randint(2, 3))
    actions = add_plan_actions(
        services.add_cin_action, rng, worker, plan, picks, start, (6, 20), "School and home"
    )
    services.sign_off_cin_plan(actor=manager, plan=plan, on=start, notify=notified(start, today))
    ends = not keep_open and start < today - timedelta(days=270) and rng.random() < 0.35
    horizon = start + timedelta(days=rng.randint(200, 260)) if ends else today
    # Some plans miss their reviews; not those of the demo's own worker, whose drifting case
    # is a child protection plan (demo.stages.protection).
    missed = rng.random() < 0.2 and not mine
    review = timescales.add_months(start, 3)
    done: set[int] = set()
    while review <= horizon and not (missed and review > horizon - timedelta(days=120)):
        services.record_cin_review(
            actor=worker,
            plan=plan,
            held_on=review,
            progress="Some progress; actions continue.",
            child_views="Says school is better.",
            action_progress=_progress(rng, actions, review, done),
        )
        _redate(worker, actions, review, done)
        review = timescales.add_months(review, 3) - timedelta(days=rng.randint(0, 6))
    visit = max(start, horizon - timedelta(days=90))
    while visit <= horizon:
        record_visit(
            actor=worker,
            person=plan.person,
            kind=VisitKind.CIN,
            visited_on=visit,
            child_seen=rng.random() < 0.9,
            purpose="Child in need visit",
            worker=worker,
        )
        visit += timedelta(days=rng.randint(20, 35))
    if ends:
        services.end_cin_plan(actor=worker, plan=plan, end_date=horizon, reason="The plan's goals were met.")
        services.close_episode(actor=worker, referral=referral, closure_date=horizon, closure_reason="RC7")


def run(ctx: StageContext) -> None:
    today = demo_today(ctx)
    mine = demo_children_of(ctx, "social.worker")
    managers = ctx.staff(Role.TEAM_MANAGER) or [ctx.demo_user("team.manager")]
    plans = 0
    authorised = (
        Assessment.objects.filter(status=AssessmentStatus.AUTHORISED, referral__status=ReferralStatus.OPEN)
        .select_related("referral__person")
        .order_by("pk")
    )
    cp_referrals = set(CPPlan.objects.values_list("referral_id", flat=True))
    for a in authorised:
        referral, person = a.referral, a.referral.person
        if referral.pk in cp_referrals or a.authorised_on is None:
            continue
        worker = ctx.social_worker_for(person)
        if worker is None or not worker.has_perm("cin.record_cin"):
            worker = ctx.pick_staff(Role.SOCIAL_WORKER)
        manager = ctx.demo_user("team.manager") if person.pk in mine else ctx.rng.choice(managers)
        if AssessmentOutcome.CIN in a.outcomes:
            _plan(
                ctx,
                referral,
                a.authorised_on,
                today,
                worker,
                manager,
                keep_open=person.pk in mine,
                mine=person.pk in mine,
            )
            plans += 1
        elif {AssessmentOutcome.NFA, AssessmentOutcome.EARLY_HELP} & set(a.outcomes):
            reason = "RC9" if AssessmentOutcome.EARLY_HELP in a.outcomes else "RC8"
            services.close_episode(
                actor=worker, referral=referral, closure_date=a.authorised_on, closure_reason=reason
            )
    stepped_down = CPPlan.objects.filter(
        status=PlanStatus.ENDED, step_down=StepDown.CIN, referral__status=ReferralStatus.OPEN
    ).select_related("referral__person")
    for cp in stepped_down:
        if cp.end_date is None:
            continue
        person = cp.referral.person
        worker = ctx.social_worker_for(person) or ctx.pick_staff(Role.SOCIAL_WORKER)
        if not worker.has_perm("cin.record_cin"):
            worker = ctx.pick_staff(Role.SOCIAL_WORKER)
        if CINPlan.objects.filter(referral=cp.referral).current().exists():
            continue
        _plan(ctx, cp.referral, cp.end_date, today, worker, ctx.rng.choice(managers), keep_open=True)
        plans += 1
    ctx.progress(f"  {plans:,} child in need plans")
