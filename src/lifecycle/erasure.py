"""The files an erasure deletes: each stored file of a row it deletes (an uploaded document,
a generated PDF, the child's drawing or recording), and the files other apps keep that name
the child (a statutory return's file), found through the `on_erasure` plug-in point.

The files are deleted only once the erasure's transaction has committed: a rollback leaves
every row and every file as it was (ADR 0010)."""

import logging
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Protocol

from django.core.files.storage import Storage
from django.db import models, transaction

from core.extensions import app_modules

if TYPE_CHECKING:
    from people.models import Person

logger = logging.getLogger(__name__)

# A stored file: the storage it is in, and its name there.
StoredFile = tuple[Storage, str]


class BeforeErasure(Protocol):
    """Run in the erasure's transaction before the child's rows are deleted: clears what the
    app keeps of the child outside those rows, and gives the stored files naming the child,
    to be deleted once the erasure commits."""

    def __call__(self, person: "Person") -> Iterable[StoredFile]: ...


def files_of(obj: models.Model) -> list[StoredFile]:
    """The stored files of a row's file fields (a document's file, a child's drawing)."""
    found = []
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.FileField):
            value = getattr(obj, field.attname)
            if value:
                found.append((field.storage, str(value)))
    return found


def files_elsewhere(person: "Person") -> list[StoredFile]:
    """Each app's `on_erasure.before_erasure`: the files it keeps that name the child."""
    found: list[StoredFile] = []
    for module in app_modules("on_erasure"):
        before: BeforeErasure = module.before_erasure
        found.extend(before(person))
    return found


def delete_on_commit(files: Iterable[StoredFile]) -> None:
    """Delete these files once the current transaction commits (never if it rolls back)."""
    files = list(files)
    if files:
        transaction.on_commit(partial(delete_files, files))


def delete_files(files: Iterable[StoredFile]) -> int:
    """Delete the files; one that cannot be deleted is logged (by count, never by name, which
    may hold a child's name) and the rest still go. Returns how many could not be deleted."""
    failed = 0
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError as exc:
            failed += 1
            logger.warning("erasure could not delete a stored file: %s", type(exc).__name__)
    if failed:
        logger.warning("erasure left %s stored files undeleted", failed)
    return failed
