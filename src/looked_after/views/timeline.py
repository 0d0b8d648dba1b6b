"""The child's children in care timeline: every period of care with its episodes, placements,
reviews, visits and missing episodes, and the health, education and screening beside them."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.decorators import requires
from accounts.permissions import Permission
from casework.models import Visit, VisitKind
from core.http import AuthenticatedHttpRequest
from core.workflow import allowed_events
from people.access import Purpose
from people.decorators import with_person
from people.models import Person

from ..clocks import Stay, long_term_stable, placements_in_year, screening_trend
from ..machines import EscalationMachine
from ..models import EducationPlan, ExploitationScreening, HealthAssessment, MissingEpisode, PeriodOfCare
from ..queries import summaries


@requires(Permission.VIEW_CARE)
@with_person(Purpose.VIEW, page="Children in care timeline")
def timeline(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    today = timezone.localdate()
    periods = list(PeriodOfCare.objects.filter(person=person).order_by("-start_date"))
    summary = summaries([person.pk], today).get(person.pk)
    visits = list(Visit.objects.filter(person=person, kind=VisitKind.CLA).select_related("worker"))
    missing = list(MissingEpisode.objects.filter(person=person))
    screenings = list(ExploitationScreening.objects.filter(person=person))
    trend = list(zip(screenings, screening_trend([s.score for s in screenings]), strict=True))
    blocks = []
    for period in periods:
        placements = list(period.placements.all())
        stays = [Stay(p.start_date, p.end_date, p.placement_type) for p in placements]
        as_at = period.end_date or today
        blocks.append(
            {
                "period": period,
                "episodes": list(period.episodes.select_related("legal_status", "placement")),
                "statuses": list(period.legal_statuses.all()),
                "placements": placements,
                "reviews": list(period.reviews.select_related("iro").prefetch_related("actions")),
                "escalations": list(period.escalations.all()),
                "visits": [
                    v
                    for v in visits
                    if v.visited_on >= period.start_date
                    and (period.end_date is None or v.visited_on <= period.end_date)
                ],
                "missing": [m for m in missing if m.period_id == period.pk],
                "placements_in_year": placements_in_year(stays, as_at),
                "long_term_stable": long_term_stable(
                    date_of_birth=person.date_of_birth,
                    looked_after_since=period.start_date,
                    stays=stays,
                    as_at=as_at,
                )
                if person.date_of_birth
                else None,
            }
        )
    return render(
        request,
        "looked_after/timeline.jinja",
        {
            "person": person,
            "blocks": blocks,
            "summary": summary,
            "today": today,
            "now": timezone.now(),
            "health": list(HealthAssessment.objects.filter(person=person)),
            "peps": list(EducationPlan.objects.filter(person=person).order_by("-meeting_on", "-id")),
            "missing_unlinked": [m for m in missing if m.period_id is None],
            "screenings": trend,
            "escalation_events": {
                e.pk: allowed_events(EscalationMachine, e) for p in periods for e in p.escalations.all()
            },
        },
    )
