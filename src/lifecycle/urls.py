from django.urls import path

from . import views

app_name = "lifecycle"
urlpatterns = [
    path("", views.index, name="index"),
    path("rules/", views.rules, name="rules"),
    path("people/<int:person_id>/propose/", views.propose, name="propose"),
    path("requests/<int:request_id>/", views.request_detail, name="request"),
]
