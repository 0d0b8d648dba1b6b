"""Periods of care and their SSDA903 episodes, with the legal status and placement of each.

`start_care` opens the period with an "S" episode; `record_change` ends the current episode
with REC X1 and starts the next the same day, deriving RNE from what changed (L, P, T, B,
U); `end_care` closes the last episode with the reason care ended.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.permissions import Permission
from accounts.permissions import require as _require
from audit.changes import audit_and_tell
from audit.models import AuditAction
from codes import cin as cin_codes
from codes import ssda903
from core.validation import not_in_future
from people.models import Person

from ..clocks import reason_new_episode
from ..models import CareEpisode, LegalStatusPeriod, PeriodOfCare, Placement
from ..queries import current_episode
from .placements import UNKNOWN_DISTANCE, PlacementDetails


def _create_placement(actor: User, period: PeriodOfCare, details: PlacementDetails, start: date) -> Placement:
    details.validate()
    return Placement.objects.create(
        period=period,
        person=period.person,
        placement_type=details.placement_type,
        provider=details.provider,
        carer_name=details.carer_name.strip(),
        urn=details.urn.strip().upper(),
        address=details.address.strip(),
        postcode=details.postcode.strip().upper(),
        in_area=details.in_area,
        distance_miles=UNKNOWN_DISTANCE if details.distance_miles is None else details.distance_miles,
        visit_regime=details.visit_regime,
        intended_until_18=details.intended_until_18,
        start_date=start,
        recorded_by=actor,
    )


def _current_episode(period: PeriodOfCare, *, ended: str) -> CareEpisode:
    """The open episode of a period of care that has not ended (refused with `ended` if it has)."""
    episode = current_episode(period)
    if episode is None or period.end_date is not None:
        raise ValidationError({"on": ended})
    return episode


def _check_on(on: date, episode: CareEpisode, *, label: str, rule: str) -> None:
    """`on` is not in the future and falls after the current episode started ("<rule> after …")."""
    not_in_future(on, field="on", label=label)
    if on <= episode.start_date:
        raise ValidationError(
            {"on": f"{rule} after the current episode started on {episode.start_date:%-d %B %Y}"}
        )


@transaction.atomic
def start_care(
    *,
    actor: User,
    person: Person,
    start_date: date,
    legal_status: str,
    category_of_need: str,
    placement: PlacementDetails,
    referral: object | None = None,
) -> PeriodOfCare:
    """The child starts to be looked after: a period of care, its first legal status and
    placement, and the first SSDA903 episode (RNE S)."""
    _require(actor, Permission.RECORD_CARE)
    not_in_future(start_date, field="start_date", label="The date the child became looked after")
    if legal_status not in ssda903.LEGAL_STATUS:
        raise ValidationError({"legal_status": "Select the legal status"})
    if category_of_need not in cin_codes.PRIMARY_NEED:
        raise ValidationError({"category_of_need": "Select the category of need"})
    if PeriodOfCare.objects.filter(person=person, end_date__isnull=True).exists():
        raise ValidationError({"start_date": "This child is already looked after; record a change instead"})
    if PeriodOfCare.objects.filter(person=person, end_date__gt=start_date).exists():
        raise ValidationError({"start_date": "The new period of care must start after the last one ended"})
    period = PeriodOfCare.objects.create(
        person=person,
        start_date=start_date,
        category_of_need=category_of_need,
        referral=referral,  # type: ignore[misc]
        created_by=actor,
    )
    status = LegalStatusPeriod.objects.create(
        period=period, person=person, legal_status=legal_status, start_date=start_date, recorded_by=actor
    )
    place = _create_placement(actor, period, placement, start_date)
    episode = CareEpisode.objects.create(
        period=period,
        person=person,
        start_date=start_date,
        reason_new_episode="S",
        legal_status=status,
        placement=place,
    )
    audit_and_tell(
        actor,
        AuditAction.CREATE,
        person,
        period,
        "Started to be looked after",
        changes={
            "start_date": start_date,
            "legal_status": legal_status,
            "category_of_need": category_of_need,
            "placement_type": place.placement_type,
            "episode": episode.pk,
        },
    )
    return period


@transaction.atomic
def record_change(
    *,
    actor: User,
    period: PeriodOfCare,
    on: date,
    legal_status: str | None = None,
    placement: PlacementDetails | None = None,
    same_carer: bool = False,
    reason_for_change: str = "",
) -> CareEpisode:
    """A change of legal status and/or placement on `on`: the current episode ends (REC X1)
    and a new one starts the same day with the RNE derived from what changed."""
    _require(actor, Permission.RECORD_CARE)
    episode = _current_episode(period, ended="This period of care has ended")
    _check_on(on, episode, label="The date of the change", rule="The change must be")
    status_changed = legal_status is not None and legal_status != episode.legal_status.legal_status
    if legal_status is not None and legal_status not in ssda903.LEGAL_STATUS:
        raise ValidationError({"legal_status": "Select the legal status"})
    if not status_changed and placement is None:
        raise ValidationError({"legal_status": "Record a new legal status or a new placement"})
    if placement is not None and reason_for_change not in ssda903.REASON_PLACEMENT_CHANGE:
        raise ValidationError({"reason_for_change": "Select the reason the placement changed"})
    rne = reason_new_episode(
        legal_status_changed=status_changed, placement_changed=placement is not None, same_carer=same_carer
    )
    status = episode.legal_status
    if status_changed:
        status.end_date = on
        status.save(update_fields=["end_date"])
        assert legal_status is not None
        status = LegalStatusPeriod.objects.create(
            period=period, person=period.person, legal_status=legal_status, start_date=on, recorded_by=actor
        )
    place = episode.placement
    if placement is not None:
        place.end_date = on
        place.reason_for_change = reason_for_change
        place.save(update_fields=["end_date", "reason_for_change"])
        place = _create_placement(actor, period, placement, on)
    episode.end_date = on
    episode.reason_ceased = "X1"
    episode.save(update_fields=["end_date", "reason_ceased"])
    new = CareEpisode.objects.create(
        period=period,
        person=period.person,
        start_date=on,
        reason_new_episode=rne,
        legal_status=status,
        placement=place,
    )
    audit_and_tell(
        actor,
        AuditAction.UPDATE,
        period.person,
        new,
        f"Recorded a change in care: {ssda903.REASON_NEW_EPISODE.label(rne).lower()}",
        changes={
            "on": on,
            "reason_new_episode": rne,
            "legal_status": status.legal_status,
            "placement_type": place.placement_type,
            "reason_for_change": reason_for_change,
        },
    )
    return new


@transaction.atomic
def end_care(*, actor: User, period: PeriodOfCare, on: date, reason_ceased: str) -> PeriodOfCare:
    """The child ceases to be looked after: the last episode ends with the REC code."""
    _require(actor, Permission.RECORD_CARE)
    episode = _current_episode(period, ended="This period of care has already ended")
    if reason_ceased not in ssda903.REASON_EPISODE_CEASED or reason_ceased == "X1":
        raise ValidationError({"reason_ceased": "Select why the child stopped being looked after"})
    _check_on(on, episode, label="The date care ended", rule="Care must end")
    episode.end_date = on
    episode.reason_ceased = reason_ceased
    episode.save(update_fields=["end_date", "reason_ceased"])
    LegalStatusPeriod.objects.filter(pk=episode.legal_status_id).update(end_date=on)
    Placement.objects.filter(pk=episode.placement_id).update(end_date=on)
    period.end_date = on
    period.reason_ceased = reason_ceased
    period.save(update_fields=["end_date", "reason_ceased"])
    audit_and_tell(
        actor,
        AuditAction.UPDATE,
        period.person,
        period,
        "Ceased to be looked after",
        changes={"end_date": on, "reason_ceased": reason_ceased},
    )
    return period


@transaction.atomic
def record_period_of_care(
    *,
    actor: User,
    person: Person,
    start_date: date,
    end_date: date | None,
    legal_status: str,
    category_of_need: str,
    placement: PlacementDetails,
    reason_ceased: str = "E8",
) -> PeriodOfCare:
    """A whole period of care in one step (for history migrated from an older system, and
    the demo): `start_care`, then `end_care` when the period has ended. Same rules."""
    period = start_care(
        actor=actor,
        person=person,
        start_date=start_date,
        legal_status=legal_status,
        category_of_need=category_of_need,
        placement=placement,
    )
    if end_date is not None:
        period = end_care(actor=actor, period=period, on=end_date, reason_ceased=reason_ceased)
    return period
