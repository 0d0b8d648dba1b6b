"""A child's record changed (core.extensions.record_changed): re-validate them in the background."""

from collections.abc import Set


def record_changed(person_ids: Set[int]) -> None:
    from . import services

    services.queue_revalidation(person_ids)
