"""The audit app is the writer of core's trail (`core.trail`)."""

from typing import get_args

from audit import services
from audit.models import AuditAction, AuditEvent
from core import trail


def test_the_audit_app_installs_its_writer_as_django_starts():
    assert trail._writer is services.record


def test_every_action_core_writes_is_an_audit_action():
    assert set(get_args(trail.Action)) <= set(AuditAction.values)


def test_a_row_written_through_the_trail_joins_the_chain(db):
    trail.record(actor=None, action="DELETE", summary="Old drafts purged: 0", changes={"deleted": 0})
    row = AuditEvent.objects.get()
    assert (row.action, row.summary, row.changes, row.actor_id) == (
        AuditAction.DELETE,
        "Old drafts purged: 0",
        {"deleted": 0},
        None,
    )
    assert services.verify_chain().ok
