"""Audit programmes: a month's sample drawn by rule, each child given an auditor from
outside their team."""

import random
from collections import Counter
from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import INVOLVEMENT_ONLY_ROLES, Permission, require
from audit import services as auditor
from audit.models import AuditAction
from core.validation import required
from people.models import Person
from people.services import grant_access
from protection.models import CPPlan
from workforce.models import Allocation, AllocationRole

from .. import queries, rules
from ..models import AuditProgramme, AuditTool, ProgrammeCase, SamplingRule
from ..sampling import Candidate, assign, draw
from ..workload import kinds_of_work


def _candidates(on: date) -> list[Candidate]:
    rows = list(
        Allocation.objects.current(on)
        .filter(role=AllocationRole.SOCIAL_WORKER, person__record_status="ACTIVE")
        .order_by("person_id", "-start_date")
        .values_list("person_id", "worker_id", "team_id")
    )
    first = {person_id: (worker_id, team_id) for person_id, worker_id, team_id in reversed(rows)}
    kinds = kinds_of_work(first, on, rules.standard_on(on))
    plans = Counter(
        CPPlan.objects.filter(person_id__in=first, start_date__lte=on).values_list("person_id", flat=True)
    )
    return [
        Candidate(person_id=p, worker_id=w, team_id=t, kind=kinds[p], cp_plans=plans[p])
        for p, (w, t) in sorted(first.items())
    ]


@transaction.atomic
def draw_programme(
    *,
    actor: User,
    name: str,
    month: date,
    tool: AuditTool,
    rule: str,
    size: int,
    partners: Sequence[User] = (),
) -> AuditProgramme:
    """Draw a month's sample by `rule` from the children allocated on its first day and assign
    each an auditor away from the child's team; the same programme draws the same sample.
    A multi-agency programme names partner auditors (partner agency users): each is given
    access to every sampled child's record, and no other, from today to the month's end."""
    require(actor, Permission.MANAGE_AUDIT_PROGRAMMES)
    required("name", name, "Enter the programme's name")
    if rule not in SamplingRule.values:
        raise ValidationError({"rule": "Select how the sample is drawn"})
    if not 1 <= size <= 50:
        raise ValidationError({"size": "The sample must be between 1 and 50 children"})
    month = month.replace(day=1)
    partners = list(partners)
    ends_on = rules.programme_ends_on(month)
    if partners:
        if any(p.role_enum not in INVOLVEMENT_ONLY_ROLES or not p.is_active for p in partners):
            raise ValidationError({"partners": "Select partner agency users as partner auditors"})
        if ends_on < timezone.localdate():
            raise ValidationError(
                {"partners": "Partner auditors join a programme for this month or a later one"}
            )
    sample = draw(rule, _candidates(month), size, random.Random(f"{month}:{name.strip()}:{rule}"))
    if not sample:
        raise ValidationError({"rule": "No children meet the rule this month"})
    people = queries.auditors()
    chosen = assign(sample, [(u.pk, u.team_id) for u in people])
    programme = AuditProgramme.objects.create(
        name=name.strip(), month=month, tool=tool, rule=rule, size=size, drawn_by=actor
    )
    ProgrammeCase.objects.bulk_create(
        ProgrammeCase(
            programme=programme,
            person_id=c.person_id,
            auditor_id=chosen[c.person_id],
            worker_id=c.worker_id,
            team_id=c.team_id,
        )
        for c in sample
    )
    auditor.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=programme,
        summary="Drew an audit programme",
        changes={"month": month, "rule": rule, "sampled": len(sample), "partners": [p.pk for p in partners]},
    )
    _let_partners_in(actor, programme, partners, ends_on, [c.person_id for c in sample])
    return programme


def _let_partners_in(
    actor: User, programme: AuditProgramme, partners: Sequence[User], ends_on: date, person_ids: list[int]
) -> None:
    """Each partner auditor given access to each sampled child's record until the month's end,
    through the access door's grants (each audited on the child's record)."""
    if not partners:
        return
    programme.partner_auditors.set(partners)
    purpose = f"Multi-agency audit: {programme}"
    for person in Person.objects.filter(pk__in=person_ids).order_by("pk"):
        for partner in partners:
            grant_access(
                actor=actor,
                person=person,
                user=partner,
                purpose=purpose,
                starts_on=min(timezone.localdate(), ends_on),
                ends_on=ends_on,
            )
