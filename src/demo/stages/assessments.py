"""Demo data for CIN episodes (referrals) and their assessments.

Every referral the front-door stage left open is assessed here; a child worked with by an
assessment, safeguarding or disabled children's team who has no open referral is referred
through the front door's `open_referral` service (by a front-door manager). Children outside
those teams are assessed and closed (no further action, or early help). Everything after
that goes through this app's services: most referrals get a single assessment; about one in eight
of the concluded ones is late (over 45 working days), about one in ten is returned once by the
manager before authorisation, and recent ones are still in progress (some overdue). A few
assessed children's assessments ask for a specialist or parenting assessment from a provider.

Outcomes set here drive the later stages: STRATEGY (a strategy discussion, in the protection
stage), CIN (a child in need plan, in the cin stage), NFA or EARLY_HELP (episode closed, in the
cin stage).
`social.worker`'s children are steered so that they hold CP and CIN cases.
"""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

import timescales
from accounts.models import TeamKind
from accounts.permissions import Role
from assessments import services
from assessments.models import AssessmentOutcome
from core.workflow import Step, opening_row
from demo.stages.base import StageContext, notified
from frontdoor.machines import REFERRAL
from frontdoor.models import Referral, ReferralStatus
from frontdoor.services import open_referral
from workforce.models import Allocation, AllocationRole

REFERRED_TEAMS = {TeamKind.ASSESSMENT, TeamKind.SAFEGUARDING, TeamKind.DISABLED_CHILDREN}
SOURCES = ["1A", "1B", "2A", "2B", "3A", "3E", "4", "5A", "5D", "6", "8", "9"]
NEEDS = ["N1", "N1", "N1", "N2", "N3", "N4", "N5", "N6", "N8"]
FACTORS = ["1B", "2B", "3A", "3B", "4B", "16A", "17A", "18C", "10A", "11A", "21"]
WISHES = [
    "I want mum to stop shouting and I want to stay at my school.",
    "I like it at nan's house. I don't like it when dad drinks.",
    "I just want everyone to be happy again.",
    "I don't want to talk about home. I like football.",
]


def demo_today(ctx: StageContext) -> date:
    """The stage's "today": the run's as-of date, never later than the real today (services
    refuse dates in the future)."""
    return min(ctx.as_of, timezone.localdate())


def collection_year_start(day: date) -> date:
    """1 April of the CIN census collection year `day` falls in."""
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def team_kinds(ctx: StageContext) -> dict[int, str]:
    rows = Allocation.objects.current(ctx.as_of).filter(role=AllocationRole.SOCIAL_WORKER)
    return dict(rows.values_list("person_id", "team__kind"))


def demo_children_of(ctx: StageContext, username: str) -> set[int]:
    user = ctx.demo_user(username)
    return {p.pk for p in ctx.children if ctx.social_worker_for(p) == user}


def _open_referral(ctx: StageContext, person, referral_date: date, actor) -> Referral:  # type: ignore[no-untyped-def]
    return open_referral(
        actor=actor,
        person=person,
        referral_date=referral_date,
        received_at=timezone.make_aware(datetime.combine(referral_date, time(10))),
        source=ctx.rng.choice(SOURCES),
        primary_need=ctx.rng.choice(NEEDS),
    )


def historic_referral(ctx: StageContext, person, referral_date: date, actor) -> Referral:  # type: ignore[no-untyped-def]
    """An earlier, already-finished episode behind the child's current one (for second CP
    plans). The front door's `open_referral` only opens a child's current episode, so the
    history an older system would have migrated is written directly, with its opening
    status-history row from the workflow's writer; the caller closes it through
    `close_referral`."""
    received = timezone.make_aware(datetime.combine(referral_date, time(10)))
    referral = Referral.objects.create(
        person=person,
        referral_date=referral_date,
        received_at=received,
        source=ctx.rng.choice(SOURCES),
        primary_need="N1",
        created_by=actor,
    )
    opening_row(referral, Step("open", actor, received), **REFERRAL).save()
    return referral


def episodes_end() -> dict[int, date]:
    """The day each child's latest recorded episode ended (`date.max` while one is open): a new
    episode starts after it (CIN census rules 8816 and 8820: episodes never overlap)."""
    ends: dict[int, date] = {}
    for person_id, referred, closed in Referral.objects.values_list(
        "person_id", "referral_date", "closure_date"
    ):
        ended = closed or date.max
        ends[person_id] = max(ends.get(person_id, date.min), ended, referred)
    return ends


