"""Settings shared by every Harbour deployment.

Everything that differs between deployments comes from the environment (12-factor).
`local`, `test` and `production` override data structures only.
"""

from pathlib import Path

import environ
import govuk_frontend_jinja  # noqa: F401  (its templates are loaded by config.jinja2)
from csp.constants import NONCE, NONE, SELF

SRC_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SRC_DIR.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("HARBOUR_SECRET_KEY", default="")
DEBUG = env.bool("HARBOUR_DEBUG", default=False)
ALLOWED_HOSTS = env.list("HARBOUR_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("HARBOUR_CSRF_TRUSTED_ORIGINS", default=[])

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'harbour.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep a worker's database connection between requests (a new PostgreSQL connection costs a
# backend process each time), checked before reuse after an error or a restart of the server.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("HARBOUR_DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env.bool(
    "HARBOUR_DB_JIT", default=False
):
    # PostgreSQL compiles a query with its JIT when the query's estimated cost is high, which
    # Harbour's set-based reads over a large authority are: the compiling cost more than it
    # saved (management oversight for 44,000 allocated children: 2.2 s, of which 1.3 s was
    # compiling; 1.85 s against 3.7 s with it off). Harbour's queries are interactive, so
    # its connections run without it (docs/performance/indicators.md, "Speed").
    DATABASES["default"].setdefault("OPTIONS", {})
    options = DATABASES["default"]["OPTIONS"].get("options", "")
    DATABASES["default"]["OPTIONS"]["options"] = f"{options} -c jit=off".strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "csp",
    "core",
    "accounts",
    "audit",
    "people",
    "workforce",
    "timescales",
    "casework",
    "frontdoor",
    "early_help",
    "assessments",
    "plans",
    "protection",
    "cin",
    "looked_after",
    "permanence",
    "care_leavers",
    "rights",
    "quality",
    "demo",
    "lifecycle",  # retention and approved deletion; backup and restore
    "django_q",  # background worker: `manage.py qcluster` (ADR 0016)
    "returns",
    "performance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.middleware.IdleSessionMiddleware",
    "core.middleware.LoginRequiredMiddleware",
    "core.middleware.NoStoreMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.PasswordBackend",  # passwords only; permissions come from the role table
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "config.jinja2.environment",
            "autoescape": True,
            "context_processors": [
                "core.context_processors.harbour",
                "accounts.context_processors.permissions",
            ],
        },
    },
    {
        # Only for Django's own pages that have no Jinja2 equivalent.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

# Argon2 first: a sign-in checks the password in a fraction of the time PBKDF2's many rounds
# take, at a memory cost that keeps guessing dear. The others stay so a password hashed before
# is still checked, and re-hashed with Argon2 when its owner next signs in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "workforce:my_work"
LOGOUT_REDIRECT_URL = "accounts:sign_in"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
WHITENOISE_ROOT = BASE_DIR / "public"


def private_dir(variable: str, default: Path) -> Path:
    """A directory of private files from the environment, a relative one taken from the project
    root (never from the directory Harbour happens to be started in)."""
    path = Path(env.str(variable, default=str(default))).expanduser()
    return path if path.is_absolute() else BASE_DIR / path


# Files filed on a child's record (uploaded documents, generated PDFs, the child's drawings and
# recordings): private, with the database in var/ unless HARBOUR_MEDIA_ROOT says where. No URL
# serves this directory (there is no MEDIA_URL route and it is outside the static and public
# roots): a file is read only through its record's download view, behind the access door. A
# backup must carry this directory as well as the database.
MEDIA_ROOT = private_dir("HARBOUR_MEDIA_ROOT", BASE_DIR / "var" / "media")
# Built statutory returns: likewise private, read only through the audited download view
# (returns.views.download).
RETURNS_ROOT = private_dir("HARBOUR_RETURNS_DIR", BASE_DIR / "var" / "returns")
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT)},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "returns": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(RETURNS_ROOT)},
    },
}

# Sessions and cookies
SESSION_COOKIE_AGE = env.int("HARBOUR_SESSION_SECONDS", default=8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("HARBOUR_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
EMAIL_BACKEND = env.str("HARBOUR_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")

# Logging: no personal data in logs. Application code logs identifiers of records
# (internal primary keys), never names, dates of birth or free text; the filter
# below also strips query strings from request log lines, where search terms live.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "core.logging.RedactPersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": env.str("HARBOUR_LOG_LEVEL", default="INFO")},
    # Django's own request lines (the development server's, and "Not Found: /path" and the
    # like) reach the redacting handler above instead of Django's unfiltered default ones.
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
    },
}

