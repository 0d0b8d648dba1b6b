"""The family group conference waiting list: families join it and leave when the conference
is held or the request withdrawn."""

from datetime import date

from django.db import transaction

from accounts.models import User
from core.extensions import changed

from .. import rules
from ..models import EarlyHelpEpisode, FamilyGroupConferenceRequest
from .common import _audit, _require


@transaction.atomic
def request_fgc(
    *, actor: User, episode: EarlyHelpEpisode, requested_on: date, notes: str = ""
) -> FamilyGroupConferenceRequest:
    """Put the family on the family group conference waiting list."""
    _require(actor)
    rules.check_fgc_request(
        status=episode.status,
        start=episode.start_date,
        requested_on=requested_on,
        waiting=episode.fgc_requests.filter(held_on__isnull=True, withdrawn_on__isnull=True).exists(),  # type: ignore[attr-defined]
    )
    row = FamilyGroupConferenceRequest.objects.create(
        episode=episode, requested_on=requested_on, notes=notes.strip(), recorded_by=actor
    )
    _audit(actor, episode, row, "Family group conference requested", requested_on=requested_on)
    changed(episode.person_id)
    return row


@transaction.atomic
def record_fgc_outcome(
    *, actor: User, request: FamilyGroupConferenceRequest, on: date, held: bool
) -> FamilyGroupConferenceRequest:
    """The conference was held (or the request withdrawn): it leaves the waiting list."""
    _require(actor)
    rules.check_fgc_outcome(requested_on=request.requested_on, on=on, waiting=request.is_waiting)
    if held:
        request.held_on = on
    else:
        request.withdrawn_on = on
    request.save(update_fields=["held_on", "withdrawn_on"])
    _audit(actor, request.episode, request, "Family group conference " + ("held" if held else "withdrawn"))
    changed(request.episode.person_id)
    return request
