from django.urls import path

from . import views

app_name = "early_help"
urlpatterns = [
    path("", views.home, name="home"),
    path("people/<int:person_id>/start/", views.start, name="start"),
    path("episodes/<int:episode_id>/", views.episode, name="episode"),
    path("episodes/<int:episode_id>/lead-professional/", views.lead_professional, name="lead_professional"),
    path("episodes/<int:episode_id>/assessment/", views.assessment, name="assessment"),
    path("episodes/<int:episode_id>/meetings/new/", views.meeting, name="meeting"),
    path("episodes/<int:episode_id>/actions/new/", views.add_action, name="add_action"),
    path("actions/<int:action_id>/complete/", views.complete_action, name="complete_action"),
    path("episodes/<int:episode_id>/reviews/new/", views.review, name="review"),
    path("episodes/<int:episode_id>/fgc/new/", views.request_fgc, name="request_fgc"),
    path("fgc/<int:request_id>/", views.fgc_outcome, name="fgc_outcome"),
    path("episodes/<int:episode_id>/step-up/", views.step_up, name="step_up"),
    path("episodes/<int:episode_id>/end/", views.end, name="end"),
]
