"""Background tasks of the quality app, run by the worker (`manage.py qcluster`, ADR 0016),
each a thin entry point into `quality.services`, scheduled in `returns.schedules`."""

from . import services


def duplicate_sweep() -> str:
    """The nightly duplicate sweep (see `manage.py setup_schedules`)."""
    sweep = services.sweep_for_duplicates(actor=None)
    return f"{sweep.proposed} new pairs to review of {sweep.probable} probable, {sweep.people} people"
