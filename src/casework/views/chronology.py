"""The chronology pages: the child's, their sibling group's, its export for a court bundle,
and the workers' curation of it (marking what is significant, adding a partner's report)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import requires
from accounts.models import User
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest
from people import read_audit
from people.access import Purpose, decide
from people.decorators import with_person
from people.models import Person, PersonRelationship, RelationshipType

from .. import chronology, services
from ..forms import AnnotationForm, ChronologyEntryForm, ChronologyFilterForm
from ..models import ChronologyAnnotation

SIBLING_TYPES = (RelationshipType.SIBLING, RelationshipType.HALF_SIBLING)

# The chronology's order on the page: newest first unless `?order=oldest` (the export, for a
# court bundle, stays oldest first).
NEWEST, OLDEST = "newest", "oldest"


def _filters(request: AuthenticatedHttpRequest) -> tuple[ChronologyFilterForm, chronology.Filters]:
    form = ChronologyFilterForm(request.GET or None)
    if request.GET and form.is_valid():
        data = form.cleaned_data
        return form, chronology.Filters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            kinds=frozenset(data.get("kind") or ()),
            significant_only=bool(data.get("significant")),
        )
    return form, chronology.Filters()


def _order(request: AuthenticatedHttpRequest) -> dict[str, str]:
    """The order asked for, and the address of the same page in the other order."""
    order = OLDEST if request.GET.get("order") == OLDEST else NEWEST
    other = NEWEST if order == OLDEST else OLDEST
    return {"order": order, "other_order": other, "other_order_query": _query(request, order=other)}


def _in_order(
    events: list[chronology.ChronologyEvent], order: dict[str, str]
) -> list[chronology.ChronologyEvent]:
    return events if order["order"] == OLDEST else events[::-1]


def _query(request: AuthenticatedHttpRequest, **extra: str) -> str:
    params = request.GET.copy()
    params.pop("format", None)
    for key, value in extra.items():
        params[key] = value
    return params.urlencode()


@requires(Permission.VIEW_CHRONOLOGY)
@with_person(Purpose.VIEW, page="Chronology")
@require_GET
def chronology_view(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form, filters = _filters(request)
    order = _order(request)
    events = _in_order(chronology.collect([person.pk], user=request.user, filters=filters), order)
    return render(
        request,
        "casework/chronology.jinja",
        {
            **order,
            "person": person,
            "form": form,
            "events": events,
            "query": _query(request),
            "page_has_errors": bool(form.errors),
            "siblings": _siblings(request.user, person),
        },
        status=400 if form.errors else 200,
    )


def _siblings(user: User, person: Person) -> list[Person]:
    """Siblings and half-siblings the user may open (the access rule, without auditing)."""
    rels = PersonRelationship.objects.filter(
        Q(person_a=person) | Q(person_b=person), type__in=SIBLING_TYPES
    ).select_related("person_a", "person_b", "person_a__restriction", "person_b__restriction")
    found: dict[int, Person] = {}
    for rel in rels:
        other = rel.person_b if rel.person_a_id == person.pk else rel.person_a
        if other.record_status == "ACTIVE" and decide(user, other, Purpose.VIEW).allowed:
            found[other.pk] = other
    return sorted(found.values(), key=lambda p: (p.date_of_birth or date.max, p.pk))


@requires(Permission.VIEW_CHRONOLOGY)
@with_person(Purpose.VIEW, page="Sibling group chronology")
@require_GET
def sibling_chronology(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form, filters = _filters(request)
    siblings = _siblings(request.user, person)
    group = [person, *siblings]
    names = {p.pk: p.given_name for p in group}
    order = _order(request)
    events = _in_order(chronology.collect([p.pk for p in group], user=request.user, filters=filters), order)
    # The door audited the child's own record; each sibling shown beside them is audited too.
    read_audit.record_shown_with(
        request.user, [p.pk for p in siblings], page="Sibling group chronology", shown_with=person.pk
    )
    return render(
        request,
        "casework/sibling_chronology.jinja",
        {
            **order,
            "person": person,
            "group": group,
            "names": names,
            "form": form,
            "events": events,
            "query": _query(request),
            "page_has_errors": bool(form.errors),
        },
        status=400 if form.errors else 200,
    )


@requires(Permission.EXPORT_CHRONOLOGY)
@with_person(Purpose.VIEW, page="Export chronology")
@require_GET
def export_chronology(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    fmt = request.GET.get("format", "pdf")
    form, filters = _filters(request)
    if form.errors:
        return redirect(f"{reverse('casework:chronology', args=[person.pk])}?{_query(request)}")
    group = request.GET.get("group") == "siblings"
    ids, names = [person.pk], None
    if group:
        members = [person, *_siblings(request.user, person)]
        ids, names = [p.pk for p in members], {p.pk: p.given_name for p in members}
    try:
        data = services.export_chronology(
            actor=request.user, person=person, fmt=fmt, filters=filters, person_ids=ids, names=names
        )
    except ValidationError as exc:
        raise Http404("Unknown format") from exc
    content_type = (
        "application/pdf"
        if fmt == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response = HttpResponse(data, content_type=content_type)
    name = f"chronology-{person.la_child_id}-{timezone.localdate():%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires(Permission.CURATE_CHRONOLOGY)
@with_person(Purpose.EDIT, page="Curate chronology entry")
@require_http_methods(["GET", "POST"])
def annotate(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    key = request.POST.get("source_key") or request.GET.get("key", "")
    if not key:
        return redirect("casework:chronology", person_id=person.pk)
    event = chronology.find(person.pk, key, user=request.user)
    if event is None:
        raise Http404("No such chronology event")
    initial = {"significant": event.significant, "impact": event.impact, "analysis": event.analysis}
    back = request.POST.get("back", "")
    page = reverse("casework:chronology", args=[person.pk])
    return form_page(
        request,
        AnnotationForm(request.POST or None, initial=initial),
        lambda data: services.annotate_event(actor=request.user, person=person, source_key=key, **data),
        title="Curate a chronology entry",
        success="Chronology entry updated",
        # Back to the entry, in the chronology as it was filtered.
        next_url=f"{page}{back}#entry-{_anchor(key)}" if back.startswith("?") or not back else page,
        person=person,
        template="casework/annotate.jinja",
        context=lambda: {
            "event": event,
            "history": ChronologyAnnotation.objects.filter(person=person, source_key=key).select_related(
                "recorded_by"
            ),
            "back": request.GET.get("back", request.POST.get("back", "")),
        },
    )


def _anchor(key: str) -> str:
    return key.replace(".", "-").replace(":", "-")


@requires(Permission.CURATE_CHRONOLOGY)
@with_person(Purpose.EDIT, page="Add chronology entry")
@require_http_methods(["GET", "POST"])
def add_entry(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    chronology_page = reverse("casework:chronology", args=[person.pk])
    return form_page(
        request,
        ChronologyEntryForm(request.POST or None),
        lambda data: services.add_chronology_entry(actor=request.user, person=person, **data),
        title="Add an event reported by a partner agency",
        success="Chronology entry added",
        next_url=chronology_page,
        person=person,
        back=chronology_page,
    )
