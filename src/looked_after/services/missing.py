"""Missing from care and away without authorisation (SSDA903 MISSING), the child's return and
the return home interview."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Permission
from accounts.permissions import require as _require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from codes import ssda903
from core.validation import not_before
from core.versioning import claim_edit
from people.models import Person

from ..models import MissingEpisode
from ..queries import period_on


def _aware(value: datetime) -> datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


@transaction.atomic
def record_missing_episode(
    *,
    actor: User,
    person: Person,
    kind: str,
    started_at: datetime,
    ended_at: datetime | None = None,
    police_informed: bool = False,
    notes: str = "",
) -> MissingEpisode:
    """Record that the child went missing (M) or was away without authorisation (A)."""
    _require(actor, Permission.RECORD_CARE)
    if kind not in ssda903.MISSING_TYPE:
        raise ValidationError({"kind": "Select missing or away from placement"})
    started_at = _aware(started_at)
    if started_at > timezone.now():
        raise ValidationError({"started_at": "The start must be in the past"})
    if ended_at is not None:
        ended_at = _aware(ended_at)
        not_before("ended_at", ended_at, started_at, "The return must be after the child went missing")
        if ended_at > timezone.now():
            raise ValidationError({"ended_at": "The return must be in the past"})
    episode = MissingEpisode.objects.create(
        person=person,
        period=period_on(person, started_at.date()),
        kind=kind,
        started_at=started_at,
        ended_at=ended_at,
        police_informed=police_informed,
        notes=notes.strip(),
        recorded_by=actor,
    )
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        person,
        episode,
        "Recorded a missing episode" if kind == "M" else "Recorded an absence from placement",
        changes={"kind": kind, "started_at": started_at, "ended_at": ended_at},
    )
    return episode


@transaction.atomic
def record_return(
    *,
    actor: User,
    episode: MissingEpisode,
    ended_at: datetime | None = None,
    rhi_offered: bool | None = None,
    rhi_accepted: bool | None = None,
    rhi_held_at: datetime | None = None,
    rhi_by: str = "",
    review_held_on: date | None = None,
    expected_version: int | None = None,
) -> MissingEpisode:
    """Record the child's return and the return home interview (offered, accepted, held).
    `expected_version`: the version the form was opened at (core.versioning)."""
    _require(actor, Permission.RECORD_CARE)
    claim_edit(episode, expected_version)
    changes: dict[str, object] = {}
    if ended_at is not None:
        ended_at = _aware(ended_at)
        if ended_at < episode.started_at or ended_at > timezone.now():
            raise ValidationError(
                {"ended_at": "The return must be after the child went missing and in the past"}
            )
        episode.ended_at = ended_at
        changes["ended_at"] = ended_at
    if rhi_held_at is not None:
        rhi_held_at = _aware(rhi_held_at)
        if episode.ended_at is None:
            raise ValidationError({"rhi_held_at": "Record the child's return before the interview"})
        if rhi_held_at < episode.ended_at or rhi_held_at > timezone.now():
            raise ValidationError({"rhi_held_at": "The interview must be after the return and in the past"})
        if rhi_accepted is False:
            raise ValidationError({"rhi_accepted": "An interview that was held was accepted"})
        rhi_offered, rhi_accepted = True, True
        episode.rhi_held_at = rhi_held_at
        episode.rhi_by = rhi_by.strip()
        changes["rhi_held_at"] = rhi_held_at
    if rhi_offered is not None:
        episode.rhi_offered = rhi_offered
        changes["rhi_offered"] = rhi_offered
    if rhi_accepted is not None:
        if rhi_accepted and episode.rhi_offered is False:
            raise ValidationError({"rhi_accepted": "An interview must be offered before it is accepted"})
        episode.rhi_accepted = rhi_accepted
        changes["rhi_accepted"] = rhi_accepted
    if review_held_on is not None:
        episode.review_held_on = review_held_on
        changes["review_held_on"] = review_held_on
    if not changes:
        raise ValidationError({"ended_at": "Enter the return or the interview details"})
    episode.save()
    audit_and_tell(
        actor, AuditAction.UPDATE, episode.person, episode, "Updated a missing episode", changes=changes
    )
    return episode
