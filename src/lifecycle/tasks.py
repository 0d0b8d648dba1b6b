"""The lifecycle's background work, run by the worker's schedule (`returns.schedules`)."""

from .services import sweep_orphaned_files


def sweep_orphaned_files_nightly() -> str:
    """Delete the stored files no row refers to, older than the grace period (audited)."""
    sweep = sweep_orphaned_files(actor=None, delete=True)
    return f"{len(sweep.found) - sweep.failed} orphaned files deleted, {sweep.failed} could not be"
