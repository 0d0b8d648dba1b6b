"""Pages of the child's story: chronology, case notes, the child's voice, documents and
subject access. Thin: load through the access door, call a service, render."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import requires
from accounts.models import User
from accounts.permissions import Permission
from core.forms import apply_validation_errors, submitted
from core.http import AuthenticatedHttpRequest
from people.access import Purpose, decide, get_person_for
from people.decorators import with_person
from people.models import Person, PersonRelationship, RelationshipType

from . import chronology, services
from .access import may_open_document, may_read_note
from .documents import registry
from .forms import (
    AnnotationForm,
    CaseNoteForm,
    ChildViewForm,
    ChronologyEntryForm,
    ChronologyFilterForm,
    DocumentUploadForm,
    ExtendSubjectAccessForm,
    GenerateDocumentForm,
    ReturnForm,
    SubjectAccessForm,
)
from .machines import SubjectAccessMachine
from .models import CaseNote, CaseNoteStatus, ChildView, Document, SARStatus, SubjectAccessRequest

SIBLING_TYPES = (RelationshipType.SIBLING, RelationshipType.HALF_SIBLING)


# --- Chronology ---------------------------------------------------------------------------


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
    events = chronology.collect([person.pk], user=request.user, filters=filters)
    return render(
        request,
        "casework/chronology.jinja",
        {
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
    events = chronology.collect([p.pk for p in group], user=request.user, filters=filters)
    return render(
        request,
        "casework/sibling_chronology.jinja",
        {
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
    form = AnnotationForm(request.POST or None, initial=initial)
    if submitted(
        request,
        form,
        lambda data: services.annotate_event(actor=request.user, person=person, source_key=key, **data),
    ):
        messages.success(request, "Chronology entry updated")
        back = request.POST.get("back", "")
        if back.startswith("?") or not back:
            return redirect(f"{reverse('casework:chronology', args=[person.pk])}{back}#entry-{_anchor(key)}")
        return redirect("casework:chronology", person_id=person.pk)
    from .models import ChronologyAnnotation

    history = ChronologyAnnotation.objects.filter(person=person, source_key=key).select_related("recorded_by")
    return render(
        request,
        "casework/annotate.jinja",
        {
            "person": person,
            "event": event,
            "form": form,
            "history": history,
            "back": request.GET.get("back", request.POST.get("back", "")),
            "page_has_errors": bool(form.errors),
        },
        status=400 if form.errors else 200,
    )


def _anchor(key: str) -> str:
    return key.replace(".", "-").replace(":", "-")


@requires(Permission.CURATE_CHRONOLOGY)
@with_person(Purpose.EDIT, page="Add chronology entry")
@require_http_methods(["GET", "POST"])
def add_entry(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = ChronologyEntryForm(request.POST or None)
    if submitted(
        request, form, lambda data: services.add_chronology_entry(actor=request.user, person=person, **data)
    ):
        messages.success(request, "Chronology entry added")
        return redirect("casework:chronology", person_id=person.pk)
    return render(
        request,
        "casework/person_form.jinja",
        {
            "form": form,
            "person": person,
            "title": "Add an event reported by a partner agency",
            "back_url": reverse("casework:chronology", args=[person.pk]),
            "page_has_errors": bool(form.errors),
        },
        status=400 if form.errors else 200,
    )


# --- Case notes -----------------------------------------------------------------------------


def load_note(request: AuthenticatedHttpRequest, note_id: int, purpose: Purpose) -> tuple[CaseNote, Person]:
    """Load a case note, then go through the person access door, then the note's own rule."""
    note = get_object_or_404(CaseNote, pk=note_id)
    person = get_person_for(request.user, note.person_id, purpose=purpose, page="Case note")
    if not may_read_note(request.user, note):
        raise PermissionDenied("restricted case note")
    return note, person


def _note_initial(note: CaseNote) -> dict[str, Any]:
    yn = {True: "yes", False: "no", None: ""}
    return {
        "kind": note.kind,
        "occurred_on": note.occurred_on,
        "title": note.title,
        "body": note.body,
        "written_to_child": note.written_to_child,
        "child_seen": yn[note.child_seen],
        "seen_alone": yn[note.seen_alone],
        "restricted": note.restricted,
        "version": note.version,
    }


