"""Case audits: an auditor grades a child's case with a tool, a second auditor moderates,
and actions follow."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.models import User
from accounts.permissions import INVOLVEMENT_ONLY_ROLES, Permission, require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from core.validation import not_before, not_in_future, required
from people.models import Person
from workforce.models import Allocation, AllocationRole

from ..action_rows import ActionRow, create_actions
from ..models import (
    Action,
    AuditAnswer,
    AuditQuestion,
    AuditTool,
    CaseAudit,
    Grade,
    Moderation,
    ProgrammeCase,
)


def _partner_audits(partner: User, person: Person) -> bool:
    """Whether the partner agency user is a partner auditor of a programme that sampled the
    child (the access door keeps them out once its month is over)."""
    return ProgrammeCase.objects.filter(person=person, programme__partner_auditors=partner).exists()


def _grade(field: str, value: str) -> str:
    if value not in Grade.values:
        raise ValidationError({field: "Select a grade"})
    return value


@transaction.atomic
def record_audit(
    *,
    actor: User,
    person: Person,
    tool: AuditTool,
    audited_on: date,
    answers: dict[int, tuple[str, str]],
    grade: str,
    learning: str,
    worker_took_part: bool = False,
    manager_took_part: bool = False,
) -> CaseAudit:
    """Record a completed audit: `answers` maps each of the tool's questions to its grade and
    evidence; every question must be answered with evidence; whether the child's worker and
    their manager, invited to take part, did. It completes the child's place
    in the earliest programme with the tool that sampled them and awaits an audit."""
    require(actor, Permission.AUDIT_CASE)
    if actor.role_enum in INVOLVEMENT_ONLY_ROLES and not _partner_audits(actor, person):
        raise PermissionDenied("A partner auditor audits only the children of their programme")
    not_in_future(audited_on, field="audited_on", label="The date of the audit")
    questions = list(AuditQuestion.objects.filter(section__tool=tool))
    errors: dict[str, str] = {}
    for q in questions:
        q_grade, evidence = answers.get(q.pk, ("", ""))
        if q_grade not in Grade.values:
            errors[f"q{q.pk}_grade"] = f"Select a grade for “{q.text}”"
        if not evidence.strip():
            errors[f"q{q.pk}_evidence"] = f"Enter the evidence for “{q.text}”"
    if errors:
        raise ValidationError(errors)
    required("learning", learning, "Enter what the audit found")
    allocation = (
        Allocation.objects.current(audited_on)
        .filter(person=person, role=AllocationRole.SOCIAL_WORKER)
        .first()
    )
    audit = CaseAudit.objects.create(
        person=person,
        tool=tool,
        auditor=actor,
        worker=allocation.worker if allocation else None,
        team=allocation.team if allocation else None,
        audited_on=audited_on,
        grade=_grade("grade", grade),
        learning=learning.strip(),
        worker_took_part=worker_took_part,
        manager_took_part=manager_took_part,
    )
    sampled = (
        ProgrammeCase.objects.filter(person=person, programme__tool=tool, audit__isnull=True)
        .order_by("programme__month", "pk")
        .first()
    )
    if sampled is not None:
        sampled.audit = audit
        sampled.save(update_fields=["audit"])
    AuditAnswer.objects.bulk_create(
        AuditAnswer(audit=audit, question=q, grade=answers[q.pk][0], evidence=answers[q.pk][1].strip())
        for q in questions
    )
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        person,
        audit,
        f"Audited the case with {tool.name}",
        changes={"audited_on": audited_on, "grade": grade},
    )
    return audit


@transaction.atomic
def moderate_audit(
    *, actor: User, audit: CaseAudit, moderated_on: date, agreed_grade: str, comments: str = ""
) -> Moderation:
    """A second auditor's moderation; the agreed grade is kept beside the auditor's."""
    require(actor, Permission.AUDIT_CASE)
    if actor.pk == audit.auditor_id:
        raise ValidationError({"agreed_grade": "A second auditor must moderate the audit"})
    if Moderation.objects.filter(audit=audit).exists():
        raise ValidationError({"agreed_grade": "This audit has already been moderated"})
    not_in_future(moderated_on, field="moderated_on", label="The date of the moderation")
    not_before("moderated_on", moderated_on, audit.audited_on, "The moderation must be on or after the audit")
    if agreed_grade != audit.grade and not comments.strip():
        raise ValidationError({"comments": "Say why the agreed grade differs from the auditor's"})
    moderation = Moderation.objects.create(
        audit=audit,
        moderator=actor,
        moderated_on=moderated_on,
        agreed_grade=_grade("agreed_grade", agreed_grade),
        comments=comments.strip(),
    )
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        audit.person,
        moderation,
        "Moderated a case audit",
        changes={"grade": audit.grade, "agreed_grade": agreed_grade},
    )
    return moderation


@transaction.atomic
def add_audit_action(*, actor: User, audit: CaseAudit, action: ActionRow, set_on: date) -> Action:
    """An action from an audit, with its owner and due date, in the owner's work until done."""
    require(actor, Permission.AUDIT_CASE)
    not_in_future(set_on, field="set_on", label="The date")
    [made] = create_actions(audit.person, [action], set_on, audit=audit)
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        audit.person,
        made,
        "Added an action from a case audit",
        changes={"owner": action.owner.pk, "due_on": action.due_on},
    )
    return made
