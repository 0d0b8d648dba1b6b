"""`make run`: the embedded SQLite database, debug on, demo data."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("HARBOUR_DEBUG", default=True)
SECRET_KEY = env.str("HARBOUR_SECRET_KEY", default="harbour-local-development-only-not-secret")
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# The demo authority sets itself a few local targets tighter than the law requires.
HARBOUR_LOCAL_TARGETS = HARBOUR_LOCAL_TARGETS or {  # noqa: F405
    "assessment": (35, "working_days"),
    "icpc": (12, "working_days"),
    "lac_first_review": (15, "working_days"),
}
WHITENOISE_AUTOREFRESH = True
# A demo database made before the audit chain was keyed still verifies: its unkeyed rows are
# accepted wherever they open the chain (production names the last one, base settings).
HARBOUR_AUDIT_UNKEYED_UNTIL = env.int("HARBOUR_AUDIT_UNKEYED_UNTIL", default=None)
# Documents filed on a child's record (uploaded, and generated with the demo) are kept with the
# embedded database in var/media (base: MEDIA_ROOT), not in the directory Harbour is started from.
# With no HARBOUR_BACKUP_RECIPIENTS, `manage.py backup` encrypts to a demo key pair kept here
# (made on first use) and `restore` decrypts with it. Demo only: production has no such key.
HARBOUR_BACKUP_DEMO_IDENTITY = BASE_DIR / "var" / "demo-backup-identity.txt"  # noqa: F405
# Likewise, with no HARBOUR_BACKUP_SIGNING_KEY the demo's backups are signed with a key kept here,
# and with no HARBOUR_BACKUP_TRUSTED_KEYS restore trusts it.
HARBOUR_BACKUP_DEMO_SIGNING_KEY = BASE_DIR / "var" / "demo-backup-signing-key.pem"  # noqa: F405
