from django.urls import path

from .views import audits, duplicates, establishment, oversight, supervision, team_supervision, workload

app_name = "quality"
urlpatterns = [
    path("supervision/", supervision.supervision, name="supervision"),
    path("supervision/teams/", team_supervision.teams, name="supervision_teams"),
    path("supervision/teams/<int:team_id>/", team_supervision.team, name="team_supervision"),
    path("supervision/new/", supervision.new_session, name="new_session"),
    path("workers/<int:user_id>/supervision/", supervision.worker_supervision, name="worker"),
    path("people/<int:person_id>/direction/new/", supervision.new_direction, name="new_direction"),
    path("actions/<int:action_id>/done/", supervision.complete_action, name="complete_action"),
    path("actions/<int:action_id>/withdraw/", supervision.withdraw_action, name="withdraw_action"),
    path("people/<int:person_id>/oversight/new/", oversight.new_oversight, name="new_oversight"),
    path("people/<int:person_id>/directions/", oversight.person_oversight, name="person_oversight"),
    path("workload/", workload.workload, name="workload"),
    path("duplicates/", duplicates.duplicates, name="duplicates"),
    path("duplicates/<int:pair_id>/", duplicates.duplicate_pair, name="duplicate_pair"),
    path("workforce/", establishment.workforce, name="workforce"),
    path("workforce/new/", establishment.new_establishment, name="new_establishment"),
    path("audits/", audits.audits, name="audits"),
    path("audits/report/", audits.report, name="audit_report"),
    path("audits/programmes/new/", audits.new_programme, name="new_programme"),
    path("people/<int:person_id>/audits/new/", audits.new_audit, name="new_audit"),
    path("audits/<int:audit_id>/", audits.audit_detail, name="audit"),
    path("audits/<int:audit_id>/moderate/", audits.moderate, name="moderate"),
    path("audits/<int:audit_id>/actions/new/", audits.new_audit_action, name="new_audit_action"),
]
