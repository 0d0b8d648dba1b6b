"""Demo, within the quality stage: this month's multi-agency audit programme.

The authority's auditor draws a programme naming the health trust's named nurse (the demo's
partner agency account) as partner auditor, which lets the nurse into the sampled children's
records, and no others, from the day it is drawn to the month's end. The nurse audits two of
the children that day: one case graded below good, moderated by the auditor, with an action
for the child's social worker; the other good. The rest await their audit, as a month in
progress does. All through the quality services.

A partner's access starts on the day the programme is drawn, so only a demo as at today (the
generator's default) has the programme: one anchored in the past has none.
"""

import random
from datetime import date, timedelta

from django.utils import timezone

from accounts.models import User
from accounts.permissions import Role
from demo.stages.base import StageContext
from quality import services
from quality.models import AuditQuestion, AuditTool, CaseAudit, Grade, SamplingRule
from quality.services import ActionRow

NAME = "Multi-agency audit: health and safeguarding"
SAMPLE = 4
AUDITED_BY_PARTNER = 2
EVIDENCE = (
    "Health records and the social care file agree on the concerns and the plan.",
    "The initial health assessment was completed late; its recommendations are not in the plan.",
    "School nurse and health visitor are invited to core groups and their reports are on file.",
    "The GP was not told of the child protection plan for six weeks.",
)
LEARNING = (
    "Health's information reached the plan late: the GP and the school nurse were not part of "
    "the early decisions, and the health assessment's recommendations are not tracked.",
    "Good information sharing between health and social care; the child's health needs are "
    "known, planned for and reviewed.",
)
ACTION = "Share the plan with the GP and add the health assessment's recommendations to it"


def multi_agency_audit(ctx: StageContext, today: date, rng: random.Random) -> int:
    """This month's multi-agency programme and the partner auditor's audits (how many)."""
    tool = AuditTool.objects.filter(is_active=True).first()
    leads = ctx.staff(Role.AUDITOR)
    partners = ctx.staff(Role.PARTNER)
    drawn_on = timezone.localdate()
    if tool is None or not leads or not partners or ctx.as_of < drawn_on:
        return 0
    lead, nurse = leads[0], partners[0]
    programme = services.draw_programme(
        actor=lead,
        name=NAME,
        month=today.replace(day=1),
        tool=tool,
        rule=SamplingRule.RANDOM,
        size=SAMPLE,
        partners=[nurse],
    )
    questions = list(AuditQuestion.objects.filter(section__tool=tool))
    cases = list(programme.cases.select_related("person", "worker").order_by("pk"))
    made = 0
    for n, case in enumerate(cases[:AUDITED_BY_PARTNER]):
        below_good = n == 0
        grade = Grade.REQUIRES_IMPROVEMENT if below_good else Grade.GOOD
        audit = services.record_audit(
            actor=nurse,
            person=case.person,
            tool=tool,
            audited_on=drawn_on,
            answers={q.pk: (grade, rng.choice(EVIDENCE)) for q in questions},
            grade=grade,
            learning=LEARNING[0 if below_good else 1],
            worker_took_part=True,
            manager_took_part=rng.random() < 0.5,
        )
        made += 1
        if below_good:
            _moderate_and_act(lead, nurse, audit, case.worker, drawn_on)
    return made


def _moderate_and_act(lead: User, nurse: User, audit: CaseAudit, worker: User | None, day: date) -> None:
    """The authority's auditor moderates the partner's audit (agreeing its grade) and the
    partner sets the child's social worker an action, due in three weeks."""
    services.moderate_audit(
        actor=lead,
        audit=audit,
        moderated_on=day,
        agreed_grade=audit.grade,
    )
    if worker is not None:
        services.add_audit_action(
            actor=nurse,
            audit=audit,
            action=ActionRow(ACTION, worker, day + timedelta(weeks=3)),
            set_on=day,
        )
