"""Settings for vanthu, read from environment variables (each documented in docs/configuration.md).

The defaults give the embedded mode: SQLite in WAL mode and files on local disk under VANTHU_DATA_DIR.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


DATA_DIR = Path(env("VANTHU_DATA_DIR", str(PROJECT_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env("VANTHU_SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
DEBUG = env_bool("VANTHU_DEBUG", False)
ALLOWED_HOSTS = [
    h.strip() for h in env("VANTHU_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in env("VANTHU_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "bootstrap",
    "django_tasks",
    "django_tasks_db",
    "vanthu.common",
    "vanthu.organization",
    "vanthu.history",
    "vanthu.notifications",
    "vanthu.registers",
    "vanthu.documents",
    "vanthu.incoming",
    "vanthu.outgoing",
    "vanthu.tasks",
    "vanthu.reports",
    "vanthu.search",
    "vanthu.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vanthu.web.middleware.VietnameseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "vanthu.web.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "vanthu.urls"
WSGI_APPLICATION = "vanthu.wsgi.application"

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
                "django.template.context_processors.i18n",
                "vanthu.web.context_processors.navigation",
            ],
        },
    }
]


def database_from_url(url: str) -> dict:
    """Turn ``sqlite:///path`` or ``postgresql://user:pass@host:port/name`` into a DATABASES entry."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path) or str(DATA_DIR / "vanthu.sqlite3")
        if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
            path = path.lstrip("/") if not Path(path).is_absolute() else path
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path,
            "OPTIONS": {
                # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at the start
                # of every transaction, so concurrent writers queue (busy timeout) instead of failing.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
            },
            # A file (not memory) so that concurrent threads and the live server share it; one per process so
            # that parallel test runs do not collide.
            "TEST": {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")},
        }
    if parsed.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "vanthu",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": env_int("VANTHU_DB_CONN_MAX_AGE", 60),
            # one test database per process, so that parallel test runs on one server do not collide
            "TEST": {"NAME": f"test_{unquote(parsed.path.lstrip('/')) or 'vanthu'}_{os.getpid()}"},
        }
    raise ValueError(f"VANTHU_DATABASE_URL: unsupported scheme {parsed.scheme!r}")


DATABASES = {
    "default": database_from_url(env("VANTHU_DATABASE_URL", f"sqlite:///{DATA_DIR / 'vanthu.sqlite3'}"))
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organization.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("VANTHU_TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
FORMAT_MODULE_PATH = ["vanthu.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(env("VANTHU_MEDIA_ROOT", str(DATA_DIR / "files")))
MEDIA_URL = "/media/"

if env("VANTHU_STORAGE", "local") == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("VANTHU_S3_BUCKET"),
            "endpoint_url": env("VANTHU_S3_ENDPOINT_URL") or None,
            "access_key": env("VANTHU_S3_ACCESS_KEY") or None,
            "secret_key": env("VANTHU_S3_SECRET_KEY") or None,
            "region_name": env("VANTHU_S3_REGION") or None,
            "file_overwrite": False,
            "default_acl": None,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if env_bool("VANTHU_COMPRESS_STATIC", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Uploads: documents are PDF or images, each at most VANTHU_MAX_UPLOAD_MB.
VANTHU_MAX_UPLOAD_MB = env_int("VANTHU_MAX_UPLOAD_MB", 50)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
VANTHU_PENDING_UPLOAD_DIR = DATA_DIR / "pending-uploads"

#: Search index (Tantivy) directory, and whether every change is reindexed by a background job after it commits.
VANTHU_SEARCH_DIR = Path(env("VANTHU_SEARCH_DIR", str(DATA_DIR / "search"))).resolve()
VANTHU_SEARCH_AUTO_INDEX = env_bool("VANTHU_SEARCH_AUTO_INDEX", True)
#: Search backend: ``tantivy`` (embedded index in VANTHU_SEARCH_DIR, the default) or ``postgres`` (a table of the
#: PostgreSQL database, unaccent + tsvector + GIN, shared by web nodes on several machines; needs PostgreSQL).
VANTHU_SEARCH_BACKEND = env("VANTHU_SEARCH_BACKEND", "tantivy").strip().lower()
if VANTHU_SEARCH_BACKEND not in {"tantivy", "postgres"}:
    raise ValueError(f"VANTHU_SEARCH_BACKEND: {VANTHU_SEARCH_BACKEND!r} is neither 'tantivy' nor 'postgres'")
#: PostgreSQL backend: a query matching more than this is shown newest first, "more than N results" (no ranking or
#: counting of every match: one common word matches most of a million items).
VANTHU_SEARCH_COUNT_LIMIT = max(100, env_int("VANTHU_SEARCH_COUNT_LIMIT", 5000))

TASKS = {
    "default": {
        "BACKEND": env("VANTHU_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

EMAIL_BACKEND = env("VANTHU_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("VANTHU_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("VANTHU_EMAIL_PORT", 25)
EMAIL_HOST_USER = env("VANTHU_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("VANTHU_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("VANTHU_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("VANTHU_DEFAULT_FROM_EMAIL", "vanthu@localhost")

# Deadlines: a document is "sắp đến hạn" when its deadline is at most this many working days away.
VANTHU_DUE_SOON_WORKING_DAYS = env_int("VANTHU_DUE_SOON_WORKING_DAYS", 2)

# Tasks (nhiệm vụ): automatic reminders go this many working days before a deadline (and each working day
# overdue); the scheduler of `vanthu serve` queues the daily reminder job at this local time (HH:MM).
VANTHU_REMINDER_WORKING_DAYS = env_int("VANTHU_REMINDER_WORKING_DAYS", 3)
VANTHU_REMINDER_TIME = env("VANTHU_REMINDER_TIME", "07:00")
# seconds the dashboard keeps its incoming-documents figures per user and period (0: always compute)
VANTHU_REPORT_CACHE_SECONDS = env_int("VANTHU_REPORT_CACHE_SECONDS", 300)

# Font files for PDF exports (Vietnamese needs a Unicode TrueType font).
VANTHU_PDF_FONT = env("VANTHU_PDF_FONT", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("VANTHU_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
