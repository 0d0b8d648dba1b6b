from django.urls import path

from . import views

app_name = "frontdoor"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("contacts/new/", views.record_contact, name="record_contact"),
    path(
        "people/<int:person_id>/contacts/new/",
        views.record_contact_for_person,
        name="record_contact_for_person",
    ),
    path("contacts/<int:contact_id>/", views.contact_detail, name="contact"),
    path("contacts/<int:contact_id>/children/add/", views.add_child, name="add_child"),
    path("contacts/<int:contact_id>/screen/", views.screen, name="screen"),
    path("contacts/<int:contact_id>/decision/", views.confirm, name="confirm"),
    path("contacts/<int:contact_id>/feedback/", views.feedback, name="feedback"),
    path("contacts/<int:contact_id>/disagreements/new/", views.raise_disagreement, name="raise_disagreement"),
    path("disagreements/<int:disagreement_id>/", views.disagreement, name="disagreement"),
    path("referrals/<int:referral_id>/close/", views.close_referral, name="close_referral"),
]
