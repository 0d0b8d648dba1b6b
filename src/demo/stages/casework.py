"""Demo: the child's story for some allocated children – a final case note (some written to
the child), their views in their own words, a partner agency's report, and the allocation
marked significant; "My record" for each child a note was written to; and a subject access
request from the oldest of them – all through casework's services."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Role
from accounts.services import disable_dormant_accounts
from casework import chronology, services
from demo.accounts import demo_email
from demo.stages.base import StageContext
from people.models import Person

WORDS = (
    "I like it when you come on a Tuesday because I have football after.",
    "I want to see my nan more. She makes the best rice.",
    "School is OK. I don't like maths but Miss is kind.",
    "I feel safe at home now. Mum doesn't shout as much.",
    "I want to stay with my brother whatever happens.",
)
PARTNER_EVENTS = (
    (
        "School",
        "Attendance this term fell to 86%; the school has started a morning check-in.",
        "Designated safeguarding lead, by email",
    ),
    ("GP", "Missed an asthma review; a new appointment was booked.", "Practice nurse, by phone"),
    ("Health visitor", "Development check completed; no concerns about growth.", "Health visitor's report"),
)


def run(ctx: StageContext) -> None:
    today = min(ctx.as_of, timezone.localdate())
    made = 0
    written_to: list[tuple[Person, User]] = []
    for child in ctx.children:
        worker = ctx.social_worker_for(child)
        if worker is None or ctx.rng.random() > 0.5:
            continue
        day = today - timedelta(days=ctx.rng.randint(3, 60))
        name = child.preferred_name or child.given_name
        words = ctx.rng.choice(WORDS)
        to_child = ctx.rng.random() < 0.4
        body = (
            f"{name}, I came to see you at home today. You showed me your room and told me: “{words}” "
            "I have written this down so the people who help you know what matters to you. "
            "I will come back in two weeks."
            if to_child
            else f"Visited {name} at home; seen alone in their bedroom. {name} said: “{words}” "
            "Home conditions were good. Next visit in two weeks."
        )
        note = services.start_case_note(
            actor=worker,
            person=child,
            data={
                "kind": "VISIT",
                "occurred_on": day,
                "child_seen": True,
                "seen_alone": True,
                "written_to_child": to_child,
                "title": "Home visit",
            },
        )
        services.finalise_case_note(
            actor=worker, note=note, expected_version=note.version, data={"body": body}
        )
        if to_child:
            written_to.append((child, worker))
        services.record_child_view(
            actor=worker, person=child, recorded_on=day, words=words, method="In conversation during a visit"
        )
        agency, what, source = ctx.rng.choice(PARTNER_EVENTS)
        services.add_chronology_entry(
            actor=worker,
            person=child,
            occurred_on=day - timedelta(days=ctx.rng.randint(5, 40)),
            agency=agency,
            what_happened=what,
            source_of_information=source,
        )
        first_allocation = next(
            (e for e in chronology.collect([child.pk]) if e.kind == chronology.Kind.ALLOCATION), None
        )
        if first_allocation is not None:
            services.annotate_event(
                actor=worker,
                person=child,
                source_key=first_allocation.source_key,
                significant=True,
                impact=f"{name} has a social worker who visits regularly and knows what matters to them.",
            )
        made += 1
    ctx.progress(f"Casework: the child's story for {made} children")
    for child, worker in written_to:
        services.generate_document(
            actor=worker, person=child, generator_key="casework.my_record", object_id=child.pk
        )
    asked = _subject_access_request(ctx, written_to, today)
    ctx.progress(
        f"Casework: “My record” for {len(written_to)} children"
        + (", a subject access request" if asked else "")
    )
    left = _leaver_with_drafts(ctx, today)
    if left:
        ctx.progress(f"Casework: {left} draft case notes left by a worker who has left, to hand over")


LEFT_UNFINISHED = (
    "Phone call with the school about attendance. Agreed to",
    "Visit: the family were in; the children were at",
)


def _leaver_with_drafts(ctx: StageContext, today: date) -> int:
    """A social worker of the demo manager's team who left with draft case notes unfinished
    ("Drafts left by leavers"): their account switched off as dormant, as a leaver's is, a
    little over the dormancy period after they last signed in. A worker of their own, so the
    staff every other stage works with are as they were."""
    manager = ctx.demo_user("team.manager")
    children = [c for c in ctx.children if (w := ctx.social_worker_for(c)) and w.team_id == manager.team_id]
    if not children:
        return 0
    first, last = ctx.faker.first_name(), ctx.faker.last_name()
    username = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
    while User.objects.filter(username=username).exists():
        username += "1"
    last_day = today - timedelta(days=settings.HARBOUR_DORMANT_DAYS + ctx.rng.randint(5, 20))
    leaver = User(
        username=username,
        first_name=first,
        last_name=last,
        email=demo_email(username),
        role=Role.SOCIAL_WORKER.value,
        team=manager.team,
        job_title="Social worker",
        registered_social_worker=True,
        swe_registration_number=f"SW{ctx.rng.randint(100000, 999999)}",
        date_joined=timezone.make_aware(datetime.combine(last_day - timedelta(days=700), time(9))),
    )
    leaver.set_unusable_password()
    leaver.save()
    picked = ctx.rng.sample(children, min(2, len(children)))
    for child, body in zip(picked, LEFT_UNFINISHED, strict=False):
        services.start_case_note(
            actor=leaver,
            person=child,
            data={"kind": "PHONE_CALL", "occurred_on": last_day, "title": "", "body": body},
        )
    signed_in = timezone.make_aware(datetime.combine(last_day, time(16, 30)))
    User.objects.filter(pk=leaver.pk).update(last_login=signed_in)
    disable_dormant_accounts(actor=None)
    return len(picked)


def _subject_access_request(ctx: StageContext, written_to: list[tuple[Person, User]], today: date) -> bool:
    """The oldest child a note was written to asks for their record, received by a manager of
    their worker's team (or the first team manager)."""
    born = [
        (child.date_of_birth, child.la_child_id, child, worker)
        for child, worker in written_to
        if child.date_of_birth
    ]
    managers = ctx.staff(Role.TEAM_MANAGER)
    if not born or not managers:
        return False
    _, _, child, worker = min(born, key=lambda row: (row[0], row[1]))
    manager = next((m for m in managers if m.team_id == worker.team_id), managers[0])
    services.create_subject_access_request(
        actor=manager, person=child, requested_by_name=child.full_name, received_on=today - timedelta(days=12)
    )
    return True
