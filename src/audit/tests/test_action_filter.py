"""Auditors list security and retention events by kind: lockouts, unlocks, resets, deletions."""

import pytest
from django.test import Client

from accounts import services as accounts
from accounts import twofactor
from accounts.permissions import Role
from audit import services as auditor
from audit.models import AuditAction, AuditEvent

SIGN_IN = "/accounts/sign-in/"


@pytest.fixture
def security_events(admin_user, make_user):
    """A real lockout, an unlock and a two-factor reset, plus an unrelated sign-out."""
    locked = make_user(Role.EARLY_HELP, "eh.locked")
    for _ in range(5):
        Client().post(SIGN_IN, {"username": "eh.locked", "password": "wrong"})
    accounts.unlock_sign_in(actor=admin_user, user=locked, reason="Rang the desk")
    lost = make_user(Role.SOCIAL_WORKER, "lost.phone")
    twofactor.start_enrolment(lost)
    accounts.reset_two_factor(actor=admin_user, user=lost, reason="Lost phone")
    auditor.record(actor=admin_user, action=AuditAction.SIGN_OUT, summary="Signed out")
    return {"locked": locked, "lost": lost}


@pytest.mark.django_db
def test_each_security_event_has_its_own_action_when_recorded(security_events):
    actions = set(AuditEvent.objects.values_list("action", flat=True))

    assert {AuditAction.LOCKOUT, AuditAction.UNLOCK, AuditAction.RESET_TWO_FACTOR} <= actions
    lockout_event = AuditEvent.objects.get(action=AuditAction.LOCKOUT)
    assert lockout_event.summary == "Sign-in locked (username) after repeated failures"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("LOCKOUT", "Sign-in locked (username)"),
        ("UNLOCK", "Sign-in unlocked by an administrator"),
        ("RESET_TWO_FACTOR", "Two-factor sign-in reset"),
    ],
)
def test_auditor_lists_only_events_of_the_kind_chosen_when_filtering(
    client_for, auditor_user, security_events, action, expected
):
    client = client_for(auditor_user)

    page = client.get(f"/audit/?action={action}").content.decode()

    assert expected in page
    others = {"Sign-in locked (username)", "Sign-in unlocked by an administrator", "Two-factor sign-in reset"}
    for other in others - {expected}:
        assert other not in page
    assert "</strong> Signed out" not in page


@pytest.mark.django_db
def test_users_audit_page_shows_what_was_done_to_their_account_when_filtered(
    client_for, auditor_user, security_events
):
    client = client_for(auditor_user)
    lost = security_events["lost"]

    everything = client.get(f"/audit/user/{lost.pk}/").content.decode()
    only_unlocks = client.get(f"/audit/user/{lost.pk}/?action=UNLOCK").content.decode()

    assert "Two-factor sign-in reset" in everything and "Lost phone" in everything
    assert "Two-factor sign-in reset" not in only_unlocks


@pytest.mark.django_db
def test_unknown_action_shows_the_default_list_when_filtering(client_for, auditor_user, security_events):
    response = client_for(auditor_user).get("/audit/?action=NOT_AN_ACTION")

    assert response.status_code == 200
    assert "Recent refusals and break-glass openings" in response.content.decode()
    sign_outs = client_for(auditor_user).get("/audit/?action=sign_out").content.decode()
    assert "</strong> Signed out" in sign_outs


@pytest.mark.django_db
def test_filter_is_refused_when_not_an_auditor(client_for, admin_user):
    assert client_for(admin_user).get("/audit/?action=LOCKOUT").status_code == 403


@pytest.mark.django_db
def test_audit_pages_name_who_acted_by_name_and_role_not_username(client_for, auditor_user, security_events):
    admin = AuditEvent.objects.get(action=AuditAction.RESET_TWO_FACTOR).actor
    admin.first_name, admin.last_name = "Pat", "Okafor"
    admin.save()
    lost = security_events["lost"]

    page = client_for(auditor_user).get(f"/audit/user/{lost.pk}/").content.decode()

    assert (
        f'href="/audit/user/{admin.pk}/">Pat Okafor</a><br><span class="govuk-body-s">{admin.role_label}</span>'
        in page
    )
    assert f">{admin.username}</a>" not in page
