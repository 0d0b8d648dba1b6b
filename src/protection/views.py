"""Child protection pages: strategy discussions, s47 enquiries, conferences, the plan and its
core groups, the chair's checks and page, management decisions. The pages every plan shares
(its content, actions, sign-off and end) are `plans.views`, routed in `protection.urls` for a
CP plan."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from core.links import url
from frontdoor.models import Referral
from frontdoor.views import with_open_referrals
from people.access import Purpose, decide, restricted_from
from people.decorators import with_person, with_record
from people.models import Person
from people.pages import form_view
from plans import views as plan_pages

from . import services
from .forms import (
    ChairCheckForm,
    ConferenceForm,
    CoreGroupForm,
    ManagementDecisionForm,
    ResolveCheckForm,
    S47OutcomeForm,
    StrategyForm,
)
from .models import (
    ChairCheck,
    Conference,
    ConferenceKind,
    CPPlan,
    PlanStatus,
    S47Enquiry,
    StrategyDiscussion,
)
from .queries import pending_initial_conferences, plan_views

PLAN = "Child protection plan"


def _plan_rows() -> Any:
    return CPPlan.objects.select_related("chair", "referral")


@requires(Permission.RECORD_PROTECTION)
@with_person(Purpose.EDIT, page="Record a strategy discussion")
@require_http_methods(["GET", "POST"])
@with_open_referrals
def strategy_new(
    request: AuthenticatedHttpRequest, person: Person, referrals: list[Referral]
) -> HttpResponse:
    form = StrategyForm(request.POST or None, referrals=referrals)

    recorded: list[StrategyDiscussion] = []

    def record(data: dict[str, Any]) -> StrategyDiscussion:
        data = dict(data)
        referral = next(r for r in referrals if r.pk == data.pop("referral"))
        recorded.append(services.record_strategy_discussion(actor=request.user, referral=referral, **data))
        return recorded[0]

    def next_url(sd: StrategyDiscussion) -> str:
        if hasattr(sd, "s47"):
            return url("protection:s47", sd.s47.pk)
        return url("people:work", person.pk)

    response = form_page(
        request,
        form,
        record,
        title="Record a strategy discussion",
        person=person,
        success="Strategy discussion recorded",
        next_url=next_url,
    )
    if recorded and recorded[0].only_police_and_social_care:  # after the message that it is recorded
        messages.warning(
            request,
            "Only the police and social care took part: health and education should be involved in strategy discussions",
        )
    return response


@requires(Permission.VIEW_PERSON)
@with_record(
    S47Enquiry,
    Purpose.VIEW,
    page="Section 47 enquiry",
    kwarg="s47_id",
    rows=lambda: S47Enquiry.objects.select_related("strategy_discussion"),
)
def s47(request: AuthenticatedHttpRequest, enquiry: S47Enquiry) -> HttpResponse:
    initial = enquiry.conferences.filter(kind=ConferenceKind.INITIAL).first()
    return render(
        request,
        "protection/s47.jinja",
        {"s47": enquiry, "person": enquiry.person, "initial": initial, "sd": enquiry.strategy_discussion},
    )


s47_outcome = form_view(
    Permission.RECORD_PROTECTION,
    with_record(S47Enquiry, Purpose.EDIT, page="Section 47 outcome", kwarg="s47_id"),
    S47OutcomeForm,
    services.record_s47_outcome,
    record="s47",
    title="Outcome of the section 47 enquiry",
    success="Outcome recorded",
    next_url=lambda enquiry: url("protection:s47", enquiry.pk),
)


def _conference(
    request: AuthenticatedHttpRequest,
    person: Person,
    referral: Referral,
    kind: str,
    *,
    s47: S47Enquiry | None = None,
    plan: CPPlan | None = None,
) -> HttpResponse:
    review = kind == ConferenceKind.REVIEW
    actions = list(plan.actions.all()) if review and plan is not None else []
    form = ConferenceForm(
        request.POST or None, review=review, transfer=kind == ConferenceKind.TRANSFER_IN, actions=actions
    )

    def record(data: dict[str, Any]) -> Conference:
        return services.record_conference(
            actor=request.user,
            referral=referral,
            kind=kind,
            s47=s47,
            plan=plan,
            progress=form.action_progress(),
            **{k: v for k, v in data.items() if not k.startswith(("status_", "note_"))},
        )

    def next_url(conference: Conference) -> str:
        if conference.plan_id:
            return url("protection:plan", conference.plan_id)
        return url("people:work", person.pk)

    return form_page(
        request,
        form,
        record,
        title=ConferenceKind(kind).label,
        person=person,
        success="Conference recorded",
        next_url=next_url,
    )


@requires(Permission.CHAIR_CONFERENCE)
@with_record(
    S47Enquiry,
    Purpose.EDIT,
    page="Initial conference",
    kwarg="s47_id",
    rows=lambda: S47Enquiry.objects.select_related("referral"),
)
@require_http_methods(["GET", "POST"])
def initial_conference(request: AuthenticatedHttpRequest, enquiry: S47Enquiry) -> HttpResponse:
    return _conference(request, enquiry.person, enquiry.referral, ConferenceKind.INITIAL, s47=enquiry)


@requires(Permission.CHAIR_CONFERENCE)
@with_record(CPPlan, Purpose.EDIT, page=PLAN, kwarg="plan_id", rows=_plan_rows)
@require_http_methods(["GET", "POST"])
def review_conference(request: AuthenticatedHttpRequest, plan: CPPlan) -> HttpResponse:
    return _conference(request, plan.person, plan.referral, ConferenceKind.REVIEW, plan=plan)


@requires(Permission.CHAIR_CONFERENCE)
@with_person(Purpose.EDIT, page="Transfer-in conference")
@require_http_methods(["GET", "POST"])
@with_open_referrals
def transfer_in_conference(
    request: AuthenticatedHttpRequest, person: Person, referrals: list[Referral]
) -> HttpResponse:
    return _conference(request, person, referrals[0], ConferenceKind.TRANSFER_IN)


def plan_page(
    request: AuthenticatedHttpRequest, plan: CPPlan, errors: list[str] | None = None
) -> HttpResponse:
    """The plan's page; with the reasons a sign-off was refused (`plans.views.sign_off`), 400."""
    return plan_pages.plan_page(
        request,
        plan,
        "protection/plan.jinja",
        errors,
        view=plan_views([plan], timezone.localdate())[0],
        core_groups=list(plan.core_groups.all()),
        conferences=list(plan.conferences.all()),
        checks=list(plan.chair_checks.all()),
    )