def _new_episode_date(ctx: StageContext, person: Any, wanted: date, ended: dict[int, date]) -> date | None:
    """A new episode's referral date: not before birth (or the pregnancy), and after the
    child's last episode."""
    last = ended.get(person.pk, date.min)
    if last == date.max:
        return None
    referral_date = wanted
    if person.date_of_birth and referral_date < person.date_of_birth:
        referral_date = person.date_of_birth + timedelta(days=1)
    # An unborn baby is referred during the pregnancy (CIN census rule 8606: not more than
    # 40 weeks before the expected birth).
    pregnancy = person.expected_date_of_birth and person.expected_date_of_birth - timedelta(weeks=36)
    if pregnancy and referral_date < pregnancy:
        referral_date = pregnancy
    if referral_date <= last:
        referral_date = last + timedelta(days=ctx.rng.randint(1, 30))
    adult = person.birthday(18)
    if adult is not None and adult <= referral_date:
        return None  # a care leaver, not a child in need (CIN census 8775Q)
    return referral_date


# A referral waits at most this long for its assessment to start; older ones have started.
AWAITING_DAYS = 21


def run(ctx: StageContext) -> None:
    today = demo_today(ctx)
    kinds = team_kinds(ctx)
    ended = episodes_end()
    mine = demo_children_of(ctx, "social.worker")
    open_referrals = {
        r.person_id: r
        for r in Referral.objects.filter(status=ReferralStatus.OPEN, assessments__isnull=True).order_by(
            "referral_date", "pk"
        )
    }
    manager = ctx.demo_user("team.manager")
    front_door_managers = ctx.staff(Role.TEAM_MANAGER, TeamKind.FRONT_DOOR) or [manager]
    made = 0
    assessed: list[tuple[Any, Any, Any]] = []  # (person, assessment, worker) of children in a team
    for person in ctx.children:
        in_team = kinds.get(person.pk) in REFERRED_TEAMS
        existing = open_referrals.get(person.pk)
        if existing is None and not in_team:
            continue
        worker = ctx.social_worker_for(person) or ctx.pick_staff(Role.SOCIAL_WORKER)
        if not worker.has_perm("assessments.record_assessment"):
            worker = ctx.pick_staff(Role.SOCIAL_WORKER)
        if existing is not None:
            referral, referral_date = existing, existing.referral_date
        else:
            days_ago = ctx.rng.randint(60, 240) if person.pk in mine else ctx.rng.randint(3, 540)
            chosen = _new_episode_date(ctx, person, today - timedelta(days=days_ago), ended)
            if chosen is None or chosen > today:
                continue
            referral_date = chosen
            referral = _open_referral(ctx, person, referral_date, ctx.rng.choice(front_door_managers))
        made += 1
        if (
            ctx.rng.random() < 0.06
            and person.pk not in mine
            and referral_date >= today - timedelta(days=AWAITING_DAYS)
        ):
            continue  # a recent referral still awaiting the start of its assessment
        start = min(today, referral_date + timedelta(days=ctx.rng.randint(0, 3)))
        assessment = services.start_assessment(
            actor=worker, referral=referral, start_date=start, worker=worker
        )
        outcome = (
            _outcome(ctx, person.pk in mine, kinds.get(person.pk))
            if in_team
            else ctx.rng.choice([AssessmentOutcome.NFA, AssessmentOutcome.EARLY_HELP])
        )
        seen = min(today, start + timedelta(days=ctx.rng.randint(1, 7)))
        data = {
            "factors": _factors(ctx, outcome),
            "risk_factors": "Concerns about the care the child receives at home and the adults' capacity to change.",
            "protective_factors": "A supportive grandparent nearby; the child attends school regularly.",
            "child_seen_on": seen,
            "child_seen_alone_on": seen if ctx.rng.random() < 0.8 else None,
            "child_wishes": ctx.rng.choice(WISHES),
            "identity": "Considered the child's ethnicity, first language, faith and any disability with the family.",
            "analysis": "The worries are significant; the family has some strengths to build on.",
            "outcomes": [outcome],
        }
        services.record_assessment(actor=worker, assessment=assessment, data=data)
        if in_team:
            assessed.append((person, assessment, worker))
        _conclude(ctx, assessment, worker, manager, outcome, today)
    ctx.progress(f"  {made:,} referrals with assessments")
    commissioned = _commission(ctx, assessed, today)
    ctx.progress(f"  {commissioned:,} specialist or parenting assessments commissioned")


