"""The subject access clock (UK GDPR Art 12(3)): one month from receipt, extendable by up to
two further months; shown on the pages and in the managers' work lists when overdue."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditEvent
from casework import services
from casework.clocks import subject_access_clock, subject_access_due
from workforce.tests.factories import allocate


@pytest.mark.parametrize(
    ("received", "extension", "due"),
    [
        (date(2025, 9, 3), 0, date(2025, 10, 3)),  # the corresponding date (a Friday)
        (date(2025, 1, 31), 0, date(2025, 2, 28)),  # February has no 31st: its last day
        (date(2024, 1, 31), 0, date(2024, 2, 29)),  # leap year
        (date(2026, 1, 31), 0, date(2026, 3, 2)),  # 28 Feb 2026 is a Saturday: next working day
        (date(2025, 11, 25), 0, date(2025, 12, 29)),  # Christmas, Boxing Day, then a weekend
        (date(2025, 1, 31), 1, date(2025, 3, 31)),
        (date(2025, 1, 31), 2, date(2025, 4, 30)),  # three months at most
        (date(2025, 11, 30), 2, date(2026, 3, 2)),  # 28 Feb 2026 (Saturday) -> Monday
    ],
)
def test_due_date_follows_corresponding_date_and_working_day_rule(received, extension, due):
    assert subject_access_due(received, extension) == due


@pytest.mark.parametrize("extension", [-1, 3])
def test_due_date_refuses_extension_beyond_two_months(extension):
    with pytest.raises(ValueError):
        subject_access_due(date(2025, 1, 31), extension)


def test_clock_is_overdue_only_after_the_due_date_while_open():
    received = date(2025, 1, 31)
    assert not subject_access_clock(received, date(2025, 2, 28)).overdue
    late = subject_access_clock(received, date(2025, 3, 1))
    assert late.overdue and late.late and late.due == date(2025, 2, 28)
    extended = subject_access_clock(received, date(2025, 3, 1), extension_months=2)
    assert not extended.overdue and extended.first_month_due == date(2025, 2, 28)
    answered_late = subject_access_clock(received, date(2025, 6, 1), answered_on=date(2025, 3, 3))
    assert not answered_late.overdue and answered_late.late


def _sar(actor, child, received_on):
    return services.create_subject_access_request(
        actor=actor, person=child, requested_by_name="Amelia", received_on=received_on
    )


def test_extension_recorded_moves_due_date_and_is_audited(child, team_manager):
    sar = _sar(team_manager, child, date(2026, 1, 31))
    services.extend_subject_access(
        actor=team_manager,
        sar=sar,
        months=2,
        reason="Twelve years of records across three authorities",
        told_on=date(2026, 2, 20),
    )
    sar.refresh_from_db()
    assert (sar.extension_months, sar.extended_by) == (2, team_manager)
    assert sar.clock(date(2026, 3, 10)).due == date(2026, 4, 30) and not sar.clock(date(2026, 3, 10)).overdue
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, person_id=child.pk, summary__contains="Extended the time limit"
    ).exists()


@pytest.mark.parametrize(
    ("months", "reason", "told_on", "field"),
    [
        (2, "Complex", date(2026, 3, 3), "told_on"),  # told after the first month (due 2 March)
        (2, "Complex", date(2026, 1, 30), "told_on"),  # before the request arrived
        (2, "  ", date(2026, 2, 2), "reason"),
        (3, "Complex", date(2026, 2, 2), "months"),
    ],
)
def test_extension_refused_when_late_unexplained_or_too_long(
    child, team_manager, months, reason, told_on, field
):
    sar = _sar(team_manager, child, date(2026, 1, 31))
    with pytest.raises(ValidationError) as caught:
        services.extend_subject_access(
            actor=team_manager, sar=sar, months=months, reason=reason, told_on=told_on
        )
    assert field in caught.value.message_dict
    sar.refresh_from_db()
    assert sar.extension_months == 0


def test_extension_refused_twice_and_for_social_worker(child, team_manager, social_worker):
    sar = _sar(team_manager, child, date(2026, 1, 31))
    with pytest.raises(PermissionDenied):
        services.extend_subject_access(
            actor=social_worker, sar=sar, months=1, reason="Complex", told_on=date(2026, 2, 2)
        )
    services.extend_subject_access(
        actor=team_manager, sar=sar, months=1, reason="Complex", told_on=date(2026, 2, 2)
    )
    with pytest.raises(ValidationError):
        services.extend_subject_access(
            actor=team_manager, sar=sar, months=1, reason="More", told_on=date(2026, 2, 3)
        )


def test_pages_show_due_date_and_overdue_state(client_for, child, team_manager):
    old = _sar(team_manager, child, date(2026, 1, 31))
    fresh = _sar(team_manager, child, timezone.localdate())
    client = client_for(team_manager)
    listing = client.get(reverse("casework:subject_access", args=[child.pk])).content.decode()
    assert "2 March 2026" in listing and listing.count("Overdue") == 1
    detail = client.get(reverse("casework:sar_detail", args=[old.pk])).content.decode()
    assert "Answer due by" in detail and "2 March 2026" in detail and "Overdue" in detail
    assert "Extend the time limit" in detail
    fresh_detail = client.get(reverse("casework:sar_detail", args=[fresh.pk])).content.decode()
    assert "Overdue" not in fresh_detail and "days left" in fresh_detail


def test_extend_page_records_extension_and_keeps_input_when_invalid(client_for, child, team_manager):
    received = timezone.localdate() - timedelta(days=3)
    sar = _sar(team_manager, child, received)
    client = client_for(team_manager)
    url = reverse("casework:sar_extend", args=[sar.pk])
    told = timezone.localdate()
    bad = client.post(url, {"months": "2", "reason": "Records held on paper in two archives"})
    assert bad.status_code == 400
    assert b"Records held on paper in two archives" in bad.content and b"There is a problem" in bad.content
    good = client.post(
        url,
        {
            "months": "2",
            "reason": "Records held on paper in two archives",
            "told_on-day": str(told.day),
            "told_on-month": str(told.month),
            "told_on-year": str(told.year),
        },
    )
    assert good.status_code == 302
    sar.refresh_from_db()
    assert sar.extension_months == 2 and sar.extension_told_on == told
    detail = client.get(reverse("casework:sar_detail", args=[sar.pk])).content.decode()
    assert "Records held on paper in two archives" in detail and "Extend the time limit" not in detail


def test_overdue_request_in_team_managers_list_not_social_workers(
    client_for, child, team, team_manager, social_worker
):
    allocate(team_manager, child, social_worker, team)
    sar = _sar(team_manager, child, date(2026, 1, 31))
    link = reverse("casework:sar_detail", args=[sar.pk]).encode()
    team_page = client_for(team_manager).get(reverse("workforce:team", args=[team.pk]))
    assert team_page.status_code == 200 and b"Subject access request overdue" in team_page.content
    overdue = client_for(team_manager).get(reverse("workforce:team_overdue", args=[team.pk]))
    assert overdue.status_code == 200 and link in overdue.content
    my_work = client_for(social_worker).get(reverse("workforce:my_work"))
    assert my_work.status_code == 200 and link not in my_work.content


def test_released_or_in_time_request_not_in_work_list(child, team_manager, make_user):
    from accounts.permissions import Role
    from casework.worklist import items

    _sar(team_manager, child, timezone.localdate())
    assert list(items([child.pk], timezone.localdate())) == []
    old = _sar(team_manager, child, date(2026, 1, 31))
    [item] = items([child.pk], timezone.localdate())
    assert item.due == date(2026, 3, 2) and item.rule_id == "subject_access"
    services.start_subject_access_review(actor=team_manager, sar=old)
    services.approve_subject_access(actor=make_user(Role.SERVICE_MANAGER, "approver"), sar=old)
    services.release_subject_access(actor=team_manager, sar=old)
    assert list(items([child.pk], timezone.localdate())) == []
