"""Production: everything from the environment; refuses to start without its secret keys."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import HARBOUR_AUDIT_KEYS, HARBOUR_FIELD_KEYS, SECRET_KEY, STORAGES, env

if not SECRET_KEY:
    raise ImproperlyConfigured("HARBOUR_SECRET_KEY must be set in production.")
if not HARBOUR_FIELD_KEYS:
    raise ImproperlyConfigured(
        "HARBOUR_FIELD_KEYS must be set in production (manage.py new_field_key makes one)."
    )
if not HARBOUR_AUDIT_KEYS:
    raise ImproperlyConfigured(
        "HARBOUR_AUDIT_KEYS must be set in production (manage.py new_audit_key makes one)."
    )

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env.bool("HARBOUR_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("HARBOUR_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
