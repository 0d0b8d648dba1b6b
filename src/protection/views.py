from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import submitted
from core.http import AuthenticatedHttpRequest
from core.versioning import versioned
from frontdoor.models import Referral, ReferralStatus
from people.access import Purpose, decide, get_person_for
from people.decorators import with_person
from people.models import Person
from people.views import render_person_form as _form_page

from . import services
from .forms import (
    ChairCheckForm,
    ConferenceForm,
    CoreGroupForm,
    EndPlanForm,
    ManagementDecisionForm,
    PlanForm,
    ResolveCheckForm,
    S47OutcomeForm,
    StrategyForm,
    progress_from,
)
from .models import (
    ChairCheck,
    Conference,
    ConferenceKind,
    CPPlan,
    CPPlanAction,
    PlanStatus,
    S47Enquiry,
    StrategyDiscussion,
)
from .queries import plan_views
from .smart import ActionForm


def _load(request: AuthenticatedHttpRequest, obj: Any, person_id: int, purpose: Purpose, page: str) -> Person:
    """Open the child's record through the access door before showing anything about `obj`."""
    return get_person_for(request.user, person_id, purpose=purpose, page=page)


def load_plan(request: AuthenticatedHttpRequest, plan_id: int, purpose: Purpose) -> CPPlan:
    plan = get_object_or_404(CPPlan.objects.select_related("chair", "referral"), pk=plan_id)
    _load(request, plan, plan.person_id, purpose, "Child protection plan")
    return plan


def _open_referrals(person: Person) -> list[Referral]:
    return list(Referral.objects.filter(person=person, status=ReferralStatus.OPEN))


@requires(Permission.RECORD_PROTECTION)
@with_person(Purpose.EDIT, page="Record a strategy discussion")
@require_http_methods(["GET", "POST"])
def strategy_new(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    referrals = _open_referrals(person)
    if not referrals:
        messages.info(request, "There is no open referral for this child: record the referral first")
        return redirect("people:detail", person_id=person.pk)
    form = StrategyForm(request.POST or None, referrals=referrals, initial={"referral": referrals[0].pk})

    def record(data: dict[str, Any]) -> StrategyDiscussion:
        data = dict(data)
        referral = next(r for r in referrals if r.pk == data.pop("referral"))
        return services.record_strategy_discussion(actor=request.user, referral=referral, **data)

    if recorded := submitted(request, form, record):
        sd = recorded.result
        messages.success(request, "Strategy discussion recorded")
        if sd.only_police_and_social_care:
            messages.warning(
                request,
                "Only the police and social care took part: health and education should be involved in strategy discussions",
            )
        if hasattr(sd, "s47"):
            return redirect("protection:s47", s47_id=sd.s47.pk)
        return redirect("people:detail", person_id=person.pk)
    return _form_page(request, form, person, "Record a strategy discussion")


@requires(Permission.VIEW_PERSON)
def s47(request: AuthenticatedHttpRequest, s47_id: int) -> HttpResponse:
    enquiry = get_object_or_404(S47Enquiry.objects.select_related("strategy_discussion"), pk=s47_id)
    person = _load(request, enquiry, enquiry.person_id, Purpose.VIEW, "Section 47 enquiry")
    initial = enquiry.conferences.filter(kind=ConferenceKind.INITIAL).first()
    return render(
        request,
        "protection/s47.jinja",
        {"s47": enquiry, "person": person, "initial": initial, "sd": enquiry.strategy_discussion},
    )


@requires(Permission.RECORD_PROTECTION)
@require_http_methods(["GET", "POST"])
def s47_outcome(request: AuthenticatedHttpRequest, s47_id: int) -> HttpResponse:
    enquiry = get_object_or_404(S47Enquiry, pk=s47_id)
    person = _load(request, enquiry, enquiry.person_id, Purpose.EDIT, "Section 47 outcome")
    form = S47OutcomeForm(request.POST or None)
    if submitted(
        request, form, lambda data: services.record_s47_outcome(actor=request.user, s47=enquiry, **data)
    ):
        messages.success(request, "Outcome recorded")
        return redirect("protection:s47", s47_id=enquiry.pk)
    return _form_page(request, form, person, "Outcome of the section 47 enquiry")


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
            progress=progress_from(form, actions),
            **{k: v for k, v in data.items() if not k.startswith(("status_", "note_"))},
        )

    if recorded := submitted(request, form, record):
        messages.success(request, "Conference recorded")
        if recorded.result.plan_id:
            return redirect("protection:plan", plan_id=recorded.result.plan_id)
        return redirect("people:detail", person_id=person.pk)
    return _form_page(request, form, person, ConferenceKind(kind).label)


