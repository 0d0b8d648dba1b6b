"""URLs as when OIDC is configured (config.urls adds these only when the settings are set)."""

from django.urls import path

from accounts import oidc
from config.urls import urlpatterns as base_patterns

urlpatterns = [
    *base_patterns,
    path("oidc/authenticate/", oidc.authentication_init, name="oidc_authentication_init"),
    path("oidc/callback/", oidc.authentication_callback, name="oidc_authentication_callback"),
]
handler403 = "core.errors.forbidden"
handler404 = "core.errors.not_found"
handler500 = "core.errors.server_error"
