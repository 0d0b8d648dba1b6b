from django.urls import URLPattern

app_name = "care_leavers"
urlpatterns: list[URLPattern] = []