@requires(Permission.CHAIR_CONFERENCE)
@require_http_methods(["GET", "POST"])
def initial_conference(request: AuthenticatedHttpRequest, s47_id: int) -> HttpResponse:
    enquiry = get_object_or_404(S47Enquiry.objects.select_related("referral"), pk=s47_id)
    person = _load(request, enquiry, enquiry.person_id, Purpose.EDIT, "Initial conference")
    return _conference(request, person, enquiry.referral, ConferenceKind.INITIAL, s47=enquiry)


@requires(Permission.CHAIR_CONFERENCE)
@require_http_methods(["GET", "POST"])
def review_conference(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = load_plan(request, plan_id, Purpose.EDIT)
    return _conference(request, plan.person, plan.referral, ConferenceKind.REVIEW, plan=plan)


@requires(Permission.CHAIR_CONFERENCE)
@with_person(Purpose.EDIT, page="Transfer-in conference")
@require_http_methods(["GET", "POST"])
def transfer_in_conference(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    referrals = _open_referrals(person)
    if not referrals:
        messages.info(request, "There is no open referral for this child: record the referral first")
        return redirect("people:detail", person_id=person.pk)
    return _conference(request, person, referrals[0], ConferenceKind.TRANSFER_IN)


def _plan_page(
    request: AuthenticatedHttpRequest, plan: CPPlan, errors: list[str] | None = None
) -> HttpResponse:
    today = timezone.localdate()
    view = plan_views([plan], today)[0]
    actions = list(plan.actions.all())
    return render(
        request,
        "protection/plan.jinja",
        {
            "plan": plan,
            "person": plan.person,
            "view": view,
            "actions": actions,
            "today": today,
            "incomplete": [a for a in actions if a.missing_parts()],
            "core_groups": list(plan.core_groups.all()),
            "conferences": list(plan.conferences.all()),
            "checks": list(plan.chair_checks.all()),
            "errors": errors or [],
        },
        status=400 if errors else 200,
    )


@requires(Permission.VIEW_PERSON)
def plan(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    return _plan_page(request, load_plan(request, plan_id, Purpose.VIEW))


@requires(Permission.VIEW_PERSON)
def plan_plain(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    p = load_plan(request, plan_id, Purpose.VIEW)
    return render(
        request, "protection/plain.jinja", {"plan": p, "person": p.person, "actions": list(p.actions.all())}
    )


@requires(Permission.RECORD_PROTECTION)
@require_http_methods(["GET", "POST"])
def plan_edit(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    p = load_plan(request, plan_id, Purpose.EDIT)
    form = versioned(PlanForm(request.POST or None, initial={"worries": p.worries, "goals": p.goals}), p)
    if submitted(
        request,
        form,
        lambda data: services.update_plan(
            actor=request.user, plan=p, expected_version=data.pop("version"), **data
        ),
    ):
        messages.success(request, "Plan saved")
        return redirect("protection:plan", plan_id=p.pk)
    return _form_page(request, form, p.person, "What we are worried about and what needs to change")


@requires(Permission.RECORD_PROTECTION)
@require_http_methods(["GET", "POST"])
def action_add(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    p = load_plan(request, plan_id, Purpose.EDIT)
    form = ActionForm(request.POST or None)
    if submitted(request, form, lambda data: services.add_action(actor=request.user, plan=p, data=data)):
        messages.success(request, "Action added")
        return redirect("protection:plan", plan_id=p.pk)
    return _form_page(request, form, p.person, "Add an action to the plan")


@requires(Permission.RECORD_PROTECTION)
@require_http_methods(["GET", "POST"])
def action_edit(request: AuthenticatedHttpRequest, action_id: int) -> HttpResponse:
    action = get_object_or_404(CPPlanAction.objects.select_related("plan"), pk=action_id)
    p = load_plan(request, action.plan_id, Purpose.EDIT)
    initial = {k: getattr(action, k) for k in ("what", "who_person", "who_agency", "by_when", "serves")}
    form = versioned(ActionForm(request.POST or None, initial=initial), action)
    if submitted(
        request,
        form,
        lambda data: services.edit_action(
            actor=request.user, action=action, expected_version=data.pop("version"), data=data
        ),
    ):
        messages.success(request, "Action saved")
        return redirect("protection:plan", plan_id=p.pk)
    return _form_page(request, form, p.person, "Change an action")


@requires(Permission.CHAIR_CONFERENCE)
@require_POST
def plan_sign_off(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    p = load_plan(request, plan_id, Purpose.EDIT)
    try:
        services.sign_off_plan(actor=request.user, plan=p)
    except ValidationError as exc:
        return _plan_page(request, p, errors=exc.messages)
    messages.success(request, "Plan signed off")
    return redirect("protection:plan", plan_id=p.pk)


@requires(Permission.CHAIR_CONFERENCE)
@require_http_methods(["GET", "POST"])
def plan_end(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    p = load_plan(request, plan_id, Purpose.EDIT)
    form = EndPlanForm(request.POST or None)
    if submitted(request, form, lambda data: services.end_plan(actor=request.user, plan=p, **data)):
        messages.success(request, "Plan ended")
        return redirect("protection:plan", plan_id=p.pk)
    return _form_page(request, form, p.person, "End the child protection plan")


@requires(Permission.RECORD_PROTECTION)
@require_http_methods(["GET", "POST"])
def core_group_new(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    p = load_plan(request, plan_id, Purpose.EDIT)
    form = CoreGroupForm(request.POST or None, actions=list(p.actions.all()))
    if submitted(
        request,
        form,
        lambda data: services.record_core_group(
            actor=request.user,
            plan=p,
            held_on=data["held_on"],
            agencies=data["agencies"],
            attendees=data["attendees"],
            notes=data["notes"],
            progress=form.progress(),
        ),
    ):
        messages.success(request, "Core group recorded")
        return redirect("protection:plan", plan_id=p.pk)
    return _form_page(request, form, p.person, "Record a core group")


@requires(Permission.CHAIR_CONFERENCE)
@require_http_methods(["GET", "POST"])
def chair_check_new(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    p = load_plan(request, plan_id, Purpose.EDIT)
    form = ChairCheckForm(request.POST or None)
    if submitted(request, form, lambda data: services.record_chair_check(actor=request.user, plan=p, **data)):
        messages.success(request, "Recorded")
        return redirect("protection:plan", plan_id=p.pk)
    return _form_page(request, form, p.person, "Record a check or challenge")


@requires(Permission.CHAIR_CONFERENCE)
@require_http_methods(["GET", "POST"])
def chair_check_resolve(request: AuthenticatedHttpRequest, check_id: int) -> HttpResponse:
    check = get_object_or_404(ChairCheck.objects.select_related("plan"), pk=check_id)
    p = load_plan(request, check.plan_id, Purpose.EDIT)
    form = ResolveCheckForm(request.POST or None)
    if submitted(
        request, form, lambda data: services.resolve_chair_check(actor=request.user, check=check, **data)
    ):
        messages.success(request, "Outcome recorded")
        return redirect("protection:plan", plan_id=p.pk)
    return _form_page(request, form, p.person, "Record the outcome")


@requires(Permission.CHAIR_CONFERENCE)
def chair_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Plans the signed-in chair chairs, with their drift signals (restricted records the
    chair may not open are left out; nothing is audited for a list)."""
    today = timezone.localdate()
    qs = CPPlan.objects.filter(
        chair=request.user, status__in=[PlanStatus.DRAFT, PlanStatus.ACTIVE]
    ).select_related("person__restriction")
    views = [
        v
        for v in plan_views(None, today, queryset=qs)
        if decide(request.user, v.plan.person, Purpose.VIEW).allowed
    ]
    views.sort(key=lambda v: (-len(v.flags), v.plan.start_date))
    return render(request, "protection/chair.jinja", {"views": views, "today": today})


@requires(Permission.RECORD_MANAGEMENT_DECISION)
@with_person(Purpose.EDIT, page="Record a management decision")
@require_http_methods(["GET", "POST"])
def management_decision_new(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = ManagementDecisionForm(request.POST or None, initial={"context": request.GET.get("context", "")})
    if submitted(
        request,
        form,
        lambda data: services.record_management_decision(actor=request.user, person=person, **data),
    ):
        messages.success(request, "Management decision recorded")
        return redirect("people:detail", person_id=person.pk)
    return _form_page(request, form, person, "Record a management decision")
