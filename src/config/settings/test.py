"""The test suite: fast hashing, in-memory e-mail, the database from DATABASE_URL."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "harbour-test-only"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "returns": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
HARBOUR_AUDIT_TRIGGERS = False  # test isolation empties tables; a test installs them itself
WHITENOISE_AUTOREFRESH = True  # serve from app static dirs without collectstatic
# Background tasks run at once, in the caller's thread (django-q2's sync mode).
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
# Other apps' tests change records without re-validating returns; returns' tests switch it on.
HARBOUR_REVALIDATE_ON_CHANGE = False
# Re-validations run every rule in the test's process; returns' tests start helpers themselves.
HARBOUR_VALIDATION_PROCESSES = 1
# Erasures approved in tests are registered in a file of the test process's own.
HARBOUR_ERASURE_REGISTER = str(Path(tempfile.gettempdir()) / f"harbour-test-erasures-{os.getpid()}.jsonl")
# Nightly audit checkpoints taken in tests are appended to a file of the test process's own.
HARBOUR_AUDIT_ANCHOR_FILE = str(
    Path(tempfile.gettempdir()) / f"harbour-test-audit-anchors-{os.getpid()}.jsonl"
)
# Backups made in tests are signed with a key of the test process's own (made on first use).
HARBOUR_BACKUP_DEMO_SIGNING_KEY = str(
    Path(tempfile.gettempdir()) / f"harbour-test-backup-signing-{os.getpid()}.pem"
)