@requires(Permission.VIEW_CHRONOLOGY)
@with_person(Purpose.VIEW, page="Case notes")
@require_GET
def notes(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    rows = [
        n
        for n in CaseNote.objects.filter(person=person).select_related("author")
        if may_read_note(request.user, n)
        and (n.status == CaseNoteStatus.FINAL or request.user.has_perm(Permission.RECORD_CASE_NOTE.value))
    ]
    return render(request, "casework/notes.jinja", {"person": person, "notes": rows})


@requires(Permission.RECORD_CASE_NOTE)
@with_person(Purpose.EDIT, page="New case note")
@require_http_methods(["GET", "POST"])
def new_note(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = CaseNoteForm(
        request.POST or None,
        initial={"kind": request.GET.get("kind", "VISIT"), "occurred_on": timezone.localdate(), "version": 0},
    )
    if started := submitted(
        request,
        form,
        lambda _: services.start_case_note(actor=request.user, person=person, data=form.note_data()),
    ):
        if request.POST.get("action") == "finalise":
            return _finalise(request, started.result, form)
        messages.success(request, "Draft saved")
        return redirect("casework:edit_note", note_id=started.result.pk)
    return _note_page(request, person, form, None, status=400 if form.errors else 200)


def _note_page(
    request: AuthenticatedHttpRequest,
    person: Person,
    form: CaseNoteForm,
    note: CaseNote | None,
    *,
    status: int = 200,
    conflict: CaseNote | None = None,
) -> HttpResponse:
    autosave = (
        reverse("casework:autosave_note", args=[note.pk])
        if note
        else reverse("casework:autosave_new_note", args=[person.pk])
    )
    return render(
        request,
        "casework/note_form.jinja",
        {
            "person": person,
            "form": form,
            "note": note,
            "conflict": conflict,
            "autosave_url": autosave,
            "draft_key": f"note:{note.pk}" if note else f"new-note:{person.pk}:{request.user.pk}",
            "page_has_errors": bool(form.errors),
        },
        status=status,
    )


def _finalise(request: AuthenticatedHttpRequest, note: CaseNote, form: CaseNoteForm) -> HttpResponse:
    """Finalise a draft just started from the same form (a second service call: the draft is
    kept and shown, with the errors, when finalising is refused)."""
    try:
        services.finalise_case_note(
            actor=request.user, note=note, expected_version=note.version, data=form.note_data()
        )
    except ValidationError as exc:
        apply_validation_errors(exc, form)
        return _note_page(request, note.person, form, note, status=400)
    messages.success(request, "Case note finalised")
    return redirect("casework:note_detail", note_id=note.pk)


@requires(Permission.RECORD_CASE_NOTE)
@require_http_methods(["GET", "POST"])
def edit_note(request: AuthenticatedHttpRequest, note_id: int) -> HttpResponse:
    note, person = load_note(request, note_id, Purpose.EDIT)
    if note.status != CaseNoteStatus.DRAFT:
        return redirect("casework:note_detail", note_id=note.pk)
    form = CaseNoteForm(request.POST or None, initial=_note_initial(note))

    def save(data: dict[str, Any]) -> bool:
        """Save the draft, or finalise it; true when finalised."""
        version = data.get("version") or 0
        if request.POST.get("action") == "finalise":
            services.finalise_case_note(
                actor=request.user, note=note, expected_version=version, data=form.note_data()
            )
            return True
        services.save_case_note(
            actor=request.user, note=note, expected_version=version, data=form.note_data()
        )
        return False

    try:
        saved = submitted(request, form, save)
    except services.StaleNote as stale:
        # Keep what this person typed; show the other version; let them save on top of it.
        form = CaseNoteForm({**request.POST.dict(), "version": stale.current.version})
        form.is_valid()
        form.add_error(
            None,
            "Someone else saved this case note while you were writing. Compare the two versions "
            "below; your text is kept in the form. Save again to keep yours.",
        )
        return _note_page(request, person, form, stale.current, status=409, conflict=stale.current)
    if not saved:
        return _note_page(request, person, form, note, status=400 if form.errors else 200)
    if saved.result:
        messages.success(request, "Case note finalised")
        return redirect("casework:note_detail", note_id=note.pk)
    messages.success(request, "Draft saved")
    return redirect("casework:edit_note", note_id=note.pk)


def _note_json(note: CaseNote) -> dict[str, Any]:
    return {
        "id": note.pk,
        "version": note.version,
        "saved_at": timezone.localtime(note.updated_at).strftime("%H:%M:%S"),
        "updated_by": note.updated_by.display_name,
        "title": note.title,
        "body": note.body,
        "edit_url": reverse("casework:edit_note", args=[note.pk]),
        "autosave_url": reverse("casework:autosave_note", args=[note.pk]),
    }


def _form_errors(form: CaseNoteForm) -> dict[str, list[str]]:
    return {k: [str(e) for e in v] for k, v in form.errors.items()}


@requires(Permission.RECORD_CASE_NOTE)
@with_person(Purpose.EDIT, page="New case note (autosave)")
@require_POST
def autosave_new_note(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    """The first autosave of a new note creates the draft; the script then uses its URL."""
    form = CaseNoteForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": _form_errors(form)}, status=400)
    try:
        note = services.start_case_note(actor=request.user, person=person, data=form.note_data())
    except ValidationError as exc:
        return JsonResponse({"errors": exc.message_dict}, status=400)
    return JsonResponse(_note_json(note), status=201)


@requires(Permission.RECORD_CASE_NOTE)
@require_POST
def autosave_note(request: AuthenticatedHttpRequest, note_id: int) -> HttpResponse:
    note, _person = load_note(request, note_id, Purpose.EDIT)
    form = CaseNoteForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": _form_errors(form)}, status=400)
    try:
        note = services.save_case_note(
            actor=request.user,
            note=note,
            expected_version=form.cleaned_data.get("version") or 0,
            data=form.note_data(),
            client_id=request.POST.get("client_id", ""),
        )
    except services.StaleNote as stale:
        return JsonResponse({"conflict": True, "current": _note_json(stale.current)}, status=409)
    except ValidationError as exc:
        return JsonResponse({"errors": exc.message_dict}, status=400)
    return JsonResponse(_note_json(note))


@requires(Permission.VIEW_CHRONOLOGY)
@require_GET
def note_detail(request: AuthenticatedHttpRequest, note_id: int) -> HttpResponse:
    note, person = load_note(request, note_id, Purpose.VIEW)
    if note.status == CaseNoteStatus.DRAFT and not request.user.has_perm(Permission.RECORD_CASE_NOTE.value):
        raise PermissionDenied("draft case note")
    return render(request, "casework/note_detail.jinja", {"person": person, "note": note})


# --- The child's voice -------------------------------------------------------------------


@requires(Permission.VIEW_CHRONOLOGY)
@with_person(Purpose.VIEW, page="Child's wishes and feelings")
@require_http_methods(["GET", "POST"])
def voice(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = ChildViewForm(request.POST or None, request.FILES or None, initial=_voice_initial(request))
    if request.method == "POST":
        if not request.user.has_perm(Permission.RECORD_CASE_NOTE.value):
            raise PermissionDenied
        get_person_for(request.user, person.pk, purpose=Purpose.EDIT, page="Record the child's views")
    if submitted(
        request, form, lambda data: services.record_child_view(actor=request.user, person=person, **data)
    ):
        messages.success(request, "The child's views are recorded")
        return redirect("casework:voice", person_id=person.pk)
    views = ChildView.objects.filter(person=person).select_related("recorded_by")
    return render(
        request,
        "casework/voice.jinja",
        {"person": person, "form": form, "views": views, "page_has_errors": bool(form.errors)},
        status=400 if form.errors else 200,
    )


def _voice_initial(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    key = request.GET.get("informs", "")
    return {"recorded_on": timezone.localdate(), "informed_source_key": key}


@requires(Permission.VIEW_CHRONOLOGY)
@require_GET
def voice_file(request: AuthenticatedHttpRequest, view_id: int) -> HttpResponse:
    view = get_object_or_404(ChildView, pk=view_id)
    get_person_for(request.user, view.person_id, purpose=Purpose.VIEW, page="Child's drawing or recording")
    if not view.attachment:
        raise Http404("No file")
    return FileResponse(view.attachment.open("rb"), content_type=view.attachment_type)  # type: ignore[return-value]


# --- Documents --------------------------------------------------------------------------------


def load_document(request: AuthenticatedHttpRequest, document_id: int) -> tuple[Document, Person]:
    document = get_object_or_404(Document, pk=document_id)
    person = get_person_for(request.user, document.person_id, purpose=Purpose.VIEW, page="Document")
    if not may_open_document(request.user, document):
        raise PermissionDenied("restricted document")
    return document, person


@requires(Permission.VIEW_CHRONOLOGY)
@with_person(Purpose.VIEW, page="Documents")
@require_GET
def documents(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    rows = [(d, may_open_document(request.user, d)) for d in Document.objects.filter(person=person)]
    return render(request, "casework/documents.jinja", {"person": person, "documents": rows})


@requires(Permission.MANAGE_DOCUMENTS)
@with_person(Purpose.EDIT, page="Upload a document")
@require_http_methods(["GET", "POST"])
def upload_document(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = DocumentUploadForm(request.POST or None, request.FILES or None)

    def upload(data: dict[str, Any]) -> None:
        usernames = [u.strip() for u in (data.pop("named_usernames") or "").split(",") if u.strip()]
        named = list(User.objects.filter(username__in=usernames, is_active=True))
        if len(named) != len(set(usernames)):
            raise ValidationError({"named_usernames": "Enter the usernames of people who use Harbour"})
        services.upload_document(actor=request.user, person=person, named_users=named, **data)

    if submitted(request, form, upload):
        messages.success(request, "Document uploaded")
        return redirect("casework:documents", person_id=person.pk)
    return render(
        request,
        "casework/upload.jinja",
        {"person": person, "form": form, "page_has_errors": bool(form.errors)},
        status=400 if form.errors else 200,
    )


@requires(Permission.MANAGE_DOCUMENTS)
@with_person(Purpose.EDIT, page="Generate a document")
@require_http_methods(["GET", "POST"])
def generate_document(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    options = []
    for gen in registry().values():
        if gen.for_children_only and person.record_type != "CHILD":
            continue
        for object_id, label in gen.options(person):
            options.append((f"{gen.key}|{object_id}", f"{gen.title}: {label}"))
    form = GenerateDocumentForm(request.POST or None, options=options)

    def generate(data: dict[str, Any]) -> Document:
        key, _, object_id = data["choice"].partition("|")
        return services.generate_document(
            actor=request.user, person=person, generator_key=key, object_id=int(object_id)
        )

    if generated := submitted(request, form, generate, rename={"generator": "choice"}):
        messages.success(request, "Document generated")
        return redirect("casework:document_detail", document_id=generated.result.pk)
    return render(
        request,
        "casework/generate.jinja",
        {"person": person, "form": form, "options": options, "page_has_errors": bool(form.errors)},
        status=400 if form.errors else 200,
    )


@requires(Permission.VIEW_CHRONOLOGY)
@require_GET
def document_detail(request: AuthenticatedHttpRequest, document_id: int) -> HttpResponse:
    document, person = load_document(request, document_id)
    return render(request, "casework/document_detail.jinja", {"person": person, "document": document})


@requires(Permission.VIEW_CHRONOLOGY)
@require_GET
def download_document(request: AuthenticatedHttpRequest, document_id: int) -> HttpResponse:
    document, _person = load_document(request, document_id)
    services.record_document_download(actor=request.user, document=document)
    name = (document.file.name or "document").rsplit("/", 1)[-1]
    return FileResponse(
        document.file.open("rb"), content_type=document.content_type, as_attachment=True, filename=name
    )  # type: ignore[return-value]


# --- Subject access -------------------------------------------------------------------------------


def load_sar(request: AuthenticatedHttpRequest, sar_id: int) -> tuple[SubjectAccessRequest, Person]:
    sar = get_object_or_404(SubjectAccessRequest, pk=sar_id)
    person = get_person_for(request.user, sar.person_id, purpose=Purpose.VIEW, page="Subject access request")
    return sar, person


@requires(Permission.HANDLE_SUBJECT_ACCESS)
@with_person(Purpose.VIEW, page="Subject access requests")
@require_http_methods(["GET", "POST"])
def subject_access(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    form = SubjectAccessForm(request.POST or None)
    if created := submitted(
        request,
        form,
        lambda data: services.create_subject_access_request(actor=request.user, person=person, **data),
    ):
        messages.success(request, "Subject access request recorded")
        return redirect("casework:sar_detail", sar_id=created.result.pk)
    today = timezone.localdate()
    requests = [(r, r.clock(today)) for r in SubjectAccessRequest.objects.filter(person=person)]
    return render(
        request,
        "casework/sar_list.jinja",
        {
            "person": person,
            "form": form,
            "requests": requests,
            "today": today,
            "page_has_errors": bool(form.errors),
        },
        status=400 if form.errors else 200,
    )


@requires(Permission.HANDLE_SUBJECT_ACCESS)
@require_http_methods(["GET", "POST"])
def sar_detail(request: AuthenticatedHttpRequest, sar_id: int) -> HttpResponse:
    sar, person = load_sar(request, sar_id)
    error = ""
    if request.method == "POST" and sar.status == SARStatus.IN_REVIEW:
        decisions = {
            item.pk: (f"redact-{item.pk}" in request.POST, request.POST.get(f"reason-{item.pk}", ""))
            for item in sar.items.all()
        }
        try:
            services.set_redactions(actor=request.user, sar=sar, decisions=decisions)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, "Redactions saved")
            return redirect("casework:sar_detail", sar_id=sar.pk)
    return _sar_page(request, sar, person, error=error, posted=request.POST if error else None)


def _sar_page(
    request: AuthenticatedHttpRequest,
    sar: SubjectAccessRequest,
    person: Person,
    *,
    error: str = "",
    posted: Any = None,
    extend_form: ExtendSubjectAccessForm | None = None,
) -> HttpResponse:
    from core.workflow import allowed_events

    today = timezone.localdate()
    has_errors = bool(error) or bool(extend_form is not None and extend_form.errors)
    return render(
        request,
        "casework/sar_detail.jinja",
        {
            "person": person,
            "sar": sar,
            "clock": sar.clock(today),
            "today": today,
            "items": sar.items.all(),
            "posted": posted,
            "error": error,
            "events": allowed_events(SubjectAccessMachine, sar),
            "return_form": ReturnForm(),
            "extend_form": extend_form or ExtendSubjectAccessForm(),
            "page_has_errors": has_errors,
        },
        status=400 if has_errors else 200,
    )


@requires(Permission.HANDLE_SUBJECT_ACCESS)
@require_POST
def sar_extend(request: AuthenticatedHttpRequest, sar_id: int) -> HttpResponse:
    """Record an extension of the one-month clock (reason, date the requester was told)."""
    sar, person = load_sar(request, sar_id)
    form = ExtendSubjectAccessForm(request.POST)
    if submitted(
        request, form, lambda data: services.extend_subject_access(actor=request.user, sar=sar, **data)
    ):
        messages.success(request, "Extension recorded")
        return redirect("casework:sar_detail", sar_id=sar.pk)
    return _sar_page(request, sar, person, extend_form=form)


@requires(Permission.HANDLE_SUBJECT_ACCESS)
@require_POST
def sar_action(request: AuthenticatedHttpRequest, sar_id: int) -> HttpResponse:
    sar, _person = load_sar(request, sar_id)
    event = request.POST.get("event", "")
    actions = {
        "start_review": lambda: services.start_subject_access_review(actor=request.user, sar=sar),
        "approve": lambda: services.approve_subject_access(actor=request.user, sar=sar),
        "return_to_review": lambda: services.return_subject_access(
            actor=request.user, sar=sar, reason=request.POST.get("reason", "")
        ),
        "release": lambda: services.release_subject_access(actor=request.user, sar=sar),
    }
    if event not in actions:
        raise Http404("Unknown action")
    try:
        result = actions[event]()
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("casework:sar_detail", sar_id=sar.pk)
    messages.success(
        request,
        {
            "start_review": "Review started",
            "approve": "Release approved",
            "return_to_review": "Returned to the reviewer",
            "release": "Record released",
        }[event],
    )
    if isinstance(result, Document):
        return redirect("casework:document_detail", document_id=result.pk)
    return redirect("casework:sar_detail", sar_id=sar.pk)
