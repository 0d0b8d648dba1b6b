"""The kernel's own pages: notifications and the health check."""

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .http import AuthenticatedHttpRequest, authenticated, public
from .models import Notification
from .services import mark_notification_read, mark_notifications_read


@authenticated
def notifications(request: AuthenticatedHttpRequest) -> HttpResponse:
    items = Notification.objects.filter(recipient=request.user)[:100]
    return render(request, "core/notifications.jinja", {"items": items})


@authenticated
@require_POST
def notifications_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    mark_notifications_read(actor=request.user)
    return redirect("core:notifications")


@authenticated
@require_POST
def notification_read(request: AuthenticatedHttpRequest, notification_id: int) -> HttpResponse:
    """Mark one notification read (only the recipient's own: another's is left as it was)."""
    mark_notification_read(actor=request.user, notification_id=notification_id)
    return redirect("core:notifications")


@public
def health(request: AuthenticatedHttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
