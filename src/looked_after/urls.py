from django.urls import path

from .views import care, lists, reviews, timeline, wellbeing

app_name = "looked_after"
urlpatterns = [
    path("", lists.team, name="team"),
    path("iro/", lists.iro, name="iro"),
    path("virtual-school/", lists.virtual_school, name="virtual_school"),
    path("health/", lists.health, name="health"),
    path("people/<int:person_id>/", timeline.timeline, name="timeline"),
    path("people/<int:person_id>/start/", care.start, name="start"),
    path("people/<int:person_id>/change/", care.change, name="change"),
    path("people/<int:person_id>/end/", care.end, name="end"),
    path("people/<int:person_id>/plans/", care.plans, name="plans"),
    path("people/<int:person_id>/placement-with-parents/", care.approve_parents, name="approve_parents"),
    path("people/<int:person_id>/iro/", reviews.allocate_iro, name="allocate_iro"),
    path("people/<int:person_id>/reviews/new/", reviews.record_review, name="record_review"),
    path("people/<int:person_id>/escalations/new/", reviews.raise_escalation, name="raise_escalation"),
    path("escalations/<int:escalation_id>/", reviews.progress_escalation, name="progress_escalation"),
    path("actions/<int:action_id>/complete/", reviews.complete_action, name="complete_action"),
    path("people/<int:person_id>/health/new/", wellbeing.record_health, name="record_health"),
    path("people/<int:person_id>/education/new/", wellbeing.record_pep, name="record_pep"),
    path("people/<int:person_id>/missing/new/", wellbeing.record_missing, name="record_missing"),
    path("missing/<int:episode_id>/", wellbeing.update_missing, name="update_missing"),
    path("people/<int:person_id>/exploitation/new/", wellbeing.record_screening, name="record_screening"),
]
