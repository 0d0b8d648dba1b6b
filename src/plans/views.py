"""The pages every plan shares, made for each kind of plan by its stage's views and routed
at the stage's own addresses (`plans/<plan_id>/edit/` …, named `<urls>:plan_edit` …):

    *plan_pages.plan_urls(CPPlan, CPPlanAction, views.plan_refused, EndPlanForm)   # protection/urls.py

Each page loads its record through the access door (`with_record`) and asks the permission
the plan's kind names for the step (`PlanKind`): what we are worried about and the goals,
adding and changing an action, signing the plan off and ending it. A plan's own page extends
`plans/plan.jinja` and is rendered by `plan_page`. A meeting that reviews the plan and
the progress of each action (a child in need review, a core group) is `progress_meeting`.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import requires
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from core.links import url
from core.versioning import versioned
from people.access import Purpose
from people.decorators import with_record
from people.pages import form_view

from . import services
from .forms import ActionForm, DeleteActionForm, PlanTextForm, ProgressForm
from .models import Plan
from .smart import ACTION_FIELDS, SmartAction

View = Callable[..., HttpResponse]
PlanPage = Callable[..., HttpResponse]


def plan_page(
    request: AuthenticatedHttpRequest,
    plan: Plan,
    template: str,
    errors: list[str] | None = None,
    **context: Any,
) -> HttpResponse:
    """A plan's own page (`template` extends `plans/plan.jinja`): the plan, its child, its
    actions (and those not yet saying who, what and by when), today, and `context`; with the
    reasons a sign-off was refused, 400."""
    actions = list(plan.actions.all())
    return render(
        request,
        template,
        {
            "plan": plan,
            "person": plan.person,
            "actions": actions,
            "incomplete": [a for a in actions if a.missing_parts()],
            "today": timezone.localdate(),
            "errors": errors or [],
            **context,
        },
        status=400 if errors else 200,
    )


def _plan_url(plan: Plan) -> str:
    return url(f"{plan.kind.urls}:plan", plan.pk)


def edit_plan(model: type[Plan]) -> View:
    """The page for what we are worried about and what needs to change."""
    kind = model.kind

    @requires(kind.record)
    @with_record(model, Purpose.EDIT, page=kind.title, kwarg="plan_id")
    @require_http_methods(["GET", "POST"])
    def plan_edit(request: AuthenticatedHttpRequest, plan: Plan) -> HttpResponse:
        initial = {"worries": plan.worries, "goals": plan.goals}
        return form_page(
            request,
            versioned(PlanTextForm(request.POST or None, initial=initial), plan),
            lambda data: services.update_plan(
                actor=request.user, plan=plan, expected_version=data.pop("version"), **data
            ),
            title="What we are worried about and what needs to change",
            person=plan.person,
            success="Plan saved",
            next_url=_plan_url(plan),
        )

    return plan_edit


def add_action(model: type[Plan]) -> View:
    kind = model.kind

    @requires(kind.record)
    @with_record(model, Purpose.EDIT, page=kind.title, kwarg="plan_id")
    @require_http_methods(["GET", "POST"])
    def action_add(request: AuthenticatedHttpRequest, plan: Plan) -> HttpResponse:
        return form_page(
            request,
            ActionForm(request.POST or None),
            lambda data: services.add_action(actor=request.user, plan=plan, data=data),
            title="Add an action to the plan",
            person=plan.person,
            success="Action added",
            next_url=_plan_url(plan),
        )

    return action_add


def _action_page(model: type[SmartAction]) -> Callable[[View], View]:
    """A page about one action (`model`: the kind's action model): the permission to record
    the plan's kind, the action loaded through the access door with its plan, GET or POST."""
    rows: Any = model._default_manager  # a concrete action model: its `plan` is a field
    kind = rows.model._meta.get_field("plan").related_model.kind

    def decorate(view: View) -> View:
        loaded = with_record(
            model, Purpose.EDIT, page=kind.title, kwarg="action_id", rows=lambda: rows.select_related("plan")
        )
        return requires(kind.record)(loaded(require_http_methods(["GET", "POST"])(view)))

    return decorate


def edit_action(model: type[SmartAction]) -> View:
    """The page changing one action (`model`: the kind's action model)."""

    @_action_page(model)
    def action_edit(request: AuthenticatedHttpRequest, action: Any) -> HttpResponse:
        initial = {k: getattr(action, k) for k in ACTION_FIELDS}
        return form_page(
            request,
            versioned(ActionForm(request.POST or None, initial=initial), action),
            lambda data: services.edit_action(
                actor=request.user, action=action, expected_version=data.pop("version"), data=data
            ),
            title="Change an action",
            person=action.person,
            success="Action saved",
            next_url=_plan_url(action.plan),
        )

    return action_edit


def delete_action(model: type[SmartAction]) -> View:
    """The page deleting an action of a plan not yet signed off (`model`: the kind's action
    model), after the user confirms it."""

    @_action_page(model)
    def action_delete(request: AuthenticatedHttpRequest, action: Any) -> HttpResponse:
        return form_page(
            request,
            DeleteActionForm(request.POST or None),
            lambda _: services.delete_action(actor=request.user, action=action),
            title=f"Delete the action “{action.what or 'not recorded'}”",
            person=action.person,
            success="Action deleted",
            next_url=_plan_url(action.plan),
        )

    return action_delete


def sign_off(model: type[Plan], page: PlanPage) -> View:
    """Signing the plan off; a refusal shows the plan's page (`page(request, plan, errors)`)
    with the reasons."""
    kind = model.kind

    @requires(kind.sign_off)
    @with_record(model, Purpose.EDIT, page=kind.title, kwarg="plan_id")
    @require_POST
    def plan_sign_off(request: AuthenticatedHttpRequest, plan: Plan) -> HttpResponse:
        try:
            services.sign_off_plan(actor=request.user, plan=plan)
        except ValidationError as exc:
            return page(request, plan, errors=exc.messages)
        messages.success(request, "Plan signed off")
        return redirect(_plan_url(plan))

    return plan_sign_off


def end_plan(model: type[Plan], form_class: type[forms.Form]) -> View:
    """Ending the plan, with `form_class` (the shared `EndPlanForm` or one asking more)."""
    kind = model.kind

    return form_view(
        kind.end,
        with_record(model, Purpose.EDIT, page=kind.title, kwarg="plan_id"),
        form_class,
        services.end_plan,
        record="plan",
        title=f"End the {kind.name}",
        success="Plan ended",
        next_url=_plan_url,
    )


def progress_meeting(
    model: type[Plan],
    form_class: type[ProgressForm],
    service: Callable[..., Any],
    *,
    progress: str,
    title: str,
    success: str,
) -> View:
    """The page recording a meeting that reviews the plan: the meeting's own fields and the
    progress of each action (`form_class`), passed to `service` with the progress as
    `<progress>` (action id → status and note)."""
    kind = model.kind

    @requires(kind.record)
    @with_record(model, Purpose.EDIT, page=kind.title, kwarg="plan_id")
    @require_http_methods(["GET", "POST"])
    def meeting_new(request: AuthenticatedHttpRequest, plan: Plan) -> HttpResponse:
        form = form_class(request.POST or None, actions=list(plan.actions.all()))
        return form_page(
            request,
            form,
            lambda _: service(
                actor=request.user, plan=plan, **form.meeting(), **{progress: form.action_progress()}
            ),
            title=title,
            person=plan.person,
            success=success,
            next_url=_plan_url(plan),
        )

    return meeting_new


def plan_urls(
    model: type[Plan], action: type[SmartAction], page: PlanPage, end_form: type[forms.Form]
) -> list[URLPattern]:
    """The addresses of the pages every plan shares, for the stage's `urlpatterns`: `model`
    its plan, `action` its action model, `page` its plan page with a sign-off's refusals (see
    `sign_off`), `end_form` the form ending it (see `end_plan`)."""
    return [
        path("plans/<int:plan_id>/edit/", edit_plan(model), name="plan_edit"),
        path("plans/<int:plan_id>/actions/new/", add_action(model), name="action_add"),
        path("actions/<int:action_id>/edit/", edit_action(action), name="action_edit"),
        path("actions/<int:action_id>/delete/", delete_action(action), name="action_delete"),
        path("plans/<int:plan_id>/sign-off/", sign_off(model, page), name="plan_sign_off"),
        path("plans/<int:plan_id>/end/", end_plan(model, end_form), name="plan_end"),
    ]
