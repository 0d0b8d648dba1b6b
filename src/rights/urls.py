from django.urls import path

from . import views

app_name = "rights"
urlpatterns = [
    path("people/<int:person_id>/advocacy/new/", views.new_advocacy, name="new_advocacy"),
    path("people/<int:person_id>/independent-visitor/new/", views.new_visitor, name="new_visitor"),
    path(
        "independent-visitors/<int:visitor_id>/visits/new/", views.new_independent_visit, name="new_iv_visit"
    ),
    path("people/<int:person_id>/complaints/new/", views.new_complaint, name="new_complaint"),
    path("complaints/<int:complaint_id>/<str:event>/", views.complaint_step, name="complaint_step"),
    path("people/<int:person_id>/views/new/", views.new_views, name="new_views"),
]
