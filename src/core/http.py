"""Typing helper: behind LoginRequiredMiddleware every request has a real user."""

from django.http import HttpRequest

from accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User  # type: ignore[assignment]
