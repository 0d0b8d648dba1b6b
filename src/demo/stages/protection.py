"""Demo stage 30: strategy discussions, s47 enquiries, conferences, CP plans, core groups,
CP visits, review conferences, chairs' challenges and management decisions.

Driven by the assessments (stage 20) whose outcome is a strategy discussion: most lead to a
s47 enquiry; about half of those to an initial conference and a plan. Realistic imperfection
so every signal has something to show: some strategy discussions with only the police and
social care, some late conferences, plans that drift (no core group for weeks, missed
visits, overdue actions), a few plans of 2 years or more, and second plans (an earlier
episode with an ended plan). `cp.chair` chairs a share of plans, and `social.worker`'s
first plan always has an overdue core group. Everything goes through the services.
"""

from datetime import date, timedelta
from typing import Any

from django.db.models import Q

import timescales
from accounts.models import TeamKind
from accounts.permissions import Role
from assessments.models import Assessment, AssessmentOutcome
from casework.models import VisitKind
from casework.services import record_visit
from cin import services as cin_services
from demo.accounts import DEMO_USERNAMES
from demo.stages.assessments import collection_year_start, demo_children_of, demo_today, historic_referral
from demo.stages.base import StageContext, add_plan_actions, least_loaded, notified
from frontdoor.models import Referral
from plans.models import PlanStatus
from protection import services
from protection.models import Agency, ConferenceDecision, CPPlan, S47Outcome, StrategyDecision
from protection.rules import conference_day_on_or_before

WORRIES = [
    "Bruising seen at school that the adults have not explained.",
    "The home is often without food and the children are left alone.",
    "Arguments and violence between the adults that the children see and hear.",
    "A parent's drinking means the children are not kept safe at night.",
]
GOALS = "The children are safe at home, seen every day at school, and the adults work with the plan."
ACTIONS = [
    ("Attend the domestic abuse programme", "Parent", "Family"),
    ("Weekly visits to see the children alone", "Allocated social worker", "Children's social care"),
    ("Health assessment of the children", "Health visitor", "Health"),
    ("Daily attendance monitored and shared", "Designated safeguarding lead", "School"),
    ("Complete the alcohol treatment referral", "Parent", "Family"),
]


