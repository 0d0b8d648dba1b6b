"""What every page needs from the kernel: the CSP nonce, unread notifications, session timings."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .models import Notification


def _session_settings() -> dict[str, int]:
    return {
        "idle_seconds": settings.HARBOUR_IDLE_SECONDS,
        "warning_seconds": settings.HARBOUR_IDLE_WARNING_SECONDS,
        "autosave_seconds": settings.HARBOUR_DRAFT_AUTOSAVE_SECONDS,
    }


def harbour(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {"csp_nonce": str(request.csp_nonce), "unread_notifications": 0}  # type: ignore[attr-defined]
    return {
        "csp_nonce": str(request.csp_nonce),  # type: ignore[attr-defined]
        "unread_notifications": Notification.objects.unread_for(user).count(),
        "session_settings": _session_settings(),
    }
