"""Health checks, personal education plans, missing episodes and exploitation screening."""

from django.http import HttpResponse
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from core.versioning import versioned
from people.access import Purpose
from people.decorators import with_person, with_record
from people.models import Person
from people.pages import form_view

from .. import forms, services
from ..models import MissingEpisode
from .common import open_period_door, period_timeline_url, timeline_url

record_health = form_view(
    Permission.RECORD_CARE,
    with_person(Purpose.EDIT, page="Record health check"),
    forms.HealthForm,
    services.record_health_check,
    title="Record a health assessment or dental check",
    success="Health check recorded",
    next_url=timeline_url,
)


record_pep = form_view(
    Permission.RECORD_CARE,
    open_period_door("Record PEP"),
    forms.EducationForm,
    services.record_education_plan,
    record="period",
    title="Record a personal education plan",
    success="Personal education plan recorded",
    next_url=period_timeline_url,
)


@requires(Permission.RECORD_CARE)
@with_person(Purpose.EDIT, page="Record missing episode")
@require_http_methods(["GET", "POST"])
def record_missing(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    return form_page(
        request,
        forms.MissingForm(request.POST or None),
        lambda d: services.record_missing_episode(
            actor=request.user,
            person=person,
            kind=d["kind"],
            started_at=d["started_at"],
            ended_at=d["ended_at"],
            police_informed=d["police_informed"],
            notes=d["notes"],
        ),
        title="Record a missing or absent episode",
        person=person,
        success="Missing episode recorded",
        next_url=timeline_url(person),
    )


@requires(Permission.RECORD_CARE)
@with_record(MissingEpisode, Purpose.EDIT, page="Missing episode", kwarg="episode_id")
@require_http_methods(["GET", "POST"])
def update_missing(request: AuthenticatedHttpRequest, episode: MissingEpisode) -> HttpResponse:
    return form_page(
        request,
        versioned(forms.ReturnForm(request.POST or None), episode),
        lambda d: services.record_return(
            actor=request.user,
            episode=episode,
            expected_version=d["version"],
            ended_at=d["ended_at"],
            rhi_offered=d["rhi_offered"],
            rhi_accepted=d["rhi_accepted"],
            rhi_held_at=d["rhi_held_at"],
            rhi_by=d["rhi_by"],
            review_held_on=d["review_held_on"],
        ),
        title="Return and return home interview",
        person=episode.person,
        success="Missing episode updated",
        next_url=timeline_url(episode.person),
    )


record_screening = form_view(
    Permission.RECORD_CARE,
    with_person(Purpose.EDIT, page="Record exploitation screening"),
    forms.ScreeningForm,
    services.record_screening,
    title="Record an exploitation risk screening",
    success="Screening recorded",
    next_url=timeline_url,
)
