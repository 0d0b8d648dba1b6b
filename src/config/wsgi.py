"""WSGI entry point (production: `gunicorn config.wsgi`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()

from config.warmup import warm_up  # noqa: E402 - after Django is set up by the line above

warm_up()
