"""Demo data for the front door: about two years of contacts and referrals ending at `as_of`.

Volumes follow English authorities relative to the children generated: most children are
known to the front door at some point; about a third of contacts become referrals; about one
referral in five is a re-referral; a quarter of contacts arrive out of hours; most decisions
are made within 1 working day but some are late; a few contacts await a decision today;
a few children have three or more contacts in a month; a couple of partner disagreements.
History is written through `services.bulk_record_decided_contacts` (the same rules as the
single-record services, written in bulk); today's work through the single-record services.
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.models import TeamKind, User
from accounts.permissions import Role
from demo.stages.base import StageContext
from frontdoor import clocks, services
from frontdoor.models import ContactStatus, Decision
from people.models import Person, PersonRelationship, RelationshipType

HISTORY_DAYS = 730
BATCH = 5000

DECISIONS = (
    (Decision.NFA, 22, "1"),
    (Decision.ADVICE, 20, "1"),
    (Decision.EARLY_HELP, 24, "2"),
    (Decision.ASSESSMENT, 33, "3"),
    (Decision.STRATEGY, 5, "4"),
)
SOURCES = (
    ("6", 28),
    ("2A", 18),
    ("3A", 4),
    ("3B", 4),
    ("3E", 5),
    ("3F", 3),
    ("1A", 8),
    ("1B", 3),
    ("1C", 1),
    ("4", 3),
    ("5A", 3),
    ("5C", 2),
    ("5D", 4),
    ("7", 2),
    ("8", 4),
    ("9", 3),
    ("10", 5),
)
AGENCY = {
    "6": "Police",
    "2A": "School",
    "3A": "GP practice",
    "3B": "Health visiting",
    "3E": "Emergency department",
    "3F": "Health",
    "4": "Housing",
    "5A": "Adult social care",
    "5C": "Another local authority",
    "5D": "Early help",
    "7": "Probation",
    "8": "Voluntary sector",
    "1A": "Family member",
    "1B": "Neighbour",
}
CHANNELS = (("PHONE", 50), ("EMAIL", 20), ("PORTAL", 20), ("LETTER", 6), ("IN_PERSON", 4))
CONCERNS = (
    "Police attended a domestic abuse incident at the home; the children were present.",
    "The child arrived at school with an unexplained bruise and said they were hungry.",
    "Health visitor worried about home conditions and the baby's weight.",
    "Parent asking for help with the child's behaviour and their own mental health.",
    "Young person missing overnight, found in the company of older adults.",
    "Neighbour reports the children are left alone in the evenings.",
    "Emergency department attendance after the child took an overdose.",
    "School reports persistent absence and concerns about neglect.",
    "Parent misusing alcohol; the child is a young carer.",
    "Family evicted and living in temporary accommodation.",
)
NEEDS = (("N1", 50), ("N2", 4), ("N3", 6), ("N4", 12), ("N5", 14), ("N6", 3), ("N7", 2), ("N8", 4), ("N9", 5))
NFA_SHARE = 0.3
NOT_SOUGHT_BECAUSE = "Seeking consent would place the child at risk"


def _weighted(ctx: StageContext, pairs: tuple) -> str:
    values, weights = zip(*[(p[0], p[1]) for p in pairs], strict=True)
    return ctx.rng.choices(values, weights=weights)[0]


def _families(children: list[Person]) -> list[list[int]]:
    """Brothers and sisters: children sharing a parent (or sibling links); others alone."""
    ids = {c.pk for c in children}
    parent_of: dict[int, int] = {}
    rels = PersonRelationship.objects.filter(person_b_id__in=ids).values_list(
        "person_a_id", "person_b_id", "type"
    )
    for a, b, kind in rels.iterator(chunk_size=5000):
        if kind in (RelationshipType.PARENT, RelationshipType.STEP_PARENT, RelationshipType.CARER):
            parent_of.setdefault(b, a)
    groups: dict[object, list[int]] = defaultdict(list)
    for child in children:
        groups[parent_of.get(child.pk, ("alone", child.pk))].append(child.pk)
    return list(groups.values())


def _moment(ctx: StageContext, day: date) -> datetime:
    """A received time: three quarters in office hours on working days, the rest any time."""
    if ctx.rng.random() < 0.75:
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        clock = time(ctx.rng.randint(9, 16), ctx.rng.randint(0, 59))
    else:
        clock = time(ctx.rng.randint(0, 23), ctx.rng.randint(0, 59))
    return timezone.make_aware(datetime.combine(day, clock))


def _people(ctx: StageContext) -> tuple[list[User], list[User], User]:
    screeners = [u for u in ctx.staff(Role.FRONT_DOOR, TeamKind.FRONT_DOOR) if u.registered_social_worker]
    screeners = screeners or [u for u in ctx.staff(Role.FRONT_DOOR) if u.registered_social_worker]
    managers = ctx.staff(Role.TEAM_MANAGER, TeamKind.FRONT_DOOR) or ctx.staff(Role.TEAM_MANAGER)
    if not screeners or not managers:
        raise LookupError("The demo workforce has no qualified front-door screeners or managers")
    return screeners, managers, managers[0]


# A contact can be about an unborn baby, but not before the pregnancy (CIN census rule 8606:
# no referral more than 40 weeks before the birth or expected birth).
PREGNANCY = timedelta(weeks=40)


def _contact_window(children: list[Person]) -> dict[int, tuple[date, date]]:
    """The days each child can be the subject of a contact: from the pregnancy until their
    18th birthday (care leavers are not referred as children in need; CIN census 8775Q)."""
    known: dict[int, tuple[date, date]] = {}
    for child in children:
        birth = child.date_of_birth or child.expected_date_of_birth
        if birth is not None:
            adult = child.birthday(18) or birth + timedelta(days=18 * 365)
            known[child.pk] = (birth - PREGNANCY + timedelta(days=28), adult - timedelta(days=1))
    return known


def _in_window(window: tuple[date, date] | None, day: date) -> bool:
    return window is None or window[0] <= day <= window[1]


def _history_rows(
    ctx: StageContext,
    families: list[list[int]],
    now: datetime,
    window: dict[int, tuple[date, date]] | None = None,
) -> list[services.HistoricContact]:
    screeners, managers, _ = _people(ctx)
    window = window or {}
    rows = []
    history = ctx.history_days or HISTORY_DAYS
    start = ctx.as_of - timedelta(days=history)
    # Draws of the two-year pattern per family: a longer history keeps the monthly rate, and
    # `contact_rate` scales it (by default exactly one draw, as always).
    span = history / HISTORY_DAYS * ctx.contact_rate
    whole, part = int(span), span - int(span)
    for family in families:
        count = 0
        for _ in range(whole + (1 if part and ctx.rng.random() < part else 0)):
            roll = ctx.rng.random()
            count += 0 if roll < 0.08 else 1 + min(8, int(ctx.rng.expovariate(0.45)))
        days = sorted(start + timedelta(days=ctx.rng.randint(0, history - 3)) for _ in range(count))
        if ctx.rng.random() < 0.04:  # a burst: three contacts in under three weeks
            first = start + timedelta(days=ctx.rng.randint(0, history - 30))
            days += [first, first + timedelta(days=6), first + timedelta(days=17)]
        for day in sorted(days):
            received = _moment(ctx, day)
            decision = _weighted(ctx, DECISIONS)
            level = next(level for d, _, level in DECISIONS if d == decision)
            if decision == Decision.ADVICE and ctx.rng.random() < 0.4:
                level = "2"
            due = clocks.decision_deadline(received).statutory_due
            late = ctx.rng.random() < 0.12
            decided_day = due + timedelta(days=ctx.rng.randint(1, 4)) if late else due
            decided = timezone.make_aware(datetime.combine(decided_day, time(ctx.rng.randint(9, 16), 30)))
            if decided <= received:
                decided = received + timedelta(hours=2)
            screened = received + (decided - received) * ctx.rng.uniform(0.3, 0.8)
            if decided > now:
                continue
            source = _weighted(ctx, SOURCES)
            children = family if len(family) == 1 or ctx.rng.random() < 0.6 else [ctx.rng.choice(family)]
            children = [c for c in children if _in_window(window.get(c), day)]
            if not children:
                continue
            # A few referrals close at once with no further action and no assessment (CIN
            # census ReferralNFA); the rest stay open for the assessment and later stages,
            # which close them when their work ends.
            closure = None
            if decision == Decision.ASSESSMENT and ctx.rng.random() < NFA_SHARE:
                closed_on = received.date() + timedelta(days=ctx.rng.randint(2, 8))
                if closed_on <= ctx.as_of - timedelta(days=1):
                    # RC7: RC8 and RC9 mean "closed after assessment" (CIN census 8825Q).
                    closure = services.Closure(closed_on, "RC7", nfa=True)
            channel = _weighted(ctx, CHANNELS)
            concern = ctx.rng.choice(CONCERNS)
            consent = ctx.rng.choices(["GIVEN", "NOT_GIVEN", "NOT_SOUGHT"], weights=[80, 8, 12])[0]
            rows.append(
                services.HistoricContact(
                    received_at=received,
                    channel=channel,
                    source=source,
                    concern=concern,
                    consent=consent,
                    consent_notes=NOT_SOUGHT_BECAUSE if consent == "NOT_SOUGHT" else "",
                    person_ids=children,
                    screened_by=ctx.rng.choice(screeners),
                    screened_at=screened,
                    threshold_level=level,
                    decision=decision,
                    primary_need=_weighted(ctx, NEEDS)
                    if decision in (Decision.ASSESSMENT, Decision.STRATEGY)
                    else "",
                    screening_summary="Screened against the threshold document; history and agency checks done.",
                    decided_by=ctx.rng.choice(managers),
                    decided_at=decided,
                    manager_rationale="Agreed with the screening recommendation.",
                    referrer_name=ctx.faker.name() if source not in ("9", "10") else "",
                    referrer_agency=AGENCY.get(source, ""),
                    closure=closure,
                )
            )
    return rows


def _todays_work(ctx: StageContext, children: list[Person], now: datetime) -> None:
    """Contacts awaiting screening and a manager today, and some decided today."""
    screeners, managers, actor = _people(ctx)
    recorder = next((u for u in ctx.staff(Role.FRONT_DOOR) if u.username == "front.door"), screeners[0])
    young = [c for c in children if (c.birthday(18) or date.max) > ctx.as_of]
    pool = ctx.rng.sample(young, min(len(young), max(6, len(young) // 150)))
    for index, person in enumerate(pool):
        back = timedelta(hours=ctx.rng.uniform(1, 40))
        received = min(
            now - timedelta(minutes=5),
            timezone.make_aware(datetime.combine(ctx.as_of, time(8, 0))) - back + timedelta(hours=8),
        )
        contact = services.record_contact(
            actor=recorder,
            received_at=received,
            channel=_weighted(ctx, CHANNELS),
            source=_weighted(ctx, SOURCES),
            concern=ctx.rng.choice(CONCERNS),
            consent="GIVEN",
            children=[person],
            referrer_name=ctx.faker.name(),
            notify=True,
        )
        stage = index % 3
        if stage == 0:
            continue  # awaiting screening
        decision = _weighted(ctx, DECISIONS)
        services.screen_contact(
            actor=ctx.rng.choice(screeners),
            contact=contact,
            threshold_level=next(level for d, _, level in DECISIONS if d == decision),
            decision=decision,
            primary_need=_weighted(ctx, NEEDS)
            if decision in (Decision.ASSESSMENT, Decision.STRATEGY)
            else "",
            summary="Screened against the threshold document.",
            screened_at=min(now, received + timedelta(minutes=30)),
        )
        if stage == 2 and contact.status == ContactStatus.SCREENED:
            decided_at = min(
                now,
                max(
                    received + timedelta(hours=1),
                    timezone.make_aware(datetime.combine(ctx.as_of, time(0, 30))),
                ),
            )
            services.confirm_decision(
                actor=ctx.rng.choice(managers), contact=contact, rationale="Agreed.", decided_at=decided_at
            )


def _disagreements_and_feedback(ctx: StageContext, contacts: list, now: datetime) -> None:
    _, managers, _ = _people(ctx)
    recorder = ctx.staff(Role.FRONT_DOOR)[0]
    recent = [c for c in contacts if c.decided_at and (ctx.as_of - c.decided_at.date()).days < 120]
    for contact in ctx.rng.sample(recent, min(len(recent), 40)):
        given = clocks.local_time(contact.decided_at).date()
        services.record_feedback(
            actor=recorder,
            contact=contact,
            given_on=given,
            method=contact.channel,
            summary=f"Told the referrer the outcome: {contact.get_decision_display().lower()}.",
        )
    refused = [c for c in recent if c.decision in (Decision.NFA, Decision.ADVICE) and c.referrer_agency]
    for number, contact in enumerate(ctx.rng.sample(refused, min(2, len(refused)))):
        raised = clocks.local_time(contact.decided_at).date() + timedelta(days=1)
        if raised > ctx.as_of:
            continue
        row = services.raise_disagreement(
            actor=recorder,
            contact=contact,
            raised_on=raised,
            raised_by_name=contact.referrer_name or "Referrer",
            agency=contact.referrer_agency,
            grounds="The referrer believes the threshold for an assessment is met.",
        )
        services.escalate_disagreement(
            actor=managers[0],
            disagreement=row,
            reason="Not agreed at stage 1",
            escalated_on=min(ctx.as_of, raised + timedelta(days=2)),
        )
        if number == 0 and raised + timedelta(days=5) <= ctx.as_of:
            services.resolve_disagreement(
                actor=managers[0],
                disagreement=row,
                outcome="UPHELD",
                notes="Discussed; early help offered instead.",
                resolved_on=raised + timedelta(days=5),
            )


def run(ctx: StageContext) -> None:
    children = ctx.children
    if not children:
        return
    now = min(timezone.now(), timezone.make_aware(datetime.combine(ctx.as_of, time(23, 59))))
    ctx.progress("Front door: contacts and referrals")
    _, _, actor = _people(ctx)
    rows = _history_rows(ctx, _families(children), now - timedelta(days=1), _contact_window(children))
    contacts = []
    rows.sort(key=lambda r: r.received_at)
    for start in range(0, len(rows), BATCH):
        contacts += services.bulk_record_decided_contacts(actor=actor, rows=rows[start : start + BATCH])
    _todays_work(ctx, children, now)
    _disagreements_and_feedback(ctx, contacts, now)
