"""Accounts' pages, a module a subject: the start page, sign-in and sign-out (`signing_in`);
two-factor set-up and recovery codes (`enrolment`); the administrators' pages on user and
dormant accounts (`users`)."""

from .enrolment import enrol, recovery_codes, two_factor_settings
from .signing_in import home, sign_in, sign_out, two_factor
from .users import (
    dormant_accounts,
    reset_two_factor,
    unbind_council_sign_in,
    unlock_sign_in,
    user_account,
    user_accounts,
)

__all__ = [
    "dormant_accounts",
    "enrol",
    "home",
    "recovery_codes",
    "reset_two_factor",
    "sign_in",
    "sign_out",
    "two_factor",
    "two_factor_settings",
    "unbind_council_sign_in",
    "unlock_sign_in",
    "user_account",
    "user_accounts",
]
