"""Stored files no row refers to: left by a delete that failed part-way, an upload whose
transaction rolled back after the file was saved, or a build that stopped. They may hold a
child's details that no page shows and no erasure reaches, so they are swept
(`lifecycle.services.sweep_orphaned_files`, `manage.py sweep_orphaned_files`, and the
nightly schedule).

What refers to a file: every `FileField` of every model (the default storage), and each
app's `stored_files.referenced()`: files an app names in a plain column (a return's build in
the returns storage). A file younger than the grace period is never an orphan: its row may
be in a transaction that has not committed yet.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Protocol

from django.apps import apps
from django.core.files.storage import default_storage, storages
from django.db import models
from django.utils import timezone

from core.extensions import app_modules

from .backup_files import STORAGES, stored_names

GRACE = timedelta(hours=24)


class ReferencedFiles(Protocol):
    """The stored files an app names outside file fields, as (storage alias, name)."""

    def __call__(self) -> Iterable[tuple[str, str]]: ...


def _alias(field: models.FileField) -> str | None:
    storage = field.storage
    if storage is default_storage or storage is storages["default"]:
        return "default"
    return next((alias for alias in STORAGES if storages[alias] is storage), None)


def referenced() -> dict[str, set[str]]:
    """Every stored file some row refers to, by storage alias."""
    found: dict[str, set[str]] = defaultdict(set)
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and (alias := _alias(field)):
                names = model._base_manager.exclude(**{field.attname: ""}).values_list(
                    field.attname, flat=True
                )
                found[alias].update(name for name in names if name)
    for module in app_modules("stored_files"):
        named: ReferencedFiles = module.referenced
        for alias, name in named():
            found[alias].add(name)
    return found


def _modified(alias: str, name: str) -> datetime | None:
    try:
        return storages[alias].get_modified_time(name)
    except (NotImplementedError, OSError):
        return None


def orphans(grace: timedelta = GRACE, now: datetime | None = None) -> list[tuple[str, str]]:
    """The stored files no row refers to, older than `grace`, as (storage alias, name)."""
    now = now or timezone.now()
    known = referenced()
    found = []
    for alias in STORAGES:
        for name in stored_names(alias):
            if name in known[alias]:
                continue
            modified = _modified(alias, name)
            if modified is None or now - modified < grace:
                continue  # perhaps an upload whose row has not committed yet
            found.append((alias, name))
    return found
