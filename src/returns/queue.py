"""Handing work to the background worker (`manage.py qcluster`, django-q2, ADR 0016): the one
place that does. In the test settings a task runs at once, in the caller's thread."""

from typing import Any

from django_q.tasks import async_task


def enqueue(func: str, *args: Any, task_name: str | None = None) -> str:
    """Queue `func` (a dotted path, one of `returns.tasks`) with `args`; returns the task id."""
    options: dict[str, Any] = {"group": "returns"}
    if task_name:
        options["task_name"] = task_name
    return str(async_task(func, *args, **options))
