import zipfile
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_q.models import Task

from accounts.permissions import Role
from audit.models import AuditAction, AuditEvent
from core.workflow import TransitionRefused
from people.tests.factories import make_person
from returns import registry, services
from returns.models import ExportRun, PendingRevalidation, RunStatus, ValidationFinding, ValidationRun

from .fakes import calls, failing_build, fake_returns, fake_validate

YEAR = registry.collection_year(timezone.localdate())


def _request(actor, captured, name="cin_census", **params):
    params = params or ({"as_of": timezone.localdate()} if name == "annex_a" else {"year": YEAR})
    with captured(execute=True):
        return services.request_export(actor=actor, return_name=name, **params)


def test_request_export_runs_the_task_and_records_every_step(
    analyst, child, fakes, django_capture_on_commit_callbacks
):
    run = _request(analyst, django_capture_on_commit_callbacks)

    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert [h.status for h in run.status_history.order_by("id")] == ["queued", "running", "succeeded"]
    assert run.started_at and run.finished_at and run.started_at <= run.finished_at
    assert run.counts["rows"] == {"children": 1}
    assert run.counts["findings"] == {"error": 0, "query": 0, "gap": 0}
    assert (run.progress_done, run.progress_total) == (1, 1)
    assert run.file_name == "cin_census_children.csv" and run.file_size > 0
    assert Task.objects.filter(name=f"export-{run.pk}", success=True).exists()  # through the worker
    audited = AuditEvent.objects.filter(object_type="returns.ExportRun", object_id=str(run.pk))
    assert audited.filter(action=AuditAction.CREATE).count() == 1
    assert audited.filter(action=AuditAction.UPDATE).count() == 2  # start, succeed


def test_progress_is_written_while_the_builder_runs(analyst, child, django_capture_on_commit_callbacks):
    seen = []

    def build(year, *, person_ids=None, progress=None):
        from .fakes import fake_build

        for done in range(3):
            progress(done, 3, "Counting")
            run = ExportRun.objects.get()
            seen.append((run.status, run.progress_done, run.progress_total, run.progress_stage))
        return fake_build("cin_census")(year, progress=progress)

    impl = registry.Implementation(build, fake_validate)
    with fake_returns(cin_census=impl):
        _request(analyst, django_capture_on_commit_callbacks)

    assert seen[0] == ("running", 0, 2000, "Counting")  # build is half the work, validation the rest
    assert all(status == "running" for status, *_ in seen)


def test_ssda903_file_is_a_zip_of_its_csvs(analyst, child, fakes, django_capture_on_commit_callbacks):
    run = _request(analyst, django_capture_on_commit_callbacks, "ssda903")
    run.refresh_from_db()

    content = services.record_download(actor=analyst, run=run)

    assert run.file_name == f"ssda903_{YEAR}.zip"
    assert sorted(zipfile.ZipFile(BytesIO(content)).namelist()) == ["header.csv", "ssda903_children.csv"]
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_id=str(run.pk)).count() == 1


def test_annex_a_is_built_as_of_a_date_and_not_validated(
    analyst, child, fakes, django_capture_on_commit_callbacks
):
    run = _request(analyst, django_capture_on_commit_callbacks, "annex_a", as_of=date(2026, 3, 31))
    run.refresh_from_db()

    assert run.status == RunStatus.SUCCEEDED
    assert calls[-1]["param"] == date(2026, 3, 31)
    assert "findings" not in run.counts


def test_a_failing_builder_fails_the_run_without_personal_data(
    analyst, child, django_capture_on_commit_callbacks
):
    with fake_returns(cin_census=registry.Implementation(failing_build, fake_validate)):
        run = _request(analyst, django_capture_on_commit_callbacks)
    run.refresh_from_db()

    assert run.status == RunStatus.FAILED
    assert run.error == "Failed while building (RuntimeError)."
    assert "Amelia" not in run.error and "2015" not in run.error
    assert [h.status for h in run.status_history.order_by("id")] == ["queued", "running", "failed"]
    assert run.file_path == ""


def test_a_requester_who_lost_the_permission_fails_the_run(analyst, child, fakes):
    run = services.request_export(actor=analyst, return_name="cin_census", year=YEAR)  # not run yet
    analyst.role = Role.SOCIAL_WORKER.value
    analyst.save()

    services.run_export(run.pk)

    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "may no longer export" in run.error


