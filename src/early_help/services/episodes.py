"""Early help episodes: starting one (directly, from the front door, or stepped down from
social care), its lead professional, and ending it (or stepping the child up)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.changes import audit_and_tell
from audit.models import AuditAction
from core.extensions import changed
from core.versioning import claim_edit
from core.workflow import Step, midday, opening_row, transition
from frontdoor import services as frontdoor_services
from people.models import Person

from .. import rules
from ..machines import EPISODE
from ..models import (
    EarlyHelpEpisode,
    EndReason,
    EntryRoute,
    EpisodeStatus,
    EpisodeStatusChange,
    Handover,
    HandoverDirection,
)
from .common import _audit, _require

STEP_DOWN_REASON = "Needs can be met by early help"


def _new_episode(
    *,
    actor: User,
    person_id: int,
    start_date: date,
    reason: str,
    worker: User,
    lead_professional_name: str,
    lead_professional_agency: str,
    entry_route: str,
    recorded_by: User,
) -> tuple[EarlyHelpEpisode, EpisodeStatusChange]:
    """The episode and the first row of its history (`recorded_by`), neither yet saved; the
    lead professional is the worker unless another is named."""
    episode = EarlyHelpEpisode(
        person_id=person_id,
        start_date=start_date,
        reason=reason.strip(),
        entry_route=entry_route,
        worker=worker,
        lead_professional_name=lead_professional_name.strip() or worker.display_name,
        lead_professional_agency=lead_professional_agency.strip() or "Early help",
        created_by=actor,
    )
    started = opening_row(episode, Step("start", recorded_by, midday(start_date)), **EPISODE)
    return episode, started  # type: ignore[return-value]


def _step_down_handover(
    episode: EarlyHelpEpisode, *, handed_over_by: str, reason: str, summary: str, recorded_by: User
) -> Handover:
    """The handover from social care that a stepped-down episode starts with (not yet saved)."""
    return Handover(
        episode=episode,
        direction=HandoverDirection.STEP_DOWN,
        handover_date=episode.start_date,
        from_service=handed_over_by.strip(),
        to_service="Early help",
        reason=reason.strip() or STEP_DOWN_REASON,
        summary=summary.strip(),
        recorded_by=recorded_by,
    )


@transaction.atomic
def start_episode(
    *,
    actor: User,
    person: Person,
    start_date: date,
    reason: str,
    lead_professional_name: str = "",
    lead_professional_agency: str = "",
    worker: User | None = None,
    entry_route: str = EntryRoute.DIRECT,
    step_down_from: str = "",
    step_down_reason: str = "",
    step_down_summary: str = "",
) -> EarlyHelpEpisode:
    """Start an early help episode; a step-down from social care records the handover."""
    _require(actor)
    rules.check_new_episode(
        record_type=person.record_type,
        start_date=start_date,
        reason=reason,
        entry_route=entry_route,
        step_down_from=step_down_from,
        step_down_summary=step_down_summary,
        has_open_episode=EarlyHelpEpisode.objects.filter(person=person, status=EpisodeStatus.OPEN).exists(),
    )
    episode, started = _new_episode(
        actor=actor,
        person_id=person.pk,
        start_date=start_date,
        reason=reason,
        worker=worker or actor,
        lead_professional_name=lead_professional_name,
        lead_professional_agency=lead_professional_agency,
        entry_route=entry_route,
        recorded_by=actor,
    )
    episode.person = person
    episode.save()
    started.save()
    _audit(
        actor, episode, episode, "Early help episode started", start_date=start_date, entry_route=entry_route
    )
    if entry_route == EntryRoute.STEP_DOWN:
        handover = _step_down_handover(
            episode,
            handed_over_by=step_down_from,
            reason=step_down_reason,
            summary=step_down_summary,
            recorded_by=actor,
        )
        handover.save()
        _audit(actor, episode, handover, "Step-down from children's social care")
    changed(person)
    return episode


@transaction.atomic
def set_lead_professional(
    *, actor: User, episode: EarlyHelpEpisode, name: str, agency: str, expected_version: int | None = None
) -> EarlyHelpEpisode:
    """The lead professional may be from any agency, not necessarily a Harbour user.
    `expected_version`: the episode's version when the form was opened (core.versioning)."""
    _require(actor)
    rules.check_open(episode.status)
    if not name.strip() or not agency.strip():
        raise ValidationError({"name": "Enter the lead professional's name and agency"})
    claim_edit(episode, expected_version)
    before = [episode.lead_professional_name, episode.lead_professional_agency]
    episode.lead_professional_name, episode.lead_professional_agency = name.strip(), agency.strip()
    episode.save(update_fields=["lead_professional_name", "lead_professional_agency", "version"])
    audit_and_tell(
        actor,
        AuditAction.UPDATE,
        episode.person,
        episode,
        "Lead professional changed",
        changes={"lead_professional": [" / ".join(before), f"{name} / {agency}"]},
    )
    return episode


def _end(actor: User, episode: EarlyHelpEpisode, end_date: date, end_reason: str, note: str) -> None:
    rules.check_end(start=episode.start_date, end_date=end_date, end_reason=end_reason)
    episode.end_date, episode.end_reason = end_date, end_reason
    episode.save(update_fields=["end_date", "end_reason"])
    transition(
        episode,
        "end",
        **EPISODE,
        actor=actor,
        occurred_at=midday(end_date),
        reason=note or EndReason(end_reason).label,
        person=episode.person,
        summary=f"Early help episode ended: {EndReason(end_reason).label}",
    )
    changed(episode.person_id)


@transaction.atomic
def end_episode(
    *, actor: User, episode: EarlyHelpEpisode, end_date: date, end_reason: str, note: str = ""
) -> EarlyHelpEpisode:
    """End the episode (outcomes met, NFA, declined, moved …). Step-up has its own service."""
    _require(actor)
    rules.check_not_step_up(end_reason)
    _end(actor, episode, end_date, end_reason, note)
    return episode


@transaction.atomic
def step_up(
    *,
    actor: User,
    episode: EarlyHelpEpisode,
    handover_date: date,
    reason: str,
    summary: str,
    received_at: datetime | None = None,
) -> Handover:
    """Step the child up to social care: a contact at the front door, the handover recorded,
    and the episode ended with the reason "stepped up"."""
    _require(actor)
    rules.check_open(episode.status)
    if not reason.strip() or not summary.strip():
        raise ValidationError({"summary": "Enter the reason and a summary for the front door"})
    rules.check_date("handover_date", handover_date, episode.start_date, "The handover date")
    contact = frontdoor_services.record_step_up_contact(
        actor=actor,
        person=episode.person,
        received_at=received_at or min(timezone.now(), midday(handover_date)),
        concern=f"Step-up from early help: {reason.strip()}\n\n{summary.strip()}",
    )
    handover = Handover.objects.create(
        episode=episode,
        direction=HandoverDirection.STEP_UP,
        handover_date=handover_date,
        from_service="Early help",
        to_service="Front door (children's social care)",
        reason=reason.strip(),
        summary=summary.strip(),
        contact=contact,
        recorded_by=actor,
    )
    _audit(actor, episode, handover, "Step-up to children's social care")
    _end(actor, episode, handover_date, EndReason.STEP_UP, reason.strip())
    return handover
