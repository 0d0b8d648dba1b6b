"""What the children in care pages share: the timeline's address, and the open period of
care a page about the current care is for (given after the person, or as the page's record)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from core.http import AuthenticatedHttpRequest
from people.access import Purpose
from people.decorators import with_person
from people.models import Person

from .. import queries
from ..models import PeriodOfCare


def timeline_url(person: Person) -> str:
    return reverse("looked_after:timeline", args=[person.pk])


def with_open_period(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page about the child's current period of care: the view is given the open period
    after the person; a child who is not looked after goes back to the timeline."""

    @wraps(view)
    def wrapped(request: AuthenticatedHttpRequest, person: Person, *args: Any, **kwargs: Any) -> HttpResponse:
        period = queries.open_period(person)
        if period is None:
            messages.info(request, "This child is not looked after.")
            return redirect(timeline_url(person))
        return view(request, person, period, *args, **kwargs)

    return wrapped


def open_period_door(page: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """The door of a page recording something on the child's current period of care: the
    view is given that open period as its record (for `people.pages.form_view`)."""

    def door(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @with_person(Purpose.EDIT, page=page)
        @with_open_period
        def wrapped(
            request: AuthenticatedHttpRequest, person: Person, period: PeriodOfCare, *args: Any, **kwargs: Any
        ) -> HttpResponse:
            return view(request, period, *args, **kwargs)

        return wrapped

    return door


def period_timeline_url(period: PeriodOfCare) -> str:
    return timeline_url(period.person)
