"""Demo: a year of supervision (most on time, some late, a stretched team's worse; some
directions thin, without contingency or actions), management oversight at points of the
journey (some children without any for too long), two monthly audit programmes with
moderation and actions, some left undone, and this month's multi-agency programme with the
partner agency's auditor (`multi_agency`), all through the quality services."""

import random
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Role
from demo.stages.base import StageContext
from demo.stages.multi_agency import multi_agency_audit
from frontdoor.models import Referral
from people.models import Person
from protection.models import CPPlan
from quality import queries, services
from quality.models import (
    AuditQuestion,
    AuditTool,
    CaseDirection,
    DirectionOutcome,
    Grade,
    OversightPoint,
    SamplingRule,
)
from quality.services import ActionRow, ReviewRow
from timescales import add_months
from workforce.models import Allocation, AllocationRole

REFLECTIVE = (
    "Talked through the pull between the parents' account and the school's; Sam named feeling "
    "drawn to the mother's view and we thought about why.",
    "Discussed the impact of the recent strategy meeting; a lot of hostility from father.",
    "Reflected on working with a family who have had social workers for three generations.",
    "",
)
WELLBEING = ("Managing, though the caseload is heavy this month.", "Leave booked.", "Well.", "")
ANALYSIS = (
    "Neglect is cumulative: attendance down to 74%, two missed health appointments, home conditions poor at the last two visits.",
    "Mother is engaging with the domestic abuse programme; father has moved out but contact is not yet safe.",
    "Placement is stable; the child's anxiety about contact with birth family is rising before each session.",
    "Drift: the plan has not changed in three reviews and the child's views are not on file.",
)
OBJECTIVES = (
    "Attendance above 90% within 8 weeks; health appointments kept; home conditions improved and seen at unannounced visits.",
    "Completion of the programme by the end of the term; a safe contact plan agreed at the next core group.",
    "Life story work started; the child's wishes about contact recorded in their words before the review.",
)
THIN = "Continue as planned."
DONE_NOTES = (
    "Achieved: attendance is above 90% and the school confirms it.",
    "Done; the assessment is complete and the plan updated.",
    "",
)
CARRY_NOTES = (
    "The parenting assessment has not started: the assessor was off sick.",
    "Waiting for the CAMHS report; chased twice.",
    "Mother cancelled two visits; the direct work has not been done.",
    "Caseload pressure: not started. Agreed to prioritise it this month.",
)
CONTINGENCY = (
    "If there is no change by the review, a legal planning meeting.",
    "If father returns to the home, strategy discussion the same day.",
    "",
)
ACTIONS = (
    "Visit unannounced and see the child alone",
    "Speak to the school's designated safeguarding lead",
    "Book the parenting assessment",
    "Update the chronology and the plan",
    "Direct work on the child's wishes and feelings",
)
DECISIONS = {
    OversightPoint.FRONT_DOOR: (
        "Proceed to a child and family assessment.",
        "Threshold met: parental mental health and the child's presentation at school.",
    ),
    OversightPoint.ASSESSMENT: (
        "Assessment signed off; step up to a child in need plan.",
        "Needs are met only with our support; no significant harm.",
    ),
    OversightPoint.PLAN: ("Plan agreed.", "Outcomes are specific and the family agreed them."),
    OversightPoint.CHANGE_OF_PLAN: (
        "Change the plan: contact to be supervised.",
        "New information from the police about the father's contact.",
    ),
    OversightPoint.ANY_TIME: (
        "Case reviewed: continue.",
        "Progress on two of three outcomes; no new concerns.",
    ),
}
LEARNING = (
    "The child's voice is strong and direct work is good; the plan lacks a contingency.",
    "Assessment analysis is thin: history is listed but not analysed.",
    "Good multi-agency work; management oversight is not visible on file for four months.",
    "Identity and culture are recorded but not used in planning.",
)
GRADES = [Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE]


def run(ctx: StageContext) -> None:
    today = min(ctx.as_of, timezone.localdate())
    rng = ctx.rng
    _staff_start_dates(ctx, today)
    caseloads = _caseloads(today - timedelta(days=365))
    sessions = _supervision(ctx, today, caseloads)
    oversight = _oversight(ctx, today)
    audits = _audits(ctx, today, rng)
    months = _establishment(ctx, today)
    partnered = multi_agency_audit(ctx, today, rng)  # last: the stage's other draws are as they were
    ctx.progress(
        f"Quality: {sessions} supervision sessions, {oversight} oversight records, {audits} audits "
        f"and {partnered} by a partner auditor, {months} team-months of establishment"
    )


