from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("health/", views.health, name="health"),
]
