from django.urls import path

from . import views

app_name = "casework"
urlpatterns = [
    path("people/<int:person_id>/visits/new/", views.record_visit, name="record_visit"),
]
