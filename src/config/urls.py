from django.conf import settings
from django.urls import include, path

from accounts import views as accounts_views
from people import audit_views

# The auditor's pages read the audit and name children through the access door, so they
# live in people (people.audit_views); their addresses and names are the audit's.
auditor_pages = [
    path("", audit_views.index, name="index"),
    path("find/", audit_views.find_person, name="find_person"),
    path("person/<int:person_id>/", audit_views.person_audit, name="person"),
    path("user/<int:user_id>/", audit_views.user_audit, name="user"),
]

urlpatterns = [
    path("", accounts_views.home, name="home"),
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("people/", include("people.urls")),
    path("work/", include("workforce.urls")),
    path("audit/", include((auditor_pages, "audit"))),
    path("timescales/", include("timescales.urls")),
    path("casework/", include("casework.urls")),
    path("front-door/", include("frontdoor.urls")),
    path("early-help/", include("early_help.urls")),
    path("assessments/", include("assessments.urls")),
    path("protection/", include("protection.urls")),
    path("children-in-need/", include("cin.urls")),
    path("children-in-care/", include("looked_after.urls")),
    path("permanence/", include("permanence.urls")),
    path("care-leavers/", include("care_leavers.urls")),
    path("rights/", include("rights.urls")),
    path("quality/", include("quality.urls")),
    path("retention/", include("lifecycle.urls")),
    path("returns/", include("returns.urls")),
    path("performance/", include("performance.urls")),
]

# Sign-in through the council's identity provider, only when configured (ADR 0011).
if settings.HARBOUR_OIDC_ENABLED:
    from accounts import oidc

    urlpatterns += [
        path("oidc/authenticate/", oidc.authentication_init, name="oidc_authentication_init"),
        path("oidc/callback/", oidc.authentication_callback, name="oidc_authentication_callback"),
    ]

handler403 = "core.errors.forbidden"
handler404 = "core.errors.not_found"
handler500 = "core.errors.server_error"
