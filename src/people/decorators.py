"""The access door for views: how every page about a child loads its record.

Two decorators, one for each kind of address, and nothing else loads a child's record in a
view (tests/test_architecture.py and tests/test_record_urls.py hold every view to them):

    @requires(Permission.VIEW_PERSON)
    @with_person(Purpose.VIEW, page="Person page")            # /people/<person_id>/...
    def detail(request, person): ...

    @requires(Permission.RECORD_PROTECTION)
    @with_record(CPPlan, Purpose.EDIT, page="Child protection plan")   # /protection/plans/<plan_id>/...
    def plan_detail(request, plan): ...                        # plan.person: the child, let in

`with_record` reads the record named by the URL (`<kwarg>`, by default the model's name in
snake case with `_id`: `cp_plan_id` … or give `kwarg="plan_id"`) through
`people.access.get_record_for`, which opens the record's child through the door before the
view sees anything of it. Both decorators answer the door's refusals the same way:

- a restricted child: the break-the-glass page (403), whichever record's address was used,
  and after the glass is broken the user comes back to that address;
- a merged child: the surviving record's page (for one who may undo merges, the merged
  record's page for undoing it);
- any other refusal (the role, a partner not involved): the access-denied page (403).

Every outcome, refusals included, is audited by the door itself.
"""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

from django.contrib import messages
from django.db.models import Model, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render

from accounts.permissions import Permission
from core.http import AuthenticatedHttpRequest

from .access import Purpose, RecordMerged, RestrictedRecord, get_person_for, get_record_for
from .forms import BreakGlassForm

View = Callable[..., HttpResponse]
R = TypeVar("R", bound=Model)


def restricted_page(request: AuthenticatedHttpRequest, restricted: RestrictedRecord) -> HttpResponse:
    """The break-the-glass page for a restricted record reached at this address."""
    return render(
        request,
        "people/restricted.jinja",
        {
            "person_id": restricted.person.pk,
            "la_child_id": restricted.person.la_child_id,
            "can_break_glass": restricted.can_break_glass,
            "form": BreakGlassForm(initial={"next": request.get_full_path()}),
        },
        status=403,
    )


def _through_the_door(
    request: AuthenticatedHttpRequest, load: Callable[[], Any], view: Callable[[Any], Any]
) -> Any:
    try:
        loaded = load()
    except RecordMerged as merged:
        if merged.person_id and request.user.has_perm(Permission.UNDO_MERGE.value):
            return redirect("people:undo_merge", person_id=merged.person_id)
        messages.info(request, "That record was merged into this one.")
        return redirect("people:detail", person_id=merged.survivor_id)
    except RestrictedRecord as restricted:
        return restricted_page(request, restricted)
    return view(loaded)


def with_person(purpose: Purpose, page: str) -> Callable[[View], View]:
    """Load the person named by `<person_id>` through the access door."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(
            request: AuthenticatedHttpRequest, person_id: int, *args: Any, **kwargs: Any
        ) -> HttpResponse:
            return _through_the_door(
                request,
                lambda: get_person_for(request.user, person_id, purpose=purpose, page=page),
                lambda person: view(request, person, *args, **kwargs),
            )

        wrapped.record_model = None  # type: ignore[attr-defined]
        wrapped.record_kwarg = "person_id"  # type: ignore[attr-defined]
        wrapped.record_purpose = purpose  # type: ignore[attr-defined]
        return wrapped

    return decorator


def default_kwarg(model: type[Model]) -> str:
    return f"{model._meta.model_name}_id"


def with_record(
    model: type[R],
    purpose: Purpose,
    *,
    page: str = "",
    kwarg: str | None = None,
    rows: Callable[[], QuerySet[R]] | None = None,
    people: Callable[[R], Iterable[int]] | None = None,
) -> Callable[[View], View]:
    """Load the `model` record named by `<kwarg>` and open its child through the access door
    (`get_record_for`); the view is called with the record in place of the key. `rows`
    returns the queryset to read it from (for `select_related`); `people` names the children
    of a record that concerns several (see `get_record_for`)."""
    name = kwarg or default_kwarg(model)

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: AuthenticatedHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            pk = kwargs.pop(name)
            return _through_the_door(
                request,
                lambda: get_record_for(
                    request.user,
                    model,
                    pk,
                    purpose,
                    page=page,
                    rows=rows() if rows is not None else None,
                    people=people,
                ),
                lambda record: view(request, record, *args, **kwargs),
            )

        wrapped.record_model = model  # type: ignore[attr-defined]
        wrapped.record_kwarg = name  # type: ignore[attr-defined]
        wrapped.record_purpose = purpose  # type: ignore[attr-defined]
        return wrapped

    return decorator
