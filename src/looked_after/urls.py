from django.urls import path

from . import views

app_name = "looked_after"
urlpatterns = [
    path("", views.team, name="team"),
    path("iro/", views.iro, name="iro"),
    path("virtual-school/", views.virtual_school, name="virtual_school"),
    path("health/", views.health, name="health"),
    path("people/<int:person_id>/", views.timeline, name="timeline"),
    path("people/<int:person_id>/start/", views.start, name="start"),
    path("people/<int:person_id>/change/", views.change, name="change"),
    path("people/<int:person_id>/end/", views.end, name="end"),
    path("people/<int:person_id>/plans/", views.plans, name="plans"),
    path("people/<int:person_id>/placement-with-parents/", views.approve_parents, name="approve_parents"),
    path("people/<int:person_id>/iro/", views.allocate_iro, name="allocate_iro"),
    path("people/<int:person_id>/reviews/new/", views.record_review, name="record_review"),
    path("people/<int:person_id>/escalations/new/", views.raise_escalation, name="raise_escalation"),
    path("escalations/<int:escalation_id>/", views.progress_escalation, name="progress_escalation"),
    path("actions/<int:action_id>/complete/", views.complete_action, name="complete_action"),
    path("people/<int:person_id>/health/new/", views.record_health, name="record_health"),
    path("people/<int:person_id>/education/new/", views.record_pep, name="record_pep"),
    path("people/<int:person_id>/missing/new/", views.record_missing, name="record_missing"),
    path("missing/<int:episode_id>/", views.update_missing, name="update_missing"),
    path("people/<int:person_id>/exploitation/new/", views.record_screening, name="record_screening"),
]
