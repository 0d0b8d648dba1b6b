"""Case audits: the list, an audit of a child's case with a tool, moderation and actions."""

from datetime import timedelta
from typing import Any

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.models import User
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from core.links import url
from people.access import Purpose, la_child_ids, openable_ids
from people.decorators import with_person, with_record
from people.models import Person
from people.pages import form_view
from timescales import add_months

from .. import audit_report, queries, services
from .. import forms as f
from ..models import AuditProgramme, AuditTool, CaseAudit, Grade, ProgrammeCase


@requires(Permission.VIEW_QUALITY)
def audits(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The programmes, recent audits (children named by Harbour ID), grades by team over the
    last year, and audit actions overdue."""
    rows = list(CaseAudit.objects.select_related("auditor", "team", "tool", "moderation")[:200])
    seen = openable_ids(request.user, [a.person_id for a in rows])
    ids = la_child_ids([a.person_id for a in rows])
    return render(
        request,
        "quality/audits.jinja",
        {
            "audits": [
                {"obj": a, "la_child_id": ids.get(a.person_id), "open": a.person_id in seen} for a in rows
            ],
            "overdue_actions": list(
                queries.open_actions(audit__isnull=False, due_on__lt=timezone.localdate())
                .filter(person_id__in=seen)
                .order_by("due_on")[:100]
            ),
            "la_ids": la_child_ids(
                list(
                    queries.open_actions(audit__isnull=False)
                    .filter(person_id__in=seen)
                    .values_list("person_id", flat=True)
                )
            ),
            "programmes": _programmes(request.user),
            "grades": queries.grades_by_team(
                timezone.localdate() - timedelta(days=365), timezone.localdate()
            ),
            "grade_labels": Grade.labels,
            "nav_key": "audits",
        },
    )


def _programmes(user: User) -> list[dict[str, Any]]:
    """The latest programmes with their sampled children (by Harbour ID), auditors and audits."""
    programmes = list(
        AuditProgramme.objects.select_related("tool").prefetch_related(
            Prefetch("cases", ProgrammeCase.objects.select_related("auditor", "worker", "team"))
        )[:6]
    )
    people = [c.person_id for p in programmes for c in p.cases.all()]
    seen, ids = openable_ids(user, people), la_child_ids(people)
    return [
        {
            "obj": p,
            "cases": [
                {"obj": c, "la_child_id": ids.get(c.person_id), "open": c.person_id in seen}
                for c in p.cases.all()
            ],
        }
        for p in programmes
    ]


@requires(Permission.MANAGE_AUDIT_PROGRAMMES)
@require_http_methods(["GET", "POST"])
def new_programme(request: AuthenticatedHttpRequest) -> HttpResponse:
    return form_page(
        request,
        f.ProgrammeForm(request.POST or None),
        lambda d: services.draw_programme(actor=request.user, **d),
        title="Draw an audit programme",
        success=lambda p: f"{p.cases.count()} children sampled",
        next_url=url("quality:audits"),
    )


@requires(Permission.AUDIT_CASE)
@with_person(Purpose.VIEW, page="Case audit")
@require_http_methods(["GET", "POST"])
def new_audit(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    key = request.GET.get("tool", "")
    tools = AuditTool.objects.filter(is_active=True)
    tool = tools.filter(pk=int(key)).first() if key.isdigit() else tools.first()
    if tool is None:
        raise Http404("No such audit tool")
    form = f.AuditForm(request.POST or None, tool=tool)
    return form_page(
        request,
        form,
        lambda d: services.record_audit(actor=request.user, person=person, tool=tool, **form.service_data(d)),
        title=f"Audit the case: {tool.name}",
        person=person,
        success="Audit recorded",
        next_url=lambda a: url("quality:audit", a.pk),
    )


@requires(Permission.VIEW_PERSON)
@with_record(CaseAudit, Purpose.VIEW, page="Case audit", kwarg="audit_id")
def audit_detail(request: AuthenticatedHttpRequest, audit: CaseAudit) -> HttpResponse:
    return render(
        request,
        "quality/audit.jinja",
        {
            "audit": audit,
            "person": audit.person,
            "answers": audit.answers.select_related("question__section"),
            "actions": audit.actions.select_related("owner"),
            "moderation": getattr(audit, "moderation", None),
            "today": timezone.localdate(),
        },
    )


moderate = form_view(
    Permission.AUDIT_CASE,
    with_record(CaseAudit, Purpose.VIEW, page="Moderate a case audit", kwarg="audit_id"),
    f.ModerationForm,
    services.moderate_audit,
    record="audit",
    title="Moderate the audit",
    success="Moderation recorded",
    next_url=lambda audit: url("quality:audit", audit.pk),
)


@requires(Permission.AUDIT_CASE)
@with_record(CaseAudit, Purpose.VIEW, page="Action from a case audit", kwarg="audit_id")
@require_http_methods(["GET", "POST"])
def new_audit_action(request: AuthenticatedHttpRequest, audit: CaseAudit) -> HttpResponse:
    def act(d: dict) -> object:
        rest, [row] = f.split_actions(d)
        return services.add_audit_action(actor=request.user, audit=audit, action=row, **rest)

    return form_page(
        request,
        f.AuditActionForm(request.POST or None, owners=queries.practitioners()),
        act,
        title="Add an action from the audit",
        person=audit.person,
        success="Action added",
        next_url=url("quality:audit", audit.pk),
    )


@requires(Permission.VIEW_QUALITY)
def report(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Grades by month and by theme over the last year, and what the audits found."""
    end = timezone.localdate()
    start = add_months(end.replace(day=1), -11)
    period = CaseAudit.objects.filter(audited_on__range=(start, end)).values_list("person_id", flat=True)
    return render(
        request,
        "quality/audit_report.jinja",
        {
            "start": start,
            "end": end,
            "months": audit_report.by_month(start, end),
            "themes": audit_report.by_theme(start, end),
            "learning": audit_report.learning(start, end, openable_ids(request.user, list(period))),
            "grade_labels": Grade.labels,
            "nav_key": "audits",
        },
    )
