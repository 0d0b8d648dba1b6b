from django.urls import path

from plans import views as plan_pages
from plans.forms import EndPlanForm

from . import views
from .models import CINPlan, CINPlanAction

app_name = "cin"
urlpatterns = [
    path("people/<int:person_id>/plans/new/", views.plan_new, name="plan_new"),
    path("plans/<int:plan_id>/", views.plan, name="plan"),
    *plan_pages.plan_urls(CINPlan, CINPlanAction, views.plan_page, EndPlanForm),
    path("plans/<int:plan_id>/reviews/new/", views.review_new, name="review_new"),
    path("referrals/<int:referral_id>/close/", views.close_episode, name="close_episode"),
]
