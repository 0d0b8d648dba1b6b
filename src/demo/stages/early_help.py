"""Demo data for early help: episodes for about one child in eight. About one episode in
ten, those that may be stepped up, goes through the single-record services (a step-up is a
contact at the front door); the rest are written by `services.bulk_record_episodes`, held to
the same rules.

Entry by request, by the front door's "step to early help" decision or by step-down from
social care; assessment, a team-around-the-family meeting, SMART actions, reviews; some
families on the family group conference waiting list; endings including step-ups (each a
contact at the front door, screened and decided there).
"""

from datetime import date, timedelta

from django.utils import timezone

from accounts.models import TeamKind, User
from accounts.permissions import Role
from demo.stages.base import StageContext
from early_help import services
from early_help.models import EndReason, EntryRoute
from frontdoor import services as frontdoor_services
from frontdoor.models import Contact, Decision, Referral, ReferralStatus
from frontdoor.queries import stepped_to_early_help
from people.models import Person

SHARE = 0.13
STEP_UP_SHARE = 0.1
REASONS = (
    "Support with routines, boundaries and school attendance.",
    "Parental mental health; the family asked for help.",
    "Young carer for a parent with a long-term illness.",
    "Family conflict and the child's behaviour at home.",
    "Housing and money worries affecting the children.",
)
PARTNERS = (
    ("Mrs Patel", "St Mary's Primary School"),
    ("Ms Green", "Health visiting"),
    ("Mr Shah", "Riverside Academy"),
)
ACTIONS = (
    ("Attend the Triple P parenting course", "Parent"),
    ("Daily attendance check and feedback to parent", "School"),
    ("Referral to the young carers service", "Family support worker"),
    ("Apply for housing benefit review", "Parent with support worker"),
    ("CAMHS referral for low mood", "GP"),
)


def _clamp(day: date, as_of: date) -> date:
    return min(day, as_of)


def _first_day(person: Person) -> date:
    """The first day early help can start: the birth, or about 36 weeks before an unborn
    baby's expected birth."""
    if person.date_of_birth is not None:
        return person.date_of_birth
    if person.expected_date_of_birth is not None:
        return person.expected_date_of_birth - timedelta(weeks=36)
    return date.min


def _stepped_down(children: list[Person]) -> dict[int, date]:
    rows = Referral.objects.filter(
        person_id__in=[c.pk for c in children], status=ReferralStatus.CLOSED, closure_reason="RC9"
    ).values_list("person_id", "closure_date")
    return {pid: closed for pid, closed in rows.iterator(chunk_size=5000) if closed}


def _front_door_decides(ctx: StageContext, contact: Contact, as_of: date) -> None:
    """The front door screens the step-up and decides on an assessment."""
    screeners = [u for u in ctx.staff(Role.FRONT_DOOR) if u.registered_social_worker]
    managers = ctx.staff(Role.TEAM_MANAGER, TeamKind.FRONT_DOOR) or ctx.staff(Role.TEAM_MANAGER)
    now = timezone.now()
    screened = min(now, contact.received_at + timedelta(hours=2))
    frontdoor_services.screen_contact(
        actor=ctx.rng.choice(screeners),
        contact=contact,
        threshold_level="3",
        decision=Decision.ASSESSMENT,
        primary_need="N1",
        summary="Step-up from early help: needs an assessment.",
        screened_at=screened,
    )
    frontdoor_services.confirm_decision(
        actor=ctx.rng.choice(managers),
        contact=contact,
        rationale="Agreed.",
        decided_at=min(now, screened + timedelta(hours=2)),
    )


