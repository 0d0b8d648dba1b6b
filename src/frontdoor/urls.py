from django.urls import URLPattern

app_name = "frontdoor"
urlpatterns: list[URLPattern] = []
