"""Test helpers for every stage: referrals and front-door decisions made through the front
door's services."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from frontdoor import services
from frontdoor.models import Contact, Referral


def stepped_to_early_help(screener, manager, child, day: date) -> Contact:  # type: ignore[no-untyped-def]
    """A school's call about `child` on `day`, screened by `screener` and decided by `manager`
    (that afternoon) as "Step to early help"."""

    def at(hour: int) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(hour)))

    contact = services.record_contact(
        actor=screener,
        received_at=at(9),
        channel="PHONE",
        source="2A",
        concern="School worried about attendance and tiredness.",
        consent="GIVEN",
        children=[child],
    )
    services.screen_contact(
        actor=screener,
        contact=contact,
        threshold_level="2",
        decision="EARLY_HELP",
        summary="Needs can be met by early help.",
        screened_at=at(11),
    )
    services.confirm_decision(actor=manager, contact=contact, rationale="Early help", decided_at=at(15))
    return contact


def open_referral(manager, child, day: date, source: str = "6", **extra) -> Referral:  # type: ignore[no-untyped-def]
    """A referral of `child` dated `day` (received at ten that morning) opened by `manager`;
    from the police unless `source` says."""
    return services.open_referral(
        actor=manager,
        person=child,
        referral_date=day,
        received_at=timezone.make_aware(datetime.combine(day, time(10))),
        source=source,
        **extra,
    )


def screened_at_level_3(
    contact: Contact, screener, decision: str = "ASSESSMENT", need: str = "N1"
) -> Contact:  # type: ignore[no-untyped-def]
    """`screener` screens `contact` two hours after it came in: level 3 (statutory), for
    `decision` (an assessment unless said) under primary need `need`."""
    return services.screen_contact(
        actor=screener,
        contact=contact,
        threshold_level="3",
        decision=decision,
        primary_need=need,
        summary="Needs an assessment.",
        screened_at=contact.received_at + timedelta(hours=2),
    )
