"""Test helpers: referrals are created directly (the front door's services belong to another
stage), then the services under test are used for everything else."""

from datetime import date

from django.utils import timezone

from frontdoor.models import Referral


def make_referral(person, actor, referral_date: date = date(2025, 4, 1)) -> Referral:  # type: ignore[no-untyped-def]
    return Referral.objects.create(
        person=person,
        referral_date=referral_date,
        received_at=timezone.make_aware(
            timezone.datetime.combine(referral_date, timezone.datetime.min.time())
        ),
        source="1A",
        primary_need="N1",
        created_by=actor,
    )


def start_s47(referral: Referral, worker, held_on: date = date(2025, 12, 15)):  # type: ignore[no-untyped-def]
    """A strategy discussion (police and social care) that decides on a joint s47 enquiry."""
    from protection import services

    return services.record_strategy_discussion(
        actor=worker,
        referral=referral,
        held_on=held_on,
        agencies=["POLICE", "SOCIAL_CARE"],
        information_shared="Bruising",
        decision="S47_JOINT",
    ).s47


def initial_conference(referral: Referral, chair, s47, held_on: date = date(2026, 1, 5), **extra):  # type: ignore[no-untyped-def]
    """An initial child protection conference that makes a plan (category physical abuse)."""
    from protection import services

    return services.record_conference(
        actor=chair,
        referral=referral,
        kind="INITIAL",
        held_on=held_on,
        decision="PLAN",
        category="PHY",
        s47=s47,
        agencies_attended=["POLICE", "HEALTH"],
        agencies_reported=["GP"],
        child_participation="PN1",
        **extra,
    )


def review_conference(chair, plan, held_on: date = date(2026, 3, 31), **extra):  # type: ignore[no-untyped-def]
    """A review child protection conference of `plan` that continues it."""
    from protection import services

    return services.record_conference(
        actor=chair,
        referral=plan.referral,
        kind="REVIEW",
        held_on=held_on,
        decision="CONTINUE",
        plan=plan,
        **extra,
    )
