from django.urls import path

from . import views

app_name = "returns"
urlpatterns = [
    path("", views.exports, name="exports"),
    path("request/", views.request_export, name="request_export"),
    path("runs/", views.runs, name="runs"),
    path("runs/<int:run_id>/download/", views.download, name="download"),
    path("data-quality/", views.data_quality, name="data_quality"),
    path("data-quality/check-now/", views.validate_now, name="validate_now"),
]
