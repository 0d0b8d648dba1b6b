from django.urls import path

from . import views

app_name = "permanence"
urlpatterns = [
    path("", views.tracker, name="tracker"),
    path("contact/cancellations/", views.cancellations_report, name="cancellations"),
    path("people/<int:person_id>/pre-proceedings/new/", views.new_plo, name="new_plo"),
    path("pre-proceedings/<int:plo_id>/meetings/new/", views.plo_meeting, name="plo_meeting"),
    path("pre-proceedings/<int:plo_id>/step-down/", views.plo_step_down, name="plo_step_down"),
    path("people/<int:person_id>/proceedings/new/", views.new_proceedings, name="new_proceedings"),
    path("proceedings/<int:proceedings_id>/extend/", views.extend, name="extend"),
    path("proceedings/<int:proceedings_id>/conclude/", views.conclude, name="conclude"),
    path("people/<int:person_id>/orders/new/", views.new_order, name="new_order"),
    path("people/<int:person_id>/adoption/new/", views.new_adoption, name="new_adoption"),
    path("adoption/<int:adoption_id>/<str:event>/", views.adoption_step, name="adoption_step"),
    path(
        "people/<int:person_id>/previous-permanence/", views.previous_permanence, name="previous_permanence"
    ),
    path("people/<int:person_id>/contact/new/", views.new_contact, name="new_contact"),
    path("contact/<int:session_id>/cancel/", views.cancel_contact, name="cancel_contact"),
    path("contact/<int:session_id>/held/", views.contact_held, name="contact_held"),
]
