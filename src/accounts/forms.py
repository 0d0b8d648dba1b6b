from django import forms
from django.contrib.auth.forms import AuthenticationForm

from core.form_fields import text


class SignInForm(AuthenticationForm):
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


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Security code",
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        max_length=20,
        error_messages={"required": "Enter the security code from your authenticator app"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label="Security code from your authenticator app",
        help_text="Enter the 6-digit code the app shows after you add Harbour to it.",
        max_length=10,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class ResetTwoFactorForm(forms.Form):
    reason = text(
        "Why are you resetting their two-factor sign-in?",
        rows=3,
        help_text="For example, the phone with their authenticator app was lost. This is kept in the audit.",
        max_length=1000,
        error_messages={"required": "Enter why two-factor sign-in is being reset"},
    )
    identity_checked = forms.BooleanField(
        label="I have checked that the request comes from this member of staff",
        error_messages={"required": "Confirm that you have checked who asked for the reset"},
    )


class UnlockForm(forms.Form):
    reason = text("Reason (optional)", rows=2, required=False, max_length=1000)