def _staff_start_dates(ctx: StageContext, today: date) -> None:
    """When each practitioner joined (newly qualified workers within the last year)."""
    for user in ctx.staff(Role.SOCIAL_WORKER) + ctx.staff(Role.TEAM_MANAGER):
        days = ctx.rng.randint(30, 330) if user.newly_qualified else ctx.rng.randint(400, 4000)
        user.date_joined = timezone.make_aware(datetime.combine(today - timedelta(days=days), time(9)))
        User.objects.filter(pk=user.pk).update(date_joined=user.date_joined)


def _caseloads(since: date) -> dict[int, list[Allocation]]:
    rows = Allocation.objects.filter(role=AllocationRole.SOCIAL_WORKER).exclude(end_date__lt=since)
    found: dict[int, list[Allocation]] = defaultdict(list)
    for allocation in rows.select_related("person").order_by("pk"):
        found[allocation.worker_id].append(allocation)
    return found


def _on(allocations: list[Allocation], day: date) -> list[Person]:
    return [
        a.person
        for a in allocations
        if a.start_date <= day
        and (a.end_date is None or a.end_date >= day)
        and a.person.record_status == "ACTIVE"
    ]


def _done(rng: random.Random, due: date, set_on: date, today: date, chance: float) -> date | None:
    """When an action was done (None: not yet), never before it was set nor after today: by
    `chance` if it fell due in the last two months, else done in the end (late work shows as
    weeks overdue, not a year)."""
    if rng.random() > chance and due >= today - timedelta(days=60):
        return None
    day = due + timedelta(days=rng.randint(-10, 6))
    day = max(day, set_on)
    return day if day <= today else None


def _supervision(ctx: StageContext, today: date, caseloads: dict[int, list[Allocation]]) -> int:
    rng = ctx.rng
    made = 0
    for worker, manager in _supervisors(ctx):
        stretched = rng.random() < 0.2
        interval = 14 if worker.newly_qualified else 28
        open_: dict[int, CaseDirection] = {}  # child → their open direction
        carried: Counter[int] = Counter()  # direction → times carried over
        day = max(today - timedelta(days=365), worker.date_joined.date()) + timedelta(days=rng.randint(3, 20))
        while day <= today:
            children = _on(caseloads.get(worker.pk, []), day)
            reviews = [
                _review(rng, d, day, interval, stretched, d.person in children, carried[d.pk])
                for d in open_.values()
            ]
            carried.update(r.direction.pk for r in reviews if r.outcome == DirectionOutcome.CARRIED)
            session = services.record_supervision(
                actor=manager,
                worker=worker,
                held_on=day,
                reflective=rng.choice(REFLECTIVE),
                wellbeing=rng.choice(WELLBEING),
                reviews=reviews,
            )
            made += 1
            closed = [r.direction.person for r in reviews if r.outcome != DirectionOutcome.CARRIED]
            open_ = {
                r.direction.person_id: r.direction for r in reviews if r.outcome == DirectionOutcome.CARRIED
            }
            # The children whose direction was closed come first, then one or two more.
            free = [c for c in children if c.pk not in open_]
            again = [c for c in free if c in closed]
            others = [c for c in free if c not in again]
            for child in again[:3] + rng.sample(others, min(len(others), rng.randint(1, 2))):
                open_[child.pk] = _direction(rng, manager, worker, session, child, today, interval)
            late = rng.random() < (0.5 if stretched else 0.12)
            day += timedelta(days=interval + rng.randint(5, 30) if late else interval - rng.randint(0, 6))
    return made


def _supervisors(ctx: StageContext) -> list[tuple[User, User]]:
    """Who supervises whom: each social worker their team's manager; each team manager the
    manager of the next team (the demo has no service manager)."""
    pairs = [
        (w, w.team.manager)
        for w in ctx.staff(Role.SOCIAL_WORKER)
        if w.team is not None and w.team.manager is not None and w.team.manager.pk != w.pk
    ]
    managers = [m for m in ctx.staff(Role.TEAM_MANAGER) if m.team is not None]
    pairs += [(m, managers[(n + 1) % len(managers)]) for n, m in enumerate(managers) if len(managers) > 1]
    return pairs  # type: ignore[return-value]


