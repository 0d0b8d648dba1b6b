from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("people/<int:person_id>/new/", views.start, name="start"),
    path("people/<int:person_id>/commission/", views.commission, name="commission"),
    path(
        "commissioned/<int:commissioned_id>/complete/",
        views.complete_commissioned,
        name="complete_commissioned",
    ),
    path("<int:assessment_id>/", views.detail, name="detail"),
    path("<int:assessment_id>/edit/", views.edit, name="edit"),
    path("<int:assessment_id>/submit/", views.submit, name="submit"),
    path("<int:assessment_id>/authorise/", views.authorise, name="authorise"),
    path("<int:assessment_id>/return/", views.return_for_work, name="return"),
]
