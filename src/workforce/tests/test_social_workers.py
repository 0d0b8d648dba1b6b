"""The social workers on a day: who the caseload, supervision and workload figures count."""

from datetime import timedelta

from django.utils import timezone

from accounts.permissions import Role
from workforce.queries import social_workers


def test_a_worker_whose_account_was_switched_off_is_counted_on_the_days_before_only(make_user):
    today = timezone.localdate()
    stayed = make_user(Role.SOCIAL_WORKER, "stayed")
    left = make_user(Role.SOCIAL_WORKER, "left")
    make_user(Role.TEAM_MANAGER, "manager")
    for user in (stayed, left):
        user.date_joined = timezone.now() - timedelta(days=400)
        user.save(update_fields=["date_joined"])
    left.is_active = False
    left.disabled_as_dormant_at = timezone.now() - timedelta(days=10)
    left.save(update_fields=["is_active", "disabled_as_dormant_at"])

    assert set(social_workers(today - timedelta(days=30))) == {stayed, left}
    assert set(social_workers(today)) == {stayed}
    assert set(social_workers(today - timedelta(days=500))) == set()
