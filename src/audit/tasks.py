"""The audit trail's background work, run by the worker's schedule (`returns.schedules`)."""

from .checkpoints import append_to_anchor_file, exported, take_checkpoint


def checkpoint_nightly() -> str:
    """Anchor the chain's end in a signed checkpoint, kept in the database and in the anchor file."""
    checkpoint = take_checkpoint()
    path = append_to_anchor_file(exported(checkpoint))
    where = f", appended to {path}" if path else ""
    return f"Audit checkpoint at row {checkpoint.event_id} ({checkpoint.rows} rows){where}"
