from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.index, name="index"),
    path("find/", views.find_person, name="find_person"),
    path("person/<int:person_id>/", views.person_audit, name="person"),
    path("user/<int:user_id>/", views.user_audit, name="user"),
]
