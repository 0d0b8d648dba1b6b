from django.urls import path

from . import session_views, views

app_name = "core"
urlpatterns = [
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/<int:notification_id>/read/", views.notification_read, name="notification_read"),
    path("health/", views.health, name="health"),
    # The session's remaining time, and drafts of forms (ADR 0009)
    path("session/status/", session_views.session_status, name="session_status"),
    path("session/keep-alive/", session_views.keep_alive, name="keep_alive"),
    path("drafts/", session_views.draft_list, name="drafts"),
    path("drafts/save/", session_views.save_draft, name="save_draft"),
    path("drafts/current/", session_views.current_draft, name="current_draft"),
    path("drafts/discard/", session_views.discard_draft, name="discard_draft"),
    path("drafts/<int:draft_id>/", session_views.draft_detail, name="draft"),
]