class _Journey:
    def __init__(self, ctx: StageContext, today: date) -> None:
        self.ctx, self.today, self.rng = ctx, today, ctx.rng
        self.chair = ctx.demo_user("cp.chair")
        self.chairs = ctx.staff(Role.CP_CHAIR) or [self.chair]
        self.manager = ctx.demo_user("team.manager")
        self.managers = ctx.staff(Role.TEAM_MANAGER) or [self.manager]
        self.plans = 0

    def worker_for(self, person: Any) -> Any:
        worker = self.ctx.social_worker_for(person)
        if worker is None or not worker.has_perm("protection.record_protection"):
            worker = self.ctx.pick_staff(Role.SOCIAL_WORKER)
        return worker

    def strategy(self, referral: Any, held_on: date, worker: Any, force_s47: bool) -> Any:
        agencies: list[str] = [Agency.SOCIAL_CARE, Agency.POLICE]
        if self.rng.random() < 0.8:
            agencies += [Agency.HEALTH, Agency.EDUCATION]
        decision = StrategyDecision.S47_JOINT if self.rng.random() < 0.6 else StrategyDecision.S47_SINGLE
        if not force_s47 and self.rng.random() < 0.1:
            decision = StrategyDecision.NO_S47
        return services.record_strategy_discussion(
            actor=worker,
            referral=referral,
            held_on=held_on,
            agencies=agencies,
            decision=decision,
            information_shared="Police checks, school attendance and health records shared.",
            participants="Social worker, police officer, health visitor, school safeguarding lead",
        )

    def journey(
        self,
        referral: Any,
        held_on: date,
        *,
        mine: bool,
        end_after: int | None = None,
        drift: bool = False,
        certain: bool = False,
    ) -> CPPlan | None:
        """Strategy → s47 → ICPC → plan, then core groups, visits and reviews up to today
        (`certain`: the enquiry always leads to a plan, as for the demo's own cases and plans
        written to have ended or to have run for years)."""
        if held_on > self.today:
            return None
        person = referral.person
        if self.ctx.social_worker_for(person) is None:
            # A child not yet allocated: the safeguarding worker holding fewest children (not a
            # demo account, whose caseload is set) takes the enquiry on from the strategy
            # discussion. Chosen without the stage's random draws, which the rest depends on.
            team = [
                u
                for u in self.ctx.staff(Role.SOCIAL_WORKER, TeamKind.SAFEGUARDING)
                if u.username not in DEMO_USERNAMES
            ]
            if team:
                self.ctx.allocate_social_worker(person, least_loaded(team, held_on), held_on)
        worker = self.worker_for(person)
        certain = certain or mine or end_after is not None
        sd = self.strategy(referral, held_on, worker, force_s47=certain)
        if sd.decision == StrategyDecision.NO_S47:
            return None
        s47 = sd.s47
        roll = self.rng.random()
        outcome = (
            S47Outcome.ICPC if certain or roll < 0.55 else (S47Outcome.CIN if roll < 0.8 else S47Outcome.NFA)
        )
        outcome_date = timescales.add_working_days(held_on, self.rng.randint(5, 10))
        if outcome_date > self.today and held_on < collection_year_start(self.today):
            # An enquiry open from the last collection year is a CIN census error (8740).
            outcome_date = self.today
        if outcome_date > self.today:
            return None
        services.record_s47_outcome(actor=worker, s47=s47, outcome=outcome, outcome_date=outcome_date)
        manager = self.manager if mine else self.rng.choice(self.managers)
        if outcome != S47Outcome.ICPC:
            return None
        services.record_management_decision(
            actor=manager,
            person=person,
            decided_on=outcome_date,
            context="Section 47 enquiry",
            decision="Convene an initial child protection conference.",
            rationale="The enquiry found the child is likely to suffer significant harm.",
        )
        late = self.rng.random() < 0.2
        conf_date = (
            timescales.add_working_days(s47.icpc_due, self.rng.randint(1, 8))
            if late
            else s47.icpc_due - timedelta(days=self.rng.randint(0, 4))
        )
        conf_date = conference_day_on_or_before(max(conf_date, outcome_date))
        if conf_date < outcome_date:
            conf_date = timescales.add_working_days(outcome_date, 1)
        if conf_date > self.today:
            return None
        chair = self.chair if mine or self.rng.random() < 0.4 else self.rng.choice(self.chairs)
        decision = (
            ConferenceDecision.PLAN if certain or self.rng.random() < 0.85 else ConferenceDecision.NO_PLAN
        )
        conf = services.record_conference(
            actor=chair,
            chair=chair,
            referral=referral,
            kind="INITIAL",
            held_on=conf_date,
            decision=decision,
            category=self.rng.choice(["NEG", "NEG", "EMO", "PHY", "SAB", "MUL"]),
            s47=s47,
            attendees="Parents, social worker, police, health visitor, school",
            agencies_attended=[Agency.SOCIAL_CARE, Agency.POLICE, Agency.HEALTH, Agency.EDUCATION],
            agencies_reported=[Agency.GP] if self.rng.random() < 0.6 else [],
            parent_participation="Both parents attended and said they will work with the plan.",
            child_participation=self.rng.choice(["PN1", "PN5", "PN6", "PN7"]),
            child_views="Shared through their social worker: wants things at home to be calmer.",
        )
        if conf.plan is None:
            return None
        return self.plan(conf.plan, worker, chair, mine=mine, end_after=end_after, drift=drift)

    def review_dates(self, plan: CPPlan, end: date | None) -> list[tuple[date, bool]]:
        """Review conferences: first at 3 months, then every 6 months; a plan meant to end
        does so at the last review before its intended end (flag True)."""
        reviews: list[tuple[date, bool]] = []
        review = plan.first_review_due - timedelta(days=self.rng.randint(0, 5))
        while review <= self.today:
            ending = end is not None and timescales.due_date("cp_review", review) > end  # type: ignore[operator]
            reviews.append((conference_day_on_or_before(review), ending))
            if ending:
                break
            review = timescales.due_date("cp_review", review) - timedelta(days=self.rng.randint(0, 7))  # type: ignore[assignment,operator]
        return reviews

    def core_groups(self, plan: CPPlan, worker: Any, actions: list[Any], start: date, stop: date) -> None:
        """Core groups up to `stop`: the first within 10 working days, then about every 4
        weeks, each noting the actions' progress and re-dating what is late."""
        held = plan.first_core_group_due - timedelta(days=self.rng.randint(0, 3))
        done: set[int] = set()
        while held <= stop:
            progress = {}
            for a in actions:
                # Drift is the weeks since the core groups stopped: the work before went on.
                if a.pk in done or (a.by_when and a.by_when <= held and self.rng.random() < 0.8):
                    progress[a.pk] = ("DONE", "Completed and confirmed by the core group.")
                    done.add(a.pk)
                else:
                    progress[a.pk] = ("IN_PROGRESS", "Started; more to do.")
            services.record_core_group(
                actor=worker,
                plan=plan,
                held_on=max(held, start),
                progress=progress,
                agencies=[Agency.SOCIAL_CARE, Agency.HEALTH, Agency.EDUCATION],
                attendees="Parents, social worker, health visitor, school",
            )
            for a in actions:  # the core group agrees a new date for what is late: the next one
                if a.pk not in done and a.by_when and a.by_when <= held:
                    services.edit_action(
                        actor=worker, action=a, data={"by_when": max(held, start) + timedelta(days=28)}
                    )
            held += timedelta(days=self.rng.randint(24, 30))

    def plan(
        self, plan: CPPlan, worker: Any, chair: Any, *, mine: bool, end_after: int | None, drift: bool
    ) -> CPPlan:
        self.plans += 1
        start = plan.start_date
        services.update_plan(actor=worker, plan=plan, worries=self.rng.choice(WORRIES), goals=GOALS)
        picks = self.rng.sample(ACTIONS, 3)
        actions = add_plan_actions(
            services.add_action, self.rng, worker, plan, picks, start, (4, 16), plan.worries[:60]
        )
        if not mine and start > self.today - timedelta(days=14) and self.rng.random() < 0.3:
            services.add_action(actor=worker, plan=plan, data={"what": "Family to engage with support"})
            return plan  # awaiting sign-off, with an incomplete action
        services.sign_off_plan(actor=chair, plan=plan, on=start, notify=notified(start, self.today))
        end = start + timedelta(days=end_after) if end_after is not None else None
        reviews = self.review_dates(plan, end)
        horizon = reviews[-1][0] if reviews and reviews[-1][1] else self.today
        stop = horizon - timedelta(weeks=self.rng.randint(7, 10)) if drift else horizon
        self.core_groups(plan, worker, actions, start, stop)
        # CP visits over the last 3 months of the plan (missed ones when drifting).
        visit = max(start, horizon - timedelta(days=90))
        while visit <= horizon:
            if not (drift and visit > horizon - timedelta(days=30)):
                # One draw: seen at most visits, and alone at most of those once old enough to talk.
                draw, born = self.rng.random(), plan.person.date_of_birth
                record_visit(
                    actor=worker,
                    person=plan.person,
                    kind=VisitKind.CP,
                    visited_on=visit,
                    child_seen=draw < 0.92,
                    seen_alone=draw < 0.72 and born is not None and (visit - born).days >= 4 * 365,
                    purpose="Child protection visit",
                    worker=worker,
                )
            visit = timescales.add_working_days(visit, self.rng.randint(8, 11))
        for held_on, ending in reviews:
            services.record_conference(
                actor=chair,
                chair=chair,
                referral=plan.referral,
                kind="REVIEW",
                held_on=held_on,
                plan=plan,
                decision=ConferenceDecision.END if ending else ConferenceDecision.CONTINUE,
                agencies_attended=[Agency.SOCIAL_CARE, Agency.HEALTH],
                child_participation="PN5",
            )
            if ending:
                services.end_plan(
                    actor=chair,
                    plan=plan,
                    end_date=held_on,
                    reason="Risks reduced: the plan's goals were met.",
                    step_down=self.rng.choice(["CIN", "CIN", "EARLY_HELP", "NFA"]),
                )
                return plan
        if drift and chair == self.chair:
            check = services.record_chair_check(
                actor=chair,
                plan=plan,
                kind="CHALLENGE",
                raised_on=self.today,
                concern="No core group for over 4 weeks and actions are overdue.",
            )
            if self.rng.random() < 0.5:
                services.resolve_chair_check(
                    actor=chair,
                    check=check,
                    outcome="Team manager agreed a core group date.",
                    resolved_on=self.today,
                )
        return plan


