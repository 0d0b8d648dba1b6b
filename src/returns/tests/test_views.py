from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Team, TeamKind
from accounts.permissions import Role
from audit.models import AuditAction, AuditEvent
from people import services as people
from people.models import RestrictionReason
from people.tests.factories import make_person, restrict
from returns import registry, services
from returns.models import ExportRun, RunStatus
from workforce.tests.factories import allocate

from .fakes import fake_returns

YEAR = registry.collection_year(timezone.localdate())
EXPORTS = reverse("returns:exports")
DATA_QUALITY = reverse("returns:data_quality")


def _child(actor, given, sex="U"):
    return make_person(actor, given, "Test", date_of_birth=date(2014, 5, 6), sex=sex, ethnicity="WBRI")


# --- Statutory returns page -----------------------------------------------------------------


def test_analyst_sees_a_form_for_each_return(client_for, analyst, fakes):
    page = client_for(analyst).get(EXPORTS).content.decode()

    for spec in registry.SPECS.values():
        assert f"Build the {spec.label}" in page
    assert 'name="cin_census-year"' in page and 'name="annex_a-as_of-day"' in page
    assert "No returns built yet" in page


def test_missing_builders_are_shown_as_not_available(client_for, analyst):
    with fake_returns(ssda903=None):
        page = client_for(analyst).get(EXPORTS).content.decode()

    assert "Build the SSDA903" not in page and "Not available in this version of Harbour" in page