def _review(
    rng: random.Random,
    direction: CaseDirection,
    day: date,
    interval: int,
    stretched: bool,
    held: bool,
    carried: int,
) -> ReviewRow:
    """What the next supervision found of a direction: mostly done; some carried over (more
    in a stretched team, and more of the thin ones), never more than three times before the
    manager closes it; no longer needed once the case moved on."""
    if not held:
        return ReviewRow(direction, DirectionOutcome.NOT_NEEDED, "The case has moved to another worker.")
    carry = (0.4 if stretched else 0.2) + (0.15 if direction.objectives == THIN else 0)
    if carried < 3 and rng.random() < carry:
        new = day + timedelta(days=rng.randint(interval - 10, interval - 6))
        return ReviewRow(direction, DirectionOutcome.CARRIED, rng.choice(CARRY_NOTES), new)
    if rng.random() < 0.06:
        return ReviewRow(direction, DirectionOutcome.NOT_NEEDED, "Superseded by the conference's decision.")
    return ReviewRow(direction, DirectionOutcome.DONE, rng.choice(DONE_NOTES))


def _direction(
    rng: random.Random,
    manager: User,
    worker: User,
    session: object,
    child: Person,
    today: date,
    interval: int,
) -> CaseDirection:
    """A case direction for the child at the session, its actions done as a worker would; due
    for review by the next supervision."""
    held = session.held_on  # type: ignore[attr-defined]
    thin = rng.random() < 0.25
    rows = (
        []
        if thin
        else [
            ActionRow(rng.choice(ACTIONS), worker, held + timedelta(days=rng.randint(7, 28)))
            for _ in range(rng.randint(1, 2))
        ]
    )
    direction = services.record_case_direction(
        actor=manager,
        session=session,  # type: ignore[arg-type]
        person=child,
        analysis=rng.choice(ANALYSIS),
        objectives=THIN if thin else rng.choice(OBJECTIVES),
        contingency="" if thin else rng.choice(CONTINGENCY),
        review_on=held + timedelta(days=rng.randint(interval - 10, interval - 6)),
        actions=rows,
    )
    for action in direction.actions.all():
        done = _done(rng, action.due_on, held, today, 0.8)
        if done:
            services.complete_action(actor=worker, action=action, done_on=done)
    return direction


def _establishment(ctx: StageContext, today: date) -> int:
    """A year of each case-holding team's establishment: most posts filled, a few vacant and
    mostly covered by agency workers, a stretched team more so; some leavers and starters."""
    rng = ctx.rng
    recorders = ctx.staff(Role.PERFORMANCE) + ctx.staff(Role.SERVICE_MANAGER)
    if not recorders:
        return 0
    made = 0
    teams: dict[int, list[User]] = defaultdict(list)
    for worker in ctx.staff(Role.SOCIAL_WORKER):
        if worker.team is not None:
            teams[worker.team_id].append(worker)  # type: ignore[index]
    for members in teams.values():
        team = members[0].team
        posts = Decimal(len(members) + rng.randint(1, 2))
        stretched = rng.random() < 0.25
        vacant = Decimal(rng.randint(2, 5) if stretched else rng.randint(0, 2))
        for back in range(11, -1, -1):
            month = add_months(today.replace(day=1), -back)
            leavers = 1 if rng.random() < (0.25 if stretched else 0.08) else 0
            starters = 1 if vacant > 0 and rng.random() < 0.2 else 0
            vacant = min(max(vacant + leavers - starters, Decimal(0)), posts)
            cover = min(vacant, Decimal(rng.randint(0, int(vacant)) + (Decimal("0.5") if vacant else 0)))
            services.record_establishment(
                actor=rng.choice(recorders),
                team=team,  # type: ignore[arg-type]
                month=month,
                posts=posts,
                permanent=posts - vacant,
                agency=cover,
                starters=starters,
                leavers=leavers,
            )
            made += 1
    return made


