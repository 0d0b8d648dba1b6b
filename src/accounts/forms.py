from django import forms
from django.contrib.auth.forms import AuthenticationForm

from core.form_fields import text
from core.form_messages import GovErrors
from core.forms import GovForm


class SignInForm(GovErrors, AuthenticationForm):
    username = forms.CharField(
        label="Username", widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"})
    )
    password = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account is not active",
    }


def _security_code(label: str, help_text: str, max_length: int, error: str) -> forms.CharField:
    """A one-time code typed from an authenticator app (or a recovery code)."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=max_length,
        error_messages={"required": error},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class CodeForm(GovForm):
    code = _security_code(
        "Security code",
        "The 6-digit code from your authenticator app, or one of your recovery codes.",
        20,
        "Enter the security code from your authenticator app",
    )


class EnrolForm(GovForm):
    code = _security_code(
        "Security code from your authenticator app",
        "Enter the 6-digit code the app shows after you add Harbour to it.",
        10,
        "Enter the 6-digit code from your authenticator app",
    )


class NewRecoveryCodesForm(GovForm):
    code = _security_code(
        "Security code from your authenticator app",
        "Enter the 6-digit code your authenticator app shows now.",
        10,
        "Enter the 6-digit code from your authenticator app",
    )


class ResetTwoFactorForm(GovForm):
    reason = text(
        "Why are you resetting their two-factor sign-in?",
        rows=3,
        help_text="For example, the phone with their authenticator app was lost. This is kept in the audit.",
        max_length=1000,
        error="Enter why two-factor sign-in is being reset",
    )
    identity_checked = forms.BooleanField(
        label="I have checked that the request comes from this member of staff",
        error_messages={"required": "Confirm that you have checked who asked for the reset"},
    )


class UnlockForm(GovForm):
    reason = text("Reason (optional)", rows=2, required=False, max_length=1000)


class UnbindForm(GovForm):
    reason = text(
        "Why are you clearing their council sign-in?",
        rows=3,
        help_text="For example, the council replaced their account. This is kept in the audit.",
        max_length=1000,
        error="Enter why the council sign-in is being cleared",
    )
