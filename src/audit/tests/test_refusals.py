"""A refusal's audit row: `record_refusal`, the one writer of REFUSED rows, decides its shape."""

from audit import services
from audit.models import AuditAction, AuditEvent


def test_a_refusal_is_one_refused_row_saying_what_was_refused_and_why(db, social_worker, child):
    row = services.record_refusal(
        actor=social_worker, what="view", reason="restricted record", person=child, obj=child
    )

    assert row == AuditEvent.objects.get(action=AuditAction.REFUSED)
    assert (
        row.action,
        row.actor_id,
        row.actor_username,
        row.person_id,
        row.object_type,
        row.object_id,
        row.summary,
        row.changes,
    ) == (
        AuditAction.REFUSED,
        social_worker.pk,
        social_worker.username,
        child.pk,
        "people.Person",
        str(child.pk),
        "view refused: restricted record",
        {},
    )
    assert services.verify_chain().ok


def test_a_refusal_before_any_record_is_read_names_what_was_asked_in_its_changes(db):
    row = services.record_refusal(
        actor=None, what="people.search" + "x" * 200, reason="role lacks people.search", changes={"page": "p"}
    )

    assert (row.action, row.actor_id, row.person_id, row.object_type, row.changes) == (
        AuditAction.REFUSED,
        None,
        None,
        "",
        {"page": "p"},
    )
    assert len(row.summary) == 200 and row.summary.startswith("people.searchxxx")