def _free(person_id: int, start: date, until: date) -> bool:
    """No episode of the child is open at any time from `start` to `until` (a historic episode
    written there would overlap it: CIN census rules 8816 and 8820)."""
    return not (
        Referral.objects.filter(person_id=person_id, referral_date__lte=until)
        .filter(Q(closure_date__isnull=True) | Q(closure_date__gte=start))
        .exists()
    )


def run(ctx: StageContext) -> None:
    today = demo_today(ctx)
    j = _Journey(ctx, today)
    mine = demo_children_of(ctx, "social.worker")
    mine_plans = 0
    mine_drifted = False
    everything = Assessment.objects.select_related("referral__person").order_by("pk")
    rows = [a for a in everything if AssessmentOutcome.STRATEGY in a.outcomes]
    seconds = 0
    for index, a in enumerate(rows):
        person = a.referral.person
        is_mine = person.pk in mine and mine_plans < 3
        if is_mine:
            mine_plans += 1
        # About 1 in 7 children on a plan had an earlier one (a second plan), and at least one
        # does in any borough. Not an unborn child: an episode two years before the current one
        # would be referred more than 40 weeks before the birth (CIN census rule 8606).
        chance = not is_mine and j.rng.random() < 0.15
        if (
            (chance or (not is_mine and seconds == 0 and index >= len(rows) // 2))
            and person.date_of_birth is not None
            and a.referral.referral_date - timedelta(days=500) > person.date_of_birth
            and _free(
                person.pk,
                a.referral.referral_date - timedelta(days=720),
                a.referral.referral_date - timedelta(days=1),
            )
        ):
            earlier = historic_referral(
                ctx,
                person,
                a.referral.referral_date - timedelta(days=j.rng.randint(450, 700)),
                j.worker_for(person),
            )
            old = j.journey(
                earlier,
                earlier.referral_date + timedelta(days=2),
                mine=False,
                end_after=j.rng.randint(150, 300),
            )
            seconds += 1
            if old is not None:
                cin_services.close_episode(
                    actor=j.worker_for(person),
                    referral=earlier,
                    closure_reason="RC7",
                    closure_date=old.end_date or earlier.referral_date,
                )
        held_on = min(today, a.referral.referral_date + timedelta(days=j.rng.randint(1, 5)))
        drift = (is_mine and not mine_drifted) or (not is_mine and j.rng.random() < 0.2)
        made = j.journey(a.referral, held_on, mine=is_mine, drift=drift)
        if is_mine and drift and made is not None and made.status == PlanStatus.ACTIVE:
            mine_drifted = True
    # A few long-running plans (2 years or more) for children not yet referred.
    referred = {a.referral.person_id for a in rows}
    candidates = [
        p
        for p in ctx.children
        if p.pk not in referred
        and p.pk not in mine
        and p.date_of_birth
        and p.date_of_birth < today - timedelta(days=1200)
        and (p.birthday(18) or date.max) > today  # a child, not a care leaver (CIN census 8775Q)
    ]
    wanted = max(2, len(ctx.children) // 150)
    for person in candidates:
        if wanted == 0:
            break
        referred_on = today - timedelta(days=j.rng.randint(760, 900))
        if not _free(person.pk, referred_on, date.max):
            continue  # a child with a later episode cannot have had one open all along
        referral = historic_referral(ctx, person, referred_on, j.worker_for(person))
        j.journey(referral, referral.referral_date + timedelta(days=3), mine=False, certain=True)
        wanted -= 1
    ctx.progress(f"  {j.plans:,} child protection plans")
