"""Session keep-alive and server-side drafts (ADR 0009). Used by `harbour/session.js`;
the draft pages and the "Save draft" button also work without JavaScript."""

import json

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from core.http import AuthenticatedHttpRequest, authenticated

from . import drafts
from .middleware import LAST_ACTIVITY, SIGNED_IN_AT
from .models import Draft


def _remaining(request: AuthenticatedHttpRequest) -> int:
    import math
    import time

    now = time.time()
    last = float(request.session.get(LAST_ACTIVITY, now))
    idle_left = settings.HARBOUR_IDLE_SECONDS - (now - last)
    started = float(request.session.get(SIGNED_IN_AT, now))
    absolute_left = settings.HARBOUR_SESSION_ABSOLUTE_SECONDS - (now - started)
    return max(0, math.ceil(min(idle_left, absolute_left)))


@authenticated
@require_GET
def session_status(request: AuthenticatedHttpRequest) -> HttpResponse:
    """How long the session has left (does not count as activity)."""
    return JsonResponse({"expires_in": _remaining(request), "warning": settings.HARBOUR_IDLE_WARNING_SECONDS})


@authenticated
@require_POST
def keep_alive(request: AuthenticatedHttpRequest) -> HttpResponse:
    """ "Stay signed in": the request itself is the activity that extends the session."""
    if not request.headers.get("Accept", "").startswith("application/json"):
        back = request.POST.get("next", "")
        if back and url_has_allowed_host_and_scheme(back, {request.get_host()}):
            return redirect(back)
        return redirect("home")
    return JsonResponse({"expires_in": _remaining(request)})  # never past the absolute end


def _target(request: AuthenticatedHttpRequest) -> str:
    url = request.POST.get("_draft_url") or request.GET.get("url") or ""
    if not url.startswith("/") or not url_has_allowed_host_and_scheme(url, {request.get_host()}):
        return ""
    return drafts.normalise_url(url)


@authenticated
@require_POST
def save_draft(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Keep the answers of the form at `_draft_url` (from the script, or a "Save draft" button)."""
    url = _target(request)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if not url:
        if wants_json:
            return JsonResponse({"saved": False}, status=400)
        return redirect("core:drafts")
    draft = drafts.save(request.user, url, request.POST)
    if wants_json:
        return JsonResponse({"saved": draft is not None, "expires_in": _remaining(request)})
    messages.success(request, "Draft saved. You can come back to it from ‘Your unsaved work’.")
    return redirect("core:draft", draft.pk) if draft else redirect(url)


@authenticated
@require_GET
def current_draft(request: AuthenticatedHttpRequest) -> HttpResponse:
    draft = drafts.get(request.user, _target(request))
    if draft is None:
        return JsonResponse({"draft": None})
    return JsonResponse(
        {
            "draft": {
                "data": draft.data,
                "updated_at": draft.updated_at.isoformat(),
                "from_expired_session": draft.from_expired_session,
            }
        }
    )


@authenticated
@require_POST
def discard_draft(request: AuthenticatedHttpRequest) -> HttpResponse:
    draft_id = request.POST.get("draft_id", "")
    if draft_id.isdigit():
        Draft.objects.filter(user=request.user, pk=int(draft_id)).delete()
    else:
        drafts.discard(request.user, _target(request))
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"discarded": True})
    messages.success(request, "Draft deleted")
    return redirect("core:drafts")


@authenticated
def draft_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "core/drafts.jinja", {"drafts": Draft.objects.filter(user=request.user)[:100]})


@authenticated
def draft_detail(request: AuthenticatedHttpRequest, draft_id: int) -> HttpResponse:
    """Your unsaved work: what was typed, and a button that sends it to the form again."""
    draft = Draft.objects.filter(user=request.user, pk=draft_id).first()
    if draft is None:
        raise Http404
    fields = [(k, v) for k, v in draft.data.items()]
    visible = [(k, ", ".join(v)) for k, v in fields if any(x.strip() for x in v) and k != "version"]
    return render(
        request,
        "core/draft.jinja",
        {"draft": draft, "fields": fields, "visible": visible, "data_json": json.dumps(draft.data)},
    )