def test_a_finished_run_cannot_start_again(analyst, child, fakes, django_capture_on_commit_callbacks):
    run = _request(analyst, django_capture_on_commit_callbacks)
    run.refresh_from_db()

    assert services.run_export(run.pk).status == RunStatus.SUCCEEDED  # a retried task does nothing
    with pytest.raises(TransitionRefused):
        services._move(run, "start")
    assert run.status_history.count() == 3


def test_only_export_roles_may_request_or_download(social_worker, analyst, child, fakes):
    with pytest.raises(PermissionDenied):
        services.request_export(actor=social_worker, return_name="cin_census", year=YEAR)
    run = services.request_export(actor=analyst, return_name="cin_census", year=YEAR)
    with pytest.raises(PermissionDenied):
        services.record_download(actor=social_worker, run=run)
    with pytest.raises(ValidationError):  # queued: no file yet
        services.record_download(actor=analyst, run=run)


def test_request_needs_its_parameter_and_an_available_builder(analyst, fakes):
    with pytest.raises(ValidationError):
        services.request_export(actor=analyst, return_name="cin_census")
    with pytest.raises(ValidationError):
        services.request_export(actor=analyst, return_name="annex_a", year=YEAR)
    with fake_returns(ssda903=None), pytest.raises(ValidationError, match="not available"):
        services.request_export(actor=analyst, return_name="ssda903", year=YEAR)
    assert not ExportRun.objects.exists()


def test_missing_builders_are_reported_not_available():
    # The real packages may not have landed: the registry says so instead of failing.
    for name in registry.SPECS:
        impl = registry.implementation(name)
        assert impl is None or callable(impl.build)
    with registry.override("cin_census", None):
        assert not registry.available("cin_census")
        assert "not available" in registry.missing_message("cin_census")


# --- Validation of live data ----------------------------------------------------------------


@pytest.fixture
def broken_child(child, social_worker):
    from people import services as people

    return people.update_person(
        actor=social_worker, person=child, data={"sex": "U"}, expected_version=child.version
    )


def test_full_validation_stores_findings_and_gaps(broken_child, fakes):
    run = services.validate_live_data()

    assert run.status == RunStatus.SUCCEEDED and run.finished_at
    current = ValidationFinding.objects.current()
    errors = current.filter(severity="error")
    assert sorted(errors.values_list("return_name", "rule_code", "person_id")) == [
        ("cin_census", "FAKE-SEX", broken_child.pk),
        ("ssda903", "FAKE-SEX", broken_child.pk),
    ]
    finding = errors.first()
    assert (finding.source_model, finding.source_pk, finding.fields) == (
        "people.person",
        broken_child.pk,
        ["Sex"],
    )
    assert set(current.filter(severity="gap").values_list("rule_code", "person_id")) == {("FAKE-GAP", None)}
    assert run.counts["cin_census"]["added"] == 2  # the error and the gap
    assert {c["person_ids"] for c in calls} == {None}


def test_full_validation_keeps_findings_current(broken_child, social_worker, fakes):
    from people import services as people

    services.validate_live_data()
    first = ValidationFinding.objects.get(return_name="cin_census", rule_code="FAKE-SEX")

    services.validate_live_data()
    again = ValidationFinding.objects.get(pk=first.pk)
    assert again.first_seen == first.first_seen and again.last_seen > first.last_seen
    assert again.resolved_at is None

    broken_child.refresh_from_db()
    people.update_person(
        actor=social_worker, person=broken_child, data={"sex": "F"}, expected_version=broken_child.version
    )
    services.validate_live_data()
    assert ValidationFinding.objects.get(pk=first.pk).resolved_at is not None
    assert not ValidationFinding.objects.current().filter(rule_code="FAKE-SEX").exists()


def test_full_validation_skips_missing_returns(broken_child):
    with fake_returns(ssda903=None):
        run = services.validate_live_data()

    assert run.counts["ssda903"] == {"available": False}
    assert not ValidationFinding.objects.filter(return_name="ssda903").exists()


def test_a_crashing_validation_is_recorded_on_the_run(broken_child):
    with fake_returns(cin_census=registry.Implementation(failing_build, fake_validate)):
        run = services.validate_live_data()

    assert run.status == RunStatus.FAILED and run.error == "Failed (RuntimeError)."


