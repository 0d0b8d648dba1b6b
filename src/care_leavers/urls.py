from django.urls import path

from . import views

app_name = "care_leavers"
urlpatterns = [
    path("", views.team_view, name="team"),
    path("people/<int:person_id>/record/", views.edit_record, name="edit_record"),
    path("people/<int:person_id>/pathway-plans/new/", views.new_plan, name="new_plan"),
    path("people/<int:person_id>/birthday-status/", views.birthday_status, name="birthday_status"),
    path("pathway-plans/<int:plan_id>/review/", views.review_plan, name="review_plan"),
    path("pathway-plans/<int:plan_id>/actions/new/", views.add_action, name="add_action"),
    path("actions/<int:action_id>/complete/", views.complete_action, name="complete_action"),
]
