"""The data-quality loop with the DfE's own rules, not fakes: a worker breaks a real record,
the CIN census rules flag it on the data-quality page, linked to where it is fixed, and the
finding goes when the worker puts it right."""

from datetime import date, datetime

import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Role
from people import services as people
from returns import registry, services

from .cin_cohort import make_cohort

DATA_QUALITY = reverse("returns:data_quality")


def test_a_broken_record_is_flagged_by_the_dfe_rules_and_cleared_when_fixed(
    db, make_user, client_for, settings, django_capture_on_commit_callbacks
):
    settings.HARBOUR_REVALIDATE_ON_CHANGE = True
    with django_capture_on_commit_callbacks(execute=True):
        cohort = make_cohort(make_user)
    # Checked on the last day of the cohort's collection year (1 April 2025 - 31 March 2026).
    travel = time_machine.travel(timezone.make_aware(datetime(2026, 3, 31, 10, 0)), tick=False)
    travel.start()
    analyst = make_user(Role.PERFORMANCE, "dq.analyst")
    client = client_for(analyst)
    child = cohort.assessed
    worker = User.objects.get(username="cohort.worker")

    def born_on(day: date) -> None:
        """The worker records the child's date of birth as `day`, committed so that the
        change revalidates the child."""
        child.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            people.update_person(
                actor=worker, person=child, data={"date_of_birth": day}, expected_version=child.version
            )

    # Only the CIN census here: its rules cover this child (the SSDA903 has its own tests).
    with registry.override("ssda903", None):
        services.validate_live_data()
        assert child.la_child_id not in client.get(DATA_QUALITY).content.decode()

        # A mistyped date of birth: the referral is now more than 40 weeks before the birth.
        born_on(date(2026, 3, 1))
        page = client.get(DATA_QUALITY).content.decode()
        assert child.la_child_id in page
        assert "8606" in page and "more than 40 weeks before DOB" in page
        assert f"/people/{child.pk}/" in page  # linked into the child's record

        born_on(date(2012, 1, 15))
        assert child.la_child_id not in client.get(DATA_QUALITY).content.decode()
    travel.stop()
