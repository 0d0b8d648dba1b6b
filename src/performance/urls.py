from django.urls import path

from . import views

app_name = "performance"

urlpatterns = [
    path("", views.index, name="index"),
    path("population/", views.population, name="population"),
    path("population/groups/", views.population_groups, name="population_groups"),
    path("report/", views.report, name="report"),
    path("comparators/", views.comparators, name="comparators"),
    path("<slug:indicator_id>/", views.indicator, name="indicator"),
    path("<slug:indicator_id>/target/", views.set_target, name="set_target"),
    path("<slug:indicator_id>/team/<int:team_id>/", views.team, name="team"),
    path("<slug:indicator_id>/worker/<int:user_id>/", views.worker, name="worker"),
]
