from django.urls import path

from . import merge_views, views

app_name = "people"
urlpatterns = [
    path("search/", views.search_view, name="search"),
    path("new/", views.create, name="create"),
    path("<int:person_id>/", views.detail, name="detail"),
    path("<int:person_id>/work/", views.work, name="work"),
    path("<int:person_id>/family/", views.family, name="family"),
    path("<int:person_id>/oversight/", views.oversight, name="oversight"),
    path("<int:person_id>/edit/", views.edit, name="edit"),
    path("<int:person_id>/addresses/new/", views.add_address, name="add_address"),
    path("<int:person_id>/names/new/", views.add_name, name="add_name"),
    path("<int:person_id>/alerts/new/", views.add_alert, name="add_alert"),
    path("<int:person_id>/relationships/new/", views.add_relationship, name="add_relationship"),
    path("<int:person_id>/restrict/", views.restrict, name="restrict"),
    path("<int:person_id>/break-glass/", views.break_glass_view, name="break_glass"),
    path("<int:person_id>/merge/", views.merge, name="merge"),
    path("<int:person_id>/undo-merge/", merge_views.undo_merge, name="undo_merge"),
]
