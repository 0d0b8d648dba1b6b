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
