"""Case note pages: the child's notes, a note (a restricted one only for those its rule
lets see it), a new or draft note saved as the worker types, and making it final."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import requires
from accounts.models import User
from accounts.permissions import Permission
from core.forms import apply_validation_errors, submitted
from core.http import AuthenticatedHttpRequest
from core.presenters import govuk_datetime
from people import read_audit
from people.access import Purpose
from people.decorators import with_person, with_record
from people.models import Person

from .. import services
from ..access import may_edit_note, may_read_note, not_author_message
from ..forms import CaseNoteForm
from ..models import CaseNote, CaseNoteStatus


def _check_readable(user: User, note: CaseNote) -> None:
    """The note's own rule, after the door let the user into the child's record: a
    restricted note only for its author and users allowed restricted casework."""
    if not may_read_note(user, note):
        read_audit.record_refusal(user, person=note.person, obj=note, reason="restricted case note")
        raise PermissionDenied("restricted case note")


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
        "visit_kind": note.visit_kind,
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
    editable = {n.pk for n in rows if may_edit_note(request.user, n)}
    return render(request, "casework/notes.jinja", {"person": person, "notes": rows, "editable": editable})


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
    new_note_key = f"new-note:{person.pk}:{request.user.pk}"
    return render(
        request,
        "casework/note_form.jinja",
        {
            "person": person,
            "form": form,
            "note": note,
            "conflict": conflict,
            "conflict_heading": conflict_heading(conflict, request.user) if conflict else "",
            "conflict_by_you": bool(conflict and conflict.updated_by_id == request.user.pk),
            "autosave_url": autosave,
            "draft_key": f"note:{note.pk}" if note else new_note_key,
            "new_note_key": new_note_key,
            "page_has_errors": bool(form.errors),
        },
        status=status,
    )


def _hand_over_version(form: CaseNoteForm, version: int) -> None:
    """The re-shown form carries the version the server now holds (the draft just started),
    so saving it again continues that draft instead of looking like someone else's change."""
    data = form.data.copy()  # type: ignore[attr-defined]
    data["version"] = str(version)
    form.data = data


def _finalise(request: AuthenticatedHttpRequest, note: CaseNote, form: CaseNoteForm) -> HttpResponse:
    """Finalise a draft just started from the same form (a second service call: the draft is
    kept and shown, with the errors, when finalising is refused)."""
    try:
        services.finalise_case_note(
            actor=request.user, note=note, expected_version=note.version, data=form.note_data()
        )
    except ValidationError as exc:
        apply_validation_errors(exc, form)
        _hand_over_version(form, note.version)
        return _note_page(request, note.person, form, note, status=400)
    messages.success(request, "Case note finalised")
    return redirect("casework:note_detail", note_id=note.pk)


@requires(Permission.RECORD_CASE_NOTE)
@with_record(CaseNote, Purpose.EDIT, page="Case note", kwarg="note_id")
@require_http_methods(["GET", "POST"])
def edit_note(request: AuthenticatedHttpRequest, note: CaseNote) -> HttpResponse:
    _check_readable(request.user, note)
    person = note.person
    if note.status != CaseNoteStatus.DRAFT:
        return redirect("casework:note_detail", note_id=note.pk)
    if not may_edit_note(request.user, note):
        return _not_author(request, note, not_author_message(note))
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
    except PermissionDenied as refused:  # someone else's draft (the service's rule)
        return _not_author(request, note, str(refused))
    except services.StaleNote as stale:
        # Keep what this person typed; show the other version; let them save on top of it.
        form = CaseNoteForm({**request.POST.dict(), "version": stale.current.version})
        form.is_valid()
        form.add_error(None, conflict_message(stale.current, request.user))
        return _note_page(request, person, form, stale.current, status=409, conflict=stale.current)
    if not saved:
        return _note_page(request, person, form, note, status=400 if form.errors else 200)
    if saved.result:
        messages.success(request, "Case note finalised")
        return redirect("casework:note_detail", note_id=note.pk)
    messages.success(request, "Draft saved")
    return redirect("casework:edit_note", note_id=note.pk)


def conflict_heading(current: CaseNote, user: User) -> str:
    """Who saved the newer version of a draft, and when: the draft's author on another device
    or tab ("You saved … elsewhere"), or anyone else."""
    when = govuk_datetime(current.updated_at)
    if current.updated_by_id == user.pk:
        return f"You saved a newer version of this note elsewhere at {when}"
    return f"{current.updated_by.display_name} saved a newer version of this note at {when}"


