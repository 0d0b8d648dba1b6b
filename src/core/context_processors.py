from typing import Any

from django.conf import settings
from django.http import HttpRequest

from accounts.permissions import Permission

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
        return {"can": {}, "csp_nonce": str(request.csp_nonce), "unread_notifications": 0}  # type: ignore[attr-defined]
    return {
        "can": {p.name: user.has_perm(p.value) for p in Permission},
        "csp_nonce": str(request.csp_nonce),  # type: ignore[attr-defined]
        "unread_notifications": Notification.objects.unread_for(user).count(),
        "session_settings": _session_settings(),
    }
