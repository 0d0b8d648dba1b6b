"""The orphaned-file sweep: stored files no row refers to are listed (the default) or, when
asked, deleted and the sweep audited by count; referenced files and files younger than the
grace period are never touched; the worker runs it nightly."""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.utils import timezone

from audit.models import AuditAction, AuditEvent
from casework.models import Document, DocumentType
from lifecycle import orphans, services
from returns import schedules
from returns.models import ExportRun, RunStatus

pytestmark = pytest.mark.django_db
NOW = timedelta(0)


@pytest.fixture(autouse=True)
def fresh_storages(settings):
    """Storages of this test's own (the test process's in-memory ones outlive each test)."""
    memory = {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    settings.STORAGES = {**settings.STORAGES, "default": dict(memory), "returns": dict(memory)}


@pytest.fixture
def files(social_worker, child):
    default, returns = storages["default"], storages["returns"]
    kept = default.save("documents/2026/12/plan.pdf", ContentFile(b"%PDF-1.7 plan"))
    Document.objects.create(
        person=child,
        title="Plan",
        doc_type=DocumentType.PLAN,
        document_date=date(2026, 12, 1),
        file=kept,
        uploaded_by=social_worker,
        content_type="application/pdf",
    )
    built = returns.save("cin_census/census.xml", ContentFile(b"<census/>"))
    ExportRun.objects.create(
        return_name="cin_census",
        year=2026,
        requested_by=social_worker,
        requested_at=timezone.now(),
        status=RunStatus.SUCCEEDED,
        file_name="census.xml",
        file_path=built,
        file_size=9,
    )
    left = default.save("documents/2026/12/rolled-back.pdf", ContentFile(b"%PDF-1.7 left behind"))
    stray = returns.save("cin_census/stopped.xml", ContentFile(b"<census>"))
    return {"kept": kept, "built": built, "left": left, "stray": stray}


def test_sweep_lists_only_files_no_row_refers_to(files):
    assert sorted(orphans.orphans(grace=NOW)) == [("default", files["left"]), ("returns", files["stray"])]


def test_sweep_leaves_files_younger_than_the_grace_period(files):
    assert orphans.orphans(grace=timedelta(hours=1)) == []
    later = timezone.now() + timedelta(hours=2)
    assert len(orphans.orphans(grace=timedelta(hours=1), now=later)) == 2


def test_command_lists_and_deletes_nothing_by_default(files, capsys):
    call_command("sweep_orphaned_files", older_than_hours=0)

    out = capsys.readouterr().out
    assert f"default: {files['left']}" in out and f"returns: {files['stray']}" in out
    assert "2 orphaned files. Nothing deleted: run again with --delete." in out
    assert storages["default"].exists(files["left"]) and storages["returns"].exists(files["stray"])
    assert not AuditEvent.objects.filter(action=AuditAction.DELETE).exists()


def test_command_deletes_orphans_when_asked_and_audits_the_sweep_by_count(files, capsys):
    call_command("sweep_orphaned_files", delete=True, older_than_hours=0)

    assert "Deleted 2 orphaned files." in capsys.readouterr().out
    assert not storages["default"].exists(files["left"]) and not storages["returns"].exists(files["stray"])
    assert storages["default"].exists(files["kept"]) and storages["returns"].exists(files["built"])
    event = AuditEvent.objects.get(action=AuditAction.DELETE)
    assert event.summary == "Orphaned stored files deleted: 2 of 2"
    assert event.changes["found"] == {"default": 1, "returns": 1}
    assert "rolled-back" not in event.summary + str(event.changes)


def test_nothing_to_sweep_is_said_and_not_audited(social_worker, capsys):
    assert services.sweep_orphaned_files(actor=social_worker, delete=True, grace=NOW).found == []
    call_command("sweep_orphaned_files", delete=True)
    assert "No orphaned files." in capsys.readouterr().out
    assert not AuditEvent.objects.filter(action=AuditAction.DELETE).exists()


def test_the_sweep_is_scheduled_nightly_and_deletes_a_day_old_orphan(files, monkeypatch):
    from django_q.models import Schedule, Task
    from django_q.tasks import async_task

    schedules.register()
    sweep = Schedule.objects.get(name="lifecycle: sweep orphaned files")
    assert (sweep.func, sweep.schedule_type) == (
        "lifecycle.tasks.sweep_orphaned_files_nightly",
        Schedule.DAILY,
    )
    two_days_on = timezone.now() + timedelta(days=2)
    monkeypatch.setattr(orphans.timezone, "now", lambda: two_days_on)

    async_task(sweep.func, task_name="sweep")  # sync mode: runs now

    assert Task.objects.get(name="sweep").success
    assert not storages["default"].exists(files["left"]) and storages["default"].exists(files["kept"])