def test_a_bad_year_is_refused_keeping_what_was_typed(client_for, analyst, fakes):
    response = client_for(analyst).post(
        reverse("returns:request_export"), {"return_name": "cin_census", "cin_census-year": "1999"}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and "Collection year must be between 2023" in page
    assert 'value="1999"' in page
    assert not ExportRun.objects.exists()


def test_an_incomplete_date_is_refused_keeping_what_was_typed(client_for, analyst, fakes):
    response = client_for(analyst).post(
        reverse("returns:request_export"),
        {
            "return_name": "annex_a",
            "annex_a-as_of-day": "31",
            "annex_a-as_of-month": "3",
            "annex_a-as_of-year": "",
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "must include a year" in page and 'value="31"' in page


def test_analyst_requests_an_export_sees_it_finish_and_downloads_it(
    client_for, analyst, child, fakes, django_capture_on_commit_callbacks
):
    client = client_for(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("returns:request_export"), {"return_name": "ssda903", "ssda903-year": str(YEAR)}
        )
    assert response.status_code == 302 and response.url == EXPORTS

    run = ExportRun.objects.get()
    page = client.get(EXPORTS).content.decode()
    assert "Finished" in page and reverse("returns:download", args=[run.pk]) in page

    download = client.get(reverse("returns:download", args=[run.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"] == f'attachment; filename="ssda903_{YEAR}.zip"'
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=analyst).count() == 1


def test_a_run_in_progress_shows_its_progress_and_is_polled(client_for, analyst, child, fakes):
    run = services.request_export(actor=analyst, return_name="cin_census", year=YEAR)
    services._move(run, "start")
    ExportRun.objects.filter(pk=run.pk).update(
        progress_done=250, progress_total=1000, progress_stage="Children"
    )
    client = client_for(analyst)

    page = client.get(EXPORTS).content.decode()
    assert 'value="25"' in page and "Children: 25%" in page
    assert f'data-poll-url="{reverse("returns:runs")}"' in page
    assert "Refresh this page" in page

    fragment = client.get(reverse("returns:runs"), HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and "<html" not in fragment.content.decode()
    assert client.get(reverse("returns:runs")).status_code == 302  # without JavaScript: the page


def test_a_failed_run_shows_why_and_offers_no_download(client_for, analyst, child, fakes):
    run = services.request_export(actor=analyst, return_name="cin_census", year=YEAR)
    services._move(run, "fail", error="Failed while building (RuntimeError).")

    page = client_for(analyst).get(EXPORTS).content.decode()
    assert "Failed while building (RuntimeError)." in page
    assert client_for(analyst).get(reverse("returns:download", args=[run.pk])).status_code == 404


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.AUDITOR])
def test_other_roles_cannot_export_or_download(client_for, make_user, analyst, child, fakes, role):
    run = services.request_export(actor=analyst, return_name="cin_census", year=YEAR)
    ExportRun.objects.filter(pk=run.pk).update(status=RunStatus.SUCCEEDED, file_name="x.csv", file_path="x")
    client = client_for(make_user(role))

    assert client.get(EXPORTS).status_code == 403
    assert (
        client.post(
            reverse("returns:request_export"), {"return_name": "cin_census", "cin_census-year": str(YEAR)}
        ).status_code
        == 403
    )
    assert client.get(reverse("returns:download", args=[run.pk])).status_code == 403


# --- Data quality page ----------------------------------------------------------------------


@pytest.fixture
def caseloads(social_worker, team_manager, team, make_user):
    """Three broken children: one the social worker's, one a colleague's in the same team,
    one in another team."""
    colleague = make_user(Role.SOCIAL_WORKER, "colleague")
    other_team = Team.objects.create(name="Children in Care 2", kind=TeamKind.CHILDREN_IN_CARE)
    elsewhere = make_user(Role.SOCIAL_WORKER, "elsewhere", team=other_team)
    own, colleagues, others = (
        _child(social_worker, "Own"),
        _child(social_worker, "Colleagues"),
        _child(social_worker, "Others"),
    )
    allocate(team_manager, own, social_worker, team, timezone.localdate())
    allocate(team_manager, colleagues, colleague, team, timezone.localdate())
    allocate(team_manager, others, elsewhere, other_team, timezone.localdate())
    return own, colleagues, others


def _shown(page, *children):
    return [c.la_child_id in page for c in children]


def test_each_role_sees_the_errors_on_the_children_they_answer_for(
    client_for, social_worker, team_manager, analyst, make_user, caseloads, fakes
):
    services.validate_live_data()
    own, colleagues, others = caseloads

    worker = client_for(social_worker).get(DATA_QUALITY).content.decode()
    assert _shown(worker, own, colleagues, others) == [True, False, False]
    manager = client_for(team_manager).get(DATA_QUALITY).content.decode()
    assert _shown(manager, own, colleagues, others) == [True, True, False]
    for role in (Role.PERFORMANCE, Role.SERVICE_MANAGER):
        everyone = client_for(make_user(role)).get(DATA_QUALITY).content.decode()
        assert _shown(everyone, own, colleagues, others) == [True, True, True]


def test_failing_rules_link_each_child_to_where_it_is_fixed(client_for, analyst, caseloads, fakes):
    services.validate_live_data()
    own = caseloads[0]

    page = client_for(analyst).get(DATA_QUALITY).content.decode()

    assert "FAKE-SEX" in page and "Sex must be recorded" in page
    assert "3 children" in page
    assert reverse("people:edit", kwargs={"person_id": own.pk}) in page


def test_gaps_have_their_own_section_whatever_the_filters(client_for, analyst, caseloads, fakes):
    services.validate_live_data()

    page = client_for(analyst).get(DATA_QUALITY, {"severity": "query"}).content.decode()

    assert "FAKE-SEX" not in page  # filtered out: only queries
    assert "Gaps: what Harbour does not record yet (2)" in page
    assert "cin_census: an item Harbour does not record" in page


def test_filters_by_return_and_rule(client_for, analyst, caseloads, fakes):
    services.validate_live_data()
    client = client_for(analyst)

    by_return = client.get(DATA_QUALITY, {"return_name": "ssda903"}).content.decode()
    assert "SSDA903 (children looked after) rule FAKE-SEX" in by_return
    assert "Children in need census rule FAKE-SEX" not in by_return
    assert client.get(DATA_QUALITY, {"return_name": "nonsense"}).status_code == 400
    assert "No failing rules match" in client.get(DATA_QUALITY, {"rule": "NOPE"}).content.decode()


def test_a_broken_record_shows_up_and_disappears_when_fixed(
    client_for, social_worker, team_manager, team, settings, fakes, django_capture_on_commit_callbacks
):
    settings.HARBOUR_REVALIDATE_ON_CHANGE = True
    client = client_for(social_worker)
    with django_capture_on_commit_callbacks(execute=True):
        child = _child(social_worker, "Broken", sex="F")
        allocate(team_manager, child, social_worker, team, timezone.localdate())
    services.validate_live_data()
    assert child.la_child_id not in client.get(DATA_QUALITY).content.decode()

    # Break it: sex not recorded. The change re-validates the child in the background.
    child.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        people.update_person(
            actor=social_worker, person=child, data={"sex": "U"}, expected_version=child.version
        )
    page = client.get(DATA_QUALITY).content.decode()
    assert child.la_child_id in page and "Sex must be recorded" in page
    panel = client.get(reverse("people:oversight", args=[child.pk])).content.decode()
    assert "Data quality for statutory returns" in panel and "FAKE-SEX" in panel

    # Fix it where the link points (the child's details).
    child.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        people.update_person(
            actor=social_worker, person=child, data={"sex": "F"}, expected_version=child.version
        )
    page = client.get(DATA_QUALITY).content.decode()
    assert child.la_child_id not in page and "FAKE-SEX" not in page
    assert (
        "Data quality for statutory returns"
        not in client.get(reverse("people:oversight", args=[child.pk])).content.decode()
    )


def test_restricted_children_are_listed_without_being_opened(
    client_for, analyst, social_worker, team_manager, caseloads, fakes
):
    own = caseloads[0]
    restrict(team_manager, own, RestrictionReason.choices[0][0], details="Restricted")
    services.validate_live_data()

    page = client_for(analyst).get(DATA_QUALITY).content.decode()
    assert own.la_child_id in page and "Restricted" in page


def test_only_export_roles_may_ask_for_a_check_now(
    client_for, analyst, social_worker, fakes, django_capture_on_commit_callbacks
):
    assert client_for(social_worker).post(reverse("returns:validate_now")).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(analyst).post(reverse("returns:validate_now"))
    assert response.status_code == 302
    page = client_for(analyst).get(DATA_QUALITY).content.decode()
    assert "Every record was last checked" in page