@requires(Permission.VIEW_PERSON)
@with_record(CPPlan, Purpose.VIEW, page=PLAN, kwarg="plan_id", rows=_plan_rows)
def plan(request: AuthenticatedHttpRequest, plan: CPPlan) -> HttpResponse:
    return plan_page(request, plan)


@requires(Permission.VIEW_PERSON)
@with_record(CPPlan, Purpose.VIEW, page=PLAN, kwarg="plan_id", rows=_plan_rows)
def plan_plain(request: AuthenticatedHttpRequest, plan: CPPlan) -> HttpResponse:
    return render(
        request,
        "protection/plain.jinja",
        {"plan": plan, "person": plan.person, "actions": list(plan.actions.all())},
    )


core_group_new = plan_pages.progress_meeting(
    CPPlan,
    CoreGroupForm,
    services.record_core_group,
    progress="progress",
    title="Record a core group",
    success="Core group recorded",
)


chair_check_new = form_view(
    Permission.CHAIR_CONFERENCE,
    with_record(CPPlan, Purpose.EDIT, page=PLAN, kwarg="plan_id"),
    ChairCheckForm,
    services.record_chair_check,
    record="plan",
    title="Record a check or challenge",
    success="Recorded",
    next_url=lambda plan: url("protection:plan", plan.pk),
)


chair_check_resolve = form_view(
    Permission.CHAIR_CONFERENCE,
    with_record(
        ChairCheck,
        Purpose.EDIT,
        page=PLAN,
        kwarg="check_id",
        rows=lambda: ChairCheck.objects.select_related("plan"),
    ),
    ResolveCheckForm,
    services.resolve_chair_check,
    record="check",
    title="Record the outcome",
    success="Outcome recorded",
    next_url=lambda check: url("protection:plan", check.plan_id),
)


@requires(Permission.CHAIR_CONFERENCE)
def chair_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The chair's conferences: the initial conferences waiting for one (every enquiry's; a
    restricted record the chair may not open is shown as "Restricted record"), the review
    conferences of the plans they chair, soonest due first, and those plans with their drift
    signals (restricted records the chair may not open are left out). Nothing is audited for
    a list."""
    today = timezone.localdate()
    qs = CPPlan.objects.filter(
        chair=request.user, status__in=[PlanStatus.DRAFT, PlanStatus.ACTIVE]
    ).select_related("person__restriction")
    views = [
        v
        for v in plan_views(None, today, queryset=qs)
        if decide(request.user, v.plan.person, Purpose.VIEW).allowed
    ]
    reviews = sorted((v for v in views if v.plan.status == PlanStatus.ACTIVE), key=lambda v: v.review_due)
    views.sort(key=lambda v: (-len(v.flags), v.plan.start_date))
    pending = pending_initial_conferences()
    return render(
        request,
        "protection/chair.jinja",
        {
            "views": views,
            "reviews": reviews,
            "pending": pending,
            "restricted": restricted_from(request.user, [s.person_id for s in pending]),
            "today": today,
            "nav_key": "chair",
        },
    )


management_decision_new = form_view(
    Permission.RECORD_MANAGEMENT_DECISION,
    with_person(Purpose.EDIT, page="Record a management decision"),
    ManagementDecisionForm,
    services.record_management_decision,
    title="Record a management decision",
    success="Management decision recorded",
    prefill=("context",),
)