def conflict_message(current: CaseNote, user: User) -> str:
    if current.updated_by_id == user.pk:
        return (
            f"{conflict_heading(current, user)}. Compare the two versions below; what you typed "
            "here is kept in the form. Save again to keep this version."
        )
    return (
        f"Someone else saved this case note while you were writing: {conflict_heading(current, user)}. "
        "Compare the two versions below; your text is kept in the form. Save again to keep yours."
    )


def _not_author(request: AuthenticatedHttpRequest, note: CaseNote, refusal: str) -> HttpResponse:
    """Someone else's draft: the note as it stands, and who alone can change it."""
    return render(
        request,
        "casework/note_detail.jinja",
        {"person": note.person, "note": note, "refusal": refusal, "may_edit": False},
        status=403,
    )


def _note_json(note: CaseNote, user: User) -> dict[str, Any]:
    return {
        "by_you": note.updated_by_id == user.pk,
        "conflict_heading": conflict_heading(note, user),
        "id": note.pk,
        "version": note.version,
        "saved_at": timezone.localtime(note.updated_at).strftime("%H:%M:%S"),
        "updated_by": note.updated_by.display_name,
        "title": note.title,
        "body": note.body,
        "edit_url": reverse("casework:edit_note", args=[note.pk]),
        "autosave_url": reverse("casework:autosave_note", args=[note.pk]),
    }


def _not_saved(errors: dict[str, list[str]]) -> JsonResponse:
    """An autosave the draft's rules refused: each error, and one sentence that says what to
    fix (the script shows it; the typed text stays in the form and on the device)."""
    problems = " ".join(dict.fromkeys(str(e).rstrip(".") + "." for v in errors.values() for e in v))
    return JsonResponse(
        {"errors": errors, "message": f"Not saved yet: {problems} Your text is kept on this device."},
        status=400,
    )


def _form_errors(form: CaseNoteForm) -> dict[str, list[str]]:
    return {k: [str(e) for e in v] for k, v in form.errors.items()}


@requires(Permission.RECORD_CASE_NOTE)
@with_person(Purpose.EDIT, page="New case note (autosave)")
@require_POST
def autosave_new_note(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    """The first autosave of a new note creates the draft; the script then uses its URL."""
    form = CaseNoteForm(request.POST)
    if not form.is_valid():
        return _not_saved(_form_errors(form))
    try:
        note = services.start_case_note(actor=request.user, person=person, data=form.note_data())
    except ValidationError as exc:
        return _not_saved(exc.message_dict)
    return JsonResponse(_note_json(note, request.user), status=201)


@requires(Permission.RECORD_CASE_NOTE)
@with_record(CaseNote, Purpose.EDIT, page="Case note", kwarg="note_id")
@require_POST
def autosave_note(request: AuthenticatedHttpRequest, note: CaseNote) -> HttpResponse:
    _check_readable(request.user, note)
    form = CaseNoteForm(request.POST)
    if not form.is_valid():
        return _not_saved(_form_errors(form))
    try:
        note = services.save_case_note(
            actor=request.user,
            note=note,
            expected_version=form.cleaned_data.get("version") or 0,
            data=form.note_data(),
            client_id=request.POST.get("client_id", ""),
        )
    except services.StaleNote as stale:
        return JsonResponse(
            {"conflict": True, "current": _note_json(stale.current, request.user)}, status=409
        )
    except PermissionDenied as refused:
        return JsonResponse(
            {"message": f"Not saved: {refused}. Your text is kept on this device."}, status=403
        )
    except ValidationError as exc:
        return _not_saved(exc.message_dict)
    return JsonResponse(_note_json(note, request.user))


@requires(Permission.VIEW_CHRONOLOGY)
@with_record(CaseNote, Purpose.VIEW, page="Case note", kwarg="note_id")
@require_GET
def note_detail(request: AuthenticatedHttpRequest, note: CaseNote) -> HttpResponse:
    _check_readable(request.user, note)
    if note.status == CaseNoteStatus.DRAFT and not request.user.has_perm(Permission.RECORD_CASE_NOTE.value):
        read_audit.record_refusal(request.user, person=note.person, obj=note, reason="draft case note")
        raise PermissionDenied("draft case note")
    may_edit = may_edit_note(request.user, note)
    return render(
        request,
        "casework/note_detail.jinja",
        {
            "person": note.person,
            "note": note,
            "may_edit": may_edit,
            "handovers": list(note.handovers.select_related("from_worker", "to_worker", "handed_by")),
            "refusal": not_author_message(note)
            if note.status == CaseNoteStatus.DRAFT and not may_edit
            else "",
        },
    )
