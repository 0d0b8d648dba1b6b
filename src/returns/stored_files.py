"""The stored files the returns app names outside file fields: each run's built return, in
the private returns storage (for `lifecycle.orphans`: a file no run names is swept)."""

from collections.abc import Iterable

from .models import ExportRun


def referenced() -> Iterable[tuple[str, str]]:
    for path in ExportRun.objects.exclude(file_path="").values_list("file_path", flat=True):
        yield "returns", path
