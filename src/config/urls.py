from django.urls import include, path

from core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("people/", include("people.urls")),
    path("work/", include("workforce.urls")),
    path("audit/", include("audit.urls")),
    path("timescales/", include("timescales.urls")),
]

handler403 = "core.errors.forbidden"
handler404 = "core.errors.not_found"
handler500 = "core.errors.server_error"
