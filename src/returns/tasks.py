"""Background tasks of the returns app, run by the worker (`manage.py qcluster`, ADR 0016).

Each task is a thin entry point into `returns.services`, named by its dotted path when it is
queued (`returns.queue.enqueue`) or scheduled (`returns.schedules`).
"""

import logging
from typing import Any

from django.conf import settings
from django.utils import timezone

from accounts.models import User

from . import processes, registry, services

logger = logging.getLogger(__name__)


def run_export(run_id: int) -> str:
    return services.run_export(run_id).status


def validate_live_data(requested_by_id: int | None = None) -> str:
    actor = User.objects.filter(pk=requested_by_id).first() if requested_by_id else None
    return services.validate_live_data(actor=actor).status


def revalidate_children(person_ids: list[int]) -> dict[str, Any]:
    return services.revalidate_children(person_ids)


def warm_up_worker(**kwargs: Any) -> None:  # noqa: ARG001 - the signal's arguments
    """When a worker process starts (django-q2's `post_spawn`, connected in `apps.py`): import
    the validator packages and load this year's rules, about 2.5 s, so that the first child
    re-validated after a worker (re)starts (every `recycle` tasks) is not kept waiting for it;
    then start the helper processes that share a re-validation's rules with it (ADR 0024)."""
    year = registry.collection_year(timezone.localdate())
    try:
        registry.warm_up(year)
    except Exception as exc:  # noqa: BLE001 - the worker still starts; its first task loads them
        logger.warning("warming up the returns' rules failed: %s", type(exc).__name__)
    helpers = settings.HARBOUR_VALIDATION_PROCESSES - 1
    if helpers > 0:
        try:
            processes.start(helpers, year)
        except Exception as exc:  # noqa: BLE001 - the worker runs every rule itself
            processes.stop()
            logger.warning("starting the validation helper processes failed: %s", type(exc).__name__)


def nightly_validation() -> str:
    """The schedule's entry point (see `manage.py setup_schedules`)."""
    return validate_live_data(None)
