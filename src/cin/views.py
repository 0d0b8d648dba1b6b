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
from people.access import Purpose, get_person_for
from people.decorators import with_person
from people.models import Person
from people.views import render_person_form as _form_page
from protection.smart import ActionForm

from . import services
from .clocks import next_review_due
from .forms import CINPlanForm, CloseEpisodeForm, EndCINPlanForm, PlanTextForm, ReviewForm
from .models import CINPlan, CINPlanAction


def load_plan(request: AuthenticatedHttpRequest, plan_id: int, purpose: Purpose) -> CINPlan:
    plan = get_object_or_404(CINPlan, pk=plan_id)
    get_person_for(request.user, plan.person_id, purpose=purpose, page="Child in need plan")
    return plan


@requires(Permission.RECORD_CIN)
@with_person(Purpose.EDIT, page="Start a child in need plan")
@require_http_methods(["GET", "POST"])
def plan_new(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    referrals = list(Referral.objects.filter(person=person, status=ReferralStatus.OPEN))
    if not referrals:
        messages.info(request, "There is no open referral for this child: record the referral first")
        return redirect("people:detail", person_id=person.pk)
    form = CINPlanForm(request.POST or None, referrals=referrals, initial={"referral": referrals[0].pk})

    def start(data: dict[str, Any]) -> CINPlan:
        data = dict(data)
        referral = next(r for r in referrals if r.pk == data.pop("referral"))
        return services.start_cin_plan(actor=request.user, referral=referral, **data)

    if started := submitted(request, form, start):
        messages.success(request, "Child in need plan started")
        return redirect("cin:plan", plan_id=started.result.pk)
    return _form_page(request, form, person, "Start a child in need plan")


def _plan_page(
    request: AuthenticatedHttpRequest, plan: CINPlan, errors: list[str] | None = None
) -> HttpResponse:
    reviews = list(plan.reviews.all())
    return render(
        request,
        "cin/plan.jinja",
        {
            "plan": plan,
            "person": plan.person,
            "actions": list(plan.actions.all()),
            "reviews": reviews,
            "today": timezone.localdate(),
            "errors": errors or [],
            "review_due": next_review_due(plan.start_date, reviews[0].held_on if reviews else None),
        },
        status=400 if errors else 200,
    )


@requires(Permission.VIEW_PERSON)
def plan(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    return _plan_page(request, load_plan(request, plan_id, Purpose.VIEW))


@requires(Permission.RECORD_CIN)
@require_http_methods(["GET", "POST"])
def plan_edit(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    p = load_plan(request, plan_id, Purpose.EDIT)
    form = versioned(PlanTextForm(request.POST or None, initial={"worries": p.worries, "goals": p.goals}), p)
    if submitted(
        request,
        form,
        lambda data: services.update_cin_plan(
            actor=request.user, plan=p, expected_version=data.pop("version"), **data
        ),
    ):
        messages.success(request, "Plan saved")
        return redirect("cin:plan", plan_id=p.pk)
    return _form_page(request, form, p.person, "What we are worried about and what needs to change")


@requires(Permission.RECORD_CIN)
@require_http_methods(["GET", "POST"])
def action_add(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    p = load_plan(request, plan_id, Purpose.EDIT)
    form = ActionForm(request.POST or None)
    if submitted(request, form, lambda data: services.add_cin_action(actor=request.user, plan=p, data=data)):
        messages.success(request, "Action added")
        return redirect("cin:plan", plan_id=p.pk)
    return _form_page(request, form, p.person, "Add an action to the plan")


@requires(Permission.RECORD_CIN)
@require_http_methods(["GET", "POST"])
def action_edit(request: AuthenticatedHttpRequest, action_id: int) -> HttpResponse:
    action = get_object_or_404(CINPlanAction, pk=action_id)
    p = load_plan(request, action.plan_id, Purpose.EDIT)
    initial = {k: getattr(action, k) for k in ("what", "who_person", "who_agency", "by_when", "serves")}
    form = versioned(ActionForm(request.POST or None, initial=initial), action)
    if submitted(
        request,
        form,
        lambda data: services.edit_cin_action(
            actor=request.user, action=action, expected_version=data.pop("version"), data=data
        ),
    ):
        messages.success(request, "Action saved")
        return redirect("cin:plan", plan_id=p.pk)
    return _form_page(request, form, p.person, "Change an action")


@requires(Permission.SIGN_OFF_CIN_PLAN)
@require_POST
def plan_sign_off(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    p = load_plan(request, plan_id, Purpose.EDIT)
    try:
        services.sign_off_cin_plan(actor=request.user, plan=p)
    except ValidationError as exc:
        return _plan_page(request, p, errors=exc.messages)
    messages.success(request, "Plan signed off")
    return redirect("cin:plan", plan_id=p.pk)


@requires(Permission.RECORD_CIN)
@require_http_methods(["GET", "POST"])
def review_new(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    p = load_plan(request, plan_id, Purpose.EDIT)
    form = ReviewForm(request.POST or None)
    if submitted(request, form, lambda data: services.record_cin_review(actor=request.user, plan=p, **data)):
        messages.success(request, "Review recorded")
        return redirect("cin:plan", plan_id=p.pk)
    return _form_page(request, form, p.person, "Record a child in need review")


@requires(Permission.RECORD_CIN)
@require_http_methods(["GET", "POST"])
def plan_end(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    p = load_plan(request, plan_id, Purpose.EDIT)
    form = EndCINPlanForm(request.POST or None)
    if submitted(request, form, lambda data: services.end_cin_plan(actor=request.user, plan=p, **data)):
        messages.success(request, "Plan ended")
        return redirect("cin:plan", plan_id=p.pk)
    return _form_page(request, form, p.person, "End the child in need plan")


@requires(Permission.RECORD_CIN)
@require_http_methods(["GET", "POST"])
def close_episode(request: AuthenticatedHttpRequest, referral_id: int) -> HttpResponse:
    referral = get_object_or_404(Referral, pk=referral_id)
    person = get_person_for(
        request.user, referral.person_id, purpose=Purpose.EDIT, page="Close the CIN episode"
    )
    form = CloseEpisodeForm(request.POST or None)
    if submitted(
        request, form, lambda data: services.close_episode(actor=request.user, referral=referral, **data)
    ):
        messages.success(request, "Episode closed")
        return redirect("people:detail", person_id=person.pk)
    return _form_page(request, form, person, "Close the child in need episode")