def _one_episode(
    ctx: StageContext,
    person: Person,
    worker: User,
    start: date,
    route: str,
    came_from: str,
    step_up: bool = False,
) -> None:
    """An episode through the single-record services (used for the ones stepped up)."""
    as_of, rng = ctx.as_of, ctx.rng
    lead = (worker.display_name, "Early help") if rng.random() < 0.6 else rng.choice(PARTNERS)
    episode = services.start_episode(
        actor=worker,
        person=person,
        start_date=start,
        reason=rng.choice(REASONS),
        worker=worker,
        lead_professional_name=lead[0],
        lead_professional_agency=lead[1],
        entry_route=route,
        step_down_from=came_from,
        step_down_reason="Needs can be met by early help" if came_from else "",
        step_down_summary="Assessment completed; family agreed to early help support." if came_from else "",
    )
    started = _clamp(start + timedelta(days=rng.randint(1, 7)), as_of)
    completed = start + timedelta(days=rng.randint(20, 45))
    done = completed <= as_of
    services.record_assessment(
        actor=worker,
        episode=episode,
        started_on=started,
        completed_on=completed if done else None,
        outcome="Needs identified; plan agreed with the family." if done else "",
    )
    if not done:
        return
    services.record_meeting(
        actor=worker,
        episode=episode,
        held_on=completed,
        notes="Plan agreed.",
        attendees=[
            ("Parent", "", True),
            (lead[0], lead[1], True),
            ("School nurse", "Health", rng.random() < 0.6),
        ],
    )
    for what, who in rng.sample(ACTIONS, rng.randint(2, 4)):
        action = services.add_plan_action(
            actor=worker,
            episode=episode,
            what=what,
            who=who,
            by_when=completed + timedelta(days=rng.randint(20, 90)),
        )
        finished = action.by_when - timedelta(days=rng.randint(-10, 15))
        if finished <= as_of and rng.random() < 0.75:
            services.complete_action(actor=worker, action=action, completed_on=max(finished, completed))
    review = completed + timedelta(days=rng.randint(70, 100))
    if review <= as_of:
        services.record_review(
            actor=worker, episode=episode, reviewed_on=review, progress="Good progress on most actions."
        )
    if rng.random() < 0.25:
        requested = _clamp(completed + timedelta(days=rng.randint(1, 30)), as_of)
        fgc = services.request_fgc(actor=worker, episode=episode, requested_on=requested)
        held = requested + timedelta(days=rng.randint(20, 90))
        if held <= as_of and rng.random() < 0.6:
            services.record_fgc_outcome(actor=worker, request=fgc, on=held, held=True)
    ended = start + timedelta(days=rng.randint(100, 320))
    if ended > as_of - timedelta(days=1):
        return
    roll = rng.random()
    open_referral = Referral.objects.filter(person=person, status=ReferralStatus.OPEN).exists()
    later_referral = Referral.objects.filter(person=person, referral_date__gte=ended).exists()
    if step_up and not open_referral and not later_referral:
        handover = services.step_up(
            actor=worker,
            episode=episode,
            handover_date=ended,
            reason="Concerns escalated despite early help support",
            summary="Neglect indicators increasing; parent no longer engaging with the plan.",
        )
        if handover.contact is not None:
            _front_door_decides(ctx, handover.contact, as_of)
        return
    reason = EndReason.OUTCOMES_MET if roll < 0.75 else (EndReason.NFA if roll < 0.88 else EndReason.DECLINED)
    services.end_episode(actor=worker, episode=episode, end_date=ended, end_reason=reason)