def _oversight(ctx: StageContext, today: date) -> int:
    """Oversight of the allocated children about as often as the standard asks (monthly on a
    child protection plan, every three months otherwise), now and then late; for one child in
    eight it stopped two to four months ago (a gap the manager's lists show)."""
    rng = ctx.rng
    made = 0
    open_since = dict(
        Referral.objects.filter(closure_date__isnull=True).values_list("person_id", "referral_date")
    )
    on_plan = set(
        CPPlan.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gt=today), start_date__lte=today
        ).values_list("person_id", flat=True)
    )
    current = (
        Allocation.objects.current(today)
        .filter(role=AllocationRole.SOCIAL_WORKER)
        .select_related("team__manager", "person", "worker")
    )
    for allocation in current.order_by("pk"):
        manager = allocation.team.manager
        if manager is None or manager.role != Role.TEAM_MANAGER.value:
            continue
        until = today - timedelta(days=rng.randint(60, 120)) if rng.random() < 0.125 else today
        # From when the case was open (the referral), even where the worker came later.
        began = min(allocation.start_date, open_since.get(allocation.person_id, allocation.start_date))
        day = max(began, today - timedelta(days=365)) + timedelta(days=rng.randint(1, 20))
        points = [OversightPoint.ASSESSMENT, OversightPoint.PLAN]
        while day < until:
            point = (
                points.pop(0)
                if points
                else rng.choice([OversightPoint.ANY_TIME, OversightPoint.CHANGE_OF_PLAN])
            )
            decision, rationale = DECISIONS[point]
            rows = (
                [ActionRow(rng.choice(ACTIONS), allocation.worker, day + timedelta(days=rng.randint(5, 20)))]
                if rng.random() < 0.5
                else []
            )
            oversight = services.record_oversight(
                actor=manager,
                person=allocation.person,
                point=point,
                decided_on=day,
                decision=decision,
                rationale=rationale,
                direction="" if rng.random() < 0.3 else "Visit within 10 working days and update the plan.",
                review_on=day + timedelta(days=rng.randint(30, 90)),
                actions=rows,
            )
            for action in oversight.actions.all():
                done = _done(rng, action.due_on, day, today, 0.85)
                if done:
                    services.complete_action(actor=allocation.worker, action=action, done_on=done)
            made += 1
            day += timedelta(
                days=rng.randint(21, 33) if allocation.person_id in on_plan else rng.randint(40, 100)
            )
    return made


def _grade_near(rng: random.Random, grade: Grade) -> Grade:
    index = GRADES.index(grade) + rng.choice([-1, 0, 0, 0, 1])
    return GRADES[min(max(index, 0), len(GRADES) - 1)]


def _audits(ctx: StageContext, today: date, rng: random.Random) -> int:
    """Two monthly programmes (stratified, then random), three children each, audited by the
    auditor assigned from another team, most moderated, actions for cases not yet good."""
    tool = AuditTool.objects.filter(is_active=True).first()
    leads = ctx.staff(Role.AUDITOR)
    auditors = queries.auditors()
    if tool is None or not leads or len(auditors) < 2:
        return 0
    questions = list(AuditQuestion.objects.filter(section__tool=tool))
    made = 0
    for months_ago, rule in ((2, SamplingRule.STRATIFIED), (1, SamplingRule.RANDOM)):
        month = add_months(today.replace(day=1), -months_ago)
        programme = services.draw_programme(
            actor=leads[0], name="Monthly practice audit", month=month, tool=tool, rule=rule, size=3
        )
        for case in programme.cases.select_related("person", "auditor", "worker"):
            day = min(month + timedelta(days=rng.randint(5, 25)), today)
            grade = rng.choices(GRADES, weights=[5, 40, 40, 15])[0]
            audit = services.record_audit(
                actor=case.auditor,
                person=case.person,
                tool=tool,
                audited_on=day,
                answers={
                    q.pk: (_grade_near(rng, grade), "Seen on file: " + rng.choice(LEARNING))
                    for q in questions
                },
                grade=grade,
                learning=rng.choice(LEARNING),
                worker_took_part=rng.random() < 0.7,
                manager_took_part=rng.random() < 0.4,
            )
            made += 1
            if rng.random() < 0.7:
                second = rng.choice([a for a in auditors if a.pk != case.auditor_id])
                agreed = grade if rng.random() < 0.75 else _grade_near(rng, grade)
                services.moderate_audit(
                    actor=second,
                    audit=audit,
                    moderated_on=min(day + timedelta(days=rng.randint(3, 14)), today),
                    agreed_grade=agreed,
                    comments=""
                    if agreed == grade
                    else "The plan's lack of contingency keeps this below good.",
                )
            if grade in (Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE) and case.worker is not None:
                for _ in range(rng.randint(1, 2)):
                    action = services.add_audit_action(
                        actor=case.auditor,
                        audit=audit,
                        action=ActionRow(
                            rng.choice(ACTIONS), case.worker, day + timedelta(days=rng.randint(14, 42))
                        ),
                        set_on=day,
                    )
                    done = _done(rng, action.due_on, day, today, 0.6)
                    if done:
                        services.complete_action(actor=case.worker, action=action, done_on=done)
    return made
