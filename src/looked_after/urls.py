from django.urls import URLPattern

app_name = "looked_after"
urlpatterns: list[URLPattern] = []
