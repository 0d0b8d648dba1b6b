"""Demo: the child's views before meetings, advocacy referrals, independent visitors and
complaints at every stage (some responses late, one stage 2 extended)."""

from datetime import date, timedelta

from django.utils import timezone

from accounts.models import User
from accounts.permissions import Role
from demo.stages.base import StageContext
from people.models import Person
from rights import services

_WORDS = [
    "I like living with Sue and I want to stay at my school.",
    "I want to see my mum more, but not at the centre.",
    "Nobody listens when I say I don't want to move.",
    "I drew my family: me, my brother and my dog Biscuit.",
    "I'm happy. Can I have a phone like everyone else?",
    "I want my social worker to stop changing.",
    "I don't want to go to contact on Saturdays because of football.",
]
_MEETINGS = [
    "Looked-after review",
    "Child protection review conference",
    "Pathway plan review",
    "Child in need review",
]
_COMPLAINTS = [
    "My social worker changed three times this year and nobody told me.",
    "I was not told about my review and could not go.",
    "My pocket money was not paid for a month.",
    "I was moved placement without being asked what I thought.",
]


def run(ctx: StageContext) -> None:
    today = min(ctx.as_of, timezone.localdate())
    workers = ctx.staff(Role.SOCIAL_WORKER)
    if not workers:
        return
    rng = ctx.rng
    in_care = set(Person.objects.filter(periods_of_care__isnull=False).values_list("pk", flat=True))
    count = 0
    for child in ctx.children:
        if child.date_of_birth is None:
            continue
        age = (today - child.date_of_birth).days // 365
        if age < 5 or age > 17:
            continue
        worker = ctx.social_worker_for(child) or rng.choice(workers)
        if not worker.has_perm("rights.record_rights"):
            worker = rng.choice(workers)
        chance = 0.5 if child.pk in in_care else 0.08
        if rng.random() < chance:
            count += 1
            for _ in range(rng.randint(1, 3)):
                given = today - timedelta(days=rng.randint(1, 400))
                services.record_child_views(
                    actor=worker,
                    person=child,
                    given_on=given,
                    meeting=rng.choice(_MEETINGS),
                    meeting_date=given + timedelta(days=rng.randint(1, 10)),
                    method=rng.choice(["IN_PERSON", "IN_PERSON", "APP", "FORM", "ADVOCATE", "DRAWING"]),
                    views=rng.choice(_WORDS),
                )
        if child.pk in in_care and rng.random() < 0.12:
            referred = today - timedelta(days=rng.randint(10, 300))
            started = referred + timedelta(days=rng.randint(3, 20))
            services.refer_for_advocacy(
                actor=worker,
                person=child,
                referred_on=referred,
                reason="Support to speak at the review",
                advocate=ctx.faker.name(),
                organisation="Coram Voice",
                started_on=started if started <= today else None,
            )
        if child.pk in in_care and rng.random() < 0.05:
            iv = services.match_independent_visitor(
                actor=worker,
                person=child,
                visitor_name=ctx.faker.name(),
                matched_on=today - timedelta(days=rng.randint(40, 500)),
            )
            day = iv.matched_on + timedelta(days=rng.randint(10, 40))
            while day <= today:
                services.record_independent_visit(actor=worker, visitor=iv, visited_on=day)
                day += timedelta(days=rng.randint(25, 60))
        if rng.random() < (0.1 if child.pk in in_care else 0.02):
            _complaint(ctx, child, worker, today)
    ctx.progress(f"rights and voice: views for {count} children")


def _complaint(ctx: StageContext, child: Person, worker: User, today: date) -> None:
    rng = ctx.rng
    received = today - timedelta(days=rng.randint(3, 200))
    c = services.receive_complaint(
        actor=worker,
        person=child,
        received_on=received,
        made_by=rng.choice(["The child", "The child's advocate", "The child's mother"]),
        summary=rng.choice(_COMPLAINTS),
    )
    responded = received + timedelta(days=rng.randint(7, 25))  # some late
    if responded > today:
        return
    services.update_complaint(actor=worker, complaint=c, event="respond_stage_1", on=responded)
    if rng.random() < 0.4:
        services.update_complaint(
            actor=worker,
            complaint=c,
            event="close",
            on=responded,
            outcome=rng.choice(["UPHELD", "PARTLY", "NOT_UPHELD"]),
        )
        return
    stage_2 = responded + timedelta(days=rng.randint(5, 20))
    if stage_2 > today:
        return
    services.update_complaint(actor=worker, complaint=c, event="escalate_to_stage_2", on=stage_2)
    if rng.random() < 0.3 and stage_2 + timedelta(days=10) <= today:
        services.update_complaint(
            actor=worker, complaint=c, event="extend_stage_2", on=stage_2 + timedelta(days=10)
        )
    done = stage_2 + timedelta(days=rng.randint(30, 80))
    if done <= today and rng.random() < 0.7:
        services.update_complaint(actor=worker, complaint=c, event="respond_stage_2", on=done)
        services.update_complaint(actor=worker, complaint=c, event="close", on=done, outcome="PARTLY")
