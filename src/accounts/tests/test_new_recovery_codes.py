"""Making new recovery codes needs the authenticator now, not only a signed-in session."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import twofactor
from accounts.models import RecoveryCode, SignInAttempt, TotpDevice
from audit.models import AuditAction, AuditEvent


@pytest.fixture
def enrolled_client(client_for, social_worker):
    secret = twofactor.new_secret()
    TotpDevice.objects.create(user=social_worker, secret=secret, confirmed_at=timezone.now())
    old = twofactor.new_recovery_codes(social_worker)
    return client_for(social_worker), social_worker, secret, old


@pytest.mark.django_db
def test_new_codes_refused_when_no_code_given(enrolled_client):
    client, user, _, old = enrolled_client

    response = client.post(reverse("accounts:two_factor_settings"), {})

    assert response.status_code == 400
    assert "Enter the 6-digit code from your authenticator app" in response.content.decode()
    assert twofactor.use_recovery_code(user, old[0])  # the old codes still work
    assert not AuditEvent.objects.filter(summary="New recovery codes made").exists()


@pytest.mark.django_db
def test_new_codes_refused_and_counted_when_code_wrong(enrolled_client):
    client, user, _, old = enrolled_client

    response = client.post(reverse("accounts:two_factor_settings"), {"code": "000000"})

    assert response.status_code == 400
    assert "The security code is not correct or has expired" in response.content.decode()
    assert RecoveryCode.objects.filter(user=user, used_at__isnull=True).count() == len(old)
    assert twofactor.use_recovery_code(user, old[0])
    assert SignInAttempt.objects.filter(
        username=user.username, succeeded=False, factor=SignInAttempt.Factor.CODE
    ).exists()
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED, actor=user).exists()


@pytest.mark.django_db
def test_new_codes_made_and_old_ones_stop_when_current_code_given(enrolled_client):
    client, user, secret, old = enrolled_client

    response = client.post(reverse("accounts:two_factor_settings"), {"code": twofactor.current_code(secret)})

    assert response.status_code == 302 and response.url == reverse("accounts:recovery_codes")
    shown = client.get(response.url).content.decode()
    assert not twofactor.use_recovery_code(user, old[0])
    assert twofactor.remaining_recovery_codes(user) == twofactor.RECOVERY_CODE_COUNT
    assert "New recovery codes made" in AuditEvent.objects.filter(actor=user).values_list(
        "summary", flat=True
    )
    assert shown.count("-") >= twofactor.RECOVERY_CODE_COUNT


@pytest.mark.django_db
def test_settings_page_asks_for_the_code_when_enrolled(enrolled_client):
    client, *_ = enrolled_client

    page = client.get(reverse("accounts:two_factor_settings")).content.decode()

    assert 'name="code"' in page and 'autocomplete="one-time-code"' in page