# The one local authority this deployment serves (ADR 0005).
HARBOUR_AUTHORITY = {
    "name": env.str("HARBOUR_LA_NAME", default="Harbourside Metropolitan Borough Council"),
    "la_code": env.str("HARBOUR_LA_CODE", default="999"),
    # The ONS (GSS) code of the authority's area: the SSDA903 rules use it to tell in-area from
    # out-of-area placements. The demo borough's addresses use Hartlepool's real postcodes, so
    # the default is Hartlepool's code (docs/adr, "SSDA903 postcodes and area code").
    "gss_code": env.str("HARBOUR_LA_GSS_CODE", default="E06000001"),
    "child_population": env.int("HARBOUR_CHILD_POPULATION", default=62000),
    "child_id_prefix": env.str("HARBOUR_CHILD_ID_PREFIX", default="HB"),
}
# Local targets, tighter than the statutory maximum: rule id -> (amount, unit).
# From the environment as "assessment=35:working_days,cp_review=5:months".
HARBOUR_LOCAL_TARGETS = {
    rule_id: (int(spec.split(":", 1)[0]), spec.split(":", 1)[1])
    for rule_id, spec in env.dict("HARBOUR_LOCAL_TARGETS", default={}).items()
}
HARBOUR_AUDIT_TRIGGERS = True
# The audit chain's HMAC keys (ADR 0003): comma-separated id:secret entries, the first signs new
# rows and checkpoints, all verify (audit.keys; `manage.py new_audit_key`). Required in production.
HARBOUR_AUDIT_KEYS = env.list("HARBOUR_AUDIT_KEYS", default=[])
# Rows written before the chain was keyed verify by plain SHA-256, but only up to this row id
# (what `verify_audit_chain` reported when the installation was upgraded; 0 for one installed
# since): a later unkeyed row is a rewrite by someone without the key.
HARBOUR_AUDIT_UNKEYED_UNTIL = env.int("HARBOUR_AUDIT_UNKEYED_UNTIL", default=0)
# The nightly audit checkpoint is appended here too; ship it off the server (ADR 0003).
HARBOUR_AUDIT_ANCHOR_FILE = env.str(
    "HARBOUR_AUDIT_ANCHOR_FILE", default=str(BASE_DIR / "var" / "audit-anchors.jsonl")
)
# An administrator may undo a merge of two records of one person for this many days after it
# (people.services.merge_undo).
HARBOUR_MERGE_UNDO_DAYS = env.int("HARBOUR_MERGE_UNDO_DAYS", default=30)


# --- Sign-in, sessions and drafts (ADRs 0009, 0011, 0014) -------------------------------------
# Sign-in throttling (accounts.lockout): N failures within the window lock for the window.
HARBOUR_LOCKOUT_FAILURES = env.int("HARBOUR_LOCKOUT_FAILURES", default=5)
HARBOUR_LOCKOUT_CODE_FAILURES = env.int("HARBOUR_LOCKOUT_CODE_FAILURES", default=5)
HARBOUR_LOCKOUT_IP_FAILURES = env.int("HARBOUR_LOCKOUT_IP_FAILURES", default=50)
HARBOUR_LOCKOUT_MINUTES = env.int("HARBOUR_LOCKOUT_MINUTES", default=15)
# Keys for values encrypted at rest (two-factor secrets): comma-separated Fernet keys, the
# first encrypts, all decrypt (core.encryption). Required in production.
HARBOUR_FIELD_KEYS = env.list("HARBOUR_FIELD_KEYS", default=[])
# Backups are encrypted to these age public keys (`age1...`, comma-separated; ADR 0008).
HARBOUR_BACKUP_RECIPIENTS = env.list("HARBOUR_BACKUP_RECIPIENTS", default=[])
# Each record erased under the retention rules, kept outside the database and the media root
# so a restore erases again what it brought back (lifecycle.erasure_register; ADR 0010).
HARBOUR_ERASURE_REGISTER = env.str(
    "HARBOUR_ERASURE_REGISTER", default=str(BASE_DIR / "var" / "erasure-register.jsonl")
)
# Backups are signed with this Ed25519 private key file (manage.py backup_signing_keygen), and
# restore accepts only archives signed by one of the trusted public keys (ed25519:..., comma-separated).
HARBOUR_BACKUP_SIGNING_KEY = env.str("HARBOUR_BACKUP_SIGNING_KEY", default="")
HARBOUR_BACKUP_TRUSTED_KEYS = env.list("HARBOUR_BACKUP_TRUSTED_KEYS", default=[])
# Where restore finds the age identity (private key) file by default; normally given as --identity.
HARBOUR_BACKUP_IDENTITY = env.str("HARBOUR_BACKUP_IDENTITY", default="")
# Behind a reverse proxy, the META key carrying the client address (e.g. HTTP_X_FORWARDED_FOR).
HARBOUR_TRUSTED_PROXY_HEADER = env.str("HARBOUR_TRUSTED_PROXY_HEADER", default="")
# Accounts with no sign-in for this many days are disabled (manage.py disable_dormant_accounts).
HARBOUR_DORMANT_DAYS = env.int("HARBOUR_DORMANT_DAYS", default=90)
# Idle sessions end after HARBOUR_IDLE_MINUTES; the warning shows HARBOUR_IDLE_WARNING_MINUTES before.
HARBOUR_IDLE_SECONDS = env.int("HARBOUR_IDLE_MINUTES", default=30) * 60
HARBOUR_IDLE_WARNING_SECONDS = env.int("HARBOUR_IDLE_WARNING_MINUTES", default=5) * 60
# However active, a session ends HARBOUR_SESSION_ABSOLUTE_HOURS after sign-in (a working day).
HARBOUR_SESSION_ABSOLUTE_SECONDS = env.int("HARBOUR_SESSION_ABSOLUTE_HOURS", default=10) * 60 * 60
HARBOUR_DRAFT_AUTOSAVE_SECONDS = env.int("HARBOUR_DRAFT_AUTOSAVE_SECONDS", default=20)
# Server-side drafts not touched for this many days are deleted by `manage.py purge_drafts`
# (`core.drafts.purge_old_drafts`, meant to run daily from the scheduler).
HARBOUR_DRAFT_RETENTION_DAYS = env.int("HARBOUR_DRAFT_RETENTION_DAYS", default=30)

