"""Work a web process does once, as it starts, instead of in its first requests.

A new process compiles each template the first time it is rendered, builds the URL resolver,
imports each stage's page modules (panels, work lists, chronology sources) and loads its
calendars on first use: measured on the 85,000-child load-test authority, the first child's
page a process served took about 650 ms and the first My work about 380 ms, against 20-45 ms
after. Every process restarted (a deploy, gunicorn replacing a worker) made someone wait for it.
`config.wsgi` calls `warm_up()` as the application loads, before the process takes requests.
Nothing here reads the database or any record.
"""

import logging
import time

from django.template import engines
from django.urls import get_resolver
from django.utils import timezone

from core.extensions import app_modules
from timescales.calendar import add_working_days

logger = logging.getLogger(__name__)

# The extension modules the pages read (see core.extensions).
PAGE_MODULES = (
    "navigation",
    "panels",
    "summary",
    "worklist",
    "chronology",
    "documents",
    "episode_guards",
    "on_change",
)


def warm_up() -> int:
    """Compile every template, build the URL resolver, import the stages' page modules and
    load this year's calendar. Returns how many templates were compiled."""
    started = time.perf_counter()
    env = engines["jinja2"].env  # type: ignore[attr-defined]
    names = [name for name in env.list_templates() if name.endswith((".jinja", ".html"))]
    for name in names:
        env.get_template(name)
    get_resolver().url_patterns  # noqa: B018 - building the resolver is the point
    for module_name in PAGE_MODULES:
        app_modules(module_name)
    add_working_days(timezone.localdate(), 1)
    logger.info("warmed up: %d templates in %.2f s", len(names), time.perf_counter() - started)
    return len(names)
