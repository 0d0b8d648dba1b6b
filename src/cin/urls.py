from django.urls import path

from . import views

app_name = "cin"
urlpatterns = [
    path("people/<int:person_id>/plans/new/", views.plan_new, name="plan_new"),
    path("plans/<int:plan_id>/", views.plan, name="plan"),
    path("plans/<int:plan_id>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:plan_id>/actions/new/", views.action_add, name="action_add"),
    path("actions/<int:action_id>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:action_id>/delete/", views.action_delete, name="action_delete"),
    path("plans/<int:plan_id>/sign-off/", views.plan_sign_off, name="plan_sign_off"),
    path("plans/<int:plan_id>/reviews/new/", views.review_new, name="review_new"),
    path("plans/<int:plan_id>/end/", views.plan_end, name="plan_end"),
    path("referrals/<int:referral_id>/close/", views.close_episode, name="close_episode"),
]
