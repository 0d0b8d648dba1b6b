"""When a child's record is erased under retention (ADR 0010): the stored files of the returns
built that name the child are deleted with it (once the erasure commits), and each run says
its file is gone; the return can be built again from what is recorded now."""

import io
import re
import zipfile
from typing import TYPE_CHECKING

from django.core.files.storage import Storage, storages

from .models import ExportRun

if TYPE_CHECKING:
    from people.models import Person


def _names(content: bytes, pattern: re.Pattern[bytes]) -> bool:
    if zipfile.is_zipfile(io.BytesIO(content)):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return any(pattern.search(archive.read(member)) for member in archive.namelist())
    return pattern.search(content) is not None


def before_erasure(person: "Person") -> list[tuple[Storage, str]]:
    """The return files naming the child by their Harbour ID (the ID every return carries),
    each run's file cleared in the erasure's transaction."""
    if not person.la_child_id:
        return []
    storage = storages["returns"]
    pattern = re.compile(rb"(?<![A-Za-z0-9])" + re.escape(person.la_child_id.encode()) + rb"(?![A-Za-z0-9])")
    found = []
    for run in ExportRun.objects.exclude(file_path="").order_by("pk"):
        try:
            with storage.open(run.file_path, "rb") as handle:
                content = handle.read()
        except FileNotFoundError:
            content = b""
        if content and not _names(content, pattern):
            continue
        found.append((storage, run.file_path))
        run.file_path = ""
        run.file_size = 0
        run.save(update_fields=["file_path", "file_size"])
    return found