def test_revalidating_one_child_touches_only_that_child(broken_child, social_worker, make_user, fakes):
    from people import services as people

    other = make_person(
        social_worker, "Ola", "Nowak", date_of_birth=date(2016, 1, 2), sex="U", ethnicity="WBRI"
    )
    services.validate_live_data()
    assert ValidationFinding.objects.current().filter(rule_code="FAKE-SEX").count() == 4

    broken_child.refresh_from_db()
    people.update_person(
        actor=social_worker, person=broken_child, data={"sex": "F"}, expected_version=broken_child.version
    )
    counts = services.revalidate_children([broken_child.pk])

    assert counts["cin_census"]["resolved"] == 1
    assert [c["person_ids"] for c in calls[-2:]] == [[broken_child.pk], [broken_child.pk]]
    still = ValidationFinding.objects.current().filter(rule_code="FAKE-SEX")
    assert set(still.values_list("person_id", flat=True)) == {other.pk}
    assert ValidationFinding.objects.current().filter(severity="gap").count() == 2  # gaps untouched


def test_a_change_to_a_childs_record_revalidates_them_in_the_background(
    broken_child, social_worker, settings, fakes, django_capture_on_commit_callbacks
):
    from people import services as people

    settings.HARBOUR_REVALIDATE_ON_CHANGE = True
    services.validate_live_data()
    calls.clear()
    broken_child.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        people.update_person(
            actor=social_worker, person=broken_child, data={"sex": "M"}, expected_version=broken_child.version
        )

    assert [c["person_ids"] for c in calls] == [[broken_child.pk], [broken_child.pk]]
    assert not ValidationFinding.objects.current().filter(rule_code="FAKE-SEX").exists()
    assert Task.objects.filter(func="returns.tasks.revalidate_children", success=True).exists()
    assert not PendingRevalidation.objects.exists()


def test_repeated_changes_before_the_worker_runs_queue_one_task(
    child, settings, fakes, django_capture_on_commit_callbacks
):
    settings.HARBOUR_REVALIDATE_ON_CHANGE = True
    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.queue_revalidation([child.pk])
        services.queue_revalidation([child.pk])
        services.queue_revalidation([child.pk])

    assert len(queued) == 1
    assert PendingRevalidation.objects.filter(key=f"person:{child.pk}").count() == 1


def test_a_lost_waiting_revalidation_is_queued_again(
    child, settings, fakes, django_capture_on_commit_callbacks
):
    settings.HARBOUR_REVALIDATE_ON_CHANGE = True
    PendingRevalidation.objects.create(
        key=f"person:{child.pk}",
        requested_at=timezone.now() - services.PENDING_STALE_AFTER - timedelta(minutes=1),
    )
    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.queue_revalidation([child.pk])

    assert len(queued) == 1
    assert PendingRevalidation.objects.get().requested_at > timezone.now() - timedelta(minutes=1)


def test_a_bulk_change_queues_one_full_validation(db, settings, fakes, django_capture_on_commit_callbacks):
    settings.HARBOUR_REVALIDATE_ON_CHANGE = True
    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.queue_revalidation(range(1, services.BULK_CHANGE_THRESHOLD + 2))
        services.queue_revalidation([5])  # a full run is waiting: it covers this child too

    assert len(queued) == 1
    assert list(PendingRevalidation.objects.values_list("key", flat=True)) == ["all"]


def test_no_revalidation_when_switched_off(child, settings, django_capture_on_commit_callbacks):
    settings.HARBOUR_REVALIDATE_ON_CHANGE = False
    with django_capture_on_commit_callbacks(execute=False) as queued:
        services.queue_revalidation([child.pk])
    assert not queued and not PendingRevalidation.objects.exists()


def test_asking_for_a_full_validation_runs_it_in_the_background(
    analyst, broken_child, fakes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_validation(actor=analyst)

    run = ValidationRun.objects.get()
    assert run.requested_by == analyst and run.status == RunStatus.SUCCEEDED
    assert ValidationFinding.objects.current().filter(rule_code="FAKE-SEX").count() == 2


def test_only_export_roles_may_ask_for_a_full_validation(social_worker):
    with pytest.raises(PermissionDenied):
        services.request_validation(actor=social_worker)
    with pytest.raises(PermissionDenied):
        services.validate_live_data(actor=social_worker)
