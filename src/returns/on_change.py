"""A child's record changed (core.extensions.record_changed): re-validate them in the background."""

from collections.abc import Set

from . import services


def record_changed(person_ids: Set[int]) -> None:
    services.queue_revalidation(person_ids)
