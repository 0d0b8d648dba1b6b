from django.urls import path

from . import views

app_name = "workforce"
urlpatterns = [
    path("my-work/", views.my_work, name="my_work"),
    path("teams/", views.teams, name="teams"),
    path("teams/<int:team_id>/", views.team_detail, name="team"),
    path("people/<int:person_id>/allocate/", views.allocate, name="allocate"),
]
