from django.urls import URLPattern

app_name = "cin"
urlpatterns: list[URLPattern] = []