# Sign-in through the council's identity provider (OpenID Connect, ADR 0011). Configured
# only when HARBOUR_OIDC_RP_CLIENT_ID and the provider endpoints are set.
HARBOUR_OIDC_ENABLED = bool(env.str("HARBOUR_OIDC_RP_CLIENT_ID", default=""))
# Which claims identify the provider's account: "sub" (the OpenID Connect subject), or "oid"
# (Entra ID's object id together with its tenant id, `tid`). Accounts are bound to it.
HARBOUR_OIDC_SUBJECT = env.str("HARBOUR_OIDC_SUBJECT", default="sub")
# The provider's sign-in counts as two-factor only when the ID token's `amr` holds one of these
# values (or two kinds of factor, RFC 8176), or its `acr` is one of HARBOUR_OIDC_MFA_ACR;
# otherwise Harbour asks for its own code.
HARBOUR_OIDC_MFA_AMR = env.list("HARBOUR_OIDC_MFA_AMR", default=["mfa"])
HARBOUR_OIDC_MFA_ACR = env.list("HARBOUR_OIDC_MFA_ACR", default=[])
if HARBOUR_OIDC_ENABLED:
    OIDC_RP_CLIENT_ID = env.str("HARBOUR_OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env.str("HARBOUR_OIDC_RP_CLIENT_SECRET", default="")
    OIDC_RP_SIGN_ALGO = env.str("HARBOUR_OIDC_RP_SIGN_ALGO", default="RS256")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("HARBOUR_OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env.str("HARBOUR_OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env.str("HARBOUR_OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env.str("HARBOUR_OIDC_OP_JWKS_ENDPOINT", default="")
    OIDC_RP_SCOPES = "openid email profile"
    OIDC_CREATE_USER = False  # staff accounts (role, team) are made by administrators first
    OIDC_USE_PKCE = True
    LOGIN_REDIRECT_URL_FAILURE = "/accounts/sign-in/"
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "accounts.oidc.HarbourOIDCBackend"]


# --- Background worker (ADR 0016) ---------------------------------------------------------------
# django-q2 with the database as its broker: no extra service to run. `manage.py qcluster`
# is the worker (`make run` starts it beside the web server; production runs it as its own
# service). A task may run for `timeout` seconds; `retry` must be longer than that.
Q_CLUSTER = {
    "name": "harbour",
    "orm": "default",
    "workers": env.int("HARBOUR_WORKERS", default=2),
    "recycle": 50,
    "timeout": env.int("HARBOUR_TASK_TIMEOUT_SECONDS", default=30 * 60),
    "retry": env.int("HARBOUR_TASK_TIMEOUT_SECONDS", default=30 * 60) + 5 * 60,
    "max_attempts": 1,
    "catch_up": False,
    "save_limit": 500,
    "ack_failures": True,
    "poll": 1,
    "label": "Background tasks",
    # Workers start helper processes for the returns' rules (returns.processes, ADR 0024):
    # a daemonic process may not have children.
    "daemonize_workers": False,
}
# Re-validate a child's returns in the background when their record changes (returns.on_change).
HARBOUR_REVALIDATE_ON_CHANGE = env.bool("HARBOUR_REVALIDATE_ON_CHANGE", default=True)
# Processes a worker runs a re-validation's rules on: itself and this many less one helpers,
# each holding the rule sets and postcodes (210-325 MB). 1: the worker runs every rule itself.
HARBOUR_VALIDATION_PROCESSES = env.int("HARBOUR_VALIDATION_PROCESSES", default=2)