def _conclude(
    ctx: StageContext, assessment: Any, worker: Any, manager: Any, outcome: str, today: date
) -> None:
    """Submit (after a return for more work, now and then) and authorise the assessment, late
    about 1 in 8 times; recent ones stay in progress or await authorisation."""
    referral_date, start = assessment.referral.referral_date, assessment.start_date
    # Late about 1 in 8: conclude between 20 and 60 working days from referral.
    working_days = ctx.rng.randint(46, 60) if ctx.rng.random() < 0.12 else ctx.rng.randint(15, 44)
    submitted = timescales.add_working_days(referral_date, working_days)
    if outcome == AssessmentOutcome.STRATEGY:
        submitted = timescales.add_working_days(referral_date, ctx.rng.randint(5, 12))
    carried_over = start < collection_year_start(today)
    if submitted >= today and carried_over:
        # An assessment still open from the last collection year is a CIN census error
        # (8736): the demo's older ones conclude by today.
        submitted = max(start, today - timedelta(days=1))
    if submitted >= today:
        return  # still in progress (overdue when past its due date)
    tell = notified(submitted, today)
    if ctx.rng.random() < 0.1:
        services.submit_assessment(actor=worker, assessment=assessment, on=submitted, notify=tell)
        services.return_assessment(
            actor=manager,
            assessment=assessment,
            comments="The analysis does not yet weigh the risks against the strengths.",
            on=submitted,
            notify=tell,
        )
    services.submit_assessment(actor=worker, assessment=assessment, on=submitted, notify=tell)
    if ctx.rng.random() < 0.05 and submitted > today - timedelta(days=10) and not carried_over:
        return  # awaiting authorisation
    authorised = min(today, timescales.add_working_days(submitted, ctx.rng.randint(0, 2)))
    services.authorise_assessment(
        actor=manager,
        assessment=assessment,
        comments=AUTHORISED_COMMENT,
        on=authorised,
        notify=notified(authorised, today),
    )


AUTHORISED_COMMENT = (
    "The analysis weighs the worries against the family's strengths and the child's own words; "
    "the plan that follows is proportionate. Authorised."
)

COMMISSIONED = (
    ("PARENTING", "Parenting capacity of both parents", "Family Assessment Service"),
    ("PARENTING", "Parenting assessment of mother (PAMS)", "Independent social worker"),
    ("SPECIALIST", "Psychological assessment of the child", "Child and adolescent mental health service"),
    ("SPECIALIST", "Cognitive assessment of father", "Consultant clinical psychologist"),
)
COMMISSIONED_SHARE = 0.06


def _commission(ctx: StageContext, assessed: list[tuple[Any, Any, Any]], today: date) -> int:
    """A few children's assessments ask for a specialist or parenting assessment from a
    provider, due in six to twelve weeks; most of those due by today are back."""
    chosen = ctx.rng.sample(assessed, min(len(assessed), max(1, round(len(assessed) * COMMISSIONED_SHARE))))
    for person, assessment, worker in chosen:
        kind, description, provider = ctx.rng.choice(COMMISSIONED)
        commissioned_on = min(today, assessment.start_date + timedelta(days=ctx.rng.randint(5, 20)))
        due_on = commissioned_on + timedelta(weeks=ctx.rng.randint(6, 12))
        row = services.commission_assessment(
            actor=worker,
            person=person,
            kind=kind,
            description=description,
            provider=provider,
            commissioned_on=commissioned_on,
            due_on=due_on,
            assessment=assessment,
        )
        back = due_on - timedelta(days=ctx.rng.randint(0, 14))
        if back <= today and ctx.rng.random() < 0.8:
            services.complete_commissioned(actor=worker, commissioned=row, completed_on=back)
    return len(chosen)


def _factors(ctx: StageContext, outcome: str) -> list[str]:
    """Factors at the end of assessment: "21 No factors identified" alone, and only when the
    episode then closes (CIN census rules 8869 and 8873Q); otherwise one to three factors."""
    if outcome in (AssessmentOutcome.NFA, AssessmentOutcome.EARLY_HELP) and ctx.rng.random() < 0.3:
        return ["21"]
    return sorted(set(ctx.rng.sample([f for f in FACTORS if f != "21"], ctx.rng.randint(1, 3))))


def _outcome(ctx: StageContext, mine: bool, team_kind: str | None) -> str:
    roll = ctx.rng.random()
    if mine:
        return AssessmentOutcome.STRATEGY if roll < 0.45 else AssessmentOutcome.CIN
    if roll < 0.18:
        return AssessmentOutcome.STRATEGY
    if roll < 0.55 or team_kind == TeamKind.DISABLED_CHILDREN:
        return AssessmentOutcome.CIN
    if roll < 0.8:
        return AssessmentOutcome.EARLY_HELP
    return AssessmentOutcome.NFA
