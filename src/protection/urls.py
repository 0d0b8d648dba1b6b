from django.urls import path

from plans import views as plan_pages

from . import views
from .forms import EndPlanForm
from .models import CPPlan, CPPlanAction

app_name = "protection"
urlpatterns = [
    path("people/<int:person_id>/strategy/new/", views.strategy_new, name="strategy_new"),
    path("people/<int:person_id>/transfer-in/", views.transfer_in_conference, name="transfer_in"),
    path("people/<int:person_id>/decisions/new/", views.management_decision_new, name="decision_new"),
    path("s47/<int:s47_id>/", views.s47, name="s47"),
    path("s47/<int:s47_id>/outcome/", views.s47_outcome, name="s47_outcome"),
    path("s47/<int:s47_id>/conference/", views.initial_conference, name="initial_conference"),
    path("plans/<int:plan_id>/", views.plan, name="plan"),
    path("plans/<int:plan_id>/for-the-family/", views.plan_plain, name="plan_plain"),
    *plan_pages.plan_urls(CPPlan, CPPlanAction, views.plan_page, EndPlanForm),
    path("plans/<int:plan_id>/review/", views.review_conference, name="review_conference"),
    path("plans/<int:plan_id>/core-groups/new/", views.core_group_new, name="core_group_new"),
    path("plans/<int:plan_id>/checks/new/", views.chair_check_new, name="chair_check_new"),
    path("checks/<int:check_id>/resolve/", views.chair_check_resolve, name="chair_check_resolve"),
    path("chair/", views.chair_view, name="chair"),
]
