"""Multi-agency audits: a programme's partner auditors (partner agency users) are let into the
sampled children's records, and no others, until the programme month's end, through the
access door, every use audited; they audit only their programme's children."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.permissions import Role
from audit.models import AuditAction, AuditEvent
from people import access
from people.models import AccessGrant
from people.tests.factories import make_person
from quality import rules, services, worklist
from quality.models import AuditTool
from timescales import add_months

from .conftest import day
from .factories import make_audit, multi_agency_programme


@pytest.fixture
def lead(make_user):
    return make_user(Role.AUDITOR, "qa.lead")


@pytest.fixture
def partner(make_user):
    return make_user(Role.PARTNER, "health.auditor", first_name="Hana", last_name="Health", team=None)


@pytest.fixture
def programme(lead, partner, allocated):
    return multi_agency_programme(lead, partner)


def test_a_partner_auditor_opens_only_the_audited_children_until_the_months_end(
    programme, partner, allocated, team_manager
):
    other = make_person(team_manager, "Owen", "Other", date_of_birth=day(-3000))
    assert list(programme.partner_auditors.all()) == [partner]
    [grant] = AccessGrant.objects.all()
    month_end = add_months(day(0).replace(day=1), 1) - timedelta(days=1)
    assert (grant.person, grant.user, grant.ends_on) == (allocated, partner, month_end)
    [asked] = worklist.asked_of(partner, day(0))
    assert asked.due == grant.ends_on == rules.programme_ends_on(programme.month)
    assert AuditEvent.objects.filter(person=allocated, summary__startswith="Gave Hana Health access").exists()

    assert access.get_person_for(partner, allocated.pk) == allocated
    assert AuditEvent.objects.filter(person=allocated, actor=partner, action=AuditAction.VIEW).exists()
    with pytest.raises(PermissionDenied):
        access.get_person_for(partner, other.pk)
    assert AuditEvent.objects.filter(person=other, actor=partner, action=AuditAction.REFUSED).exists()
    assert list(access.visible_people(partner)) == [allocated]
    assert access.openable_ids(partner, [allocated.pk, other.pk]) == {allocated.pk}

    after = month_end + timedelta(days=1)
    with mock.patch("django.utils.timezone.localdate", return_value=after):
        with pytest.raises(PermissionDenied):
            access.get_person_for(partner, allocated.pk)
        assert not access.visible_people(partner).exists()


def test_a_partner_auditor_audits_their_programmes_children_only(
    programme, partner, allocated, make_user, team_manager
):
    tool = AuditTool.objects.get()
    audit = make_audit(partner, allocated, tool, audited_on=day(0))
    assert audit.auditor == partner and programme.cases.get().audit == audit
    elsewhere = make_user(Role.PARTNER, "police.partner", team=None)
    with pytest.raises(PermissionDenied):
        make_audit(elsewhere, allocated, tool, audited_on=day(0))


def test_the_partner_auditor_audits_through_the_page_and_cannot_reach_another_child(
    client_for, programme, partner, allocated, team_manager
):
    other = make_person(team_manager, "Owen", "Other", date_of_birth=day(-3000))
    client = client_for(partner)
    assert client.get(reverse("quality:new_audit", args=[allocated.pk])).status_code == 200
    assert client.get(reverse("quality:new_audit", args=[other.pk])).status_code == 403
    assert client.get(reverse("people:detail", args=[other.pk])).status_code == 403
    assert client.get(reverse("people:detail", args=[allocated.pk])).status_code == 200


def test_only_partner_agency_users_join_a_programme_as_partner_auditors(lead, social_worker, allocated):
    with pytest.raises(ValidationError) as refused:
        services.draw_programme(
            actor=lead,
            name="Multi-agency audit",
            month=day(0),
            tool=AuditTool.objects.get(),
            rule="RANDOM",
            size=5,
            partners=[social_worker],
        )
    assert set(refused.value.message_dict) == {"partners"}
    assert not AccessGrant.objects.exists()


def test_the_audits_asked_of_a_partner_auditor_are_on_their_my_work_until_done(
    client_for, programme, partner, allocated, social_worker
):
    client = client_for(partner)
    page = client.get(reverse("workforce:my_work")).content.decode()
    assert "Case audit to do (Multi-agency audit)" in page
    assert allocated.display_name in page
    assert reverse("quality:new_audit", args=[allocated.pk]) in page
    assert "work asked of you by name, such as the case audits you are to do" in page
    # The child's worker is invited to take part; the audit is not theirs to do.
    worker_page = client_for(social_worker).get(reverse("workforce:my_work")).content.decode()
    assert "Case audit to do" not in worker_page
    assert "Case audit invitation" in worker_page

    make_audit(partner, allocated, AuditTool.objects.get(), audited_on=day(0))
    assert "Case audit to do" not in client.get(reverse("workforce:my_work")).content.decode()


def test_a_partner_auditors_audit_leaves_their_my_work_when_the_month_ends_but_the_auditors_stays_overdue(
    client_for, programme, partner, allocated
):
    [case] = programme.cases.all()
    after = add_months(day(0).replace(day=1), 1) + timedelta(days=2)
    with mock.patch("django.utils.timezone.localdate", return_value=after):
        assert (
            "Case audit to do" not in client_for(partner).get(reverse("workforce:my_work")).content.decode()
        )
    [asked] = worklist.asked_of(case.auditor, after)
    assert (asked.person_id, asked.title, asked.is_overdue(after)) == (
        allocated.pk,
        "Case audit to do (Multi-agency audit)",
        True,
    )
    assert not list(worklist.asked_of(partner, after))


@pytest.mark.parametrize("how", ["withdrawn", "ended early"])
def test_a_partner_auditors_audit_leaves_their_my_work_when_their_access_ends_before_the_month_does(
    client_for, programme, partner, allocated, how
):
    """My work asks of a partner auditor what the access door lets them do: the grant, not the
    programme's month, says until when."""
    grant = AccessGrant.objects.get(user=partner, person=allocated)
    if how == "withdrawn":
        grant.delete()
    else:
        AccessGrant.objects.filter(pk=grant.pk).update(starts_on=day(-1), ends_on=day(-1))
    with pytest.raises(PermissionDenied):
        access.get_person_for(partner, allocated.pk)
    assert not list(worklist.asked_of(partner, day(0)))
    assert "Case audit to do" not in client_for(partner).get(reverse("workforce:my_work")).content.decode()
    [case] = programme.cases.all()
    assert [asked.person_id for asked in worklist.asked_of(case.auditor, day(0))] == [allocated.pk]


def test_a_partner_auditors_audit_stays_on_their_my_work_while_their_access_is_extended(
    programme, partner, allocated
):
    after = add_months(programme.month, 1) + timedelta(days=2)
    grant = AccessGrant.objects.get(user=partner, person=allocated)
    AccessGrant.objects.filter(pk=grant.pk).update(ends_on=after)
    with mock.patch("django.utils.timezone.localdate", return_value=after):
        assert access.get_person_for(partner, allocated.pk) == allocated
    [asked] = worklist.asked_of(partner, after)
    assert (asked.person_id, asked.title) == (allocated.pk, "Case audit to do (Multi-agency audit)")