def _historic(
    ctx: StageContext, person: Person, worker: User, start: date, route: str, came_from: str
) -> services.HistoricEpisode:
    """An episode without a step-up, as a row for `services.bulk_record_episodes`."""
    as_of, rng = ctx.as_of, ctx.rng
    lead = (worker.display_name, "Early help") if rng.random() < 0.6 else rng.choice(PARTNERS)
    started = _clamp(start + timedelta(days=rng.randint(1, 7)), as_of)
    completed = start + timedelta(days=rng.randint(20, 45))
    done = completed <= as_of
    row = dict(
        person_id=person.pk,
        worker=worker,
        start_date=start,
        reason=rng.choice(REASONS),
        lead_professional=lead,
        entry_route=route,
        step_down=(came_from, "Assessment completed; family agreed to early help support.")
        if came_from
        else None,
        assessment=(
            started,
            completed if done else None,
            "Needs identified; plan agreed with the family." if done else "",
        ),
    )
    if done:
        row["meeting"] = (
            completed,
            [("Parent", "", True), (lead[0], lead[1], True), ("School nurse", "Health", rng.random() < 0.6)],
        )
        actions = []
        for what, who in rng.sample(ACTIONS, rng.randint(2, 4)):
            by_when = completed + timedelta(days=rng.randint(20, 90))
            finished = by_when - timedelta(days=rng.randint(-10, 15))
            ok = finished <= as_of and rng.random() < 0.75
            actions.append((what, who, by_when, max(finished, completed) if ok else None))
        row["actions"] = actions
        review = completed + timedelta(days=rng.randint(70, 100))
        if review <= as_of:
            row["review"] = (review, "Good progress on most actions.")
        if rng.random() < 0.25:
            requested = _clamp(completed + timedelta(days=rng.randint(1, 30)), as_of)
            held = requested + timedelta(days=rng.randint(20, 90))
            row["fgc"] = (requested, held if held <= as_of and rng.random() < 0.6 else None)
        ended = start + timedelta(days=rng.randint(100, 320))
        if ended <= as_of - timedelta(days=1):
            roll = rng.random()
            reason = (
                EndReason.OUTCOMES_MET
                if roll < 0.7
                else (EndReason.NFA if roll < 0.85 else EndReason.DECLINED)
            )
            row["end"] = (ended, reason)
    return services.HistoricEpisode(**row)  # type: ignore[arg-type]


def run(ctx: StageContext) -> None:
    children = ctx.children
    workers = ctx.staff(Role.EARLY_HELP, TeamKind.EARLY_HELP) or ctx.staff(Role.EARLY_HELP)
    if not children or not workers:
        return
    ctx.progress("Early help: episodes")
    stepped = stepped_to_early_help(person_ids=[c.pk for c in children])
    stepped_down = _stepped_down(children)
    earliest = ctx.as_of - timedelta(days=700)
    chosen = [c for c in children if c.pk in stepped_down or c.pk in stepped]
    others = [c for c in children if c.pk not in stepped and c.pk not in stepped_down]
    target = max(1, int(len(children) * SHARE))
    chosen = ctx.rng.sample(chosen, min(len(chosen), target * 2 // 3))
    chosen += ctx.rng.sample(others, min(len(others), max(0, target - len(chosen))))
    rows: list[services.HistoricEpisode] = []
    for person in sorted(chosen, key=lambda p: p.la_child_id):
        worker = ctx.rng.choice(workers)
        if person.pk in stepped_down and stepped_down[person.pk] >= earliest:
            start, route, came_from = stepped_down[person.pk], EntryRoute.STEP_DOWN, "Assessment team"
        elif person.pk in stepped and stepped[person.pk] >= earliest:
            start, route, came_from = (
                _clamp(stepped[person.pk] + timedelta(days=3), ctx.as_of),
                EntryRoute.FRONT_DOOR,
                "",
            )
        else:
            start = earliest + timedelta(days=ctx.rng.randint(0, 690))
            route, came_from = EntryRoute.DIRECT, ""
        # Not before the child is born, or for an unborn baby before the pregnancy: a step-up
        # refers the child (CIN census rule 8606: no referral more than 40 weeks before the
        # birth or expected birth).
        start = _clamp(max(start, _first_day(person)), ctx.as_of)
        if ctx.rng.random() < STEP_UP_SHARE:
            # Step-ups go through the services: a front-door contact, screened and decided.
            _one_episode(ctx, person, worker, start, route, came_from, step_up=True)
        else:
            rows.append(_historic(ctx, person, worker, start, route, came_from))
    for begin in range(0, len(rows), 5000):
        services.bulk_record_episodes(actor=workers[0], rows=rows[begin : begin + 5000])
