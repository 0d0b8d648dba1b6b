"""Children in need pages: starting a plan, the plan, reviews, closing the CIN episode. The
pages every plan shares (its content, actions, sign-off and end) are `plans.views`, routed in
`cin.urls` for a CIN plan."""

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

from . import services
from .clocks import next_review_due
from .forms import CINPlanForm, CloseEpisodeForm, ReviewForm
from .models import CINPlan

PLAN = "Child in need plan"


@requires(Permission.RECORD_CIN)
@with_person(Purpose.EDIT, page="Start a child in need plan")
@require_http_methods(["GET", "POST"])
@with_open_referrals
def plan_new(request: AuthenticatedHttpRequest, person: Person, referrals: list[Referral]) -> HttpResponse:
    form = CINPlanForm(request.POST or None, referrals=referrals)

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


def plan_page(
    request: AuthenticatedHttpRequest, plan: CINPlan, errors: list[str] | None = None
) -> HttpResponse:
    """The plan's page; with the reasons a sign-off was refused (`plans.views.sign_off`), 400."""
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
    return plan_page(request, plan)


review_new = plan_pages.progress_meeting(
    CINPlan,
    ReviewForm,
    services.record_cin_review,
    progress="action_progress",
    title="Record a child in need review",
    success="Review recorded",
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
