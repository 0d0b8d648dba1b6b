from django.urls import path

from . import views

app_name = "workforce"
urlpatterns = [
    path("my-work/", views.my_work, name="my_work"),
    path("teams/", views.teams, name="teams"),
    path("teams/<int:team_id>/", views.team_detail, name="team"),
    path("teams/<int:team_id>/overdue/", views.team_overdue, name="team_overdue"),
    path("teams/<int:team_id>/sign-offs/", views.team_sign_offs, name="team_sign_offs"),
    path("teams/<int:team_id>/waiting/", views.team_waiting, name="team_waiting"),
    path("teams/<int:team_id>/caseload/", views.team_caseload, name="team_caseload"),
    path("people/<int:person_id>/allocate/", views.allocate, name="allocate"),
]
