"""Children in need pages: starting a plan, the plan, reviews, closing the CIN episode. The
pages every plan shares (its content, actions, sign-off and end) are `plans.views`, made here
for a CIN plan."""

from typing import Any

from django.http import HttpResponse
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from core.links import url
from frontdoor.models import Referral
from frontdoor.views import with_open_referrals
from people.access import Purpose
from people.decorators import with_person, with_record
from people.models import Person
from people.pages import form_view
from plans import views as plan_pages
from plans.forms import EndPlanForm

from . import services
from .clocks import next_review_due
from .forms import CINPlanForm, CloseEpisodeForm, ReviewForm
from .models import CINPlan, CINPlanAction

PLAN = "Child in need plan"


@requires(Permission.RECORD_CIN)
@with_person(Purpose.EDIT, page="Start a child in need plan")
@require_http_methods(["GET", "POST"])
@with_open_referrals
def plan_new(request: AuthenticatedHttpRequest, person: Person, referrals: list[Referral]) -> HttpResponse:
    form = CINPlanForm(request.POST or None, referrals=referrals, initial={"referral": referrals[0].pk})

    def start(data: dict[str, Any]) -> CINPlan:
        data = dict(data)
        referral = next(r for r in referrals if r.pk == data.pop("referral"))
        return services.start_cin_plan(actor=request.user, referral=referral, **data)

    return form_page(
        request,
        form,
        start,
        title="Start a child in need plan",
        person=person,
        success="Child in need plan started",
        next_url=lambda started: url("cin:plan", started.pk),
    )


def _plan_page(
    request: AuthenticatedHttpRequest, plan: CINPlan, errors: list[str] | None = None
) -> HttpResponse:
    reviews = list(plan.reviews.all())
    return plan_pages.plan_page(
        request,
        plan,
        "cin/plan.jinja",
        errors,
        reviews=reviews,
        review_due=next_review_due(plan.start_date, reviews[0].held_on if reviews else None),
    )


@requires(Permission.VIEW_PERSON)
@with_record(CINPlan, Purpose.VIEW, page=PLAN, kwarg="plan_id")
def plan(request: AuthenticatedHttpRequest, plan: CINPlan) -> HttpResponse:
    return _plan_page(request, plan)


plan_edit = plan_pages.edit_plan(CINPlan)
action_add = plan_pages.add_action(CINPlan)
action_edit = plan_pages.edit_action(CINPlanAction)
action_delete = plan_pages.delete_action(CINPlanAction)
plan_sign_off = plan_pages.sign_off(CINPlan, _plan_page)
plan_end = plan_pages.end_plan(CINPlan, EndPlanForm)


@requires(Permission.RECORD_CIN)
@with_record(CINPlan, Purpose.EDIT, page=PLAN, kwarg="plan_id")
@require_http_methods(["GET", "POST"])
def review_new(request: AuthenticatedHttpRequest, plan: CINPlan) -> HttpResponse:
    """A review of the plan, with progress against each of its actions."""
    form = ReviewForm(request.POST or None, actions=list(plan.actions.all()))
    return form_page(
        request,
        form,
        lambda data: services.record_cin_review(
            actor=request.user,
            plan=plan,
            held_on=data["held_on"],
            progress=data["progress"],
            child_views=data["child_views"],
            action_progress=form.action_progress(),
        ),
        title="Record a child in need review",
        person=plan.person,
        success="Review recorded",
        next_url=url("cin:plan", plan.pk),
    )


close_episode = form_view(
    Permission.RECORD_CIN,
    with_record(Referral, Purpose.EDIT, page="Close the CIN episode", kwarg="referral_id"),
    CloseEpisodeForm,
    services.close_episode,
    record="referral",
    title="Close the child in need episode",
    success="Episode closed",
)
