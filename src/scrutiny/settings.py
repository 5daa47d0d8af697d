"""Settings, read from the environment (the full table is in README.md and docs/deploy.md).

Production is the default: with DEBUG off the HTTPS-only settings are on unless switched
off one by one, and the app refuses to start on the development key or without
ALLOWED_HOSTS. ``SCRUTINY_LOCAL=on`` (set by ``make demo`` and the tests) runs on plain
HTTP on this machine: the development key is allowed and the HTTPS settings default off.
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("SCRUTINY_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    try:
        return int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


DEBUG = env_bool("DEBUG", False)
LOCAL = env_bool("SCRUTINY_LOCAL", False)
DEVELOPMENT_KEY = "insecure-development-key-change-me"
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip() or DEVELOPMENT_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or LOCAL else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

if not (DEBUG or LOCAL):
    if SECRET_KEY == DEVELOPMENT_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set: Scrutiny will not run in production on the development key. "
            "Set SECRET_KEY to a long random value (docs/deploy.md), or SCRUTINY_LOCAL=on to "
            "run a demo on this machine."
        )
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "SECRET_KEY is too short or too simple: use at least 50 random characters."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is empty: set it to the site's host name(s), comma-separated."
        )

# HTTPS: on in production unless switched off one by one (e.g. SECURE_SSL_REDIRECT=off when
# the proxy redirects). Behind a TLS proxy set SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto.
_SECURE = not (DEBUG or LOCAL)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", _SECURE)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", _SECURE)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _SECURE)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if _SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", _SECURE)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", _SECURE)
_proxy_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip()
if _proxy_header:
    # "X-Forwarded-Proto" or "X-Forwarded-Proto,https": the header the proxy sets and the
    # value that means the visitor used HTTPS.
    _name, _, _value = _proxy_header.partition(",")
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _name.strip().upper().replace("-", "_").removeprefix("HTTP_"),
        _value.strip() or "https",
    )
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)

DOMAIN_APPS = [
    "scrutiny.core",
    "scrutiny.committees",
    "scrutiny.interests",
    "scrutiny.documents",
    "scrutiny.minutes",
    "scrutiny.recommendations",
    "scrutiny.workprogramme",
    "scrutiny.casedata",
    "scrutiny.performance",
    "scrutiny.statistics",
    "scrutiny.education",
    "scrutiny.reviews",
    "scrutiny.youthjustice",
    "scrutiny.public",
    "scrutiny.paperimport",
    # The officer's home: reads the apps above, imported by none.
    "scrutiny.workspace",
    # The members' side: reads the apps above, imported by none but notifications.
    "scrutiny.members",
    # Reads every app above and is imported by none: events reach it as signals.
    "scrutiny.notifications",
    # Backups of every store: above all the others.
    "scrutiny.operations",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Domain apps in dependency order; demo loaders run in this order too.
    *DOMAIN_APPS,
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    *(["django_rq"] if os.environ.get("SCRUTINY_TASKS", "database") == "redis" else []),
]

MIDDLEWARE = [
    "scrutiny.core.health.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "scrutiny.core.signin.OfficerSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Refused changes: anonymous visitors are sent to sign in, signed-in users get 403.
    "scrutiny.core.actors.RefusalMiddleware",
    # Private unless a view says public to an anonymous visitor; no-store for withheld content.
    "scrutiny.core.caching.CacheControlMiddleware",
    # The API's conditional GET, CORS and caching (inside the site-wide cache rule).
    "scrutiny.public.api.http.ApiHttpMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "scrutiny.urls"
# Every form renders through one GOV.UK template (error summary, hints, errors tied to inputs).
FORM_RENDERER = "scrutiny.core.forms.GovukFormRenderer"
WSGI_APPLICATION = "scrutiny.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "scrutiny.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'scrutiny.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The web server and the worker share the file: readers never wait for a writer (WAL),
    # writers queue for the lock instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# Background work (scrutiny.core.queue): the database backend needs nothing else; Redis
# (SCRUTINY_TASKS=redis, through RQ) for installations with several workers.
TASKS_BACKEND = os.environ.get("SCRUTINY_TASKS", "database").strip() or "database"
TASKS: dict[str, dict[str, Any]]
if TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASKS_BACKEND == "redis":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {
        "default": {
            "URL": os.environ.get("SCRUTINY_REDIS_URL", "redis://127.0.0.1:6379/0"),
            "DEFAULT_TIMEOUT": 1800,
        }
    }
else:
    raise ImproperlyConfigured(
        f"SCRUTINY_TASKS must be 'database' or 'redis', not {TASKS_BACKEND!r}."
    )

# Cache (public pages for anonymous visitors, core.pagecache): shared by every web worker, so
# a change seen by one is seen by all. SCRUTINY_CACHE=redis in production (SCRUTINY_REDIS_URL),
# the database by default (the demo; table created by `scrutiny migrate` and `scrutiny serve`),
# locmem only for a single process (the tests).
SCRUTINY_PAGE_CACHE = env_bool("SCRUTINY_PAGE_CACHE", True)  # off: every page rendered afresh
CACHE_BACKEND = os.environ.get("SCRUTINY_CACHE", "database").strip() or "database"
CACHES: dict[str, dict[str, Any]]
if CACHE_BACKEND == "redis":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("SCRUTINY_REDIS_URL", "redis://127.0.0.1:6379/0"),
            "KEY_PREFIX": "scrutiny",
        }
    }
elif CACHE_BACKEND == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "scrutiny_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
elif CACHE_BACKEND == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured(
        f"SCRUTINY_CACHE must be 'redis', 'database' or 'locmem', not {CACHE_BACKEND!r}."
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("SCRUTINY_PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in (scrutiny.core.signin, ADR 0901): django-axes locks an account after repeated
# failures, and separately an address, for AXES_COOLOFF_MINUTES; an officer unlocks from the
# sign-in locks screen. Behind the TLS proxy the visitor's address is the first
# X-Forwarded-For entry the proxy adds (SECURE_PROXY_SSL_HEADER set means there is a proxy).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "password", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "scrutiny.core.signin.client_address"
SCRUTINY_BEHIND_PROXY = env_bool("SCRUTINY_BEHIND_PROXY", bool(_proxy_header))

# Sessions: everyone's end when the browser closes; an officer's also after a working day
# without a request (SCRUTINY_OFFICER_IDLE_HOURS); others' after SESSION_COOKIE_AGE.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SCRUTINY_OFFICER_IDLE_SECONDS = env_int("SCRUTINY_OFFICER_IDLE_HOURS", 8) * 60 * 60
# Officers' second factor (TOTP, django-otp): optional unless required here.
SCRUTINY_REQUIRE_OFFICER_OTP = env_bool("SCRUTINY_REQUIRE_OFFICER_OTP", False)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Scrutiny")
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:landing"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Hashed names, compressed copies and a year's caching (`scrutiny collectstatic`, which
# `scrutiny serve` runs first). SCRUTINY_STATIC_MANIFEST=off serves the files from the apps
# as they are (development, tests).
STATIC_MANIFEST = env_bool("SCRUTINY_STATIC_MANIFEST", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "scrutiny.core.staticfiles.HashedStaticStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_AUTOREFRESH = DEBUG and not STATIC_MANIFEST
WHITENOISE_MAX_AGE = 31_536_000 if STATIC_MANIFEST else 60

# Uploaded documents never live under a public URL: they are served by views that apply the
# access check (scrutiny.core.access).
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = None
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760
SCRUTINY_MAX_UPLOAD_BYTES = int(os.environ.get("SCRUTINY_MAX_UPLOAD_BYTES", 25 * 1024 * 1024))
# Zipped office files are checked against these before any parsing (scrutiny.core.archives):
# a Word paper's text is converted in the request, so its XML is kept small; a spreadsheet's
# rows are read in a stream and stop at the row cap.
SCRUTINY_MAX_DOCX_TEXT_BYTES = env_int("SCRUTINY_MAX_DOCX_TEXT_BYTES", 5 * 1024 * 1024)
SCRUTINY_MAX_DOCX_EXPANDED_BYTES = env_int("SCRUTINY_MAX_DOCX_EXPANDED_BYTES", 100 * 1024 * 1024)
SCRUTINY_MAX_XLSX_EXPANDED_BYTES = env_int("SCRUTINY_MAX_XLSX_EXPANDED_BYTES", 200 * 1024 * 1024)
SCRUTINY_MAX_ARCHIVE_ENTRIES = env_int("SCRUTINY_MAX_ARCHIVE_ENTRIES", 2000)

# The site's own address, for links in email and PDFs printed by the worker (no request).
SCRUTINY_SITE_URL = os.environ.get("SCRUTINY_SITE_URL", "").strip() or (
    f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS and _SECURE else "http://127.0.0.1:8000"
)

# Email: SMTP from the environment; the console backend (messages printed by the worker)
# when no EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "").strip()
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Scrutiny <scrutiny@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where officers' notices go when no officer account has an email address.
SCRUTINY_OFFICERS_EMAIL = os.environ.get("SCRUTINY_OFFICERS_EMAIL", "").strip()

# Members' private notes on the papers of a panel they left are deleted this many days after
# they left it (scrutiny.members, the nightly purge).
SCRUTINY_NOTES_RETENTION_DAYS = int(os.environ.get("SCRUTINY_NOTES_RETENTION_DAYS", "90"))

# The panels (slugs) whose report the monthly performance report is: their current members
# see exact small numbers. Unset: every panel receives it.
SCRUTINY_PERFORMANCE_PANELS = env_list("SCRUTINY_PERFORMANCE_PANELS")

# Council wording for reading past papers (scrutiny.paperimport): a vocabulary name or path.
SCRUTINY_PAPERS_VOCABULARY = os.environ.get("SCRUTINY_PAPERS_VOCABULARY", "")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: scripts, styles, fonts and images from this site only; no inline
# script or style (templates link static files), no plugins, no framing.
SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": ["'none'"],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": ["'none'"],
    }
}

# Logs: one line per event on standard output, as text or JSON (SCRUTINY_LOG_FORMAT=json);
# the filter removes anything shaped like a child's identifier before a line is written.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "no_child_identifiers": {"()": "scrutiny.core.logs.ChildIdentifierFilter"},
        "database_away": {"()": "scrutiny.core.logs.DatabaseAwayFilter"},
    },
    "formatters": {
        "text": {"()": "scrutiny.core.logs.OneLineFormatter"},
        "json": {"()": "scrutiny.core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json" if os.environ.get("SCRUTINY_LOG_FORMAT") == "json" else "text",
            "filters": ["no_child_identifiers"],
        },
        "requests": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json" if os.environ.get("SCRUTINY_LOG_FORMAT") == "json" else "text",
            "filters": ["database_away", "no_child_identifiers"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"handlers": ["requests"], "propagate": False},
        "django.server": {"handlers": ["requests"], "propagate": False},
        "weasyprint": {"level": "ERROR"},
        # A line per task start and finish, every few seconds for the periodic ones, says
        # nothing; failures still show. Scrutiny logs the work that was done.
        "django_tasks": {"level": os.environ.get("SCRUTINY_TASK_LOG_LEVEL", "WARNING")},
        "django_tasks_db": {"level": os.environ.get("SCRUTINY_TASK_LOG_LEVEL", "WARNING")},
        "fontTools": {"level": "WARNING"},
        # Lockouts are logged at WARNING; every successful sign-in is not news.
        "axes": {"level": "WARNING"},
    },
}
