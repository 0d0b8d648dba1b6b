"""Form pages about a child's record, declared: a page that asks one permission, loads its
record through the door (`with_person`, `with_record`) and runs one service with the form's
data is one declaration rather than a view written out:

    plo_meeting = form_view(Permission.RECORD_PERMANENCE, with_record(PreProceedings, ...),
                            f.PLOMeetingForm, services.record_plo_meeting, record="plo", title=...)

On a valid POST the page calls `services.record_plo_meeting(actor=request.user, plo=<the
record>, **cleaned_data)` through `core.forms.form_page`, and goes to the child's page (or
`next_url` of the record). `initial` gives the form's starting values from the record (today's
date, what is recorded already), and `prefill` names fields filled in from the address's query
string of the same name (a link saying what the record is about, `?context=...`); `title` may
be worked out from the record, and `back` is where the page's back link goes (by default the
child's page). A page that does more is written out as a view.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.http import HttpResponse
from django.views.decorators.http import require_http_methods

from accounts.decorators import requires
from accounts.permissions import Permission
from core.forms import form_page
from core.http import AuthenticatedHttpRequest

from .models import Person

View = Callable[..., HttpResponse]


def form_view(
    permission: Permission,
    door: Callable[[View], View],
    form: Callable[..., forms.BaseForm],
    service: Callable[..., Any],
    *,
    title: str | Callable[[Any], str],
    success: str,
    record: str = "person",
    next_url: Callable[[Any], str] | None = None,
    back: Callable[[Any], str] | None = None,
    initial: Callable[[Any], Mapping[str, Any]] | None = None,
    prefill: tuple[str, ...] = (),
) -> View:
    """The form page running `service` on the record `door` loads (passed as `record`)."""

    @requires(permission)
    @door
    @require_http_methods(["GET", "POST"])
    def view(request: AuthenticatedHttpRequest, loaded: Any) -> HttpResponse:
        person = loaded if isinstance(loaded, Person) else loaded.person
        starting = {
            **(initial(loaded) if initial else {}),
            **{name: request.GET.get(name, "") for name in prefill},
        }
        return form_page(
            request,
            form(request.POST or None, initial=starting) if starting else form(request.POST or None),
            lambda data: service(actor=request.user, **{record: loaded}, **data),
            title=title(loaded) if callable(title) else title,
            person=person,
            success=success,
            next_url=next_url(loaded) if next_url else None,
            back=back(loaded) if back else None,
        )

    return view
