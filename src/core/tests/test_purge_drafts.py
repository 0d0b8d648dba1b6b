"""Old server-side drafts are purged: service, command, audit."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from audit.models import AuditAction, AuditEvent
from audit.services import verify_chain
from core import drafts
from core.models import Draft


def _draft(user, url, days_old):
    draft = drafts.save(user, url, {"summary": "Visited Amelia at home; she was well"})
    Draft.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - timedelta(days=days_old))
    return draft


@pytest.mark.django_db
def test_drafts_older_than_the_setting_are_deleted_when_purged(social_worker, settings):
    settings.HARBOUR_DRAFT_RETENTION_DAYS = 30
    old = _draft(social_worker, "/people/1/visits/new/", 31)
    recent = _draft(social_worker, "/people/2/visits/new/", 29)

    result = drafts.purge_old_drafts()

    assert result.deleted == 1 and result.older_than_days == 30
    assert not Draft.objects.filter(pk=old.pk).exists()
    assert Draft.objects.filter(pk=recent.pk).exists()
    event = AuditEvent.objects.get(action=AuditAction.DELETE)
    assert event.actor_id is None and event.actor_username == ""  # a system action
    assert event.changes["deleted"] == 1 and event.changes["older_than_days"] == 30
    assert "Amelia" not in str(event.changes) + event.summary + event.reason
    assert event.object_type == "" and event.person_id is None
    assert verify_chain().ok


@pytest.mark.django_db
def test_command_takes_older_than_and_prints_only_the_count(social_worker, capsys):
    _draft(social_worker, "/people/1/visits/new/", 10)
    _draft(social_worker, "/people/2/visits/new/", 3)

    call_command("purge_drafts", "--older-than", "7")

    out = capsys.readouterr().out
    assert out.strip() == "1 draft older than 7 days deleted."
    assert Draft.objects.count() == 1
    assert social_worker.username not in out


@pytest.mark.django_db
def test_command_refuses_when_older_than_is_zero(social_worker):
    _draft(social_worker, "/people/1/visits/new/", 0)

    with pytest.raises(CommandError):
        call_command("purge_drafts", "--older-than", "0")
    assert Draft.objects.count() == 1
    assert not AuditEvent.objects.filter(action=AuditAction.DELETE).exists()


@pytest.mark.django_db
def test_nothing_to_purge_is_still_audited_when_run(db):
    result = drafts.purge_old_drafts(older_than_days=30)

    assert result.deleted == 0
    assert AuditEvent.objects.get(action=AuditAction.DELETE).summary == "Old drafts purged: 0"
